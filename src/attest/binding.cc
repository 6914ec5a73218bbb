#include "attest/binding.h"

#include <openssl/crypto.h>
#include <openssl/x509.h>

#include "attest/x509.h"
#include "base/hex.h"

namespace nightjar::attest {

Sha256Digest binding_digest(const Nonce& nonce, const Sha256Digest& tls_spki_sha256) {
  Sha256 hasher;
  hasher.update(
      std::span(reinterpret_cast<const uint8_t*>(kBindingLabel.data()), kBindingLabel.size()));
  hasher.update(nonce);
  hasher.update(tls_spki_sha256);
  return hasher.finish();
}

Result<Sha256Digest> tls_spki_sha256(std::span<const uint8_t> certificate_der) {
  Result<Certificate> cert = Certificate::from_der(certificate_der);
  if (!cert.is_ok()) return cert.status();
  unsigned char* spki = nullptr;
  int length = i2d_PUBKEY(X509_get0_pubkey(cert->get()), &spki);
  if (length <= 0) return invalid_argument("TLS certificate: no usable public key");
  Sha256Digest digest = sha256(std::span<const uint8_t>(spki, static_cast<size_t>(length)));
  OPENSSL_free(spki);
  return digest;
}

Result<Nonce> nonce_from_hex(std::string_view hex) {
  if (hex.size() != 64) {
    return invalid_argument("nonce: want 64 hex digits (32 bytes), got " +
                            std::to_string(hex.size()) + " characters");
  }
  Result<std::vector<uint8_t>> bytes = from_hex(hex);
  if (!bytes.is_ok()) return invalid_argument("nonce: " + bytes.status().message());
  Nonce nonce;
  std::copy(bytes->begin(), bytes->end(), nonce.begin());
  return nonce;
}

Status check_binding(std::span<const uint8_t> evidence_field, const Sha256Digest& expected) {
  if (evidence_field.size() != expected.size()) {
    return Status(StatusCode::kFailedPrecondition, "binding: the evidence carries " +
                                                       std::to_string(evidence_field.size()) +
                                                       " bytes where the 32-byte binding belongs");
  }
  if (CRYPTO_memcmp(evidence_field.data(), expected.data(), expected.size()) != 0) {
    return Status(StatusCode::kFailedPrecondition,
                  "binding: the evidence is not bound to this nonce and TLS key (relayed, "
                  "replayed or produced for another request)");
  }
  return Status::ok();
}

}  // namespace nightjar::attest
