// X.509 certificates of the TEE vendors' PKIs (AWS Nitro, AMD KDS, Intel PCK), through OpenSSL.
//
// Certificate owns one X509 (OpenSSL reference). Chains are verified by OpenSSL against exactly
// one trusted certificate, the caller's pinned root: whatever else arrives with the evidence is
// only an untrusted intermediate, so a chain can never end at a root nobody pinned. Validity is
// judged at a caller-given time (see utc_time.h). Parsing limits: at most kMaxCertificates per
// bundle and kMaxCertificateBytes per certificate.
//
// Thread safety: a Certificate is immutable once parsed; the functions are thread-safe.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "attest/utc_time.h"
#include "base/sha256.h"
#include "base/status.h"

typedef struct x509_st X509;
typedef struct evp_pkey_st EVP_PKEY;

namespace nightjar::attest {

inline constexpr size_t kMaxCertificates = 8;
inline constexpr size_t kMaxCertificateBytes = 16 * 1024;

struct X509Deleter {
  void operator()(X509* cert) const;
};
struct EvpPkeyDeleter {
  void operator()(EVP_PKEY* key) const;
};
using X509Ptr = std::unique_ptr<X509, X509Deleter>;
using PublicKey = std::unique_ptr<EVP_PKEY, EvpPkeyDeleter>;

class Certificate {
 public:
  static Result<Certificate> from_der(std::span<const uint8_t> der);

  // Copies share the OpenSSL object (reference-counted), which is never modified.
  Certificate(const Certificate& other);
  Certificate& operator=(const Certificate& other);
  Certificate(Certificate&&) noexcept = default;
  Certificate& operator=(Certificate&&) noexcept = default;

  X509* get() const { return cert_.get(); }
  const std::vector<uint8_t>& der() const { return der_; }
  // SHA-256 of the DER encoding: the fingerprint pins compare against.
  Sha256Digest sha256() const { return nightjar::sha256(der_); }
  std::string subject() const;
  PublicKey public_key() const;
  // The contents of the extension's OCTET STRING, if the certificate has it exactly once.
  std::optional<std::vector<uint8_t>> extension(std::string_view oid) const;

 private:
  Certificate(X509Ptr cert, std::vector<uint8_t> der)
      : cert_(std::move(cert)), der_(std::move(der)) {}

  X509Ptr cert_;
  std::vector<uint8_t> der_;
};

// SHA-256 of the key's DER SubjectPublicKeyInfo: how keys without a certificate are pinned.
Sha256Digest spki_sha256(const PublicKey& key);

// The certificate as one PEM block.
std::string certificate_pem(const Certificate& certificate);

// Every certificate of a PEM bundle, in order; text outside BEGIN/END blocks is refused.
Result<std::vector<Certificate>> certificates_from_pem(std::string_view pem);

// OpenSSL path validation of leaf <- intermediates <- root at time `at`, trusting `root` only.
Status verify_chain(const Certificate& leaf, std::span<const Certificate> intermediates,
                    const Certificate& root, TimePoint at);

}  // namespace nightjar::attest
