// TPMT_SIGNATURE (TPM 2.0 Library Part 2): sigAlg u16, then for RSASSA/RSAPSS hash u16 and a
// TPM2B_PUBLIC_KEY_RSA (at most 512 bytes), for ECDSA hash u16 and the TPM2B_ECC_PARAMETERs r
// and s (big-endian, at most 66 bytes each). Other schemes are refused when parsed.
// Plain value.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "base/status.h"

namespace nightjar::attest {

struct TpmtSignature {
  uint16_t sig_alg = 0;
  uint16_t hash_alg = 0;
  std::vector<uint8_t> rsa_signature;
  std::vector<uint8_t> ecdsa_r;
  std::vector<uint8_t> ecdsa_s;
};

Result<TpmtSignature> parse_tpmt_signature(std::span<const uint8_t> bytes);

std::vector<uint8_t> marshal_tpmt_signature(const TpmtSignature& signature);

}  // namespace nightjar::attest
