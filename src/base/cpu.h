// What the running CPU can do, read once from CPUID (x86-64) or assumed baseline (elsewhere).
//
// Fast paths are chosen from these flags at run time; no code outside a dispatched kernel may
// assume any of them. Immutable after start-up, so safe to read from any thread.
#pragma once

#include <string>

namespace nightjar {

struct CpuFeatures {
  bool bmi2 = false;
  bool adx = false;
  bool avx2 = false;
  bool avx512f = false;
  bool avx512ifma = false;
};

const CpuFeatures& cpu_features();

// "x86_64", "aarch64" or "other", plus the flags above that are present.
std::string describe_cpu();

}  // namespace nightjar
