#include "server/attestation.h"

#include <chrono>

#include "attest/attestation_document.h"

namespace nightjar::server {

Result<std::string_view> nonce_parameter(std::string_view target) {
  const size_t question = target.find('?');
  std::string_view query =
      question == std::string_view::npos ? std::string_view() : target.substr(question + 1);
  query = query.substr(0, query.find('#'));
  std::optional<std::string_view> found;
  while (!query.empty()) {
    const size_t amp = query.find('&');
    std::string_view pair = query.substr(0, amp);
    query = amp == std::string_view::npos ? std::string_view() : query.substr(amp + 1);
    if (pair.starts_with("nonce=")) {
      if (found) return invalid_argument("nonce: given more than once");
      found = pair.substr(6);
    }
  }
  if (!found) return invalid_argument("nonce: missing; ask for /attestation?nonce=<64 hex digits>");
  return *found;
}

Attestation::Attestation(std::unique_ptr<attest::EvidenceCollector> collector,
                         std::vector<attest::WorkloadEvent> events,
                         const Sha256Digest& tls_spki_sha256, const Options& options)
    : collector_(std::move(collector)),
      events_(std::move(events)),
      tls_spki_sha256_(tls_spki_sha256),
      nonces_(options.nonces),
      queue_(JobQueue::Options{1, options.queue_capacity,
                               std::chrono::duration<double>(options.timeout_seconds)}) {}

Result<std::unique_ptr<Attestation>> Attestation::start(
    std::unique_ptr<attest::EvidenceCollector> collector,
    const attest::WorkloadMeasurement& workload, const Sha256Digest& tls_spki_sha256,
    const Options& options) {
  Result<std::vector<attest::WorkloadEvent>> events = collector->measure_workload(workload);
  if (!events.is_ok()) return events.status();
  return std::unique_ptr<Attestation>(
      new Attestation(std::move(collector), std::move(events).value(), tls_spki_sha256, options));
}

std::variant<attest::Nonce, Response> Attestation::admit(std::string_view target) {
  Result<std::string_view> text = nonce_parameter(target);
  if (!text.is_ok()) return error_response(Error::kBadRequest, text.status().message());
  Result<attest::Nonce> nonce = attest::nonce_from_hex(*text);
  if (!nonce.is_ok()) return error_response(Error::kBadRequest, nonce.status().message());
  Status fresh = nonces_.consume(*nonce, std::chrono::system_clock::now());
  if (!fresh.is_ok()) return error_response(Error::kNonceReused, fresh.message());
  return *nonce;
}

Response Attestation::answer(const attest::Nonce& nonce) {
  const Sha256Digest binding = attest::binding_digest(nonce, tls_spki_sha256_);
  Result<attest::CollectedEvidence> collected = collector_->collect(binding, nonce);
  if (!collected.is_ok()) {
    return error_response(Error::kInternal, "attestation: " + collected.status().message());
  }
  attest::AttestationDocument d;
  d.platform = collector_->platform();
  d.nonce = nonce;
  d.tls_public_key_sha256 = tls_spki_sha256_;
  d.timestamp = std::chrono::system_clock::now();
  d.debug = collected->debug;
  d.measurements = std::move(collected->measurements);
  d.evidence = std::move(collected->evidence);
  d.certificates = std::move(collected->certificates);
  d.event_log = events_;
  Response r = ok_response("application/json", attest::attestation_document_json(d));
  // Every document answers one nonce: a cache must never hand it to another client.
  r.headers.emplace_back("Cache-Control", "no-store");
  return r;
}

}  // namespace nightjar::server
