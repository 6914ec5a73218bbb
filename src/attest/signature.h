// Signature checks of attestation evidence, all through OpenSSL's EVP interface: ECDSA with the
// raw r‖s encodings TEEs emit (COSE, AMD little-endian, Intel and TPM big-endian), converted to
// DER here, and RSASSA-PKCS1-v1_5 for TPM quotes. Also the public keys evidence carries without
// a certificate (TDX raw P-256 points, TPM RSA modulus and exponent).
//
// Every check names the key type it expects (curve, minimum RSA size), so a key of the wrong kind
// is refused rather than used. Failures are kFailedPrecondition with the reason.
// Pure functions over immutable keys; thread-safe.
#pragma once

#include <array>
#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include "attest/x509.h"
#include "base/status.h"

namespace nightjar::attest {

enum class HashAlg { kSha256, kSha384 };
enum class Curve { kP256, kP384 };

// `r` and `s` are unsigned big-endian integers of any length up to the curve size (leading
// zeros allowed); the message is hashed with `hash` first.
Status verify_ecdsa(const PublicKey& key, Curve curve, HashAlg hash,
                    std::span<const uint8_t> message, std::span<const uint8_t> r,
                    std::span<const uint8_t> s);

Status verify_rsa_pkcs1(const PublicKey& key, HashAlg hash, std::span<const uint8_t> message,
                        std::span<const uint8_t> signature);

// Fails unless `key` is an EC key on `curve`.
Status expect_ec_key(const PublicKey& key, Curve curve);

// An uncompressed P-256 point given as x‖y (64 bytes), checked to lie on the curve.
Result<PublicKey> p256_public_key(std::span<const uint8_t> xy);
// An RSA public key from big-endian modulus and exponent; at least 2048 bits.
Result<PublicKey> rsa_public_key(std::span<const uint8_t> modulus,
                                 std::span<const uint8_t> exponent);
// A SubjectPublicKeyInfo in PEM ("-----BEGIN PUBLIC KEY-----").
Result<PublicKey> public_key_from_pem(std::string_view pem);

std::array<uint8_t, 48> sha384(std::span<const uint8_t> data);

}  // namespace nightjar::attest
