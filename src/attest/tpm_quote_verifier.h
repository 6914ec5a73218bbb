// Verification of a TPM 2.0 quote against an attestation key already trusted by the caller (on
// Azure, the HCLAkPub the SNP report vouches for). The checks of attestation.md §2.4, each a
// verdict entry under `prefix` + name, each with the CVE class it closes:
//   "signature"      RSASSA or ECDSA with SHA-256/384 (no SHA-1) over TPMS_ATTEST, by the AK;
//   "magic"          TPM_GENERATED_VALUE, which a restricted AK never signs for outside data
//                    (CVE-2024-29038);
//   "type"           TPM_ST_ATTEST_QUOTE, not an NV or certify attestation (GHSA-gwfg-w3jr-xh66);
//   "pcr_selection"  the quoted selection is exactly the PCRs whose values are presented, so
//                    values cannot be relabelled to other indices (CVE-2024-29039);
//   "pcr_digest"     the scheme's hash of the presented values, in selection order, equals
//                    pcrDigest;
//   "extra_data"     when the caller names a value (otherwise the caller checks extraData, as
//                    the binding).
// Pure functions; thread-safe.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "attest/signature.h"
#include "attest/tpm_attest.h"
#include "attest/tpm_signature.h"
#include "attest/verdict.h"

namespace nightjar::attest {

// The PCR values the attester presents, labelled with their bank and index.
struct TpmPcrBank {
  uint16_t hash_alg = kTpmAlgSha256;
  std::map<uint32_t, std::vector<uint8_t>> values;
};

// Returns the parsed TPMS_ATTEST (for the caller's extraData and claims), or nullopt when it
// does not parse, which is then recorded as a failed "<prefix>parse".
std::optional<TpmsAttest> check_tpm_quote(std::span<const uint8_t> attest_bytes,
                                          const TpmtSignature& signature, const PublicKey& ak,
                                          const std::vector<TpmPcrBank>& pcrs,
                                          std::optional<std::span<const uint8_t>> extra_data,
                                          const std::string& prefix, Verdict* verdict);

}  // namespace nightjar::attest
