#include "ff/fp6.h"

#include <array>

#include "ff/tower_constants.h"

namespace nightjar::ff {
namespace {

constexpr Fp2 to_fp2(const TowerConstants::Fp2Limbs& limbs) {
  return {Fp::from_montgomery_unchecked(limbs.c0), Fp::from_montgomery_unchecked(limbs.c1)};
}

constexpr std::array<Fp2, 6> to_fp2_table(const std::array<TowerConstants::Fp2Limbs, 6>& in) {
  std::array<Fp2, 6> out;
  for (size_t k = 0; k < 6; ++k) out[k] = to_fp2(in[k]);
  return out;
}

constexpr std::array<Fp2, 6> kFrobeniusC1 = to_fp2_table(TowerConstants::kFp6FrobeniusC1);
constexpr std::array<Fp2, 6> kFrobeniusC2 = to_fp2_table(TowerConstants::kFp6FrobeniusC2);

}  // namespace

Fp6 operator*(const Fp6& a, const Fp6& b) {
  // Karatsuba over the three coefficients: six Fp2 products instead of nine.
  Fp2 t0 = a.c0 * b.c0;
  Fp2 t1 = a.c1 * b.c1;
  Fp2 t2 = a.c2 * b.c2;
  return {
      t0 + ((a.c1 + a.c2) * (b.c1 + b.c2) - t1 - t2).mul_by_nonresidue(),
      (a.c0 + a.c1) * (b.c0 + b.c1) - t0 - t1 + t2.mul_by_nonresidue(),
      (a.c0 + a.c2) * (b.c0 + b.c2) - t0 - t2 + t1,
  };
}

Fp6 Fp6::square() const {
  // Chung–Hasan: the v² coefficient a1² + 2·a0·a2 comes from (a0 - a1 + a2)², so three squarings
  // and two products suffice.
  Fp2 s0 = c0.square();
  Fp2 s1 = (c0 * c1).dbl();
  Fp2 s2 = (c0 - c1 + c2).square();
  Fp2 s3 = (c1 * c2).dbl();
  Fp2 s4 = c2.square();
  return {s0 + s3.mul_by_nonresidue(), s1 + s4.mul_by_nonresidue(), s1 + s2 + s3 - s0 - s4};
}

Fp6 Fp6::inverse() const {
  // The adjugate (a, b, c) satisfies (c0 + c1 v + c2 v²)(a + b v + c v²) = norm ∈ Fp2, so one
  // Fp2 inversion suffices.
  Fp2 a = c0.square() - (c1 * c2).mul_by_nonresidue();
  Fp2 b = c2.square().mul_by_nonresidue() - c0 * c1;
  Fp2 c = c1.square() - c0 * c2;
  Fp2 norm = c0 * a + (c2 * b + c1 * c).mul_by_nonresidue();
  Fp2 t = norm.inverse();
  return {a * t, b * t, c * t};
}

Fp6 Fp6::frobenius_map(unsigned power) const {
  unsigned k = power % 6;
  Fp2 a = c0, b = c1, c = c2;
  if (k % 2 == 1) {
    a = a.frobenius();
    b = b.frobenius();
    c = c.frobenius();
  }
  return {a, b * kFrobeniusC1[k], c * kFrobeniusC2[k]};
}

Fp6 Fp6::mul_by_01(const Fp2& b0, const Fp2& b1) const {
  Fp2 t0 = c0 * b0;
  Fp2 t1 = c1 * b1;
  return {
      t0 + (c2 * b1).mul_by_nonresidue(),
      (c0 + c1) * (b0 + b1) - t0 - t1,
      c2 * b0 + t1,
  };
}

Fp6 Fp6::mul_by_1(const Fp2& b1) const { return {(c2 * b1).mul_by_nonresidue(), c0 * b1, c1 * b1}; }

}  // namespace nightjar::ff
