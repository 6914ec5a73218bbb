// Fp2 = Fp[u]/(u^2 + 1): the field of G2 coordinates and the bottom of the pairing tower.
//
// Representation: c0 + c1·u with both halves in Montgomery form. Constant-time like Fp except
// where a name ends in _vartime. Plain value type.
#pragma once

#include <optional>

#include "ff/fp.h"

namespace nightjar::ff {

struct Fp2 {
  Fp c0, c1;

  static Fp2 zero() { return {}; }
  static Fp2 one() { return {Fp::one(), Fp::zero()}; }

  bool is_zero() const { return c0.is_zero() & c1.is_zero(); }
  static Fp2 select(bool choose_a, const Fp2& a, const Fp2& b) {
    return {Fp::select(choose_a, a.c0, b.c0), Fp::select(choose_a, a.c1, b.c1)};
  }
  friend bool operator==(const Fp2& a, const Fp2& b) { return (a.c0 == b.c0) & (a.c1 == b.c1); }

  friend Fp2 operator+(const Fp2& a, const Fp2& b) { return {a.c0 + b.c0, a.c1 + b.c1}; }
  friend Fp2 operator-(const Fp2& a, const Fp2& b) { return {a.c0 - b.c0, a.c1 - b.c1}; }
  Fp2 operator-() const { return {-c0, -c1}; }
  friend Fp2 operator*(const Fp2& a, const Fp2& b) {
    // Karatsuba: three base multiplications instead of four.
    Fp v0 = a.c0 * b.c0;
    Fp v1 = a.c1 * b.c1;
    return {v0 - v1, (a.c0 + a.c1) * (b.c0 + b.c1) - v0 - v1};
  }
  friend Fp2 operator*(const Fp2& a, const Fp& s) { return {a.c0 * s, a.c1 * s}; }
  Fp2& operator+=(const Fp2& b) { return *this = *this + b; }
  Fp2& operator-=(const Fp2& b) { return *this = *this - b; }
  Fp2& operator*=(const Fp2& b) { return *this = *this * b; }

  // (c0 + c1 u)^2 = (c0 + c1)(c0 - c1) + 2 c0 c1 u
  Fp2 square() const { return {(c0 + c1) * (c0 - c1), (c0 * c1).dbl()}; }
  Fp2 dbl() const { return {c0.dbl(), c1.dbl()}; }
  Fp2 conjugate() const { return {c0, -c1}; }
  // Frobenius x -> x^p is conjugation, since u^p = -u.
  Fp2 frobenius() const { return conjugate(); }
  // Multiplication by the sextic non-residue ξ = u + 1 that builds Fp6 and the G2 twist.
  Fp2 mul_by_nonresidue() const { return {c0 - c1, c0 + c1}; }
  Fp norm() const { return c0.square() + c1.square(); }

  Fp2 inverse() const {
    Fp t = norm().inverse();
    return {c0 * t, -(c1 * t)};
  }
  Fp2 inverse_vartime() const {
    Fp t = norm().inverse_vartime();
    return {c0 * t, -(c1 * t)};
  }

  // Sign for the ZCash compressed G2 flag: compares c1 first, then c0 when c1 is zero.
  bool lexicographically_largest() const {
    return c1.lexicographically_largest() || (c1.is_zero() && c0.lexicographically_largest());
  }

  // A square root or nullopt (p ≡ 3 mod 4 method: one exponentiation, then a fix-up by u or by
  // (1 + a^((p-1)/2))^((p-1)/2)).
  std::optional<Fp2> sqrt_vartime() const;

  template <size_t M>
  Fp2 pow(const std::array<uint64_t, M>& e) const {
    Fp2 acc = one();
    for (size_t i = M * 64; i-- > 0;) {
      acc = acc.square();
      if ((e[i / 64] >> (i % 64)) & 1) acc *= *this;
    }
    return acc;
  }
};

}  // namespace nightjar::ff
