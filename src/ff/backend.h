// Which arithmetic backend the field kernels use, chosen once at start-up.
//
// The portable backend (unsigned __int128, no instruction-set flags) always exists. On x86-64 the
// ADX backend (MULX/ADCX/ADOX inline assembly) is used when CPUID reports BMI2 and ADX and its
// known-answer self-test agrees with the portable kernels. NIGHTJAR_CPU=portable|adx forces one.
// Selection runs in a static constructor, before main; afterwards the choice only changes through
// set_backend(), which tests and benchmarks use between runs, never while other threads compute.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "ff/adx_kernels.h"
#include "ff/portable_kernels.h"

namespace nightjar::ff {

enum class Backend : uint8_t { kPortable, kAdx };

std::string_view backend_name(Backend backend);
Result<Backend> parse_backend(std::string_view name);

Backend active_backend();
// The backends this build has and this CPU can run, whose self-test passes; portable first.
std::vector<Backend> supported_backends();
// Switches backend; refuses one that this build lacks, this CPU cannot run or that fails its
// self-test.
Status set_backend(Backend backend);
// What happened at start-up: not OK if NIGHTJAR_CPU named an unknown or unusable backend (the
// portable backend is then in use) or a fast path failed its self-test.
const Status& startup_status();

namespace detail {
// Read on every multiplication; a global flag costs one predictable branch, not a call.
extern bool g_use_adx;
}  // namespace detail

template <size_t N>
inline void mul_mont(portable::Limbs<N>& r, const portable::Limbs<N>& a,
                     const portable::Limbs<N>& b, const portable::Limbs<N>& p, uint64_t n0) {
#if NIGHTJAR_HAVE_ADX_KERNELS
  if (detail::g_use_adx) {
    if constexpr (N == 6) {
      adx::mul_mont_384(r.data(), a.data(), b.data(), p.data(), n0);
      return;
    } else if constexpr (N == 4) {
      adx::mul_mont_256(r.data(), a.data(), b.data(), p.data(), n0);
      return;
    }
  }
#endif
  portable::mul_mont<N>(r, a, b, p, n0);
}

template <size_t N>
inline void sqr_mont(portable::Limbs<N>& r, const portable::Limbs<N>& a,
                     const portable::Limbs<N>& p, uint64_t n0) {
#if NIGHTJAR_HAVE_ADX_KERNELS
  if (detail::g_use_adx) {
    if constexpr (N == 6) {
      adx::sqr_mont_384(r.data(), a.data(), p.data(), n0);
      return;
    } else if constexpr (N == 4) {
      adx::sqr_mont_256(r.data(), a.data(), p.data(), n0);
      return;
    }
  }
#endif
  portable::mul_mont<N>(r, a, a, p, n0);
}

}  // namespace nightjar::ff
