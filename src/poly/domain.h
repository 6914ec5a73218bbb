// EvaluationDomain: the subgroup H = <ω> of Fr* of order n = 2^k, and the number-theoretic
// transforms between a polynomial's coefficients and its values on H or on a coset ζ·H.
//
// Representation: ω = g^(2^(32-k)) for g = Fr::root_of_unity() (7^((r-1)/2^32)), the same ω
// midnight-proofs derives from Fq::ROOT_OF_UNITY, so values[i] = p(ω^i) exactly as halo2 indexes
// Lagrange coefficients. The transforms permute the input into bit-reversed order, then run the
// decimation-in-time butterflies: blocks of 2^13 elements first run all their inner stages while
// in L2, then the outer stages stream the array two at a time (radix-4). Twiddles are
// precomputed stage by stage, so that a stage reads them as one contiguous run: 32·n bytes for
// the portable kernel, 40·n bytes for the AVX-512 IFMA one (ntt_ifma.h), which keeps them in its
// 52-bit-limb form.
//
// Every transform works in place on exactly n elements, allocates nothing, and runs on up to
// `max_threads` threads of ThreadPool::global() (0 = the whole pool), so a job can be held to its
// share of the cores. Results do not depend on the kernel or the thread count.
//
// Thread safety: immutable after construction; any number of transforms may run concurrently on
// distinct spans.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include "ff/fr.h"
#include "poly/ntt_ifma.h"

namespace nightjar::poly {

using ff::Fr;

// The largest supported k: Fr's 2-adicity.
inline constexpr uint32_t kMaxLogSize = ff::FrParams::kTwoAdicity;

enum class NttKernel : uint8_t { kPortable, kAvx512Ifma };

std::string_view ntt_kernel_name(NttKernel kernel);
// The kernels this build has and this CPU runs, portable first.
std::vector<NttKernel> supported_ntt_kernels();
// The fastest supported kernel, or the portable one when NIGHTJAR_CPU=portable.
NttKernel default_ntt_kernel();

class EvaluationDomain {
 public:
  // Precomputes the twiddles of the domain of size 2^k (k <= kMaxLogSize) for `kernel`, which
  // must be supported.
  explicit EvaluationDomain(uint32_t k, size_t max_threads = 0)
      : EvaluationDomain(k, default_ntt_kernel(), max_threads) {}
  EvaluationDomain(uint32_t k, NttKernel kernel, size_t max_threads = 0);

  uint32_t k() const { return k_; }
  size_t n() const { return n_; }
  NttKernel kernel() const { return kernel_; }
  const Fr& omega() const { return omega_; }
  const Fr& omega_inv() const { return omega_inv_; }
  const Fr& n_inv() const { return n_inv_; }

  // Coefficients a_0..a_{n-1} -> values p(ω^i).
  void fft(std::span<Fr> values, size_t max_threads = 0) const;
  // Values p(ω^i) -> coefficients.
  void ifft(std::span<Fr> values, size_t max_threads = 0) const;
  // Coefficients -> values p(shift·ω^i) on the coset shift·H; shift must be nonzero.
  void coset_fft(std::span<Fr> values, const Fr& shift, size_t max_threads = 0) const;
  // Values p(shift·ω^i) -> coefficients.
  void coset_ifft(std::span<Fr> values, const Fr& shift, size_t max_threads = 0) const;

 private:
  // Natural-order coefficients -> natural-order values.
  void transform(std::span<Fr> values, size_t threads) const;
  void inner_stages(Fr* block, uint32_t log_size, bool canonical) const;
  void outer_stage(Fr* a, size_t m, bool radix4, bool canonical, size_t threads) const;
  // values[i] <- c·values[(n - i) mod n].
  void reverse_scale(std::span<Fr> values, const Fr& c, size_t threads) const;
  // values[i] *= c·g^i.
  void scale_by_powers(std::span<Fr> values, const Fr& c, const Fr& g, size_t threads) const;

  uint32_t k_;
  size_t n_;
  NttKernel kernel_;
  Fr omega_, omega_inv_, n_inv_;
  // twiddles_[m + j] = ω_{2m}^j for powers of two m < n, j < m: every stage for the portable
  // kernel, stages 1, 2 and 4 only for the IFMA one.
  std::vector<Fr> twiddles_;
  // IFMA kernel: stage m >= 8 occupies groups [m/8 - 1, m/4 - 1), eight twiddles per group;
  // stages 2 and 4 use (1, ω_4) and (1, ω_8, ω_8^2, ω_8^3) repeated across the lanes.
  std::vector<ifma::Group> vector_twiddles_;
  std::array<ifma::Group, 2> first_stages_;
};

// The shift ζ of the coset on which midnight-proofs evaluates the quotient polynomial
// (EvaluationDomain::g_coset = Fq::ZETA in midnight-proofs 0.7): a primitive cube root of unity,
// so the extended coset is ζ·H' for the subgroup H' of order 2^extended_k.
Fr midnight_coset_shift();

// The extended domain's k as midnight-proofs chooses it for 2^k rows and constraint degree j
// (EvaluationDomain::new(j, k)): the least e >= k with 2^e >= (j - 1)·2^k.
uint32_t midnight_extended_k(uint32_t k, uint32_t j);

}  // namespace nightjar::poly
