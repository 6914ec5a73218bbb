#include "poly/domain.h"

#include <algorithm>
#include <cstdlib>
#include <string>

#include "base/status.h"
#include "base/thread_pool.h"
#include "poly/bit_reverse.h"

namespace nightjar::poly {
namespace {

// A block of 2^13 elements (256 KiB) runs all its inner stages while it and the twiddles of those
// stages (another 256-320 KiB) sit in L2; only the outer stages then stream the whole array.
constexpr uint32_t kBlockBits = 13;
// Below 2^12 elements a transform takes tens of microseconds, about what handing work to the
// pool costs, so it stays on the calling thread.
constexpr uint32_t kParallelMinBits = 12;
// Elements per parallel chunk of a streaming pass: enough to amortise claiming a chunk.
constexpr size_t kGrain = 2048;
// The IFMA kernels handle stages m >= kVectorMinStage, eight butterflies at a time.
constexpr size_t kVectorMinStage = 8;

size_t thread_count(uint32_t k, size_t max_threads) {
  if (k < kParallelMinBits) return 1;
  size_t pool = ThreadPool::global().size();
  return max_threads == 0 ? pool : std::min(max_threads, pool);
}

// Stage m on the block a[0, 2m), butterflies j in [j0, j1): (x, y) -> (x + w·y, x - w·y) with
// w = tw[m + j] = ω_{2m}^j. j = 0 has w = 1 and skips the multiplication.
inline void radix2(Fr* a, size_t m, const Fr* tw, size_t j0, size_t j1) {
  Fr* lo = a;
  Fr* hi = a + m;
  const Fr* w = tw + m;
  size_t j = j0;
  if (j == 0) {
    Fr x = lo[0], y = hi[0];
    lo[0] = x + y;
    hi[0] = x - y;
    ++j;
  }
  for (; j < j1; ++j) {
    Fr t = hi[j] * w[j];
    Fr x = lo[j];
    lo[j] = x + t;
    hi[j] = x - t;
  }
}

// Stages m and 2m fused on the block a[0, 4m), for j in [j0, j1): the four elements j, j+m, j+2m,
// j+3m go through both stages while in registers, halving the passes over memory. Stage m uses
// ω_{2m}^j on both of its pairs; stage 2m uses ω_{4m}^j and ω_{4m}^(j+m).
inline void radix4(Fr* a, size_t m, const Fr* tw, size_t j0, size_t j1) {
  Fr* a0 = a;
  Fr* a1 = a + m;
  Fr* a2 = a + 2 * m;
  Fr* a3 = a + 3 * m;
  const Fr* w1 = tw + m;
  const Fr* w2 = tw + 2 * m;
  const Fr* w3 = tw + 3 * m;
  size_t j = j0;
  if (j == 0) {
    Fr x0 = a0[0], x1 = a1[0], x2 = a2[0], x3 = a3[0];
    Fr y0 = x0 + x1, y1 = x0 - x1, y2 = x2 + x3, y3 = x2 - x3;
    Fr t = y3 * w3[0];
    a0[0] = y0 + y2;
    a2[0] = y0 - y2;
    a1[0] = y1 + t;
    a3[0] = y1 - t;
    ++j;
  }
  for (; j < j1; ++j) {
    Fr w = w1[j];
    Fr x0 = a0[j];
    Fr t1 = a1[j] * w;
    Fr x2 = a2[j];
    Fr t3 = a3[j] * w;
    Fr y0 = x0 + t1, y1 = x0 - t1, y2 = x2 + t3, y3 = x2 - t3;
    Fr u = y2 * w2[j];
    Fr v = y3 * w3[j];
    a0[j] = y0 + u;
    a2[j] = y0 - u;
    a1[j] = y1 + v;
    a3[j] = y1 - v;
  }
}

// Stages 1, 2 and 4 on eight consecutive elements, skipping the multiplications by 1.
inline void first_three_stages(Fr* a, const Fr* tw) {
  const Fr b0 = a[0] + a[1], b1 = a[0] - a[1], b2 = a[2] + a[3], b3 = a[2] - a[3];
  const Fr b4 = a[4] + a[5], b5 = a[4] - a[5], b6 = a[6] + a[7], b7 = a[6] - a[7];
  const Fr& w4 = tw[3];
  const Fr t3 = b3 * w4, t7 = b7 * w4;
  const Fr c0 = b0 + b2, c1 = b1 + t3, c2 = b0 - b2, c3 = b1 - t3;
  const Fr c4 = b4 + b6, c5 = b5 + t7, c6 = b4 - b6, c7 = b5 - t7;
  const Fr t5 = c5 * tw[5], t6 = c6 * tw[6], t7b = c7 * tw[7];
  a[0] = c0 + c4;
  a[4] = c0 - c4;
  a[1] = c1 + t5;
  a[5] = c1 - t5;
  a[2] = c2 + t6;
  a[6] = c2 - t6;
  a[3] = c3 + t7b;
  a[7] = c3 - t7b;
}

// All stages m < 2^log_size on a contiguous block, with the scalar kernels.
void scalar_inner_stages(Fr* a, uint32_t log_size, const Fr* tw) {
  size_t size = size_t{1} << log_size;
  size_t m = 1;
  if (log_size >= 3) {
    for (size_t s = 0; s < size; s += 8) first_three_stages(a + s, tw);
    m = 8;
  }
  if (log_size >= 3 ? (log_size - 3) % 2 == 1 : log_size % 2 == 1) {
    for (size_t s = 0; s < size; s += 2 * m) radix2(a + s, m, tw, 0, m);
    m *= 2;
  }
  for (; 4 * m <= size; m *= 4) {
    for (size_t s = 0; s < size; s += 4 * m) radix4(a + s, m, tw, 0, m);
  }
}

// Calls kernel(block, i0, i1) for the items t in [t0, t1) of a stage whose blocks hold
// `per_block` items (t = block·per_block + i), splitting at block boundaries.
template <class Kernel>
void for_items(size_t t0, size_t t1, size_t per_block, Kernel kernel) {
  while (t0 < t1) {
    size_t block = t0 / per_block;
    size_t i0 = t0 % per_block;
    size_t i1 = std::min(per_block, i0 + (t1 - t0));
    kernel(block, i0, i1);
    t0 += i1 - i0;
  }
}

// Eight copies of c, in kernel form.
ifma::Group splat_group(const Fr& c) {
  Fr lanes[8];
  std::fill(lanes, lanes + 8, c);
  return ifma::pack(lanes);
}

// c·g^(i0 + e) for e < 8, in kernel form.
ifma::Group power_group(const Fr& c, const Fr& g, size_t i0) {
  Fr lanes[8];
  Fr x = c * g.pow_u64(i0);
  for (Fr& lane : lanes) {
    lane = x;
    x *= g;
  }
  return ifma::pack(lanes);
}

bool has_order_dividing_three(const Fr& g) { return (g.square() * g).is_one(); }

}  // namespace

std::string_view ntt_kernel_name(NttKernel kernel) {
  return kernel == NttKernel::kAvx512Ifma ? "avx512ifma" : "portable";
}

std::vector<NttKernel> supported_ntt_kernels() {
  std::vector<NttKernel> kernels = {NttKernel::kPortable};
  if (ifma::available()) kernels.push_back(NttKernel::kAvx512Ifma);
  return kernels;
}

NttKernel default_ntt_kernel() {
  // NIGHTJAR_CPU=portable asks for the baseline code everywhere, the NTT included.
  const char* env = std::getenv("NIGHTJAR_CPU");
  if (env != nullptr && std::string(env) == "portable") return NttKernel::kPortable;
  return ifma::available() ? NttKernel::kAvx512Ifma : NttKernel::kPortable;
}

EvaluationDomain::EvaluationDomain(uint32_t k, NttKernel kernel, size_t max_threads)
    : k_(k), n_(size_t{1} << k), kernel_(kernel) {
  NIGHTJAR_CHECK(k <= kMaxLogSize);
  NIGHTJAR_CHECK(kernel == NttKernel::kPortable || ifma::available());
  omega_ = Fr::root_of_unity();
  for (uint32_t i = k; i < kMaxLogSize; ++i) omega_ = omega_.square();
  omega_inv_ = omega_.inverse();
  n_inv_ = Fr::from_u64(n_).inverse();
  if (n_ == 1) return;

  const size_t half = n_ / 2;
  const size_t threads = thread_count(k, max_threads);
  if (kernel_ == NttKernel::kPortable) {
    twiddles_.resize(n_);
    Fr* tw = twiddles_.data();
    // The last stage's twiddles ω^j, j < n/2; each chunk starts from one exponentiation.
    ThreadPool::global().parallel_for(
        half, 1 << 14,
        [&](size_t begin, size_t end) {
          Fr w = omega_.pow_u64(begin);
          for (size_t j = begin; j < end; ++j) {
            tw[half + j] = w;
            w *= omega_;
          }
        },
        threads);
    // ω_{2m}^j = ω_{4m}^(2j): every earlier stage is the even half of the one after it.
    for (size_t m = half / 2; m >= 1; m /= 2) {
      for (size_t j = 0; j < m; ++j) tw[m + j] = tw[2 * m + 2 * j];
    }
    return;
  }

  twiddles_.resize(std::min(n_, kVectorMinStage));
  for (size_t m = 1; m < twiddles_.size(); m *= 2) {
    for (size_t j = 0; j < m; ++j) twiddles_[m + j] = omega_.pow_u64(j * (n_ / (2 * m)));
  }
  if (n_ < 2 * kVectorMinStage) return;
  auto tw = [&](size_t m, size_t j) { return twiddles_[m + j]; };
  const Fr w2[8] = {tw(2, 0), tw(2, 1), tw(2, 0), tw(2, 1), tw(2, 0), tw(2, 1), tw(2, 0), tw(2, 1)};
  const Fr w4[8] = {tw(4, 0), tw(4, 1), tw(4, 2), tw(4, 3), tw(4, 0), tw(4, 1), tw(4, 2), tw(4, 3)};
  first_stages_[0] = ifma::pack(w2);
  first_stages_[1] = ifma::pack(w4);
  vector_twiddles_.resize(n_ / 8 - 1);
  ifma::Group* vt = vector_twiddles_.data();
  ifma::Group* last = vt + (half / 8 - 1);
  ThreadPool::global().parallel_for(
      half / 8, 1 << 11,
      [&](size_t begin, size_t end) {
        Fr w = omega_.pow_u64(8 * begin);
        for (size_t q = begin; q < end; ++q) {
          Fr lanes[8];
          for (Fr& lane : lanes) {
            lane = w;
            w *= omega_;
          }
          last[q] = ifma::pack(lanes);
        }
      },
      threads);
  // As above, each earlier stage is the even half of the next, here lane by lane.
  for (size_t m = half / 2; m >= kVectorMinStage; m /= 2) {
    ifma::Group* stage = vt + (m / 8 - 1);
    const ifma::Group* next = vt + (m / 4 - 1);
    for (size_t j = 0; j < m; ++j) {
      size_t from = 2 * j;
      for (size_t l = 0; l < 5; ++l) stage[j / 8].limb[l][j % 8] = next[from / 8].limb[l][from % 8];
    }
  }
}

void EvaluationDomain::inner_stages(Fr* a, uint32_t log_size, bool canonical) const {
  const Fr* tw = twiddles_.data();
  if (kernel_ == NttKernel::kPortable || log_size <= 3) {
    scalar_inner_stages(a, log_size, tw);
    return;
  }
  const size_t size = size_t{1} << log_size;
  ifma::first_three_stages(a, size, first_stages_[0], first_stages_[1]);
  const ifma::Group* vt = vector_twiddles_.data();
  size_t m = kVectorMinStage;
  if ((log_size - 3) % 2 == 1) {
    const bool last = 2 * m == size;
    for (size_t s = 0; s < size; s += 2 * m) {
      ifma::radix2(a + s, m, vt + (m / 8 - 1), 0, m / 8, canonical && last);
    }
    m *= 2;
  }
  for (; 4 * m <= size; m *= 4) {
    const bool last = 4 * m == size;
    for (size_t s = 0; s < size; s += 4 * m) {
      ifma::radix4(a + s, m, vt + (m / 8 - 1), vt + (m / 4 - 1), 0, m / 8, canonical && last);
    }
  }
}

void EvaluationDomain::outer_stage(Fr* a, size_t m, bool radix4_pass, bool canonical,
                                   size_t threads) const {
  const size_t span = radix4_pass ? 4 * m : 2 * m;
  if (kernel_ == NttKernel::kPortable) {
    const Fr* tw = twiddles_.data();
    ThreadPool::global().parallel_for(
        n_ / (span / m), kGrain / 2,
        [&](size_t t0, size_t t1) {
          for_items(t0, t1, m, [&](size_t block, size_t j0, size_t j1) {
            if (radix4_pass) {
              radix4(a + block * span, m, tw, j0, j1);
            } else {
              radix2(a + block * span, m, tw, j0, j1);
            }
          });
        },
        threads);
    return;
  }
  const ifma::Group* tw_m = vector_twiddles_.data() + (m / 8 - 1);
  const ifma::Group* tw_2m = vector_twiddles_.data() + (m / 4 - 1);
  ThreadPool::global().parallel_for(
      n_ / (span / m) / 8, kGrain / 16,
      [&](size_t t0, size_t t1) {
        for_items(t0, t1, m / 8, [&](size_t block, size_t g0, size_t g1) {
          if (radix4_pass) {
            ifma::radix4(a + block * span, m, tw_m, tw_2m, g0, g1, canonical);
          } else {
            ifma::radix2(a + block * span, m, tw_m, g0, g1, canonical);
          }
        });
      },
      threads);
}

void EvaluationDomain::transform(std::span<Fr> values, size_t threads) const {
  NIGHTJAR_CHECK(values.size() == n_);
  if (k_ == 0) return;
  bit_reverse_permute(values, k_, threads);
  Fr* a = values.data();

  uint32_t block_bits = std::min(k_, kBlockBits);
  // At least four blocks, so that every thread gets inner-stage work.
  if (threads > 1) block_bits = std::min(block_bits, k_ - 2);
  const bool inner_is_last = block_bits == k_;
  ThreadPool::global().parallel_for(
      n_ >> block_bits, 1,
      [&](size_t begin, size_t end) {
        for (size_t b = begin; b < end; ++b) {
          inner_stages(a + (b << block_bits), block_bits, inner_is_last);
        }
      },
      threads);

  for (size_t m = size_t{1} << block_bits; m < n_;) {
    const bool radix4_pass = 4 * m <= n_;
    const size_t next = radix4_pass ? 4 * m : 2 * m;
    outer_stage(a, m, radix4_pass, next == n_, threads);
    m = next;
  }
}

void EvaluationDomain::reverse_scale(std::span<Fr> values, const Fr& c, size_t threads) const {
  Fr* a = values.data();
  const size_t n = values.size();
  a[0] *= c;
  if (n == 1) return;
  a[n / 2] *= c;
  // Pairs (i, n - i) for i in [1, n/2).
  const size_t pairs = n / 2 - 1;
  auto scalar = [&](size_t begin, size_t end) {
    for (size_t i = begin; i < end; ++i) {
      Fr x = a[i], y = a[n - i];
      a[i] = y * c;
      a[n - i] = x * c;
    }
  };
  if (kernel_ == NttKernel::kPortable || pairs < 8) {
    ThreadPool::global().parallel_for(
        pairs, kGrain, [&](size_t begin, size_t end) { scalar(begin + 1, end + 1); }, threads);
    return;
  }
  const ifma::Group factor = splat_group(c);
  const size_t groups = pairs / 8;
  ThreadPool::global().parallel_for(
      groups, kGrain / 8,
      [&](size_t q0, size_t q1) { ifma::reverse_scale(a, n, 1 + 8 * q0, q1 - q0, factor); },
      threads);
  scalar(1 + 8 * groups, n / 2);
}

void EvaluationDomain::scale_by_powers(std::span<Fr> values, const Fr& c, const Fr& g,
                                       size_t threads) const {
  Fr* a = values.data();
  const bool cyclic = has_order_dividing_three(g);
  if (kernel_ == NttKernel::kPortable || n_ < 8) {
    // For g of order dividing 3 (the Midnight coset shift) the factors repeat with period 3,
    // which saves the running multiplication.
    const Fr table[3] = {c, c * g, c * g.square()};
    ThreadPool::global().parallel_for(
        n_, kGrain,
        [&](size_t begin, size_t end) {
          if (cyclic) {
            size_t r = begin % 3;
            for (size_t i = begin; i < end; ++i) {
              a[i] *= table[r];
              if (++r == 3) r = 0;
            }
            return;
          }
          Fr factor = c * g.pow_u64(begin);
          for (size_t i = begin; i < end; ++i) {
            a[i] *= factor;
            factor *= g;
          }
        },
        threads);
    return;
  }
  ThreadPool::global().parallel_for(
      n_ / 8, kGrain / 8,
      [&](size_t q0, size_t q1) {
        const size_t i0 = 8 * q0;
        if (cyclic) {
          const ifma::Group cycle[3] = {power_group(c, g, i0), power_group(c, g, i0 + 8),
                                        power_group(c, g, i0 + 16)};
          ifma::scale_cyclic(a + i0, 8 * (q1 - q0), cycle);
        } else {
          ifma::scale_geometric(a + i0, 8 * (q1 - q0), power_group(c, g, i0),
                                splat_group(g.pow_u64(8)));
        }
      },
      threads);
}

void EvaluationDomain::fft(std::span<Fr> values, size_t max_threads) const {
  transform(values, thread_count(k_, max_threads));
}

void EvaluationDomain::ifft(std::span<Fr> values, size_t max_threads) const {
  // Σ_j x_j ω^(-ij) = Σ_j x_j ω^((n-i)j): the inverse is the forward transform read backwards.
  size_t threads = thread_count(k_, max_threads);
  transform(values, threads);
  reverse_scale(values, n_inv_, threads);
}

void EvaluationDomain::coset_fft(std::span<Fr> values, const Fr& shift, size_t max_threads) const {
  NIGHTJAR_CHECK(values.size() == n_ && !shift.is_zero());
  size_t threads = thread_count(k_, max_threads);
  scale_by_powers(values, Fr::one(), shift, threads);
  transform(values, threads);
}

void EvaluationDomain::coset_ifft(std::span<Fr> values, const Fr& shift, size_t max_threads) const {
  NIGHTJAR_CHECK(values.size() == n_ && !shift.is_zero());
  size_t threads = thread_count(k_, max_threads);
  transform(values, threads);
  reverse_scale(values, n_inv_, threads);
  scale_by_powers(values, Fr::one(), shift.inverse(), threads);
}

Fr midnight_coset_shift() {
  // Fq::ZETA of midnight-curves (bls12_381/fq.rs), in Montgomery form like every Fr here; as an
  // integer it is u^2 - 1 = 0xac45a4010001a40200000000ffffffff (u the BLS12-381 parameter).
  return Fr::from_montgomery_unchecked(
      {0x92d9090b093011d2, 0xfc9cbd719d6aa073, 0xc1f14ef0cd65a1a6, 0x017f6d35e72fcdeb});
}

uint32_t midnight_extended_k(uint32_t k, uint32_t j) {
  NIGHTJAR_CHECK(j >= 1 && k <= kMaxLogSize);
  const uint64_t target = (uint64_t{1} << k) * (j - 1);
  uint32_t e = k;
  while ((uint64_t{1} << e) < target) ++e;
  NIGHTJAR_CHECK(e <= kMaxLogSize);
  return e;
}

}  // namespace nightjar::poly
