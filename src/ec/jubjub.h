// Jubjub, the twisted Edwards curve -u^2 + v^2 = 1 + d·u^2·v^2 over Fr (BLS12-381's scalar
// field) with d = -(10240/10241): the curve Midnight circuits compute on (midnight-curves'
// JubjubExtended / JubjubSubgroup, the ledger's "embedded" group). The group has order 8·s with
// s prime (jubjub_params.h); Midnight's points live in the subgroup of order s.
//
// Representation. JubjubAffine holds (u, v); the identity is (0, 1). JubjubExtended holds
// extended coordinates (X, Y, Z, T) meaning (X/Z, Y/Z), with the invariants Z != 0 and
// X·Y = Z·T. Because a = -1 is a square and d is not, the addition law is complete: the same
// formula adds any two points, including equal, opposite, identity and small-order ones, so
// there are no exceptional cases to branch on.
//
// Encoding (32 bytes, as midnight-curves' JubjubAffine::to_bytes, itself zkcrypto/jubjub's):
// v in little-endian with the parity of u in the top bit of byte 31. Decoding rejects v >= r,
// v with no point on the curve, and u = 0 with the sign bit set (ZIP 216, as midnight-curves'
// from_bytes; its from_bytes_pre_zip216_compatibility is deliberately not provided).
//
// Timing. Group operations, predicates, to_affine, operator* and mul_bytes run the same sequence
// of field operations and memory accesses whatever the points and scalars are. Functions ending
// in _vartime branch on the scalar only (use them for public scalars). Decoding is variable-time
// (its square root and early rejections): encodings are public data.
//
// Thread-safety: plain values; concurrent reads are safe.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>

#include "ec/jubjub_params.h"
#include "ff/fr.h"
#include "ff/mont_field.h"

namespace nightjar::ec {

// Integers modulo s, the order of Jubjub's prime-order subgroup (midnight-curves' jubjub::Fr);
// its from_uniform_bytes is midnight-curves' Fr::from_bytes_wide.
using JubjubScalar = ff::MontField<JubjubScalarParams>;

// The Fr value reduced mod s, as the ledger's jubjub_scalar_from_native.
JubjubScalar jubjub_scalar_from_fr(const ff::Fr& x);

class JubjubAffine {
 public:
  using Encoding = std::array<uint8_t, 32>;

  constexpr JubjubAffine() : u_(), v_(ff::Fr::one()) {}
  static constexpr JubjubAffine identity() { return JubjubAffine(); }

  // nullopt unless (u, v) is on the curve.
  static std::optional<JubjubAffine> from_coordinates(const ff::Fr& u, const ff::Fr& v);

  const ff::Fr& u() const { return u_; }
  const ff::Fr& v() const { return v_; }

  bool is_identity() const { return u_.is_zero() & (v_ == ff::Fr::one()); }
  bool is_on_curve() const;

  JubjubAffine operator-() const { return JubjubAffine(-u_, v_); }
  friend bool operator==(const JubjubAffine& a, const JubjubAffine& b) {
    return (a.u_ == b.u_) & (a.v_ == b.v_);
  }

  Encoding to_bytes() const;
  // Any curve point, including those outside the prime-order subgroup (midnight-curves'
  // JubjubAffine::from_bytes / JubjubExtended::from_bytes).
  static std::optional<JubjubAffine> from_bytes(std::span<const uint8_t, 32> bytes);
  // Also rejects points outside the prime-order subgroup (JubjubSubgroup::from_bytes, the
  // ledger's encoding of embedded-group points).
  static std::optional<JubjubAffine> from_bytes_subgroup(std::span<const uint8_t, 32> bytes);

 private:
  friend class JubjubExtended;

  JubjubAffine(const ff::Fr& u, const ff::Fr& v) : u_(u), v_(v) {}

  ff::Fr u_, v_;
};

class JubjubExtended {
 public:
  using Limbs = std::array<uint64_t, 4>;

  constexpr JubjubExtended() : x_(), y_(ff::Fr::one()), z_(ff::Fr::one()), t_() {}
  static constexpr JubjubExtended identity() { return JubjubExtended(); }
  // Midnight's generator of the prime-order subgroup (see jubjub_params.h for its origin): the
  // base of ec_mul_generator. midnight-curves' JubjubAffine::generator() is a different point,
  // a generator of the whole group whose multiple by 8 this is.
  static JubjubExtended generator();

  explicit JubjubExtended(const JubjubAffine& p)
      : x_(p.u()), y_(p.v()), z_(ff::Fr::one()), t_(p.u() * p.v()) {}
  JubjubAffine to_affine() const;

  const ff::Fr& x() const { return x_; }
  const ff::Fr& y() const { return y_; }
  const ff::Fr& z() const { return z_; }
  const ff::Fr& t() const { return t_; }

  bool is_identity() const { return x_.is_zero() & (y_ == z_); }
  // On the curve and satisfying the representation invariants.
  bool is_on_curve() const;
  // Order divides 8, the cofactor.
  bool is_small_order() const;
  // In the prime-order subgroup: [s]P is the identity.
  bool is_torsion_free() const;
  // Of order exactly s: torsion-free and not the identity.
  bool is_prime_order() const { return is_torsion_free() & !is_identity(); }

  JubjubExtended dbl() const;
  // [8]P.
  JubjubExtended mul_by_cofactor() const { return dbl().dbl().dbl(); }
  // The image of P in the prime-order subgroup, [8]P, as midnight-curves' clear_cofactor.
  JubjubExtended clear_cofactor() const { return mul_by_cofactor(); }

  JubjubExtended operator-() const { return JubjubExtended(-x_, y_, z_, -t_); }
  friend JubjubExtended operator+(const JubjubExtended& p, const JubjubExtended& q);
  friend JubjubExtended operator-(const JubjubExtended& p, const JubjubExtended& q) {
    return p + (-q);
  }
  JubjubExtended& operator+=(const JubjubExtended& q) { return *this = *this + q; }
  JubjubExtended& operator-=(const JubjubExtended& q) { return *this = *this - q; }
  // Compares (X1/Z1, Y1/Z1) with (X2/Z2, Y2/Z2) without inverting.
  friend bool operator==(const JubjubExtended& p, const JubjubExtended& q);

  // [k]P for the canonical integer k < s, constant-time. Scalars act modulo s only on the
  // prime-order subgroup: elsewhere [s]P is not the identity.
  friend JubjubExtended operator*(const JubjubExtended& p, const JubjubScalar& k);
  // [k]P for any 256-bit little-endian k, all of it (not reduced mod s, top bits not ignored:
  // unlike midnight-curves' multiply_bits, which skips the top four), constant-time.
  JubjubExtended mul_bytes(std::span<const uint8_t, 32> k) const;
  JubjubExtended mul_limbs(const Limbs& k) const;
  // The same products for public scalars (width-5 NAF; branches on k, never on P).
  JubjubExtended mul_vartime(const JubjubScalar& k) const;
  JubjubExtended mul_bytes_vartime(std::span<const uint8_t, 32> k) const;
  JubjubExtended mul_limbs_vartime(const Limbs& k) const;

  JubjubAffine::Encoding to_bytes() const { return to_affine().to_bytes(); }

 private:
  JubjubExtended(const ff::Fr& x, const ff::Fr& y, const ff::Fr& z, const ff::Fr& t)
      : x_(x), y_(y), z_(z), t_(t) {}

  // A point prepared for addition: (Y + X, Y - X, 2Z, 2d·T).
  struct Cached;
  Cached cached() const;
  JubjubExtended add(const Cached& q) const;

  ff::Fr x_, y_, z_, t_;
};

}  // namespace nightjar::ec
