#include "msm/ifma_buckets.h"

#include "base/cpu.h"

#if NIGHTJAR_HAVE_IFMA_KERNEL

// GCC 12's AVX-512 headers initialize _mm512_undefined_* from themselves and warn about it in
// every caller (GCC bug 105593).
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wuninitialized"
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#endif
#include <immintrin.h>

#include <array>

#include "ff/fp.h"

namespace nightjar::msm {
namespace {

// Every function touching AVX-512 carries the target attribute itself: no -m flag reaches the
// rest of the binary.
#define NJ_IFMA __attribute__((target("avx512f,avx512ifma"), always_inline)) inline

using Limbs64 = std::array<uint64_t, 6>;
using Limbs52 = std::array<uint64_t, 8>;

constexpr uint64_t kMask52 = (uint64_t{1} << 52) - 1;

// Bits [52i, 52i + 52) of a 384-bit integer.
constexpr Limbs52 to_radix52(const Limbs64& x) {
  Limbs52 out{};
  for (unsigned i = 0; i < 8; ++i) {
    unsigned pos = 52 * i, limb = pos / 64, shift = pos % 64;
    uint64_t v = x[limb] >> shift;
    if (shift > 12 && limb + 1 < 6) v |= x[limb + 1] << (64 - shift);
    out[i] = v & kMask52;
  }
  return out;
}

// Inverse of to_radix52 for normalized limbs of a value below 2^384.
constexpr Limbs64 from_radix52(const Limbs52& l) {
  Limbs64 out{};
  for (unsigned i = 0; i < 8; ++i) {
    unsigned pos = 52 * i, limb = pos / 64, shift = pos % 64;
    out[limb] |= l[i] << shift;
    if (shift > 12 && limb + 1 < 6) out[limb + 1] |= l[i] >> (64 - shift);
  }
  return out;
}

constexpr Limbs64 times(const Limbs64& x, uint64_t k) {
  Limbs64 out{};
  unsigned __int128 carry = 0;
  for (unsigned i = 0; i < 6; ++i) {
    carry += static_cast<unsigned __int128>(x[i]) * k;
    out[i] = static_cast<uint64_t>(carry);
    carry >>= 64;
  }
  return out;
}

constexpr Limbs52 kP = to_radix52(ff::FpParams::kModulus);
constexpr Limbs52 k2P = to_radix52(times(ff::FpParams::kModulus, 2));
constexpr Limbs52 kOne = to_radix52(ff::FpParams::kOne);
constexpr uint64_t kN0 = ff::FpParams::kN0 & kMask52;  // -p^-1 mod 2^52

// Eight field elements, limb-major: l[i] holds limb i (52 bits) of each lane.
struct Vec {
  __m512i l[8];
};

NJ_IFMA Vec broadcast(const Limbs52& c) {
  Vec v;
  for (int i = 0; i < 8; ++i) v.l[i] = _mm512_set1_epi64(static_cast<long long>(c[i]));
  return v;
}

// Signed carry propagation: limbs back to [0, 2^52) (the top limb keeps the excess).
NJ_IFMA void normalize(Vec& v) {
  const __m512i mask = _mm512_set1_epi64(kMask52);
  for (int i = 0; i < 7; ++i) {
    v.l[i + 1] = _mm512_add_epi64(v.l[i + 1], _mm512_srai_epi64(v.l[i], 52));
    v.l[i] = _mm512_and_si512(v.l[i], mask);
  }
}

// a + k - b for a constant multiple k of p at least b, normalized.
NJ_IFMA Vec sub(const Vec& a, const Vec& b, const Limbs52& k) {
  Vec r;
  for (int i = 0; i < 8; ++i) {
    r.l[i] = _mm512_sub_epi64(
        _mm512_add_epi64(a.l[i], _mm512_set1_epi64(static_cast<long long>(k[i]))), b.l[i]);
  }
  normalize(r);
  return r;
}

NJ_IFMA Vec vadd(const Vec& a, const Vec& b) {
  Vec r;
  for (int i = 0; i < 8; ++i) r.l[i] = _mm512_add_epi64(a.l[i], b.l[i]);
  normalize(r);
  return r;
}

// a - k when that is non-negative, else a (lane by lane).
NJ_IFMA Vec subtract_if_not_below(const Vec& a, const Limbs52& k) {
  Vec t;
  for (int i = 0; i < 8; ++i)
    t.l[i] = _mm512_sub_epi64(a.l[i], _mm512_set1_epi64(static_cast<long long>(k[i])));
  normalize(t);
  __mmask8 below = _mm512_cmplt_epi64_mask(t.l[7], _mm512_setzero_si512());
  Vec r;
  for (int i = 0; i < 8; ++i) r.l[i] = _mm512_mask_blend_epi64(below, t.l[i], a.l[i]);
  return r;
}

// [0, 4p) -> [0, p)
NJ_IFMA Vec reduce_4p(const Vec& a) {
  return subtract_if_not_below(subtract_if_not_below(a, k2P), kP);
}

NJ_IFMA __mmask8 equal(const Vec& a, const Vec& b) {
  __mmask8 eq = 0xff;
  for (int i = 0; i < 8; ++i) eq &= _mm512_cmpeq_epi64_mask(a.l[i], b.l[i]);
  return eq;
}

NJ_IFMA Vec blend(__mmask8 take_b, const Vec& a, const Vec& b) {
  Vec r;
  for (int i = 0; i < 8; ++i) r.l[i] = _mm512_mask_blend_epi64(take_b, a.l[i], b.l[i]);
  return r;
}

// a·b·2^-384 mod p, the product ff::Fp computes, for normalized a < 4p and b < 2p; the result is
// normalized and below 2p (a·b < 8p^2 < p·2^384, and the reduction adds less than p).
// Schoolbook product into 16 columns, seven 52-bit Montgomery steps, one 20-bit step, then a
// shift right by 20 bits across the limbs.
NJ_IFMA Vec mul(const Vec& a, const Vec& b) {
  const __m512i zero = _mm512_setzero_si512();
  __m512i t[16];
  for (int k = 0; k < 16; ++k) t[k] = zero;
  for (int i = 0; i < 8; ++i) {
    for (int j = 0; j < 8; ++j) {
      t[i + j] = _mm512_madd52lo_epu64(t[i + j], a.l[i], b.l[j]);
      t[i + j + 1] = _mm512_madd52hi_epu64(t[i + j + 1], a.l[i], b.l[j]);
    }
  }
  const __m512i n0 = _mm512_set1_epi64(kN0);
  __m512i p[8];
  for (int j = 0; j < 8; ++j) p[j] = _mm512_set1_epi64(static_cast<long long>(kP[j]));
  for (int i = 0; i < 7; ++i) {
    __m512i m = _mm512_madd52lo_epu64(zero, t[i], n0);
    for (int j = 0; j < 8; ++j) {
      t[i + j] = _mm512_madd52lo_epu64(t[i + j], m, p[j]);
      t[i + j + 1] = _mm512_madd52hi_epu64(t[i + j + 1], m, p[j]);
    }
    // t[i] is now a multiple of 2^52.
    t[i + 1] = _mm512_add_epi64(t[i + 1], _mm512_srli_epi64(t[i], 52));
  }
  __m512i m =
      _mm512_and_si512(_mm512_madd52lo_epu64(zero, t[7], n0), _mm512_set1_epi64((1 << 20) - 1));
  for (int j = 0; j < 8; ++j) {
    t[7 + j] = _mm512_madd52lo_epu64(t[7 + j], m, p[j]);
    t[8 + j] = _mm512_madd52hi_epu64(t[8 + j], m, p[j]);
  }
  const __m512i mask = _mm512_set1_epi64(kMask52);
  for (int k = 7; k < 15; ++k) {
    t[k + 1] = _mm512_add_epi64(t[k + 1], _mm512_srli_epi64(t[k], 52));
    t[k] = _mm512_and_si512(t[k], mask);
  }
  // The low 20 bits of t[7] are zero now.
  Vec r;
  for (int i = 0; i < 8; ++i) {
    r.l[i] = _mm512_or_si512(_mm512_srli_epi64(t[7 + i], 20),
                             _mm512_and_si512(_mm512_slli_epi64(t[8 + i], 32), mask));
  }
  return r;
}

// Rows of an 8x8 matrix of 64-bit words become its columns, in three rounds of two-source
// permutations: interleave single words, then pairs, then quadruples.
NJ_IFMA void transpose(__m512i r[8]) {
  const __m512i words_lo = _mm512_setr_epi64(0, 8, 2, 10, 4, 12, 6, 14);
  const __m512i words_hi = _mm512_setr_epi64(1, 9, 3, 11, 5, 13, 7, 15);
  const __m512i pairs_lo = _mm512_setr_epi64(0, 1, 8, 9, 4, 5, 12, 13);
  const __m512i pairs_hi = _mm512_setr_epi64(2, 3, 10, 11, 6, 7, 14, 15);
  const __m512i quads_lo = _mm512_setr_epi64(0, 1, 2, 3, 8, 9, 10, 11);
  const __m512i quads_hi = _mm512_setr_epi64(4, 5, 6, 7, 12, 13, 14, 15);
  __m512i t[8], u[8];
  for (int i = 0; i < 8; i += 2) {
    t[i] = _mm512_permutex2var_epi64(r[i], words_lo, r[i + 1]);
    t[i + 1] = _mm512_permutex2var_epi64(r[i], words_hi, r[i + 1]);
  }
  for (int i = 0; i < 8; i += 4) {
    for (int k = 0; k < 2; ++k) {
      u[i + k] = _mm512_permutex2var_epi64(t[i + k], pairs_lo, t[i + k + 2]);
      u[i + k + 2] = _mm512_permutex2var_epi64(t[i + k], pairs_hi, t[i + k + 2]);
    }
  }
  for (int k = 0; k < 4; ++k) {
    r[k] = _mm512_permutex2var_epi64(u[k], quads_lo, u[k + 4]);
    r[k + 4] = _mm512_permutex2var_epi64(u[k], quads_hi, u[k + 4]);
  }
}

// Eight 6-limb (64-bit) field elements, one per lane, into radix 2^52.
NJ_IFMA Vec load_fp(const ff::Fp* const lanes[8]) {
  __m512i r[8];
  for (int i = 0; i < 8; ++i)
    r[i] = _mm512_maskz_loadu_epi64(0x3f, lanes[i]->raw_montgomery().data());
  transpose(r);
  const __m512i mask = _mm512_set1_epi64(kMask52);
  Vec v;
  v.l[0] = _mm512_and_si512(r[0], mask);
  v.l[1] = _mm512_and_si512(
      _mm512_or_si512(_mm512_srli_epi64(r[0], 52), _mm512_slli_epi64(r[1], 12)), mask);
  v.l[2] = _mm512_and_si512(
      _mm512_or_si512(_mm512_srli_epi64(r[1], 40), _mm512_slli_epi64(r[2], 24)), mask);
  v.l[3] = _mm512_and_si512(
      _mm512_or_si512(_mm512_srli_epi64(r[2], 28), _mm512_slli_epi64(r[3], 36)), mask);
  v.l[4] = _mm512_and_si512(
      _mm512_or_si512(_mm512_srli_epi64(r[3], 16), _mm512_slli_epi64(r[4], 48)), mask);
  v.l[5] = _mm512_and_si512(_mm512_srli_epi64(r[4], 4), mask);
  v.l[6] = _mm512_and_si512(
      _mm512_or_si512(_mm512_srli_epi64(r[4], 56), _mm512_slli_epi64(r[5], 8)), mask);
  v.l[7] = _mm512_srli_epi64(r[5], 44);
  return v;
}

// Eight 8-limb (52-bit) values stored one per 64-byte line.
NJ_IFMA Vec load_lines(const uint64_t* const lanes[8]) {
  Vec v;
  for (int i = 0; i < 8; ++i) v.l[i] = _mm512_load_si512(lanes[i]);
  transpose(v.l);
  return v;
}

NJ_IFMA void store_lines(Vec v, uint64_t* const lanes[8], __mmask8 which) {
  transpose(v.l);
  for (int i = 0; i < 8; ++i)
    if ((which >> i) & 1) _mm512_store_si512(lanes[i], v.l[i]);
}

NJ_IFMA Limbs52 lane(const Vec& v, int i) {
  alignas(64) uint64_t tmp[8];
  Limbs52 out;
  for (int k = 0; k < 8; ++k) {
    _mm512_store_si512(tmp, v.l[k]);
    out[k] = tmp[i];
  }
  return out;
}

NJ_IFMA Vec from_lanes(const std::array<Limbs52, 8>& lanes) {
  Vec v;
  for (int i = 0; i < 8; ++i) v.l[i] = _mm512_loadu_si512(lanes[i].data());
  transpose(v.l);
  return v;
}

ff::Fp fp_from_radix52(const Limbs52& l) {
  return ff::Fp::from_montgomery_unchecked(from_radix52(l));
}

}  // namespace

struct alignas(64) IfmaBuckets::Slot {
  uint64_t x[8];
  uint64_t y[8];
};

// One row of a batch between the forward and the backward pass.
struct IfmaBuckets::Row {
  Vec x1, y1, x2, y2, prefix;
  __mmask8 valid, doubling, cancel;
};

bool ifma_available() {
  const CpuFeatures& f = cpu_features();
  return f.avx512f && f.avx512ifma;
}

IfmaBuckets::IfmaBuckets(size_t num_buckets, size_t scratch_slots, size_t batch_capacity)
    : BatchedBuckets(num_buckets, scratch_slots, batch_capacity),
      slots_(new Slot[num_buckets + scratch_slots]) {}

IfmaBuckets::~IfmaBuckets() = default;

void IfmaBuckets::set_slot(uint32_t slot, const ec::G1Affine& p, bool negate) {
  Limbs52 x = to_radix52(p.x.raw_montgomery());
  Limbs52 y = to_radix52((negate ? -p.y : p.y).raw_montgomery());
  for (int i = 0; i < 8; ++i) {
    slots_[slot].x[i] = x[i];
    slots_[slot].y[i] = y[i];
  }
}

ec::G1Affine IfmaBuckets::get_slot(uint32_t slot) const {
  Limbs52 x, y;
  for (int i = 0; i < 8; ++i) {
    x[i] = slots_[slot].x[i];
    y[i] = slots_[slot].y[i];
  }
  return {fp_from_radix52(x), fp_from_radix52(y), false};
}

void IfmaBuckets::copy_slot(uint32_t dst, uint32_t src) { slots_[dst] = slots_[src]; }

void IfmaBuckets::prefetch_slot(uint32_t slot) const {
  __builtin_prefetch(slots_[slot].x);
  __builtin_prefetch(slots_[slot].y);
}

void IfmaBuckets::run_batch() { add_batch<false>(batch_size_, {}); }

void IfmaBuckets::run_slot_batch(std::span<const SlotOp> ops) { add_batch<true>(ops.size(), ops); }

template <bool kFromSlots>
__attribute__((target("avx512f,avx512ifma"))) void IfmaBuckets::add_batch(
    size_t n, std::span<const SlotOp> ops) {
  const size_t rows = (n + 7) / 8;
  if (row_capacity_ < rows) {
    rows_.reset(new Row[rows]);
    row_capacity_ = rows;
  }
  auto dst = [&](size_t j) { return kFromSlots ? ops[j].dst : batch_[j].bucket; };
  const Vec one = broadcast(kOne);
  Vec acc[2] = {one, one};
  // Forward pass: load and transpose each row (every later read uses these copies, so sources
  // that are also destinations are read before any write), settle the exceptional lanes, chain
  // the denominators' products (even rows on one chain, odd rows on the other).
  for (size_t r = 0; r < rows; ++r) {
    Row& row = rows_[r];
    const uint64_t* xs[8];
    const uint64_t* ys[8];
    row.valid = 0;
    for (int i = 0; i < 8; ++i) {
      size_t j = 8 * r + static_cast<size_t>(i);
      // Padding lanes repeat the row's first entry and are masked out of every store.
      if (j < n) row.valid |= static_cast<__mmask8>(1 << i);
      uint32_t d = dst(j < n ? j : 8 * r);
      xs[i] = slots_[d].x;
      ys[i] = slots_[d].y;
    }
    row.x1 = load_lines(xs);
    row.y1 = load_lines(ys);
    if constexpr (kFromSlots) {
      for (int i = 0; i < 8; ++i) {
        size_t j = 8 * r + static_cast<size_t>(i);
        uint32_t src = ops[j < n ? j : 8 * r].src;
        xs[i] = slots_[src].x;
        ys[i] = slots_[src].y;
      }
      row.x2 = load_lines(xs);
      row.y2 = load_lines(ys);
    } else {
      const ff::Fp* px[8];
      const ff::Fp* py[8];
      __mmask8 negate = 0;
      for (int i = 0; i < 8; ++i) {
        size_t j = 8 * r + static_cast<size_t>(i);
        const Entry& e = batch_[j < n ? j : 8 * r];
        px[i] = &e.point->x;
        py[i] = &e.point->y;
        if (e.negate) negate |= static_cast<__mmask8>(1 << i);
      }
      row.x2 = load_fp(px);
      Vec y = load_fp(py);
      row.y2 = blend(negate, y, sub(broadcast(kP), y, Limbs52{}));
    }
    Vec den = sub(row.x2, row.x1, kP);
    row.doubling = 0;
    row.cancel = 0;
    __mmask8 same_x = equal(row.x1, row.x2) & row.valid;
    if (same_x) {
      // Slot = ±Q; the canonical y's decide which. y = 0 (a point of order 2, outside G1)
      // doubles to the identity: a cancellation.
      row.doubling = same_x & equal(row.y1, row.y2) &
                     static_cast<__mmask8>(~equal(row.y1, broadcast(Limbs52{})));
      row.cancel = same_x & static_cast<__mmask8>(~row.doubling);
      den = blend(row.doubling, den, vadd(row.y1, row.y1));
      for (int i = 0; i < 8; ++i)
        if ((row.cancel >> i) & 1) mark_emptied(dst(8 * r + static_cast<size_t>(i)));
    }
    den = blend(static_cast<__mmask8>(~row.valid | row.cancel), den, one);
    row.prefix = acc[r & 1];
    acc[r & 1] = mul(acc[r & 1], den);
  }
  // One scalar inversion for all sixteen chains.
  std::array<ff::Fp, 16> chain_values, scratch;
  for (int c = 0; c < 2; ++c) {
    Vec canonical = subtract_if_not_below(acc[c], kP);
    for (int i = 0; i < 8; ++i) chain_values[8 * c + i] = fp_from_radix52(lane(canonical, i));
  }
  ff::Fp::batch_inverse(chain_values, scratch);
  Vec inv[2];
  for (int c = 0; c < 2; ++c) {
    std::array<Limbs52, 8> lanes;
    for (int i = 0; i < 8; ++i) lanes[i] = to_radix52(chain_values[8 * c + i].raw_montgomery());
    inv[c] = from_lanes(lanes);
  }
  // Backward pass.
  for (size_t r = rows; r-- > 0;) {
    Row& row = rows_[r];
    Vec den = sub(row.x2, row.x1, kP);
    Vec num = sub(row.y2, row.y1, kP);
    if (row.doubling | row.cancel) {
      den = blend(row.doubling, den, vadd(row.y1, row.y1));
      Vec xx = subtract_if_not_below(mul(row.x1, row.x1), kP);
      num = blend(row.doubling, num, vadd(vadd(xx, xx), xx));
    }
    den = blend(static_cast<__mmask8>(~row.valid | row.cancel), den, one);
    Vec& chain = inv[r & 1];
    Vec dinv = mul(chain, row.prefix);
    chain = mul(chain, den);
    Vec lambda = mul(num, dinv);
    Vec x3 = mul(lambda, lambda);
    for (int i = 0; i < 8; ++i) {
      x3.l[i] = _mm512_sub_epi64(
          _mm512_add_epi64(x3.l[i], _mm512_set1_epi64(static_cast<long long>(k2P[i]))),
          _mm512_add_epi64(row.x1.l[i], row.x2.l[i]));
    }
    normalize(x3);
    x3 = reduce_4p(x3);
    Vec y3 = mul(lambda, sub(row.x1, x3, kP));
    y3 = reduce_4p(sub(y3, row.y1, kP));
    uint64_t* xs[8];
    uint64_t* ys[8];
    for (int i = 0; i < 8; ++i) {
      size_t j = 8 * r + static_cast<size_t>(i);
      uint32_t d = dst(j < n ? j : 8 * r);
      xs[i] = slots_[d].x;
      ys[i] = slots_[d].y;
      if (!kFromSlots && j < n) release(d);
    }
    __mmask8 store = row.valid & static_cast<__mmask8>(~row.cancel);
    store_lines(x3, xs, store);
    store_lines(y3, ys, store);
  }
}

__attribute__((target("avx512f,avx512ifma"))) void ifma_mul_lanes(std::span<const ff::Fp, 8> a,
                                                                  std::span<const ff::Fp, 8> b,
                                                                  std::span<ff::Fp, 8> out) {
  const ff::Fp* pa[8];
  const ff::Fp* pb[8];
  for (int i = 0; i < 8; ++i) {
    pa[i] = &a[i];
    pb[i] = &b[i];
  }
  Vec r = subtract_if_not_below(mul(load_fp(pa), load_fp(pb)), kP);
  for (int i = 0; i < 8; ++i) out[i] = fp_from_radix52(lane(r, i));
}

}  // namespace nightjar::msm

#else  // !NIGHTJAR_HAVE_IFMA_KERNEL

namespace nightjar::msm {

bool ifma_available() { return false; }

}  // namespace nightjar::msm

#endif
