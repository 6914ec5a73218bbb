// Fp12 = Fp6[w]/(w^2 - v): the top of the pairing tower, home of the Miller loop's accumulator
// and of the target group Gt (the order-r subgroup of Fp12*).
//
// Representation: c0 + c1·w with Fp6 halves, all Fp coefficients fully reduced (equality is
// coefficient equality). As an Fp2-vector the basis is 1, v, v², w, v·w, v²·w, i.e. the powers
// w^0, w^2, w^4, w^1, w^3, w^5 of w (w^6 = ξ). Operations are constant-time in the element values
// except pow(), whose exponent is public. cyclotomic_square() is only correct on the cyclotomic
// subgroup {x : x^(p^4 - p^2 + 1) = 1}, which holds every output of the final exponentiation's
// easy part and all of Gt. Plain value type: copy freely, concurrent reads are safe.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>

#include "ff/fp6.h"

namespace nightjar::ff {

struct Fp12 {
  Fp6 c0, c1;

  static constexpr size_t kBytes = 12 * Fp::kBytes;

  static Fp12 zero() { return {}; }
  static Fp12 one() { return {Fp6::one(), Fp6::zero()}; }

  bool is_zero() const { return c0.is_zero() && c1.is_zero(); }
  bool is_one() const { return c0 == Fp6::one() && c1.is_zero(); }
  friend bool operator==(const Fp12& a, const Fp12& b) { return a.c0 == b.c0 && a.c1 == b.c1; }

  friend Fp12 operator+(const Fp12& a, const Fp12& b) { return {a.c0 + b.c0, a.c1 + b.c1}; }
  friend Fp12 operator-(const Fp12& a, const Fp12& b) { return {a.c0 - b.c0, a.c1 - b.c1}; }
  Fp12 operator-() const { return {-c0, -c1}; }
  friend Fp12 operator*(const Fp12& a, const Fp12& b);
  Fp12& operator+=(const Fp12& b) { return *this = *this + b; }
  Fp12& operator-=(const Fp12& b) { return *this = *this - b; }
  Fp12& operator*=(const Fp12& b) { return *this = *this * b; }

  Fp12 square() const;
  // The p^6-power Frobenius (w -> -w). On the cyclotomic subgroup it is the inverse.
  Fp12 conjugate() const { return {c0, -c1}; }
  // Zero maps to zero.
  Fp12 inverse() const;
  // x -> x^(p^power) for any power (the map has order 12).
  Fp12 frobenius_map(unsigned power) const;

  // Granger–Scott squaring: 9 Fp2 squarings instead of 12 Fp2 products. Valid only on the
  // cyclotomic subgroup (see above); elsewhere the result is meaningless.
  Fp12 cyclotomic_square() const;

  // Multiplication by a + b·v + c·v·w, the shape of every line function of the M-type twist
  // (13 Fp2 products instead of 18).
  Fp12 mul_by_line(const Fp2& a, const Fp2& b, const Fp2& c) const;

  // this^e for a public exponent e (little-endian limbs), square-and-multiply.
  template <size_t M>
  Fp12 pow(const std::array<uint64_t, M>& e) const {
    Fp12 acc = one();
    for (size_t i = M * 64; i-- > 0;) {
      acc = acc.square();
      if ((e[i / 64] >> (i % 64)) & 1) acc *= *this;
    }
    return acc;
  }

  // The 12 Fp coefficients as 48-byte big-endian integers, in the order c0.c0.c0, c0.c0.c1,
  // c0.c1.c0, ..., c1.c2.c1 (the encoding of @noble/curves' bls12_381 Fp12.toBytes).
  std::array<uint8_t, kBytes> to_bytes() const;
  // Inverse of to_bytes; nullopt if any coefficient is not below p.
  static std::optional<Fp12> from_bytes(std::span<const uint8_t, kBytes> bytes);
};

}  // namespace nightjar::ff
