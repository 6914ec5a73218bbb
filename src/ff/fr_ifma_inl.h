// Eight Fr elements at a time with AVX-512 IFMA (vpmadd52{lo,hi}uq), for the kernels that run
// on whole rows of field elements: the NTT's butterflies (poly/ntt_ifma.cc) and the quotient's
// expression evaluation (plonk/quotient_ifma.cc). Internal to those kernel files: include it only
// from a translation unit that calls the functions after checking available().
//
// Representation: an F5 holds eight field elements in five vectors of 52-bit limbs, lane e
// holding element e, loaded from and stored to eight consecutive standard Fr values (4×64-bit
// Montgomery form x·2^256 mod r). "Normalized" means every limb but the top one is below 2^52.
// Two products:
//   mont_mul     a·b·2^-260: the NTT's, whose multipliers are stored as 16·w (Group form) so
//                that the data keeps the standard form;
//   mont_mul256  a·b·2^-256: the standard Montgomery product, for data times data; the last
//                reduction round divides by 2^48 instead of 2^52.
// Bounds are stated per function; `canonical` values are below r.
//
// The functions carry function-level target attributes, so the rest of the build keeps the
// baseline instruction set. They neither allocate nor touch shared state.
#pragma once

#include <array>
#include <cstdint>
#include <type_traits>

#include "base/cpu.h"
#include "ff/fr.h"

#if defined(__x86_64__) && !defined(NIGHTJAR_PORTABLE_ONLY)
#define NIGHTJAR_HAVE_FR_IFMA 1
// GCC 12's AVX-512 shift intrinsics pass _mm512_undefined_epi32() as the merge source, which its
// own -Wuninitialized then reports at every inlined call (in the including file).
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wuninitialized"
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#endif
#include <immintrin.h>
#else
#define NIGHTJAR_HAVE_FR_IFMA 0
#endif

namespace nightjar::ff::fr_ifma {

static_assert(sizeof(Fr) == 32 && std::is_standard_layout_v<Fr>,
              "the kernels read Fr arrays as packed 4x64-bit limbs");

inline constexpr uint64_t kMask52 = (uint64_t{1} << 52) - 1;

using Limbs52 = std::array<uint64_t, 5>;

constexpr Limbs52 split52(const Fr::Limbs& x) {
  return {x[0] & kMask52, ((x[0] >> 52) | (x[1] << 12)) & kMask52,
          ((x[1] >> 40) | (x[2] << 24)) & kMask52, ((x[2] >> 28) | (x[3] << 36)) & kMask52,
          x[3] >> 16};
}

constexpr Fr::Limbs twice(const Fr::Limbs& x) {
  return {x[0] << 1, (x[1] << 1) | (x[0] >> 63), (x[2] << 1) | (x[1] >> 63),
          (x[3] << 1) | (x[2] >> 63)};
}

// r and 2r (which still fits 256 bits) in 52-bit limbs.
inline constexpr Limbs52 kP = split52(FrParams::kModulus);
inline constexpr Limbs52 k2P = split52(twice(FrParams::kModulus));
static_assert(FrParams::kModulus[3] >> 63 == 0, "2r must fit in 256 bits");
// -r^-1 mod 2^52: the low bits of -r^-1 mod 2^64.
inline constexpr uint64_t kN0 = FrParams::kN0 & kMask52;

// Compiled in (x86-64, not NIGHTJAR_PORTABLE_ONLY) and the CPU has AVX-512F and IFMA.
inline bool available() {
#if NIGHTJAR_HAVE_FR_IFMA
  const CpuFeatures& f = cpu_features();
  return f.avx512f && f.avx512ifma;
#else
  return false;
#endif
}

#if NIGHTJAR_HAVE_FR_IFMA

#define NIGHTJAR_IFMA_TARGET __attribute__((target("avx512f,avx512ifma")))

using V = __m512i;

struct F5 {
  V l[5];
};

NIGHTJAR_IFMA_TARGET inline V splat(uint64_t x) {
  return _mm512_set1_epi64(static_cast<long long>(x));
}

// Every lane holds `x` (below 2^256).
NIGHTJAR_IFMA_TARGET inline F5 splat(const Fr& x) {
  const Limbs52 limbs = split52(x.raw_montgomery());
  F5 r;
  for (int l = 0; l < 5; ++l) r.l[l] = splat(limbs[l]);
  return r;
}

// Limb l of lane e at limb[l][e], 64-byte aligned.
NIGHTJAR_IFMA_TARGET inline F5 load_limbs(const uint64_t (*limb)[8]) {
  F5 r;
  for (int l = 0; l < 5; ++l) r.l[l] = _mm512_load_si512(limb[l]);
  return r;
}

// Index vectors of the 8×4 transposes between element-major (4 limbs per element, two elements
// per register) and limb-major (one limb of eight elements per register) layouts.
NIGHTJAR_IFMA_TARGET inline V idx_even() { return _mm512_setr_epi64(0, 4, 8, 12, 1, 5, 9, 13); }
NIGHTJAR_IFMA_TARGET inline V idx_odd() { return _mm512_setr_epi64(2, 6, 10, 14, 3, 7, 11, 15); }
NIGHTJAR_IFMA_TARGET inline V idx_low_halves() {
  return _mm512_setr_epi64(0, 1, 2, 3, 8, 9, 10, 11);
}
NIGHTJAR_IFMA_TARGET inline V idx_high_halves() {
  return _mm512_setr_epi64(4, 5, 6, 7, 12, 13, 14, 15);
}

// Eight consecutive elements at p, values below 2^256, to normalized 52-bit limbs.
NIGHTJAR_IFMA_TARGET inline F5 load8(const Fr* p) {
  const V z0 = _mm512_loadu_si512(p);
  const V z1 = _mm512_loadu_si512(p + 2);
  const V z2 = _mm512_loadu_si512(p + 4);
  const V z3 = _mm512_loadu_si512(p + 6);
  const V lo01 = _mm512_permutex2var_epi64(z0, idx_even(), z1);
  const V hi01 = _mm512_permutex2var_epi64(z0, idx_odd(), z1);
  const V lo23 = _mm512_permutex2var_epi64(z2, idx_even(), z3);
  const V hi23 = _mm512_permutex2var_epi64(z2, idx_odd(), z3);
  const V x0 = _mm512_permutex2var_epi64(lo01, idx_low_halves(), lo23);
  const V x1 = _mm512_permutex2var_epi64(lo01, idx_high_halves(), lo23);
  const V x2 = _mm512_permutex2var_epi64(hi01, idx_low_halves(), hi23);
  const V x3 = _mm512_permutex2var_epi64(hi01, idx_high_halves(), hi23);
  const V mask = splat(kMask52);
  F5 r;
  r.l[0] = _mm512_and_si512(x0, mask);
  r.l[1] =
      _mm512_and_si512(_mm512_or_si512(_mm512_srli_epi64(x0, 52), _mm512_slli_epi64(x1, 12)), mask);
  r.l[2] =
      _mm512_and_si512(_mm512_or_si512(_mm512_srli_epi64(x1, 40), _mm512_slli_epi64(x2, 24)), mask);
  r.l[3] =
      _mm512_and_si512(_mm512_or_si512(_mm512_srli_epi64(x2, 28), _mm512_slli_epi64(x3, 36)), mask);
  r.l[4] = _mm512_srli_epi64(x3, 16);
  return r;
}

// Normalized limbs of values below 2^256 back to eight consecutive elements at p.
NIGHTJAR_IFMA_TARGET inline void store8(Fr* p, const F5& v) {
  const V x0 = _mm512_or_si512(v.l[0], _mm512_slli_epi64(v.l[1], 52));
  const V x1 = _mm512_or_si512(_mm512_srli_epi64(v.l[1], 12), _mm512_slli_epi64(v.l[2], 40));
  const V x2 = _mm512_or_si512(_mm512_srli_epi64(v.l[2], 24), _mm512_slli_epi64(v.l[3], 28));
  const V x3 = _mm512_or_si512(_mm512_srli_epi64(v.l[3], 36), _mm512_slli_epi64(v.l[4], 16));
  const V lo01 = _mm512_permutex2var_epi64(x0, idx_low_halves(), x1);
  const V hi01 = _mm512_permutex2var_epi64(x2, idx_low_halves(), x3);
  const V lo23 = _mm512_permutex2var_epi64(x0, idx_high_halves(), x1);
  const V hi23 = _mm512_permutex2var_epi64(x2, idx_high_halves(), x3);
  _mm512_storeu_si512(p, _mm512_permutex2var_epi64(lo01, idx_even(), hi01));
  _mm512_storeu_si512(p + 2, _mm512_permutex2var_epi64(lo01, idx_odd(), hi01));
  _mm512_storeu_si512(p + 4, _mm512_permutex2var_epi64(lo23, idx_even(), hi23));
  _mm512_storeu_si512(p + 6, _mm512_permutex2var_epi64(lo23, idx_odd(), hi23));
}

// Word-serial Montgomery multiplication (one 52-bit word of b per round), dividing by
// 2^(52·4 + last_shift). Each accumulator lane stays below 2^57 (2^61 after the final shift by
// 52 - last_shift), so the 64-bit lanes never overflow.
template <int kLastShift>
NIGHTJAR_IFMA_TARGET inline F5 mont_mul_rounds(const F5& a, const F5& b) {
  const V zero = _mm512_setzero_si512();
  const V n0 = splat(kN0);
  V t0 = zero, t1 = zero, t2 = zero, t3 = zero, t4 = zero, t5;
  for (int i = 0; i < 5; ++i) {
    const V bi = b.l[i];
    t0 = _mm512_madd52lo_epu64(t0, a.l[0], bi);
    t1 = _mm512_madd52lo_epu64(t1, a.l[1], bi);
    t2 = _mm512_madd52lo_epu64(t2, a.l[2], bi);
    t3 = _mm512_madd52lo_epu64(t3, a.l[3], bi);
    t4 = _mm512_madd52lo_epu64(t4, a.l[4], bi);
    t1 = _mm512_madd52hi_epu64(t1, a.l[0], bi);
    t2 = _mm512_madd52hi_epu64(t2, a.l[1], bi);
    t3 = _mm512_madd52hi_epu64(t3, a.l[2], bi);
    t4 = _mm512_madd52hi_epu64(t4, a.l[3], bi);
    t5 = _mm512_madd52hi_epu64(zero, a.l[4], bi);
    V m = _mm512_madd52lo_epu64(zero, t0, n0);
    // m ≡ -t0/r modulo 2^52, hence modulo 2^kLastShift too.
    if (i == 4 && kLastShift != 52) m = _mm512_and_si512(m, splat((uint64_t{1} << kLastShift) - 1));
    t0 = _mm512_madd52lo_epu64(t0, m, splat(kP[0]));
    t1 = _mm512_madd52lo_epu64(t1, m, splat(kP[1]));
    t2 = _mm512_madd52lo_epu64(t2, m, splat(kP[2]));
    t3 = _mm512_madd52lo_epu64(t3, m, splat(kP[3]));
    t4 = _mm512_madd52lo_epu64(t4, m, splat(kP[4]));
    t1 = _mm512_madd52hi_epu64(t1, m, splat(kP[0]));
    t2 = _mm512_madd52hi_epu64(t2, m, splat(kP[1]));
    t3 = _mm512_madd52hi_epu64(t3, m, splat(kP[2]));
    t4 = _mm512_madd52hi_epu64(t4, m, splat(kP[3]));
    t5 = _mm512_madd52hi_epu64(t5, m, splat(kP[4]));
    if (i == 4 && kLastShift != 52) {
      // t0 is divisible by 2^kLastShift only: dividing by it is multiplying by 2^(52 -
      // kLastShift), then dropping a whole word as in the other rounds.
      constexpr int kUp = 52 - kLastShift;
      t0 = _mm512_slli_epi64(t0, kUp);
      t1 = _mm512_slli_epi64(t1, kUp);
      t2 = _mm512_slli_epi64(t2, kUp);
      t3 = _mm512_slli_epi64(t3, kUp);
      t4 = _mm512_slli_epi64(t4, kUp);
      t5 = _mm512_slli_epi64(t5, kUp);
    }
    // t0 is now divisible by 2^52: carry its high part and shift the accumulator down a word.
    t0 = _mm512_add_epi64(t1, _mm512_srli_epi64(t0, 52));
    t1 = t2;
    t2 = t3;
    t3 = t4;
    t4 = t5;
  }
  const V mask = splat(kMask52);
  t1 = _mm512_add_epi64(t1, _mm512_srli_epi64(t0, 52));
  t2 = _mm512_add_epi64(t2, _mm512_srli_epi64(t1, 52));
  t3 = _mm512_add_epi64(t3, _mm512_srli_epi64(t2, 52));
  t4 = _mm512_add_epi64(t4, _mm512_srli_epi64(t3, 52));
  return {{_mm512_and_si512(t0, mask), _mm512_and_si512(t1, mask), _mm512_and_si512(t2, mask),
           _mm512_and_si512(t3, mask), t4}};
}

// a·b·2^-260 mod r, below 1.2r, normalized. a: normalized, any value below 2^260 that is at most
// 4r; b: normalized, below r.
NIGHTJAR_IFMA_TARGET inline F5 mont_mul(const F5& a, const F5& b) {
  return mont_mul_rounds<52>(a, b);
}

// a·b·2^-256 mod r (the standard Montgomery product), below 1.5r, normalized; a and b
// normalized and below r. (The result is below a·b/2^256 + r, and r < 0.46·2^256.)
NIGHTJAR_IFMA_TARGET inline F5 mont_mul256(const F5& a, const F5& b) {
  return mont_mul_rounds<48>(a, b);
}

// Propagates signed limb carries so that limbs 0..3 lie in [0, 2^52); the value is unchanged
// (and must be nonnegative).
NIGHTJAR_IFMA_TARGET inline void normalize(F5& x) {
  const V mask = splat(kMask52);
  for (int j = 0; j < 4; ++j) {
    x.l[j + 1] = _mm512_add_epi64(x.l[j + 1], _mm512_srai_epi64(x.l[j], 52));
    x.l[j] = _mm512_and_si512(x.l[j], mask);
  }
}

// x - q if x >= q, else x; x normalized.
NIGHTJAR_IFMA_TARGET inline F5 cond_sub(const F5& x, const Limbs52& q) {
  F5 d;
  for (int j = 0; j < 5; ++j) d.l[j] = _mm512_sub_epi64(x.l[j], splat(q[j]));
  normalize(d);
  const __mmask8 negative = _mm512_cmplt_epi64_mask(d.l[4], _mm512_setzero_si512());
  F5 r;
  for (int j = 0; j < 5; ++j) r.l[j] = _mm512_mask_blend_epi64(negative, d.l[j], x.l[j]);
  return r;
}

// x + t, normalized, not reduced.
NIGHTJAR_IFMA_TARGET inline F5 add(const F5& x, const F5& t) {
  F5 r;
  for (int j = 0; j < 5; ++j) r.l[j] = _mm512_add_epi64(x.l[j], t.l[j]);
  normalize(r);
  return r;
}

// x - t + q, normalized, not reduced; positive whenever t < q.
NIGHTJAR_IFMA_TARGET inline F5 sub_plus(const F5& x, const F5& t, const Limbs52& q) {
  F5 r;
  for (int j = 0; j < 5; ++j)
    r.l[j] = _mm512_sub_epi64(_mm512_add_epi64(x.l[j], splat(q[j])), t.l[j]);
  normalize(r);
  return r;
}

// x - t + 2r, normalized, not reduced; positive whenever t < 2r.
NIGHTJAR_IFMA_TARGET inline F5 sub(const F5& x, const F5& t) { return sub_plus(x, t, k2P); }

// Below 4r -> below 2r, or below r when canonical.
NIGHTJAR_IFMA_TARGET inline F5 reduce(const F5& x, bool canonical) {
  F5 r = cond_sub(x, k2P);
  return canonical ? cond_sub(r, kP) : r;
}

// Canonical field operations: operands below r, results below r.
NIGHTJAR_IFMA_TARGET inline F5 add_mod(const F5& a, const F5& b) { return cond_sub(add(a, b), kP); }
NIGHTJAR_IFMA_TARGET inline F5 sub_mod(const F5& a, const F5& b) {
  return cond_sub(sub_plus(a, b, kP), kP);
}
NIGHTJAR_IFMA_TARGET inline F5 mul_mod(const F5& a, const F5& b) {
  return cond_sub(mont_mul256(a, b), kP);
}
NIGHTJAR_IFMA_TARGET inline F5 square_mod(const F5& a) { return mul_mod(a, a); }

// Lane e of the result is lane idx[e] of x.
NIGHTJAR_IFMA_TARGET inline F5 permute(const F5& x, V idx) {
  F5 r;
  for (int j = 0; j < 5; ++j) r.l[j] = _mm512_permutexvar_epi64(idx, x.l[j]);
  return r;
}

NIGHTJAR_IFMA_TARGET inline F5 reverse_lanes(const F5& x) {
  return permute(x, _mm512_setr_epi64(7, 6, 5, 4, 3, 2, 1, 0));
}

// Lanes whose bit is set in `take_b` from b, the others from a.
NIGHTJAR_IFMA_TARGET inline F5 blend(__mmask8 take_b, const F5& a, const F5& b) {
  F5 r;
  for (int j = 0; j < 5; ++j) r.l[j] = _mm512_mask_blend_epi64(take_b, a.l[j], b.l[j]);
  return r;
}

#endif  // NIGHTJAR_HAVE_FR_IFMA

}  // namespace nightjar::ff::fr_ifma
