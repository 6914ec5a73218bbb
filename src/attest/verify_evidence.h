// Offline verification of one evidence file's contents, by platform (the CLI's
// `nightjar attest verify-evidence`). What the contents must be:
//   nitro    the COSE_Sign1 attestation document;
//   sev-snp  the 1184-byte report, then the PEM certificates VCEK, ASK, ARK;
//   azure    the HCL report (vTPM NV 0x01400001), then PEM VCEK, ASK, ARK for its SNP report; a
//            raw HCL report carries no vTPM quote, so its verdict refuses it for freshness;
//   tdx      the v4 quote, which embeds its PCK chain;
//   tpm, gcp nightjar's TPM evidence bundle (tpm_evidence.h), whose AK and AMD certificates
//            the caller of verify_native_evidence (document_verifier.h) can supply;
//   none     anything (nothing is verified; only a policy listing `none` accepts it).
// Any of these may be base64 text instead of bytes. Pure function; thread-safe.
#pragma once

#include <cstdint>
#include <span>

#include "attest/platform.h"
#include "attest/policy.h"
#include "attest/verdict.h"

namespace nightjar::attest {

Verdict verify_evidence(Platform platform, std::span<const uint8_t> contents, const Policy& policy,
                        const VerifyContext& context);

}  // namespace nightjar::attest
