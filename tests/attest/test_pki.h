// A throw-away PKI for the attest tests: keys, certificates and signatures made with OpenSSL, so
// evidence can be forged with every field under the test's control. A verifier pinned to such
// a root must accept what a genuine one would; pinned to the vendors' roots it must refuse it.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "attest/signature.h"
#include "attest/utc_time.h"
#include "attest/x509.h"

namespace nightjar::attest::testing {

// Owns a key pair (PublicKey's deleter frees any EVP_PKEY).
using KeyPair = PublicKey;

KeyPair generate_ec_key(Curve curve);
KeyPair generate_rsa_key(int bits);

struct CertSpec {
  std::string common_name;
  TimePoint not_before;
  TimePoint not_after;
  bool is_ca = false;
  // Extra extensions: dotted OID and the raw contents of the extension's OCTET STRING.
  std::vector<std::pair<std::string, std::vector<uint8_t>>> extensions;
};

// Issued by (issuer_cert, issuer_key); self-signed when issuer_cert is null. ECDSA issuers sign
// with SHA-384, RSA issuers with RSASSA-PSS SHA-384 as AMD does.
Certificate make_certificate(const CertSpec& spec, const KeyPair& subject_key,
                             const Certificate* issuer_cert, const KeyPair& issuer_key);

// r‖s, each big-endian and `coordinate_bytes` wide.
std::vector<uint8_t> sign_ecdsa_raw(const KeyPair& key, HashAlg hash,
                                    std::span<const uint8_t> message, size_t coordinate_bytes);
std::vector<uint8_t> sign_rsa_pkcs1(const KeyPair& key, HashAlg hash,
                                    std::span<const uint8_t> message);

// The raw x‖y of a P-256 public key.
std::vector<uint8_t> p256_point(const KeyPair& key);
// Big-endian modulus and exponent of an RSA key.
std::pair<std::vector<uint8_t>, std::vector<uint8_t>> rsa_modulus_exponent(const KeyPair& key);

std::string to_pem(const Certificate& cert);

}  // namespace nightjar::attest::testing
