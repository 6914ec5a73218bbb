// Verification of Azure confidential VM evidence (attestation.md §2.6, §4.5): the chain of trust
// runs AMD -> SNP report (inside the HCL report) -> runtime data -> vTPM attestation key -> quote.
//   "snp.*"             the SNP report's hardware checks (snp_verifier.h) with its VCEK chain;
//   "runtime_data"      SHA-256(runtime JSON) == REPORT_DATA[0..32], and REPORT_DATA[32..64] zero;
//   "attestation_key"   the runtime data names the vTPM's RSA attestation key, HCLAkPub;
//   "vm_configuration"  the runtime data says secure boot and the vTPM are on (the MIP requires
//                       both);
//   "quote.*"           the vTPM quote's checks (tpm_quote_verifier.h) with the HCLAkPub as the
//                       AK: a quote signed by any other key proves nothing about this VM;
// then the shared policy checks, with debug from the SNP POLICY and the binding in the quote's
// extraData: the SNP report is produced at boot and cached, so freshness comes from the quote.
// The vTPM quote must cover PCRs 0..23 of the SHA-256 bank, as Azure's AK quotes do.
// Pure functions; thread-safe.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "attest/policy.h"
#include "attest/tpm_signature.h"
#include "attest/verdict.h"
#include "attest/x509.h"

namespace nightjar::attest {

struct AzureQuote {
  std::vector<uint8_t> attest;  // TPMS_ATTEST
  TpmtSignature signature;
  std::vector<std::array<uint8_t, 32>> pcrs;  // SHA-256 bank, PCR 0 up
};

struct AzureEvidence {
  std::vector<uint8_t> hcl_report;
  std::vector<Certificate> vcek_chain;  // VCEK, ASK, ARK
  std::optional<AzureQuote> quote;
};

Verdict verify_azure(const AzureEvidence& evidence, const Policy& policy,
                     const VerifyContext& context);

}  // namespace nightjar::attest
