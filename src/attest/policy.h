// Policy: what a relying party (a wallet, the CLI) accepts, independent of any one request.
//
// Defaults are the safe choice: every hardware platform, no debug TEEs (an unknown debug state
// counts as debug), evidence must carry the MIP binding, Nitro documents at most five minutes old,
// SEV-SNP reports requested from VMPL 0, and no expected measurements (each one listed is then
// required, by the names the verifiers use: "PCR0", "MEASUREMENT", "MRTD", "RTMR0"...).
// `none` (no TEE) and `tpm` (a TPM without a TEE) are accepted only if added to
// allowed_platforms. A TPM attestation key (AK) is trusted when the policy pins it, or, with no
// pins, when an AK certificate chains to a pinned AK root (GCP's EK/AK CA); allow_unpinned_ak
// accepts any other AK (swtpm, a vTPM without an AK certificate) and the verdict says so.
//
// VerifyContext: what changes per verification: the time to judge certificates and freshness at
// (injected, never read inside a verifier), the expected binding, and the pinned roots.
// Plain values; thread-safe to share read-only.
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <span>
#include <string>
#include <vector>

#include "attest/platform.h"
#include "attest/trust_anchors.h"
#include "attest/utc_time.h"
#include "attest/verdict.h"
#include "base/sha256.h"

namespace nightjar::attest {

struct Policy {
  std::set<Platform> allowed_platforms = {Platform::kNitro, Platform::kSevSnp, Platform::kAzure,
                                          Platform::kTdx, Platform::kGcp};
  bool allow_debug = false;
  // Off only for offline inspection of evidence produced for someone else (the CLI).
  bool require_binding = true;
  std::map<std::string, std::vector<uint8_t>> expected_measurements;
  std::chrono::milliseconds max_age = std::chrono::minutes(5);
  // The VMPL the SNP report must come from; nullopt accepts any.
  std::optional<uint32_t> snp_vmpl = 0;
  // SHA-256 of the DER SubjectPublicKeyInfo of each TPM attestation key the relying party knows;
  // when not empty, only these keys are accepted.
  std::set<Sha256Digest> pinned_attestation_keys;
  bool allow_unpinned_ak = false;
};

struct VerifyContext {
  TimePoint now;
  // binding_digest(nonce, tls_spki_sha256) for the request being verified.
  std::optional<Sha256Digest> binding;
  TrustAnchors anchors = TrustAnchors::production();
};

// The checks every platform shares, added to a verdict whose platform, debug state and
// measurements are filled in: "platform", "debug", "measurement <name>" for each expected one,
// and "binding" comparing `binding_field` (the evidence's signed caller data) with
// context.binding.
void apply_policy(const Policy& policy, const VerifyContext& context,
                  std::span<const uint8_t> binding_field, Verdict* verdict);

}  // namespace nightjar::attest
