// The TEE platforms whose evidence nightjar verifies, and their names in JSON and on the command
// line. kNone is a server with no TEE (a laptop); it proves nothing and is accepted only by a
// policy that lists it explicitly. Pure functions; thread-safe.
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
};

std::string_view platform_name(Platform platform);

// "none", "nitro", "sev-snp", "azure", "tdx".
std::optional<Platform> platform_from_name(std::string_view name);

}  // namespace nightjar::attest
