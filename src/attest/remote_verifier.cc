#include "attest/remote_verifier.h"

#include <openssl/rand.h>

#include "attest/document_verifier.h"
#include "base/hex.h"

namespace nightjar::attest {
namespace {

using Clock = std::chrono::steady_clock;

double ms_since(Clock::time_point start) {
  return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

RemoteVerification refused(std::string check, std::string why) {
  RemoteVerification r;
  r.verdict.fail(std::move(check), std::move(why));
  return r;
}

}  // namespace

Nonce random_nonce() {
  Nonce nonce;
  NIGHTJAR_CHECK(RAND_bytes(nonce.data(), static_cast<int>(nonce.size())) == 1);
  return nonce;
}

RemoteVerification verify_on_connection(std::unique_ptr<HttpsConnection> connection,
                                        const Nonce& nonce,
                                        std::span<const Certificate> extra_certificates,
                                        const Policy& policy, const TrustAnchors& anchors) {
  const Clock::time_point start = Clock::now();
  Result<HttpResponse> response = connection->request("GET", "/attestation?nonce=" + to_hex(nonce));
  RemoteVerification r;
  r.request_ms = ms_since(start);
  r.total_ms = r.request_ms;
  if (!response.is_ok()) {
    r.verdict.fail("request", response.status().message());
    return r;
  }
  if (response->status == 409) {
    r.verdict.fail("nonce",
                   "the server refused the nonce as already used (409): " + response->body);
    return r;
  }
  if (response->status != 200) {
    r.verdict.fail("request", "GET /attestation answered " + std::to_string(response->status) +
                                  ": " + response->body.substr(0, 512));
    return r;
  }
  const Clock::time_point verify_start = Clock::now();
  Result<AttestationDocument> document = parse_attestation_document(response->body);
  if (!document.is_ok()) {
    r.verdict.fail("parse", document.status().message());
  } else {
    VerifyContext context{
        .now = std::chrono::system_clock::now(), .binding = {}, .anchors = anchors};
    Expectations expect{nonce, connection->peer_spki_sha256()};
    r.verdict = verify_attestation_document(*document, extra_certificates, expect, policy, context);
    r.document = std::move(document).value();
  }
  r.verify_ms = ms_since(verify_start);
  r.total_ms = ms_since(start);
  r.connection = std::move(connection);
  return r;
}

RemoteVerification verify_remote(const std::string& url, const Nonce& nonce,
                                 std::span<const Certificate> extra_certificates,
                                 const Policy& policy, const TrustAnchors& anchors,
                                 std::chrono::milliseconds timeout) {
  const Clock::time_point start = Clock::now();
  Result<HttpsUrl> parsed = parse_https_url(url);
  if (!parsed.is_ok()) return refused("request", parsed.status().message());
  Result<std::unique_ptr<HttpsConnection>> connection = HttpsConnection::open(*parsed, timeout);
  if (!connection.is_ok()) return refused("request", connection.status().message());
  const double connect_ms = ms_since(start);
  RemoteVerification r = verify_on_connection(std::move(connection).value(), nonce,
                                              extra_certificates, policy, anchors);
  r.connect_ms = connect_ms;
  r.total_ms = ms_since(start);
  return r;
}

}  // namespace nightjar::attest
