#include "attest/platform.h"

namespace nightjar::attest {

std::string_view platform_name(Platform platform) {
  switch (platform) {
    case Platform::kNone:
      return "none";
    case Platform::kNitro:
      return "nitro";
    case Platform::kSevSnp:
      return "sev-snp";
    case Platform::kAzure:
      return "azure";
    case Platform::kTdx:
      return "tdx";
    case Platform::kTpm:
      return "tpm";
    case Platform::kGcp:
      return "gcp";
  }
  return "unknown";
}

std::optional<Platform> platform_from_name(std::string_view name) {
  for (Platform p : {Platform::kNone, Platform::kNitro, Platform::kSevSnp, Platform::kAzure,
                     Platform::kTdx, Platform::kTpm, Platform::kGcp}) {
    if (platform_name(p) == name) return p;
  }
  return std::nullopt;
}

}  // namespace nightjar::attest
