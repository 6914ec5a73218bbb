// Montgomery multiplication kernels for x86-64 CPUs with BMI2 (MULX) and ADX (ADCX/ADOX).
//
// Contract
//   r = a * b * 2^(-64*N) mod p, N = 6 (384-bit) or N = 4 (256-bit), fully reduced (r < p).
//   Limbs are little-endian 64-bit words. n0 = -p^(-1) mod 2^64.
//   a and b must be fully reduced (< p). r may alias a and/or b: every input limb is read
//   before the first output limb is written.
//   Callers must have checked CPUID for BMI2 and ADX first; on other CPUs these raise #UD.
//
// Modulus requirement
//   The kernels use the "no final carry" form of interleaved (CIOS) Montgomery reduction: the
//   running accumulator is kept in N+1 words with no extra carry word, and the result is
//   corrected by a single conditional subtraction. That is sound only when the top bit of p is
//   clear, p < 2^(64N-1): every intermediate sum then stays below 2^(64(N+1)) and the
//   pre-subtraction result below 2p < 2^(64N). sqr_mont_384 folds the doubling of the cross
//   products into its rows and needs the stronger 3p < 2^384. Both BLS12-381 moduli qualify:
//   the base field p has top limb 0x1a0111ea397fe69a (p < 2^381), and the scalar field r has
//   top limb 0x73eda753299d7d48. Note that r's top limb is NOT below 2^62; the kernels rely
//   only on its being below 2^63. Do not reuse them for moduli that break these bounds.
//
// Constant time
//   No branch or memory address depends on operand values; the final correction is a
//   borrow-driven CMOV select. Running time depends only on N.
//
// Why inline asm rather than intrinsics: _mulx_u64 and _addcarryx_u64 need -mbmi2/-madx, which
// would let the compiler emit those instructions anywhere in the translation unit and break
// baseline x86-64 callers. The assembler accepts mulx/adcx/adox without any -m flag, so the ADX
// code stays confined to these four functions and the build needs no special flags. Dispatch on
// CPU features belongs to the caller.
//
// Why dedicated squarings: they issue 21 (N=6) or 10 (N=4) limb products for the square instead
// of N^2, which frees issue slots; on the Zen 5 machine used for tuning, the 384-bit kernels
// are throughput-bound, so this shows up as throughput rather than as dependent-chain latency.
// Each algorithm is described in adx_kernels_inl.h.
#pragma once

#include <cstdint>

#if defined(__x86_64__) && !defined(NIGHTJAR_PORTABLE_ONLY)
#define NIGHTJAR_HAVE_ADX_KERNELS 1
#else
#define NIGHTJAR_HAVE_ADX_KERNELS 0
#endif

#if NIGHTJAR_HAVE_ADX_KERNELS

namespace nightjar::ff::adx {

inline void mul_mont_384(uint64_t r[6], const uint64_t a[6], const uint64_t b[6],
                         const uint64_t p[6], uint64_t n0);
inline void sqr_mont_384(uint64_t r[6], const uint64_t a[6], const uint64_t p[6], uint64_t n0);
inline void mul_mont_256(uint64_t r[4], const uint64_t a[4], const uint64_t b[4],
                         const uint64_t p[4], uint64_t n0);
inline void sqr_mont_256(uint64_t r[4], const uint64_t a[4], const uint64_t p[4], uint64_t n0);

}  // namespace nightjar::ff::adx

#endif  // NIGHTJAR_HAVE_ADX_KERNELS

#include "ff/adx_kernels_inl.h"  // IWYU pragma: export
