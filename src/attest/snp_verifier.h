// Verification of an AMD SEV-SNP attestation report (attestation.md §4.4) with the certificates
// that endorse it: the VCEK first, then the ASK and the ARK (the SNP extended report's certificate
// table, or kdsintf.amd.com). The checks, each in the verdict under `prefix` + name:
//   "root"          one certificate is a pinned ARK (Milan, Genoa or Turin): the product;
//   "chain"         VCEK <- ASK <- ARK (RSASSA-PSS) valid at context.now;
//   "signature"     SIGNATURE_ALGO 1, SIGNING_KEY VCEK, ECDSA P-384 over [0, 0x2A0) with the
//                   VCEK's key;
//   "chip_id"       the VCEK's hwID extension equals CHIP_ID (8 bytes on Turin), not masked;
//   "tcb"           the VCEK's SPL extensions equal REPORTED_TCB, field by field;
//   "guest_policy"  POLICY bit 17 set and bits 26..63 clear, as the ABI requires;
//   "vmpl"          VMPL equals policy.snp_vmpl.
// verify_snp adds the shared policy checks, with DEBUG from POLICY bit 19 and the binding in
// REPORT_DATA[0..32]. The CRL is not consulted (offline; AMD revokes by TCB, not by VCEK).
// Pure functions; thread-safe.
#pragma once

#include <cstdint>
#include <span>
#include <string>

#include "attest/policy.h"
#include "attest/snp_report.h"
#include "attest/verdict.h"
#include "attest/x509.h"

namespace nightjar::attest {

Verdict verify_snp(std::span<const uint8_t> report, std::span<const Certificate> certificates,
                   const Policy& policy, const VerifyContext& context);

// The hardware checks above, for callers that add their own policy (Azure's HCL report).
void check_snp_report(const SnpReport& report, std::span<const Certificate> certificates,
                      const Policy& policy, const VerifyContext& context, const std::string& prefix,
                      Verdict* verdict);

// MEASUREMENT and HOST_DATA as measurements, the rest of interest as claims.
void describe_snp_report(const SnpReport& report, const std::string& prefix, Verdict* verdict);

}  // namespace nightjar::attest
