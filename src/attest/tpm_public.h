// TPMT_PUBLIC (TPM 2.0 Library Part 2 §12.2.4): the public area of a TPM key, as an attestation
// key (AK) travels in evidence and as the templates the server asks the TPM to create keys from.
//
//   type u16, nameAlg u16, objectAttributes u32, authPolicy TPM2B_DIGEST,
//   parameters  RSA: symmetric, scheme, keyBits u16, exponent u32
//               ECC: symmetric, scheme, curveID u16, kdf
//   unique      RSA: TPM2B modulus;  ECC: TPM2B x, TPM2B y
//
// Only RSA and ECC keys are understood (the AK types every platform uses); keyed-hash and
// symmetric objects are refused. The key's Name is nameAlg ‖ H_nameAlg(the marshalled area); a
// quote's qualifiedSigner is its Qualified Name, which for a primary key is
// nameAlg ‖ H_nameAlg(hierarchy handle ‖ Name), so a verifier can tell which key signed it and
// in which hierarchy it lives.
// Limits are the TPM's own: digests at most 64 bytes, RSA moduli at most 512, ECC coordinates at
// most 66. Plain values; the functions are thread-safe.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "attest/x509.h"
#include "base/status.h"

namespace nightjar::attest {

inline constexpr uint16_t kTpmAlgRsa = 0x0001;
inline constexpr uint16_t kTpmAlgEcc = 0x0023;
inline constexpr uint16_t kTpmAlgNull = 0x0010;
inline constexpr uint16_t kTpmEccNistP256 = 0x0003;

// TPMA_OBJECT bits.
inline constexpr uint32_t kTpmaFixedTpm = 1u << 1;
inline constexpr uint32_t kTpmaFixedParent = 1u << 4;
inline constexpr uint32_t kTpmaSensitiveDataOrigin = 1u << 5;
inline constexpr uint32_t kTpmaUserWithAuth = 1u << 6;
inline constexpr uint32_t kTpmaNoDa = 1u << 10;
inline constexpr uint32_t kTpmaRestricted = 1u << 16;
inline constexpr uint32_t kTpmaDecrypt = 1u << 17;
inline constexpr uint32_t kTpmaSign = 1u << 18;

// What an attestation key must be: a restricted signing key born in and bound to its TPM. Only a
// restricted key refuses to sign outside data that begins with TPM_GENERATED_VALUE, which is
// what makes a quote's magic mean anything.
inline constexpr uint32_t kTpmaAttestationKey =
    kTpmaFixedTpm | kTpmaFixedParent | kTpmaSensitiveDataOrigin | kTpmaRestricted | kTpmaSign;

struct TpmPublic {
  uint16_t type = 0;
  uint16_t name_alg = 0;
  uint32_t attributes = 0;
  std::vector<uint8_t> auth_policy;
  uint16_t symmetric = kTpmAlgNull;  // with key bits and mode when not NULL
  uint16_t symmetric_bits = 0;
  uint16_t symmetric_mode = 0;
  uint16_t scheme = kTpmAlgNull;
  uint16_t scheme_hash = 0;   // when scheme is not NULL
  uint16_t scheme_count = 0;  // ECDAA only
  // RSA.
  uint16_t rsa_bits = 0;
  uint32_t rsa_exponent = 0;  // 0 means 65537
  std::vector<uint8_t> rsa_modulus;
  // ECC.
  uint16_t curve = 0;
  uint16_t kdf = kTpmAlgNull;
  uint16_t kdf_hash = 0;
  std::vector<uint8_t> ecc_x;
  std::vector<uint8_t> ecc_y;
};

// A marshalled TPMT_PUBLIC that must fill `bytes` exactly.
Result<TpmPublic> parse_tpmt_public(std::span<const uint8_t> bytes);

std::vector<uint8_t> marshal_tpmt_public(const TpmPublic& key);

inline constexpr uint32_t kTpmRhEndorsement = 0x4000000B;

// nameAlg ‖ H_nameAlg(TPMT_PUBLIC); kInvalidArgument for a nameAlg other than SHA-256/384/512.
Result<std::vector<uint8_t>> tpm_object_name(std::span<const uint8_t> tpmt_public);

// The Qualified Name of the primary key with this public area in the hierarchy `hierarchy`.
Result<std::vector<uint8_t>> tpm_primary_qualified_name(std::span<const uint8_t> tpmt_public,
                                                        uint32_t hierarchy);

// The key as OpenSSL sees it: RSA (at least 2048 bits) or ECC on NIST P-256.
Result<PublicKey> tpm_public_key(const TpmPublic& key);

// The attestation-key templates the server creates under the endorsement hierarchy when the
// platform provisions none: ECC P-256 with ECDSA-SHA256, or RSA-2048 with RSASSA-SHA256.
TpmPublic default_ecc_ak_template();
TpmPublic default_rsa_ak_template();

}  // namespace nightjar::attest
