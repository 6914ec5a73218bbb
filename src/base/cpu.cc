#include "base/cpu.h"

#if defined(__x86_64__)
#include <cpuid.h>
#endif

namespace nightjar {
namespace {

CpuFeatures detect() {
  CpuFeatures f;
#if defined(__x86_64__)
  unsigned eax = 0, ebx = 0, ecx = 0, edx = 0;
  if (__get_cpuid_max(0, nullptr) >= 7) {
    __cpuid_count(7, 0, eax, ebx, ecx, edx);
    f.bmi2 = (ebx >> 8) & 1;
    f.adx = (ebx >> 19) & 1;
    f.avx2 = (ebx >> 5) & 1;
    f.avx512f = (ebx >> 16) & 1;
    f.avx512ifma = (ebx >> 21) & 1;
    // AVX state must also be enabled by the OS (XCR0), or the instructions fault.
    unsigned a1 = 0, b1 = 0, c1 = 0, d1 = 0;
    __cpuid(1, a1, b1, c1, d1);
    bool osxsave = (c1 >> 27) & 1;
    unsigned long long xcr0 = 0;
    if (osxsave) {
      unsigned lo = 0, hi = 0;
      __asm__ volatile("xgetbv" : "=a"(lo), "=d"(hi) : "c"(0));
      xcr0 = (static_cast<unsigned long long>(hi) << 32) | lo;
    }
    bool avx_os = (xcr0 & 0x6) == 0x6;
    bool avx512_os = (xcr0 & 0xe6) == 0xe6;
    f.avx2 = f.avx2 && avx_os;
    f.avx512f = f.avx512f && avx512_os;
    f.avx512ifma = f.avx512ifma && f.avx512f;
  }
#endif
  return f;
}

}  // namespace

const CpuFeatures& cpu_features() {
  static const CpuFeatures features = detect();
  return features;
}

std::string describe_cpu() {
#if defined(__x86_64__)
  std::string out = "x86_64";
#elif defined(__aarch64__)
  std::string out = "aarch64";
#else
  std::string out = "other";
#endif
  const CpuFeatures& f = cpu_features();
  if (f.bmi2) out += " bmi2";
  if (f.adx) out += " adx";
  if (f.avx2) out += " avx2";
  if (f.avx512f) out += " avx512f";
  if (f.avx512ifma) out += " avx512ifma";
  return out;
}

}  // namespace nightjar
