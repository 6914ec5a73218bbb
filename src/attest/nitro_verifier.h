// Verification of an AWS Nitro attestation document (attestation.md §3.3):
//   "signature"  COSE_Sign1 ES384 over the Sig_structure with the leaf certificate's P-384 key;
//   "root"       cabundle[0] is the pinned AWS Nitro root (by SHA-256 of its DER);
//   "chain"      leaf <- cabundle[n-1] <- ... <- cabundle[0], valid at context.now;
//   "freshness"  |now - timestamp| <= policy.max_age;
//   "digest"     the document's PCR hash is SHA384;
// then the shared policy checks (policy.h). Debug: Nitro has no flag; a debug enclave's PCR0, 1
// and 2 are all zero (the real debug vector keeps PCR4), so any of them zero counts as debug.
// The binding is read from user_data, or from nonce when user_data is absent (binding.h).
// Pure functions; thread-safe.
#pragma once

#include <cstdint>
#include <span>

#include "attest/nitro_document.h"
#include "attest/policy.h"
#include "attest/verdict.h"

namespace nightjar::attest {

Verdict verify_nitro(std::span<const uint8_t> cose_bytes, const Policy& policy,
                     const VerifyContext& context);

Verdict verify_nitro_document(const NitroDocument& doc, const Policy& policy,
                              const VerifyContext& context);

}  // namespace nightjar::attest
