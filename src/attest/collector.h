// EvidenceCollector: the server's side of attestation, one implementation per platform
// (tpm_collector, gcp_collector, azure_collector, nitro_collector, snp_collector,
// none_collector). Each reaches its hardware through an injectable device interface
// (tpm_device.h, tsm_report.h, nsm.h), so every code path runs in tests against recorded or
// synthetic device answers.
//
// Life cycle: the server opens one collector at start-up, logs its startup_warnings(), calls
// measure_workload() once before it serves anything, then collect() once per /attestation
// request.
// Thread safety: none; the server calls a collector from one thread at a time (its attestation
// queue has one worker), as the devices behind it (a TPM context, a configfs entry) require.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "attest/binding.h"
#include "attest/event_log.h"
#include "attest/platform.h"
#include "attest/verdict.h"
#include "base/sha256.h"
#include "base/status.h"

namespace nightjar::attest {

// What the server measures about itself at start-up (workload.h computes it).
struct WorkloadMeasurement {
  Sha256Digest executable{};
  std::string executable_path;
  std::optional<Sha256Digest> manifest;
  std::string manifest_path;
};

struct CollectedEvidence {
  std::vector<uint8_t> evidence;
  std::vector<std::string> certificates;  // PEM, one certificate each
  // The server's reading of its own evidence, for the document (verifiers read the evidence).
  DebugState debug = DebugState::kUnknown;
  std::vector<std::pair<std::string, std::string>> measurements;
};

class EvidenceCollector {
 public:
  virtual ~EvidenceCollector() = default;

  virtual Platform platform() const = 0;

  // Extends the platform's workload register with the measurement (where it has one) and
  // returns the events as a verifier must replay them.
  virtual Result<std::vector<WorkloadEvent>> measure_workload(const WorkloadMeasurement& m) = 0;

  // Evidence whose signed caller data is `binding` (binding.h). `nonce` is the client's, which
  // Nitro also echoes in its own field.
  virtual Result<CollectedEvidence> collect(const Sha256Digest& binding, const Nonce& nonce) = 0;

  // What opening could not do and the collector works without (Azure's VCEK chain), one line
  // each for the server's start-up log; fixed once the collector is open.
  virtual std::vector<std::string> startup_warnings() const { return {}; }
};

}  // namespace nightjar::attest
