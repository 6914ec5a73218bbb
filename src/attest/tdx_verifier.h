// Verification of an Intel TDX v4 quote with the collateral it embeds (attestation.md §5):
//   "root"             the PCK chain ends at the pinned Intel SGX Root CA;
//   "chain"            PCK leaf <- PCK Platform/Processor CA <- root, valid at context.now;
//   "qe_report"        the PCK's ECDSA P-256 signature over the QE report;
//   "attestation_key"  QE REPORTDATA[0..32] == SHA-256(attestation key ‖ QE auth data) and the
//                      rest zero: the quoting enclave vouches for the key that signs the quote;
//   "signature"        ECDSA P-256 over header ‖ body with that attestation key;
// then the shared policy checks, with debug from TD_ATTRIBUTES bit 0 and the binding in
// REPORTDATA[0..32]. The TCB status needs Intel PCS collateral (TCB Info, QE Identity, CRLs)
// that a quote does not carry; it is not evaluated, and the verdict says so.
// Pure functions; thread-safe.
#pragma once

#include <cstdint>
#include <span>

#include "attest/policy.h"
#include "attest/tdx_quote.h"
#include "attest/verdict.h"

namespace nightjar::attest {

Verdict verify_tdx(std::span<const uint8_t> quote, const Policy& policy,
                   const VerifyContext& context);

}  // namespace nightjar::attest
