// Points of a short Weierstrass curve y^2 = x^3 + b (a = 0) over a field F: BLS12-381's G1 (over
// Fp) and G2 (over Fp2) are both instances, described by a config C (g1.h, g2.h) giving Field,
// b() and generator().
//
// Affine<C>: (x, y) or the identity (infinity = true, x = y = 0). Jacobian<C>: (X, Y, Z) meaning
// (X/Z^2, Y/Z^3), the identity when Z = 0. operator+, add_mixed, dbl and operator* run the same
// sequence of field operations whatever the points are (exceptional cases are resolved with
// constant-time selects); *_vartime functions branch on the data and are for public values.
// Plain value types; concurrent reads are safe.
#pragma once

#include <array>
#include <cstdint>
#include <span>
#include <vector>

#include "ff/fr.h"

namespace nightjar::ec {

template <class C>
struct Affine {
  using Field = typename C::Field;
  Field x, y;
  bool infinity = true;

  static Affine identity() { return Affine(); }
  static Affine generator() { return C::generator(); }

  bool is_on_curve() const { return infinity || y.square() == x.square() * x + C::b(); }
  // In the prime-order subgroup (order r); each curve supplies its fastest sound test.
  bool is_torsion_free() const { return C::is_torsion_free(*this); }

  Affine operator-() const { return infinity ? *this : Affine{x, -y, false}; }
  friend bool operator==(const Affine& a, const Affine& b) {
    if (a.infinity || b.infinity) return a.infinity == b.infinity;
    return a.x == b.x && a.y == b.y;
  }
};

template <class C>
class Jacobian {
 public:
  using Field = typename C::Field;
  using AffinePoint = Affine<C>;

  Jacobian() : x_(Field::one()), y_(Field::one()), z_(Field::zero()) {}
  Jacobian(const Field& x, const Field& y, const Field& z) : x_(x), y_(y), z_(z) {}

  static Jacobian identity() { return Jacobian(); }
  static Jacobian generator() { return from_affine(C::generator()); }
  static Jacobian from_affine(const AffinePoint& p) {
    return Jacobian(Field::select(p.infinity, Field::one(), p.x),
                    Field::select(p.infinity, Field::one(), p.y),
                    Field::select(p.infinity, Field::zero(), Field::one()));
  }

  const Field& x() const { return x_; }
  const Field& y() const { return y_; }
  const Field& z() const { return z_; }

  bool is_identity() const { return z_.is_zero(); }
  bool is_on_curve() const {
    // Y^2 = X^3 + b Z^6
    Field z2 = z_.square();
    Field z6 = z2.square() * z2;
    return is_identity() || y_.square() == x_.square() * x_ + C::b() * z6;
  }

  AffinePoint to_affine() const {
    if (is_identity()) return AffinePoint();
    Field zinv = z_.inverse();
    Field zinv2 = zinv.square();
    return AffinePoint{x_ * zinv2, y_ * zinv2 * zinv, false};
  }

  // Converts many points with a single field inversion.
  static void batch_to_affine(std::span<const Jacobian> in, std::span<AffinePoint> out) {
    std::vector<Field> zs(in.size()), scratch(in.size());
    for (size_t i = 0; i < in.size(); ++i) zs[i] = in[i].z_;
    Field::batch_inverse(zs, scratch);
    for (size_t i = 0; i < in.size(); ++i) {
      if (in[i].is_identity()) {
        out[i] = AffinePoint();
        continue;
      }
      Field zinv2 = zs[i].square();
      out[i] = AffinePoint{in[i].x_ * zinv2, in[i].y_ * zinv2 * zs[i], false};
    }
  }

  Jacobian operator-() const { return Jacobian(x_, -y_, z_); }

  // 2P; the identity doubles to the identity (Z3 = 2·Y·Z = 0).
  Jacobian dbl() const {
    Field a = x_.square();
    Field b = y_.square();
    Field c = b.square();
    Field d = ((x_ + b).square() - a - c).dbl();
    Field e = a.dbl() + a;
    Field f = e.square();
    Field x3 = f - d.dbl();
    Field c8 = c.dbl().dbl().dbl();
    return Jacobian(x3, e * (d - x3) - c8, (y_ * z_).dbl());
  }

  friend Jacobian operator+(const Jacobian& p, const Jacobian& q) {
    Field z1z1 = p.z_.square();
    Field z2z2 = q.z_.square();
    Field u1 = p.x_ * z2z2;
    Field u2 = q.x_ * z1z1;
    Field s1 = p.y_ * z2z2 * q.z_;
    Field s2 = q.y_ * z1z1 * p.z_;
    Field z3_factor = (p.z_ + q.z_).square() - z1z1 - z2z2;
    return p.combine(q, u1, u2, s1, s2, z3_factor);
  }
  friend Jacobian operator-(const Jacobian& p, const Jacobian& q) { return p + (-q); }

  // P + Q for an affine Q, cheaper than the general addition (Z2 = 1).
  Jacobian add_mixed(const AffinePoint& q) const {
    Field z1z1 = z_.square();
    Field u2 = q.x * z1z1;
    Field s2 = q.y * z1z1 * z_;
    Field z3_factor = z_.dbl();
    Jacobian qj = from_affine(q);
    return combine(qj, x_, u2, y_, s2, z3_factor);
  }

  Jacobian& operator+=(const Jacobian& q) { return *this = *this + q; }

  // Branching addition for public points: skips the doubling that operator+ computes.
  Jacobian add_vartime(const Jacobian& q) const {
    if (is_identity()) return q;
    if (q.is_identity()) return *this;
    return *this + q;
  }

  friend bool operator==(const Jacobian& p, const Jacobian& q) {
    if (p.is_identity() || q.is_identity()) return p.is_identity() == q.is_identity();
    Field z1z1 = p.z_.square();
    Field z2z2 = q.z_.square();
    return p.x_ * z2z2 == q.x_ * z1z1 && p.y_ * z2z2 * q.z_ == q.y_ * z1z1 * p.z_;
  }

  // [k]P with a 4-bit fixed window: 256 doublings and 64 additions of a table entry chosen by
  // scanning the whole table, whatever k is.
  friend Jacobian operator*(const Jacobian& p, const ff::Fr& k) {
    std::array<Jacobian, 16> table;
    table[1] = p;
    for (size_t i = 2; i < 16; ++i) table[i] = table[i - 1] + p;
    auto limbs = k.to_canonical();
    Jacobian acc;
    for (size_t w = 64; w-- > 0;) {
      acc = acc.dbl().dbl().dbl().dbl();
      unsigned nibble = (limbs[w / 16] >> (4 * (w % 16))) & 15;
      Jacobian chosen;
      for (unsigned j = 0; j < 16; ++j) chosen = chosen.select(j == nibble, table[j]);
      acc = acc + chosen;
    }
    return acc;
  }

  // [k]P for a public scalar given as little-endian limbs (any size, so it also takes r itself).
  template <size_t M>
  Jacobian mul_limbs_vartime(const std::array<uint64_t, M>& k) const {
    std::array<Jacobian, 16> table;
    table[1] = *this;
    for (size_t i = 2; i < 16; ++i) table[i] = table[i - 1].add_vartime(*this);
    Jacobian acc;
    for (size_t w = M * 16; w-- > 0;) {
      if (!acc.is_identity()) acc = acc.dbl().dbl().dbl().dbl();
      unsigned nibble = (k[w / 16] >> (4 * (w % 16))) & 15;
      if (nibble != 0) acc = acc.add_vartime(table[nibble]);
    }
    return acc;
  }
  Jacobian mul_vartime(const ff::Fr& k) const { return mul_limbs_vartime(k.to_canonical()); }

 private:
  Jacobian select(bool take_other, const Jacobian& other) const {
    return Jacobian(Field::select(take_other, other.x_, x_),
                    Field::select(take_other, other.y_, y_),
                    Field::select(take_other, other.z_, z_));
  }

  // Finishes add-2007-bl from U1, U2, S1, S2 and the Z3 factor, then resolves the exceptional
  // cases by selection: either input the identity, or P = Q (the formula's H = R = 0 needs the
  // doubling). P = -Q needs no fix: H = 0 gives Z3 = 0, the identity.
  Jacobian combine(const Jacobian& q, const Field& u1, const Field& u2, const Field& s1,
                   const Field& s2, const Field& z3_factor) const {
    Field h = u2 - u1;
    Field i = h.dbl().square();
    Field j = h * i;
    Field r = (s2 - s1).dbl();
    Field v = u1 * i;
    Field x3 = r.square() - j - v.dbl();
    Jacobian sum(x3, r * (v - x3) - (s1 * j).dbl(), z3_factor * h);
    bool same_point = h.is_zero() & r.is_zero();
    sum = sum.select(same_point, dbl());
    sum = sum.select(is_identity(), q);
    return sum.select(q.is_identity(), *this);
  }

  Field x_, y_, z_;
};

// The definition of the subgroup, [r]P = O: the slow reference test.
template <class C>
bool has_order_dividing_r(const Affine<C>& p) {
  return Jacobian<C>::from_affine(p).mul_limbs_vartime(ff::FrParams::kModulus).is_identity();
}

}  // namespace nightjar::ec
