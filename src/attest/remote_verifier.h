// The whole client handshake of the MIP's "Verified Privacy": connect with TLS, fetch
// /attestation?nonce=<hex> on that connection, and judge the document with the nonce this client
// chose and the key the connection actually presented (document_verifier.h). The connection is
// handed back so the caller can send its proving request where the evidence was made.
//
// The server's refusals become failed checks: 409 (the nonce was used before) as "nonce", any
// other non-200 as "request". Timings are measured with a monotonic clock.
// Thread safety: a function of its arguments; the result's connection belongs to the caller.
#pragma once

#include <chrono>
#include <memory>
#include <optional>
#include <span>
#include <string>

#include "attest/attestation_document.h"
#include "attest/binding.h"
#include "attest/https_client.h"
#include "attest/policy.h"
#include "attest/verdict.h"
#include "attest/x509.h"

namespace nightjar::attest {

struct RemoteVerification {
  Verdict verdict;
  std::optional<AttestationDocument> document;
  std::unique_ptr<HttpsConnection> connection;
  double connect_ms = 0;  // TCP and TLS handshake
  double request_ms = 0;  // GET /attestation, sent to received
  double verify_ms = 0;   // parsing and judging the document
  double total_ms = 0;    // nonce to verdict
};

// A fresh 32-byte nonce from OpenSSL's CSPRNG.
Nonce random_nonce();

RemoteVerification verify_remote(const std::string& url, const Nonce& nonce,
                                 std::span<const Certificate> extra_certificates,
                                 const Policy& policy, const TrustAnchors& anchors,
                                 std::chrono::milliseconds timeout = std::chrono::seconds(30));

// The same on a connection already open (measures only the request and the verification).
RemoteVerification verify_on_connection(std::unique_ptr<HttpsConnection> connection,
                                        const Nonce& nonce,
                                        std::span<const Certificate> extra_certificates,
                                        const Policy& policy, const TrustAnchors& anchors);

}  // namespace nightjar::attest
