// The evidence nightjar's server produces on the TPM-based platforms (tpm, gcp, azure): one quote
// and everything needed to check it, as a CBOR map with text keys:
//
//   "format"      "nightjar-tpm-v1"
//   "quote"       bstr  TPMS_ATTEST, whose extraData is the MIP binding (binding.h)
//   "signature"   bstr  TPMT_SIGNATURE over "quote" by the attestation key
//   "ak_public"   bstr  TPMT_PUBLIC of the attestation key
//   "pcr_bank"    uint  TPM_ALG_ID of the quoted bank (SHA-256)
//   "pcrs"        map   uint PCR index -> bstr value, exactly the PCRs the quote selects
//   "snp_report"  bstr  gcp only: the SEV-SNP report, REPORT_DATA = binding ‖ 0^32
//   "hcl_report"  bstr  azure only: the HCL report of vTPM NV 0x01400001
//
// The platform follows from the contents (an HCL report: azure; an SNP report: gcp; neither:
// tpm), so a verifier never takes the server's word for it. Parsing is bounded (CborLimits, at
// most 24 PCRs, each field at most the size its structure allows) and refuses unknown or
// duplicate keys. Plain value; the functions are thread-safe.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include "attest/platform.h"
#include "base/status.h"

namespace nightjar::attest {

inline constexpr std::string_view kTpmEvidenceFormat = "nightjar-tpm-v1";
inline constexpr size_t kMaxTpmEvidencePcrs = 24;

struct TpmEvidence {
  std::vector<uint8_t> quote;
  std::vector<uint8_t> signature;
  std::vector<uint8_t> ak_public;
  uint16_t pcr_bank = 0;
  std::map<uint32_t, std::vector<uint8_t>> pcrs;
  std::optional<std::vector<uint8_t>> snp_report;
  std::optional<std::vector<uint8_t>> hcl_report;

  Platform platform() const;
};

std::vector<uint8_t> encode_tpm_evidence(const TpmEvidence& evidence);

Result<TpmEvidence> parse_tpm_evidence(std::span<const uint8_t> bytes);

// True when `bytes` begin like an encoded TpmEvidence (a CBOR map whose first key is "format"),
// which no other platform's native evidence does.
bool looks_like_tpm_evidence(std::span<const uint8_t> bytes);

}  // namespace nightjar::attest
