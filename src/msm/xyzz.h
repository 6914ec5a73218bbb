// Xyzz<C>: a point of a short Weierstrass curve with a = 0 in extended Jacobian coordinates,
// the cheapest representation for adding many affine points into one accumulator.
//
// Representation: (X, Y, ZZ, ZZZ) stands for the affine point (X/ZZ, Y/ZZZ); every value keeps
// ZZ^3 = ZZZ^2, and the identity is ZZ = ZZZ = 0. Mixed addition costs 8M + 2S and general
// addition 12M + 2S, against 11 and 16 for Jacobian, and neither needs a doubling in the common
// case. Every operation branches on its data (vartime): the MSM works on public points and
// scalars only. Plain value type.
#pragma once

#include <cstdint>

#include "ec/short_weierstrass.h"

namespace nightjar::msm {

template <class C>
struct Xyzz {
  using Field = typename C::Field;
  using AffinePoint = ec::Affine<C>;

  Field x = Field::one(), y = Field::one(), zz = Field::zero(), zzz = Field::zero();

  static Xyzz identity() { return Xyzz(); }
  static Xyzz from_affine(const AffinePoint& p) {
    if (p.infinity) return identity();
    return {p.x, p.y, Field::one(), Field::one()};
  }
  bool is_identity() const { return zz.is_zero(); }

  // this += (negate ? -q : q).
  void add_affine(const AffinePoint& q, bool negate = false) {
    if (q.infinity) return;
    if (is_identity()) {
      *this = {q.x, negate ? -q.y : q.y, Field::one(), Field::one()};
      return;
    }
    Field u2 = q.x * zz;
    Field s2 = q.y * zzz;
    Field p = u2 - x;
    Field r = negate ? -(s2 + y) : s2 - y;
    if (p.is_zero()) {
      if (r.is_zero()) {
        dbl();
      } else {
        *this = identity();
      }
      return;
    }
    Field pp = p.square();
    Field ppp = p * pp;
    Field q1 = x * pp;
    Field x3 = r.square() - ppp - q1.dbl();
    y = r * (q1 - x3) - y * ppp;
    x = x3;
    zz *= pp;
    zzz *= ppp;
  }

  void add(const Xyzz& q) {
    if (q.is_identity()) return;
    if (is_identity()) {
      *this = q;
      return;
    }
    Field u1 = x * q.zz;
    Field u2 = q.x * zz;
    Field s1 = y * q.zzz;
    Field s2 = q.y * zzz;
    Field p = u2 - u1;
    Field r = s2 - s1;
    if (p.is_zero()) {
      if (r.is_zero()) {
        dbl();
      } else {
        *this = identity();
      }
      return;
    }
    Field pp = p.square();
    Field ppp = p * pp;
    Field q1 = u1 * pp;
    Field x3 = r.square() - ppp - q1.dbl();
    y = r * (q1 - x3) - s1 * ppp;
    x = x3;
    zz = zz * q.zz * pp;
    zzz = zzz * q.zzz * ppp;
  }

  // A point with Y = 0 has order 2 and doubles to ZZ = 0, the identity, without a special case.
  void dbl() {
    if (is_identity()) return;
    Field u = y.dbl();
    Field v = u.square();
    Field w = u * v;
    Field s = x * v;
    Field m = x.square();
    m = m.dbl() + m;
    Field x3 = m.square() - s.dbl();
    y = m * (s - x3) - w * y;
    x = x3;
    zz *= v;
    zzz *= w;
  }

  // [k]this by double-and-add: the bucket reduction multiplies by run lengths of empty buckets.
  Xyzz times(uint64_t k) const {
    Xyzz acc;
    for (int bit = 63 - __builtin_clzll(k | 1); bit >= 0; --bit) {
      acc.dbl();
      if ((k >> bit) & 1) acc.add(*this);
    }
    return k == 0 ? identity() : acc;
  }

  // Jacobian Z = ZZZ: then Z^2 = ZZ^3 and Z^3 = ZZZ^3, so X·ZZ^2 / Z^2 = X/ZZ and
  // Y·ZZZ^2 / Z^3 = Y/ZZZ.
  ec::Jacobian<C> to_jacobian() const {
    if (is_identity()) return ec::Jacobian<C>::identity();
    return ec::Jacobian<C>(x * zz.square(), y * zzz.square(), zzz);
  }
};

}  // namespace nightjar::msm
