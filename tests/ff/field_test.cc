#include <gtest/gtest.h>

#include "ff/backend.h"
#include "ff/fp.h"
#include "ff/fp2.h"
#include "ff/fr.h"
#include "ff/hex_literal.h"
#include "tests/testing/backends.h"
#include "tests/testing/random.h"

namespace nightjar::ff {
namespace {

using testing::TestRng;

class FieldTest : public testing::PerBackendTest {};
NIGHTJAR_INSTANTIATE_PER_BACKEND(FieldTest);

template <class F>
void check_axioms(TestRng& rng, int rounds) {
  for (int i = 0; i < rounds; ++i) {
    F a = rng.field<F>(), b = rng.field<F>(), c = rng.field<F>();
    ASSERT_EQ(a * b, b * a);
    ASSERT_EQ((a * b) * c, a * (b * c));
    ASSERT_EQ(a * (b + c), a * b + a * c);
    ASSERT_EQ(a - b + b, a);
    ASSERT_EQ(a + (-a), F::zero());
    ASSERT_EQ(a.square(), a * a);
    ASSERT_EQ(a.dbl(), a + a);
    if (!a.is_zero()) {
      ASSERT_EQ(a * a.inverse(), F::one());
      ASSERT_EQ(a.inverse(), a.inverse_vartime());
    }
    ASSERT_EQ(a.pow_u64(5), a * a * a * a * a);
    F s = a.square();
    auto root = s.sqrt_vartime();
    ASSERT_TRUE(root.has_value());
    ASSERT_TRUE(*root == a || *root == -a);
    ASSERT_EQ(s.legendre(), a.is_zero() ? 0 : 1);
    auto le = a.to_bytes_le();
    ASSERT_EQ(F::from_bytes_le(le), a);
    auto be = a.to_bytes_be();
    ASSERT_EQ(F::from_bytes_be(be), a);
    ASSERT_EQ(F::from_raw_montgomery(a.raw_montgomery()), a);
  }
}

TEST_P(FieldTest, FpAxioms) {
  TestRng rng(1);
  check_axioms<Fp>(rng, 2000);
}

TEST_P(FieldTest, FrAxioms) {
  TestRng rng(2);
  check_axioms<Fr>(rng, 2000);
}

template <class F>
void check_edges() {
  F minus_one = -F::one();
  EXPECT_EQ(minus_one * minus_one, F::one());
  EXPECT_EQ(minus_one + F::one(), F::zero());
  EXPECT_EQ(F::zero().inverse(), F::zero());
  EXPECT_EQ(F::zero().inverse_vartime(), F::zero());
  EXPECT_EQ(minus_one.legendre(), F::Params::kTwoAdicity == 1 ? -1 : 1);
  // p itself and anything above it must be rejected as an encoding.
  EXPECT_FALSE(F::from_canonical(F::Params::kModulus).has_value());
  auto above = F::Params::kModulus;
  above[0] += 1;
  EXPECT_FALSE(F::from_canonical(above).has_value());
  EXPECT_FALSE(F::from_raw_montgomery(F::Params::kModulus).has_value());
  std::array<uint8_t, F::kBytes> all_ones;
  all_ones.fill(0xff);
  EXPECT_FALSE(F::from_bytes_le(all_ones).has_value());
  EXPECT_FALSE(F::from_bytes_be(all_ones).has_value());
  // p - 1 is the largest canonical value and round-trips.
  auto p_minus_one = F::Params::kModulus;
  p_minus_one[0] -= 1;
  EXPECT_EQ(F::from_canonical(p_minus_one), minus_one);
  EXPECT_EQ(minus_one.to_canonical(), p_minus_one);
}

TEST_P(FieldTest, Edges) {
  check_edges<Fp>();
  check_edges<Fr>();
}

TEST_P(FieldTest, FrRootOfUnity) {
  Fr w = Fr::root_of_unity();
  for (int i = 0; i < 31; ++i) w = w.square();
  EXPECT_EQ(w, -Fr::one());
  EXPECT_EQ(w.square(), Fr::one());
  // Non-squares exist and are recognised: the generator is one.
  EXPECT_EQ(Fr::multiplicative_generator().legendre(), -1);
  EXPECT_FALSE(Fr::multiplicative_generator().sqrt_vartime().has_value());
  EXPECT_EQ(Fr::multiplicative_generator(), Fr::from_u64(7));
}

TEST_P(FieldTest, FromUniformBytesKnownAnswers) {
  // (2^512 - 1) mod r, computed with Python's integers.
  std::array<uint8_t, 64> ones;
  ones.fill(0xff);
  EXPECT_EQ(Fr::from_uniform_bytes(ones),
            fr_from_hex("0748d9d99f59ff1105d314967254398f2b6cedcb87925c23c999e990f3f29c6c"));
  std::array<uint8_t, 64> one{};
  one[0] = 1;
  EXPECT_EQ(Fr::from_uniform_bytes(one), Fr::one());
  // 2^256 lands in the high half; its Montgomery form is 2^256·R = R^2 mod r.
  std::array<uint8_t, 64> two_256{};
  two_256[32] = 1;
  EXPECT_EQ(Fr::from_uniform_bytes(two_256).raw_montgomery(), FrParams::kR2);
}

TEST_P(FieldTest, BatchInverse) {
  TestRng rng(3);
  std::vector<Fr> values(100), scratch(100);
  for (auto& v : values) v = rng.field<Fr>();
  values[0] = Fr::zero();
  values[57] = Fr::zero();
  std::vector<Fr> expected = values;
  for (auto& v : expected) v = v.inverse();
  Fr::batch_inverse(values, scratch);
  EXPECT_EQ(values, expected);
}

TEST_P(FieldTest, Fp2) {
  TestRng rng(4);
  for (int i = 0; i < 500; ++i) {
    Fp2 a = rng.fp2(), b = rng.fp2(), c = rng.fp2();
    ASSERT_EQ(a * (b + c), a * b + a * c);
    ASSERT_EQ((a * b) * c, a * (b * c));
    ASSERT_EQ(a.square(), a * a);
    ASSERT_EQ(a * a.inverse(), Fp2::one());
    ASSERT_EQ(a.inverse(), a.inverse_vartime());
    Fp2 xi{Fp::one(), Fp::one()};
    ASSERT_EQ(a.mul_by_nonresidue(), a * xi);
    // Frobenius is the p-th power.
    ASSERT_EQ(a.frobenius(), a.pow(FpParams::kModulus));
    auto root = a.square().sqrt_vartime();
    ASSERT_TRUE(root.has_value());
    ASSERT_TRUE(*root == a || *root == -a);
  }
  // u^2 = -1
  Fp2 u{Fp::zero(), Fp::one()};
  EXPECT_EQ(u.square(), -Fp2::one());
  // ξ = u + 1 is not a square (it builds the sextic extension).
  EXPECT_FALSE((Fp2{Fp::one(), Fp::one()}).sqrt_vartime().has_value());
}

TEST(Backend, SelectionAndNames) {
  EXPECT_TRUE(startup_status().is_ok()) << startup_status().message();
  auto supported = supported_backends();
  ASSERT_FALSE(supported.empty());
  EXPECT_EQ(supported.front(), Backend::kPortable);
  EXPECT_FALSE(parse_backend("avx9000").is_ok());
  EXPECT_EQ(*parse_backend("adx"), Backend::kAdx);
}

}  // namespace
}  // namespace nightjar::ff
