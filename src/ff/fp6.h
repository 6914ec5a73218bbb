// Fp6 = Fp2[v]/(v^3 - ξ), ξ = u + 1: the middle of the pairing tower.
//
// Representation: c0 + c1·v + c2·v² with Fp2 coefficients, each fully reduced (so equality is
// coefficient equality). Every operation is constant-time in the element values; frobenius_map
// branches only on its public power. Plain value type: copy freely, concurrent reads are safe.
#pragma once

#include "ff/fp2.h"

namespace nightjar::ff {

struct Fp6 {
  Fp2 c0, c1, c2;

  static Fp6 zero() { return {}; }
  static Fp6 one() { return {Fp2::one(), Fp2::zero(), Fp2::zero()}; }

  bool is_zero() const { return c0.is_zero() && c1.is_zero() && c2.is_zero(); }
  friend bool operator==(const Fp6& a, const Fp6& b) {
    return a.c0 == b.c0 && a.c1 == b.c1 && a.c2 == b.c2;
  }

  friend Fp6 operator+(const Fp6& a, const Fp6& b) {
    return {a.c0 + b.c0, a.c1 + b.c1, a.c2 + b.c2};
  }
  friend Fp6 operator-(const Fp6& a, const Fp6& b) {
    return {a.c0 - b.c0, a.c1 - b.c1, a.c2 - b.c2};
  }
  Fp6 operator-() const { return {-c0, -c1, -c2}; }
  friend Fp6 operator*(const Fp6& a, const Fp6& b);
  friend Fp6 operator*(const Fp6& a, const Fp2& s) { return {a.c0 * s, a.c1 * s, a.c2 * s}; }
  Fp6& operator+=(const Fp6& b) { return *this = *this + b; }
  Fp6& operator-=(const Fp6& b) { return *this = *this - b; }
  Fp6& operator*=(const Fp6& b) { return *this = *this * b; }

  Fp6 square() const;
  Fp6 dbl() const { return {c0.dbl(), c1.dbl(), c2.dbl()}; }
  // Zero maps to zero.
  Fp6 inverse() const;

  // Multiplication by v, the non-residue that builds Fp12: v·v² = ξ moves c2 down to c0.
  Fp6 mul_by_nonresidue() const { return {c2.mul_by_nonresidue(), c0, c1}; }

  // x -> x^(p^power) for any power (the map has order 6).
  Fp6 frobenius_map(unsigned power) const;

  // Sparse products for the Miller loop's line functions: by b0 + b1·v (five Fp2 products
  // instead of six) and by b1·v (three).
  Fp6 mul_by_01(const Fp2& b0, const Fp2& b1) const;
  Fp6 mul_by_1(const Fp2& b1) const;
};

}  // namespace nightjar::ff
