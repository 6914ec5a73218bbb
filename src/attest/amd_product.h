// AMD EPYC generations with SEV-SNP. Each has its own ARK/ASK pair at the AMD Key Distribution
// Service, and Turin lays out TCB_VERSION differently (an FMC byte first) and uses an 8-byte
// hardware ID in its VCEKs. Plain values; thread-safe.
#pragma once

#include <string_view>

namespace nightjar::attest {

enum class AmdProduct { kMilan, kGenoa, kTurin };

constexpr std::string_view amd_product_name(AmdProduct product) {
  switch (product) {
    case AmdProduct::kMilan:
      return "Milan";
    case AmdProduct::kGenoa:
      return "Genoa";
    case AmdProduct::kTurin:
      return "Turin";
  }
  return "unknown";
}

}  // namespace nightjar::attest
