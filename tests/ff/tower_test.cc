#include <gtest/gtest.h>

#include <array>
#include <cstdint>

#include "ff/backend.h"
#include "ff/fp12.h"
#include "ff/fp6.h"
#include "tests/testing/backends.h"
#include "tests/testing/random.h"

namespace nightjar::ff {
namespace {

using testing::TestRng;

class TowerTest : public testing::PerBackendTest {};
NIGHTJAR_INSTANTIATE_PER_BACKEND(TowerTest);

Fp6 random_fp6(TestRng& rng) { return {rng.fp2(), rng.fp2(), rng.fp2()}; }
Fp12 random_fp12(TestRng& rng) { return {random_fp6(rng), random_fp6(rng)}; }

// x^((p^6 - 1)(p^2 + 1)): an element of the cyclotomic subgroup.
Fp12 random_cyclotomic(TestRng& rng) {
  Fp12 a = random_fp12(rng);
  Fp12 t = a.conjugate() * a.inverse();
  return t.frobenius_map(2) * t;
}

const Fp2 kXi{Fp::one(), Fp::one()};
const Fp6 kV{Fp2::zero(), Fp2::one(), Fp2::zero()};
const Fp12 kW{Fp6::zero(), Fp6::one()};

template <class F>
void check_field_axioms(const F& a, const F& b, const F& c) {
  ASSERT_EQ(a * b, b * a);
  ASSERT_EQ((a * b) * c, a * (b * c));
  ASSERT_EQ(a * (b + c), a * b + a * c);
  ASSERT_EQ((a + b) + c, a + (b + c));
  ASSERT_EQ(a - b + b, a);
  ASSERT_EQ(a + (-a), F::zero());
  ASSERT_EQ(a * F::one(), a);
  ASSERT_EQ(a.square(), a * a);
  ASSERT_FALSE(a.is_zero());
  ASSERT_EQ(a * a.inverse(), F::one());
  ASSERT_EQ(a.inverse().inverse(), a);
}

TEST_P(TowerTest, Fp6FieldAxioms) {
  TestRng rng(61);
  for (int i = 0; i < 200; ++i) {
    check_field_axioms(random_fp6(rng), random_fp6(rng), random_fp6(rng));
  }
  EXPECT_EQ(Fp6::zero().inverse(), Fp6::zero());
  EXPECT_EQ(Fp6::one().inverse(), Fp6::one());
}

TEST_P(TowerTest, Fp12FieldAxioms) {
  TestRng rng(62);
  for (int i = 0; i < 100; ++i) {
    check_field_axioms(random_fp12(rng), random_fp12(rng), random_fp12(rng));
  }
  EXPECT_EQ(Fp12::zero().inverse(), Fp12::zero());
  EXPECT_TRUE(Fp12::one().is_one());
  EXPECT_FALSE(kW.is_one());
}

TEST_P(TowerTest, TowerRelations) {
  // v^3 = ξ and w^2 = v: the defining polynomials of the tower.
  EXPECT_EQ(kV * kV * kV, (Fp6{kXi, Fp2::zero(), Fp2::zero()}));
  EXPECT_EQ(kW * kW, (Fp12{kV, Fp6::zero()}));
  TestRng rng(63);
  for (int i = 0; i < 50; ++i) {
    Fp6 a = random_fp6(rng);
    Fp2 b0 = rng.fp2(), b1 = rng.fp2();
    ASSERT_EQ(a.mul_by_nonresidue(), a * kV);
    ASSERT_EQ(a.dbl(), a + a);
    ASSERT_EQ(a.mul_by_01(b0, b1), a * (Fp6{b0, b1, Fp2::zero()}));
    ASSERT_EQ(a.mul_by_1(b1), a * (Fp6{Fp2::zero(), b1, Fp2::zero()}));
    ASSERT_EQ(a * b0, a * (Fp6{b0, Fp2::zero(), Fp2::zero()}));
  }
}

TEST_P(TowerTest, SparseLineMultiplication) {
  TestRng rng(64);
  for (int i = 0; i < 50; ++i) {
    Fp12 f = random_fp12(rng);
    Fp2 a = rng.fp2(), b = rng.fp2(), c = rng.fp2();
    // a + b·v + c·v·w
    Fp12 line{{a, b, Fp2::zero()}, {Fp2::zero(), c, Fp2::zero()}};
    ASSERT_EQ(f.mul_by_line(a, b, c), f * line);
  }
}

TEST_P(TowerTest, FrobeniusIsPowerOfP) {
  TestRng rng(65);
  for (int i = 0; i < 5; ++i) {
    Fp12 a = random_fp12(rng);
    ASSERT_EQ(a.frobenius_map(1), a.pow(FpParams::kModulus));
    // Fp6 sits in Fp12 as the c0 half; the maps must agree there.
    Fp6 b = random_fp6(rng);
    ASSERT_EQ((Fp12{b, Fp6::zero()}).pow(FpParams::kModulus), (Fp12{b.frobenius_map(1), {}}));
  }
}

TEST_P(TowerTest, FrobeniusComposesAndHasOrderTwelve) {
  TestRng rng(66);
  Fp12 a = random_fp12(rng);
  Fp6 b = random_fp6(rng);
  Fp12 iterated = a;
  Fp6 iterated6 = b;
  for (unsigned k = 1; k <= 12; ++k) {
    iterated = iterated.frobenius_map(1);
    iterated6 = iterated6.frobenius_map(1);
    // Checks every table entry against the first one.
    ASSERT_EQ(iterated, a.frobenius_map(k)) << "k=" << k;
    ASSERT_EQ(iterated6, b.frobenius_map(k)) << "k=" << k;
    ASSERT_EQ(iterated == a, k == 12) << "k=" << k;
    ASSERT_EQ(iterated6 == b, k % 6 == 0) << "k=" << k;
  }
  EXPECT_EQ(a.frobenius_map(0), a);
  EXPECT_EQ(a.frobenius_map(6), a.conjugate());
  EXPECT_EQ(a.frobenius_map(3).frobenius_map(4), a.frobenius_map(7));
  // The map is a ring homomorphism.
  Fp12 c = random_fp12(rng);
  EXPECT_EQ((a * c).frobenius_map(5), a.frobenius_map(5) * c.frobenius_map(5));
}

TEST_P(TowerTest, CyclotomicSquareMatchesSquare) {
  TestRng rng(67);
  for (int i = 0; i < 50; ++i) {
    Fp12 m = random_cyclotomic(rng);
    // Membership: m^(p^4 - p^2 + 1) = 1, checked as m^(p^4) · m = m^(p^2).
    ASSERT_EQ(m.frobenius_map(4) * m, m.frobenius_map(2));
    ASSERT_EQ(m.conjugate(), m.inverse());
    ASSERT_EQ(m.cyclotomic_square(), m.square());
    ASSERT_EQ(m.cyclotomic_square().cyclotomic_square(), m.square().square());
  }
  EXPECT_EQ(Fp12::one().cyclotomic_square(), Fp12::one());
  // Off the subgroup the shortcut does not hold, which is why it is a separate function.
  Fp12 a = random_fp12(rng);
  EXPECT_NE(a.cyclotomic_square(), a.square());
}

TEST_P(TowerTest, PowMatchesRepeatedMultiplication) {
  TestRng rng(68);
  Fp12 a = random_fp12(rng);
  EXPECT_EQ(a.pow(std::array<uint64_t, 1>{0}), Fp12::one());
  EXPECT_EQ(a.pow(std::array<uint64_t, 1>{1}), a);
  EXPECT_EQ(a.pow(std::array<uint64_t, 1>{5}), a * a * a * a * a);
  EXPECT_EQ(a.pow(std::array<uint64_t, 2>{0, 1}),
            a.pow(std::array<uint64_t, 1>{uint64_t{1} << 63}).square());
}

TEST_P(TowerTest, BytesRoundTripAndLayout) {
  TestRng rng(69);
  for (int i = 0; i < 20; ++i) {
    Fp12 a = random_fp12(rng);
    auto bytes = a.to_bytes();
    ASSERT_EQ(Fp12::from_bytes(bytes), a);
  }
  // Coefficient order c0.c0.c0, c0.c0.c1, c0.c1.c0, ..., c1.c2.c1, each big-endian.
  Fp12 a = random_fp12(rng);
  auto bytes = a.to_bytes();
  const Fp* coefficients[12] = {&a.c0.c0.c0, &a.c0.c0.c1, &a.c0.c1.c0, &a.c0.c1.c1,
                                &a.c0.c2.c0, &a.c0.c2.c1, &a.c1.c0.c0, &a.c1.c0.c1,
                                &a.c1.c1.c0, &a.c1.c1.c1, &a.c1.c2.c0, &a.c1.c2.c1};
  for (size_t i = 0; i < 12; ++i) {
    auto be = coefficients[i]->to_bytes_be();
    ASSERT_TRUE(std::equal(be.begin(), be.end(), bytes.begin() + 48 * i)) << "coefficient " << i;
  }
  // p itself in any slot is not canonical.
  auto p_be = Fp::zero().to_bytes_be();
  for (size_t j = 0; j < 48; ++j) {
    p_be[47 - j] = static_cast<uint8_t>(FpParams::kModulus[j / 8] >> (8 * (j % 8)));
  }
  for (size_t i = 0; i < 12; ++i) {
    auto bad = bytes;
    std::copy(p_be.begin(), p_be.end(), bad.begin() + 48 * i);
    ASSERT_FALSE(Fp12::from_bytes(bad).has_value()) << "coefficient " << i;
  }
}

}  // namespace
}  // namespace nightjar::ff
