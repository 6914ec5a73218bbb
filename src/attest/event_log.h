// The workload measurement and its event log.
//
// At start-up the server extends one register the hardware keeps, the workload PCR, with the
// SHA-256 of its own executable and then of the image manifest (when one is deployed), and keeps
// the list of what it extended: the event log the /attestation document carries. A verifier
// replays the log from a register of zeros, extend by extend; when the result equals the quoted
// register, the quoted register holds exactly these events and nothing else, so the event digests
// become measurements a policy can pin ("EXECUTABLE", "IMAGE_MANIFEST") independently of the
// machine's boot history. A register someone else extended too (or a server restarted without a
// reboot) does not replay, and the verifier says so.
//
// Registers: a TPM PCR in the SHA-256 bank (new = SHA-256(old ‖ digest)), or a Nitro NSM PCR,
// SHA-384 (new = SHA-384(old ‖ data)). Where the platform has no register the server may extend
// (bare SEV-SNP, none) the events are recorded with no register and prove nothing.
// Plain values; the functions are thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "base/sha256.h"
#include "base/status.h"

namespace nightjar::attest {

inline constexpr std::string_view kEventExecutable = "executable";
inline constexpr std::string_view kEventImageManifest = "image-manifest";

struct WorkloadEvent {
  // The register extended: a PCR index in `bank`, or none.
  std::optional<uint32_t> pcr;
  uint16_t bank = 0;  // TPM_ALG_ID: SHA-256 (TPM) or SHA-384 (Nitro)
  Sha256Digest digest{};
  std::string type;         // kEventExecutable or kEventImageManifest
  std::string description;  // the file measured, for people
};

// The events a server extends: the executable's SHA-256, then the manifest's if given.
std::vector<WorkloadEvent> workload_events(std::optional<uint32_t> pcr, uint16_t bank,
                                           const Sha256Digest& executable,
                                           std::string executable_path,
                                           std::optional<Sha256Digest> manifest,
                                           std::string manifest_path);

// The register value after extending, from zeros, every event for `pcr` in order.
// kInvalidArgument for a bank other than SHA-256 or SHA-384.
Result<std::vector<uint8_t>> replay_events(std::span<const WorkloadEvent> events, uint32_t pcr,
                                           uint16_t bank);

// The measurement name of an event type: "EXECUTABLE", "IMAGE_MANIFEST", or empty.
std::string event_measurement_name(std::string_view type);

}  // namespace nightjar::attest
