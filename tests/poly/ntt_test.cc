#include <gtest/gtest.h>

#include <utility>
#include <vector>

#include "poly/bit_reverse.h"
#include "poly/domain.h"
#include "poly/group_fft.h"
#include "tests/testing/random.h"

namespace nightjar::poly {
namespace {

std::vector<Fr> random_vector(size_t n, uint64_t seed) {
  testing::TestRng rng(seed);
  std::vector<Fr> v(n);
  for (Fr& x : v) x = rng.field<Fr>();
  return v;
}

// p(x) for coefficients a_0..a_{n-1}, by Horner's rule.
Fr evaluate(const std::vector<Fr>& coefficients, const Fr& x) {
  Fr acc;
  for (size_t i = coefficients.size(); i-- > 0;) acc = acc * x + coefficients[i];
  return acc;
}

// ω computed independently of the domain: 7^((r-1)/2^k) = (7^T)^(2^(32-k)), with r - 1 = T·2^32.
Fr reference_omega(uint32_t k) {
  Fr w = Fr::from_u64(7).pow(ff::FrParams::kT);
  for (uint32_t i = k; i < 32; ++i) w = w.square();
  return w;
}

TEST(EvaluationDomain, OmegaHasOrderExactlyN) {
  for (uint32_t k = 0; k <= 32; ++k) {
    Fr omega = reference_omega(k);
    Fr x = omega;
    for (uint32_t i = 0; i < k; ++i) {
      EXPECT_FALSE(x.is_one()) << "k = " << k;
      x = x.square();
    }
    EXPECT_TRUE(x.is_one()) << "k = " << k;
  }
  for (uint32_t k = 0; k <= 20; ++k) {
    EvaluationDomain domain(k);
    EXPECT_EQ(domain.omega(), reference_omega(k)) << "k = " << k;
    EXPECT_TRUE((domain.omega() * domain.omega_inv()).is_one());
    EXPECT_TRUE((domain.n_inv() * Fr::from_u64(domain.n())).is_one());
  }
}

TEST(BitReverse, MatchesNaivePermutation) {
  for (uint32_t k = 0; k <= 14; ++k) {
    size_t n = size_t{1} << k;
    std::vector<uint32_t> v(n);
    for (size_t i = 0; i < n; ++i) v[i] = static_cast<uint32_t>(i);
    bit_reverse_permute(std::span<uint32_t>(v), k);
    for (size_t i = 0; i < n; ++i) {
      size_t expected = 0;
      for (uint32_t b = 0; b < k; ++b) expected |= ((i >> b) & 1) << (k - 1 - b);
      ASSERT_EQ(v[i], expected) << "k = " << k << ", i = " << i;
    }
  }
}

// The transform equals the O(n^2) definition, values[i] = p(ω^i), for every size up to 2^10.
TEST(Ntt, EqualsNaiveDftUpTo1024) {
  for (uint32_t k = 0; k <= 10; ++k) {
    EvaluationDomain domain(k);
    std::vector<Fr> coefficients = random_vector(domain.n(), 100 + k);
    std::vector<Fr> values = coefficients;
    domain.fft(values);
    Fr x = Fr::one();
    for (size_t i = 0; i < domain.n(); ++i) {
      ASSERT_EQ(values[i], evaluate(coefficients, x)) << "k = " << k << ", i = " << i;
      x *= reference_omega(k);
    }
    domain.ifft(values);
    EXPECT_EQ(values, coefficients) << "k = " << k;
  }
}

// Larger sizes take the outer (whole-array) stages: spot-check some values against Horner.
TEST(Ntt, LargeSizesMatchDirectEvaluation) {
  for (uint32_t k : {13, 14, 15, 17}) {
    EvaluationDomain domain(k);
    std::vector<Fr> coefficients = random_vector(domain.n(), 200 + k);
    std::vector<Fr> values = coefficients;
    domain.fft(values, 1);
    for (size_t i : {size_t{0}, size_t{1}, size_t{2}, domain.n() / 2 + 1, domain.n() - 1}) {
      EXPECT_EQ(values[i], evaluate(coefficients, reference_omega(k).pow_u64(i)))
          << "k = " << k << ", i = " << i;
    }
  }
}

// inverse(forward(x)) == x for every size up to 2^22.
TEST(Ntt, InverseUndoesForwardUpTo4M) {
  for (uint32_t k = 0; k <= 22; ++k) {
    EvaluationDomain domain(k);
    std::vector<Fr> original = random_vector(domain.n(), 300 + k);
    std::vector<Fr> values = original;
    domain.fft(values);
    if (k > 0) {
      EXPECT_NE(values, original) << "k = " << k;
    }
    domain.ifft(values);
    ASSERT_EQ(values, original) << "k = " << k;
  }
}

TEST(Ntt, CosetMatchesDirectEvaluation) {
  testing::TestRng rng(7);
  for (uint32_t k = 0; k <= 8; ++k) {
    EvaluationDomain domain(k);
    for (const Fr& shift :
         {midnight_coset_shift(), rng.field<Fr>(), Fr::multiplicative_generator()}) {
      std::vector<Fr> coefficients = random_vector(domain.n(), 400 + k);
      std::vector<Fr> values = coefficients;
      domain.coset_fft(values, shift);
      Fr x = shift;
      for (size_t i = 0; i < domain.n(); ++i) {
        ASSERT_EQ(values[i], evaluate(coefficients, x)) << "k = " << k << ", i = " << i;
        x *= domain.omega();
      }
      domain.coset_ifft(values, shift);
      EXPECT_EQ(values, coefficients) << "k = " << k;
    }
  }
}

TEST(Ntt, CosetRoundTripLarge) {
  for (uint32_t k : {12, 16, 20}) {
    EvaluationDomain domain(k);
    std::vector<Fr> original = random_vector(domain.n(), 500 + k);
    std::vector<Fr> values = original;
    domain.coset_fft(values, Fr::multiplicative_generator());
    EXPECT_EQ(values[3],
              evaluate(original, Fr::multiplicative_generator() * domain.omega().pow_u64(3)));
    domain.coset_ifft(values, Fr::multiplicative_generator());
    ASSERT_EQ(values, original) << "k = " << k;
  }
}

// Every thread count gives the same bits as one thread, for every transform and kernel.
TEST(Ntt, MultiThreadedEqualsSingleThreaded) {
  for (auto [k, kernel] : {std::pair{12, NttKernel::kPortable}, std::pair{13, NttKernel::kPortable},
                           std::pair{16, NttKernel::kPortable}, std::pair{12, default_ntt_kernel()},
                           std::pair{13, default_ntt_kernel()}, std::pair{14, default_ntt_kernel()},
                           std::pair{15, default_ntt_kernel()}, std::pair{16, default_ntt_kernel()},
                           std::pair{19, default_ntt_kernel()}}) {
    EvaluationDomain domain(k, kernel);
    std::vector<Fr> input = random_vector(domain.n(), 600 + k);
    for (int kind = 0; kind < 4; ++kind) {
      auto run = [&](size_t threads) {
        std::vector<Fr> v = input;
        switch (kind) {
          case 0:
            domain.fft(v, threads);
            break;
          case 1:
            domain.ifft(v, threads);
            break;
          case 2:
            domain.coset_fft(v, midnight_coset_shift(), threads);
            break;
          default:
            domain.coset_ifft(v, Fr::multiplicative_generator(), threads);
            break;
        }
        return v;
      };
      std::vector<Fr> single = run(1);
      EXPECT_EQ(run(2), single) << "k = " << k << ", kind = " << kind << ", "
                                << ntt_kernel_name(kernel);
      EXPECT_EQ(run(0), single) << "k = " << k << ", kind = " << kind << ", "
                                << ntt_kernel_name(kernel);
    }
  }
}

TEST(MidnightDomain, CosetShiftIsAPrimitiveCubeRoot) {
  Fr zeta = midnight_coset_shift();
  EXPECT_FALSE(zeta.is_one());
  EXPECT_TRUE((zeta.square() * zeta).is_one());
  const Fr::Limbs expected = {0x00000000ffffffff, 0xac45a4010001a402, 0, 0};
  EXPECT_EQ(zeta.to_canonical(), expected);
}

TEST(MidnightDomain, ExtendedK) {
  EXPECT_EQ(midnight_extended_k(10, 1), 10u);
  EXPECT_EQ(midnight_extended_k(10, 2), 10u);
  EXPECT_EQ(midnight_extended_k(10, 3), 11u);
  EXPECT_EQ(midnight_extended_k(10, 5), 12u);
  EXPECT_EQ(midnight_extended_k(10, 6), 13u);
  EXPECT_EQ(midnight_extended_k(17, 9), 20u);
}

// Every kernel this CPU runs (portable and, where present, AVX-512 IFMA) gives the same bits for
// every transform, on random inputs and on extreme ones (all r - 1, alternating 0 and r - 1) that
// push the lazy reductions of the vector kernels to their bounds.
TEST(Ntt, KernelsAgree) {
  const std::vector<NttKernel> kernels = supported_ntt_kernels();
  if (kernels.size() < 2) GTEST_SKIP() << "only the portable kernel runs on this CPU";
  const Fr minus_one = -Fr::one();
  for (uint32_t k : {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18}) {
    std::vector<EvaluationDomain> domains;
    for (NttKernel kernel : kernels) domains.emplace_back(k, kernel);
    const size_t n = domains[0].n();
    std::vector<std::vector<Fr>> inputs = {random_vector(n, 700 + k), std::vector<Fr>(n, minus_one),
                                           std::vector<Fr>(n)};
    for (size_t i = 0; i < n; i += 2) inputs[2][i] = minus_one;
    for (const std::vector<Fr>& input : inputs) {
      for (int kind = 0; kind < 4; ++kind) {
        std::vector<std::vector<Fr>> outputs;
        for (const EvaluationDomain& domain : domains) {
          std::vector<Fr> v = input;
          switch (kind) {
            case 0:
              domain.fft(v);
              break;
            case 1:
              domain.ifft(v);
              break;
            case 2:
              domain.coset_fft(v, midnight_coset_shift());
              break;
            default:
              domain.coset_ifft(v, minus_one - Fr::multiplicative_generator());
              break;
          }
          outputs.push_back(std::move(v));
        }
        for (size_t d = 1; d < outputs.size(); ++d) {
          ASSERT_EQ(outputs[d], outputs[0]) << "k = " << k << ", kind = " << kind << ", kernel "
                                            << ntt_kernel_name(domains[d].kernel());
        }
      }
    }
  }
}

// The group transform, instantiated on Fr itself (scalar multiplication = field
// multiplication), is the inverse NTT.
TEST(GroupFft, OnFieldElementsEqualsIfft) {
  auto mul = [](const Fr& x, const Fr& s) { return x * s; };
  for (uint32_t k : {0, 1, 2, 3, 5, 8, 12, 14}) {
    EvaluationDomain domain(k);
    std::vector<Fr> values = random_vector(domain.n(), 800 + k);
    std::vector<Fr> expected = values;
    domain.ifft(expected);
    group_ifft(domain, std::span<Fr>(values), mul);
    EXPECT_EQ(values, expected) << "k = " << k;
    std::vector<Fr> single = random_vector(domain.n(), 900 + k);
    std::vector<Fr> multi = single;
    group_ifft(domain, std::span<Fr>(single), mul, 1);
    group_ifft(domain, std::span<Fr>(multi), mul, 2);
    EXPECT_EQ(single, multi) << "k = " << k;
  }
}

}  // namespace
}  // namespace nightjar::poly
