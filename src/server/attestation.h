// Attestation: the state behind GET /attestation?nonce=<64 hex> (the MIP's "Verified Privacy").
//
// Representation: the platform's evidence collector, the workload events it recorded at
// start-up, the SHA-256 of the TLS key's SubjectPublicKeyInfo, the nonce registry and a queue of
// one worker. A request is admitted on the IO thread (nonce parsed: 400 with the reason;
// nonce already used within the window: 409), then collected on the queue's worker, because a
// TPM or NSM call blocks for milliseconds to a second and the devices take one caller at a time;
// a full queue answers 429 like /check's. The evidence's user data is the MIP binding of the
// label, the nonce and the TLS key (attest/binding.h), so it proves which channel it is for.
//
// Thread safety: admit() may be called from any thread (the registry locks); answer() runs only
// on the queue's single worker.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "attest/binding.h"
#include "attest/collector.h"
#include "attest/nonce_registry.h"
#include "base/sha256.h"
#include "server/job_queue.h"
#include "server/response.h"

namespace nightjar::server {

class Attestation {
 public:
  struct Options {
    attest::NonceRegistry::Options nonces;
    size_t queue_capacity = 16;
    double timeout_seconds = 30;
  };

  // Measures the workload into the platform's register (once, before anything is served) and
  // keeps the events for every document.
  static Result<std::unique_ptr<Attestation>> start(
      std::unique_ptr<attest::EvidenceCollector> collector,
      const attest::WorkloadMeasurement& workload, const Sha256Digest& tls_spki_sha256,
      const Options& options);

  // The nonce of a GET /attestation target, consumed; or the error response (400, 409).
  std::variant<attest::Nonce, Response> admit(std::string_view target);

  // The JSON document for an admitted nonce, or 500 with the reason.
  Response answer(const attest::Nonce& nonce);

  JobQueue& queue() { return queue_; }
  const std::vector<attest::WorkloadEvent>& events() const { return events_; }

 private:
  Attestation(std::unique_ptr<attest::EvidenceCollector> collector,
              std::vector<attest::WorkloadEvent> events, const Sha256Digest& tls_spki_sha256,
              const Options& options);

  const std::unique_ptr<attest::EvidenceCollector> collector_;
  const std::vector<attest::WorkloadEvent> events_;
  const Sha256Digest tls_spki_sha256_;
  attest::NonceRegistry nonces_;
  JobQueue queue_;
};

// The value of the `nonce` query parameter of a request target, or why it has none.
Result<std::string_view> nonce_parameter(std::string_view target);

}  // namespace nightjar::server
