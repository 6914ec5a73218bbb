#include "poly/ntt_ifma.h"

#include <array>
#include <type_traits>

#include "base/cpu.h"
#include "base/status.h"

#if defined(__x86_64__) && !defined(NIGHTJAR_PORTABLE_ONLY)
#define NIGHTJAR_HAVE_IFMA_NTT 1
// GCC 12's AVX-512 shift intrinsics pass _mm512_undefined_epi32() as the merge source, which its
// own -Wuninitialized then reports at every inlined call.
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wuninitialized"
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#endif
#include <immintrin.h>
#else
#define NIGHTJAR_HAVE_IFMA_NTT 0
#endif

namespace nightjar::poly::ifma {

using ff::Fr;

static_assert(sizeof(Fr) == 32 && std::is_standard_layout_v<Fr>,
              "the kernels read Fr arrays as packed 4x64-bit limbs");

namespace {

constexpr uint64_t kMask52 = (uint64_t{1} << 52) - 1;

using Limbs52 = std::array<uint64_t, 5>;

constexpr Limbs52 split52(const Fr::Limbs& x) {
  return {x[0] & kMask52, ((x[0] >> 52) | (x[1] << 12)) & kMask52,
          ((x[1] >> 40) | (x[2] << 24)) & kMask52, ((x[2] >> 28) | (x[3] << 36)) & kMask52,
          x[3] >> 16};
}

}  // namespace

Group pack(const Fr* w) {
  const Fr sixteen = Fr::from_u64(16);
  Group g;
  for (size_t e = 0; e < 8; ++e) {
    const Limbs52 limbs = split52((w[e] * sixteen).raw_montgomery());
    for (size_t l = 0; l < 5; ++l) g.limb[l][e] = limbs[l];
  }
  return g;
}

#if NIGHTJAR_HAVE_IFMA_NTT

#define NJ_IFMA __attribute__((target("avx512f,avx512ifma")))

namespace {

constexpr Fr::Limbs twice(const Fr::Limbs& x) {
  return {x[0] << 1, (x[1] << 1) | (x[0] >> 63), (x[2] << 1) | (x[1] >> 63),
          (x[3] << 1) | (x[2] >> 63)};
}

// r and 2r (which still fits 256 bits) in 52-bit limbs.
constexpr Limbs52 kP = split52(ff::FrParams::kModulus);
constexpr Limbs52 k2P = split52(twice(ff::FrParams::kModulus));
static_assert(ff::FrParams::kModulus[3] >> 63 == 0, "2r must fit in 256 bits");
// -r^-1 mod 2^52: the low bits of -r^-1 mod 2^64.
constexpr uint64_t kN0 = ff::FrParams::kN0 & kMask52;

using V = __m512i;

// Eight field elements in 52-bit limbs, lane e = element e. "Normalized" means every limb but
// the top one is below 2^52.
struct F5 {
  V l[5];
};

NJ_IFMA inline V splat(uint64_t x) { return _mm512_set1_epi64(static_cast<long long>(x)); }

NJ_IFMA inline F5 load_group(const Group& g) {
  F5 r;
  for (int l = 0; l < 5; ++l) r.l[l] = _mm512_load_si512(g.limb[l]);
  return r;
}

// Index vectors of the 8×4 transposes between element-major (4 limbs per element, two elements
// per register) and limb-major (one limb of eight elements per register) layouts.
NJ_IFMA inline V idx_even() { return _mm512_setr_epi64(0, 4, 8, 12, 1, 5, 9, 13); }
NJ_IFMA inline V idx_odd() { return _mm512_setr_epi64(2, 6, 10, 14, 3, 7, 11, 15); }
NJ_IFMA inline V idx_low_halves() { return _mm512_setr_epi64(0, 1, 2, 3, 8, 9, 10, 11); }
NJ_IFMA inline V idx_high_halves() { return _mm512_setr_epi64(4, 5, 6, 7, 12, 13, 14, 15); }

// Eight consecutive elements at p, values below 2^256, to normalized 52-bit limbs.
NJ_IFMA inline F5 load8(const Fr* p) {
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
NJ_IFMA inline void store8(Fr* p, const F5& v) {
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

// a·b·2^-260 mod r, below 1.2r, normalized. a: normalized, any value below 2^260 that is at most
// 4r; b: normalized, below r. Word-serial Montgomery (one 52-bit word of b per round); each
// accumulator lane stays below 2^57, so the 64-bit lanes never overflow.
NJ_IFMA inline F5 mont_mul(const F5& a, const F5& b) {
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
    const V m = _mm512_madd52lo_epu64(zero, t0, n0);
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

// Propagates signed limb carries so that limbs 0..3 lie in [0, 2^52); the value is unchanged
// (and must be nonnegative).
NJ_IFMA inline void normalize(F5& x) {
  const V mask = splat(kMask52);
  for (int j = 0; j < 4; ++j) {
    x.l[j + 1] = _mm512_add_epi64(x.l[j + 1], _mm512_srai_epi64(x.l[j], 52));
    x.l[j] = _mm512_and_si512(x.l[j], mask);
  }
}

// x - q if x >= q, else x; x normalized.
NJ_IFMA inline F5 cond_sub(const F5& x, const Limbs52& q) {
  F5 d;
  for (int j = 0; j < 5; ++j) d.l[j] = _mm512_sub_epi64(x.l[j], splat(q[j]));
  normalize(d);
  const __mmask8 negative = _mm512_cmplt_epi64_mask(d.l[4], _mm512_setzero_si512());
  F5 r;
  for (int j = 0; j < 5; ++j) r.l[j] = _mm512_mask_blend_epi64(negative, d.l[j], x.l[j]);
  return r;
}

// x + t, normalized, not reduced.
NJ_IFMA inline F5 add(const F5& x, const F5& t) {
  F5 r;
  for (int j = 0; j < 5; ++j) r.l[j] = _mm512_add_epi64(x.l[j], t.l[j]);
  normalize(r);
  return r;
}

// x - t + 2r, normalized, not reduced; positive whenever t < 2r.
NJ_IFMA inline F5 sub(const F5& x, const F5& t) {
  F5 r;
  for (int j = 0; j < 5; ++j)
    r.l[j] = _mm512_sub_epi64(_mm512_add_epi64(x.l[j], splat(k2P[j])), t.l[j]);
  normalize(r);
  return r;
}

// Below 2r (x < 4r) -> below 2r, or below r when canonical.
NJ_IFMA inline F5 reduce(const F5& x, bool canonical) {
  F5 r = cond_sub(x, k2P);
  return canonical ? cond_sub(r, kP) : r;
}

// Lane e of the result is lane idx[e] of x.
NJ_IFMA inline F5 permute(const F5& x, V idx) {
  F5 r;
  for (int j = 0; j < 5; ++j) r.l[j] = _mm512_permutexvar_epi64(idx, x.l[j]);
  return r;
}

NJ_IFMA inline F5 reverse_lanes(const F5& x) {
  return permute(x, _mm512_setr_epi64(7, 6, 5, 4, 3, 2, 1, 0));
}

// Lanes whose bit is set in `take_b` from b, the others from a.
NJ_IFMA inline F5 blend(__mmask8 take_b, const F5& a, const F5& b) {
  F5 r;
  for (int j = 0; j < 5; ++j) r.l[j] = _mm512_mask_blend_epi64(take_b, a.l[j], b.l[j]);
  return r;
}

// One stage with butterflies at distance d < 8 inside a group: lane e pairs with lane e ^ d;
// `low` and `high` gather each pair's first and second element into every lane of the pair,
// `upper` marks the lanes that take the difference, w holds each lane's twiddle. The product is
// computed for all lanes, so the cheap stages cost a whole vector multiplication.
NJ_IFMA inline F5 lane_stage(const F5& x, V low, V high, __mmask8 upper, const F5* w) {
  const F5 a = permute(x, low);
  const F5 t = w == nullptr ? permute(x, high) : mont_mul(permute(x, high), *w);
  return reduce(blend(upper, add(a, t), sub(a, t)), false);
}

}  // namespace

bool available() {
  const CpuFeatures& f = cpu_features();
  return f.avx512f && f.avx512ifma;
}

NJ_IFMA void first_three_stages(Fr* a, size_t count, const Group& w2, const Group& w4) {
  const F5 t2 = load_group(w2);
  const F5 t4 = load_group(w4);
  for (size_t i = 0; i < count; i += 8) {
    F5 x = load8(a + i);
    x = lane_stage(x, _mm512_setr_epi64(0, 0, 2, 2, 4, 4, 6, 6),
                   _mm512_setr_epi64(1, 1, 3, 3, 5, 5, 7, 7), 0xaa, nullptr);
    x = lane_stage(x, _mm512_setr_epi64(0, 1, 0, 1, 4, 5, 4, 5),
                   _mm512_setr_epi64(2, 3, 2, 3, 6, 7, 6, 7), 0xcc, &t2);
    x = lane_stage(x, _mm512_setr_epi64(0, 1, 2, 3, 0, 1, 2, 3),
                   _mm512_setr_epi64(4, 5, 6, 7, 4, 5, 6, 7), 0xf0, &t4);
    store8(a + i, x);
  }
}

NJ_IFMA void radix2(Fr* a, size_t m, const Group* tw, size_t g0, size_t g1, bool canonical) {
  Fr* lo = a;
  Fr* hi = a + m;
  for (size_t g = g0; g < g1; ++g) {
    const size_t j = 8 * g;
    const F5 x = load8(lo + j);
    const F5 t = mont_mul(load8(hi + j), load_group(tw[g]));
    store8(lo + j, reduce(add(x, t), canonical));
    store8(hi + j, reduce(sub(x, t), canonical));
  }
}

NJ_IFMA void radix4(Fr* a, size_t m, const Group* tw_m, const Group* tw_2m, size_t g0, size_t g1,
                    bool canonical) {
  Fr* a0 = a;
  Fr* a1 = a + m;
  Fr* a2 = a + 2 * m;
  Fr* a3 = a + 3 * m;
  const size_t half = m / 8;
  for (size_t g = g0; g < g1; ++g) {
    const size_t j = 8 * g;
    const F5 w1 = load_group(tw_m[g]);
    const F5 x0 = load8(a0 + j);
    const F5 x2 = load8(a2 + j);
    const F5 t1 = mont_mul(load8(a1 + j), w1);
    const F5 t3 = mont_mul(load8(a3 + j), w1);
    // y2 and y3 only feed multiplications, which accept them unreduced.
    const F5 y0 = reduce(add(x0, t1), false);
    const F5 y1 = reduce(sub(x0, t1), false);
    const F5 u = mont_mul(add(x2, t3), load_group(tw_2m[g]));
    const F5 v = mont_mul(sub(x2, t3), load_group(tw_2m[g + half]));
    store8(a0 + j, reduce(add(y0, u), canonical));
    store8(a2 + j, reduce(sub(y0, u), canonical));
    store8(a1 + j, reduce(add(y1, v), canonical));
    store8(a3 + j, reduce(sub(y1, v), canonical));
  }
}

NJ_IFMA void scale_geometric(Fr* a, size_t count, const Group& first, const Group& step) {
  F5 factor = load_group(first);
  const F5 s = load_group(step);
  for (size_t i = 0; i < count; i += 8) {
    store8(a + i, cond_sub(mont_mul(load8(a + i), factor), kP));
    factor = cond_sub(mont_mul(factor, s), kP);
  }
}

NJ_IFMA void scale_cyclic(Fr* a, size_t count, const Group cycle[3]) {
  const F5 f[3] = {load_group(cycle[0]), load_group(cycle[1]), load_group(cycle[2])};
  size_t r = 0;
  for (size_t i = 0; i < count; i += 8) {
    store8(a + i, cond_sub(mont_mul(load8(a + i), f[r]), kP));
    if (++r == 3) r = 0;
  }
}

NJ_IFMA void reverse_scale(Fr* a, size_t n, size_t i0, size_t groups, const Group& c) {
  const F5 factor = load_group(c);
  for (size_t q = 0; q < groups; ++q) {
    const size_t i = i0 + 8 * q;
    Fr* low = a + i;
    Fr* high = a + (n - i - 7);
    const F5 x = load8(low);
    const F5 y = load8(high);
    store8(low, cond_sub(mont_mul(reverse_lanes(y), factor), kP));
    store8(high, cond_sub(mont_mul(reverse_lanes(x), factor), kP));
  }
}

#undef NJ_IFMA

#else  // !NIGHTJAR_HAVE_IFMA_NTT

bool available() { return false; }

// Unreachable: EvaluationDomain selects these kernels only when available().
void first_three_stages(Fr*, size_t, const Group&, const Group&) { NIGHTJAR_CHECK(false); }
void radix2(Fr*, size_t, const Group*, size_t, size_t, bool) { NIGHTJAR_CHECK(false); }
void radix4(Fr*, size_t, const Group*, const Group*, size_t, size_t, bool) {
  NIGHTJAR_CHECK(false);
}
void scale_geometric(Fr*, size_t, const Group&, const Group&) { NIGHTJAR_CHECK(false); }
void scale_cyclic(Fr*, size_t, const Group[3]) { NIGHTJAR_CHECK(false); }
void reverse_scale(Fr*, size_t, size_t, size_t, const Group&) { NIGHTJAR_CHECK(false); }

#endif  // NIGHTJAR_HAVE_IFMA_NTT

}  // namespace nightjar::poly::ifma
