// The TEE platforms whose evidence nightjar verifies, and their names in JSON and on the command
// line. kNone is a server with no TEE (a laptop); it proves nothing and is accepted only by a
// policy that lists it explicitly. kTpm is a machine with a TPM 2.0 but no hardware TEE report
// (bare metal with measured boot, or swtpm in development): its quote shows what booted, not that
// the operator cannot read memory, so it too is accepted only by a policy that lists it.
// Pure functions; thread-safe.
#pragma once

#include <optional>
#include <string_view>

namespace nightjar::attest {

enum class Platform {
  kNone,
  kNitro,   // AWS Nitro Enclaves: NSM attestation document (COSE_Sign1)
  kSevSnp,  // AMD SEV-SNP attestation report with its VCEK chain (GCP, bare metal)
  kAzure,   // Azure confidential VM: HCL report (SEV-SNP) binding a vTPM quote's AK
  kTdx,     // Intel TDX v4 quote
  kTpm,     // a TPM 2.0 quote alone (no TEE)
  kGcp,     // GCP confidential VM: vTPM quote plus an SEV-SNP report, bound to the same nonce
};

std::string_view platform_name(Platform platform);

// "none", "nitro", "sev-snp", "azure", "tdx", "tpm", "gcp".
std::optional<Platform> platform_from_name(std::string_view name);

}  // namespace nightjar::attest
