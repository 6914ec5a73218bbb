// TPM 2.0 attestation structures (TPM 2.0 Library Part 2), unmarshalled by hand from their
// big-endian, unpadded wire form:
//   TPMS_ATTEST  magic u32, type u16, qualifiedSigner TPM2B_NAME, extraData TPM2B_DATA,
//                clockInfo {clock u64, resetCount u32, restartCount u32, safe u8},
//                firmwareVersion u64, attested (TPMS_QUOTE_INFO when type is a quote:
//                pcrSelect TPML_PCR_SELECTION, pcrDigest TPM2B_DIGEST)
//   TPML_PCR_SELECTION  count u32, then per bank hash u16, sizeofSelect u8, bitmap (bit i of
//                byte i/8 selects PCR i)
//
// Parsing accepts any magic and type, so that the verifier can name what is wrong (a quote
// verifier that skipped those checks is CVE-2024-29038 and GHSA-gwfg-w3jr-xh66); the union of a
// non-quote type is kept opaque. Size limits follow the TPM's own: TPM2B_DATA and digests at most
// 64 bytes, names 68, at most 16 banks of at most 4 selection bytes. Plain values.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "base/status.h"

namespace nightjar::attest {

inline constexpr uint32_t kTpmGeneratedValue = 0xFF544347;  // "\xFFTCG"
inline constexpr uint16_t kTpmStAttestQuote = 0x8018;

// TPM_ALG_ID values used here.
inline constexpr uint16_t kTpmAlgSha1 = 0x0004;
inline constexpr uint16_t kTpmAlgSha256 = 0x000B;
inline constexpr uint16_t kTpmAlgSha384 = 0x000C;
inline constexpr uint16_t kTpmAlgSha512 = 0x000D;
inline constexpr uint16_t kTpmAlgRsassa = 0x0014;
inline constexpr uint16_t kTpmAlgRsapss = 0x0016;
inline constexpr uint16_t kTpmAlgEcdsa = 0x0018;

// The digest size of a TPM hash algorithm, 0 if unknown.
size_t tpm_digest_size(uint16_t hash_alg);
std::string tpm_alg_name(uint16_t alg);

struct TpmPcrSelection {
  uint16_t hash_alg = 0;
  std::vector<uint8_t> bitmap;

  // Selected PCR indices, ascending.
  std::vector<uint32_t> pcrs() const;
  // Same bank and same PCRs (trailing zero bytes of the bitmap do not matter).
  bool same_pcrs(const TpmPcrSelection& other) const;
};

struct TpmsAttest {
  uint32_t magic = 0;
  uint16_t type = 0;
  std::vector<uint8_t> qualified_signer;
  std::vector<uint8_t> extra_data;
  uint64_t clock = 0;
  uint32_t reset_count = 0;
  uint32_t restart_count = 0;
  uint8_t safe = 0;
  uint64_t firmware_version = 0;
  // Set when type is TPM_ST_ATTEST_QUOTE.
  std::vector<TpmPcrSelection> pcr_select;
  std::vector<uint8_t> pcr_digest;
};

Result<TpmsAttest> parse_tpms_attest(std::span<const uint8_t> bytes);

// The marshalled form, for building selections to compare and for tests.
std::vector<uint8_t> marshal_pcr_selection(const std::vector<TpmPcrSelection>& banks);

}  // namespace nightjar::attest
