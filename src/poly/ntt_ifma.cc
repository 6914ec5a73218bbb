#include "poly/ntt_ifma.h"

#include "base/status.h"
#include "ff/fr_ifma_inl.h"

namespace nightjar::poly::ifma {

using ff::Fr;

using ff::fr_ifma::Limbs52;
using ff::fr_ifma::split52;

Group pack(const Fr* w) {
  const Fr sixteen = Fr::from_u64(16);
  Group g;
  for (size_t e = 0; e < 8; ++e) {
    const Limbs52 limbs = split52((w[e] * sixteen).raw_montgomery());
    for (size_t l = 0; l < 5; ++l) g.limb[l][e] = limbs[l];
  }
  return g;
}

#if NIGHTJAR_HAVE_FR_IFMA

#define NJ_IFMA NIGHTJAR_IFMA_TARGET

using namespace ff::fr_ifma;

namespace {

NJ_IFMA inline F5 load_group(const Group& g) { return load_limbs(g.limb); }

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

bool available() { return ff::fr_ifma::available(); }

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

#else  // !NIGHTJAR_HAVE_FR_IFMA

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

#endif  // NIGHTJAR_HAVE_FR_IFMA

}  // namespace nightjar::poly::ifma
