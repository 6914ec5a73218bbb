#include "circuits/hash_to_curve_assign.h"

#include "circuits/hash_to_curve_constants.h"

namespace nightjar::circuits {

using ff::Fr;

namespace {

using H = HashToCurveParams;

Fr element(const H::Element& limbs) { return Fr::from_montgomery_unchecked(limbs); }

}  // namespace

AssignedPoint HashToCurveGadget::map_to_curve(const AssignedNative& u) {
  NativeGadget& g = ecc_.gadget();
  NativeChip& n = g.native();
  const Fr one = Fr::one();
  const Fr a = element(H::kA);
  const Fr b = element(H::kB);
  const Fr c2 = element(H::kC2);
  auto neg_plus = [&](const AssignedNative& x, const Fr& constant) {
    const Term terms[] = {{-one, x}};
    return n.linear_combination(terms, constant);
  };
  // g(x) = x^3 + A x + B, as (x^2 + A) x + B.
  auto curve_rhs = [&](const AssignedNative& x) {
    AssignedNative gx = n.mul(x, x);
    gx = n.add_constant(gx, a);
    gx = n.mul(gx, x);
    return n.add_constant(gx, b);
  };

  // Shallue-van de Woestijne onto y^2 = x^3 + A x + B (RFC 9380 6.6.1, the official step order).
  AssignedNative tv1 = n.mul(u, u);
  tv1 = n.mul_by_constant(tv1, element(H::kC1));
  AssignedNative tv2 = n.add_constant(tv1, one);
  tv1 = neg_plus(tv1, one);
  AssignedNative tv3 = n.mul(tv1, tv2);
  tv3 = n.inv0(tv3);
  AssignedNative tv4 = n.mul(u, tv1);
  tv4 = n.mul(tv4, tv3);
  tv4 = n.mul_by_constant(tv4, element(H::kC3));
  AssignedNative x1 = neg_plus(tv4, c2);
  AssignedNative gx1 = curve_rhs(x1);
  AssignedBit e1 = g.is_square(gx1);
  AssignedNative x2 = n.add_constant(tv4, c2);
  AssignedNative gx2 = curve_rhs(x2);
  AssignedBit e2 = g.is_square(gx2);
  AssignedBit not_e1 = n.not_(e1);
  const AssignedBit both[] = {e2, not_e1};
  e2 = n.and_(both);
  AssignedNative x3 = n.mul(tv2, tv2);
  x3 = n.mul(x3, tv3);
  x3 = n.mul(x3, x3);
  x3 = n.mul_by_constant(x3, element(H::kC4));
  x3 = n.add_constant(x3, element(H::kZ));
  AssignedNative x = n.select(e1, x1, x3);
  x = n.select(e2, x2, x);
  AssignedNative gx = curve_rhs(x);
  AssignedNative y = n.assign(gx.value.sqrt_vartime().value_or(Fr::zero()));
  AssignedNative y_square = n.mul(y, y);
  g.assert_equal(y_square, gx);
  AssignedBit sgn0_u = g.sgn0(u);
  AssignedBit sgn0_y = g.sgn0(y);
  AssignedBit e3 = n.bits_equal(sgn0_u, sgn0_y);
  AssignedNative minus_y = n.neg(y);
  y = n.select(e3, y, minus_y);

  // Weierstrass to Montgomery: (K x - J/3, K y).
  const Fr k = element(H::kMontK);
  AssignedNative s = n.mul_by_constant(x, k);
  s = n.add_constant(s, -element(H::kMontJOver3));
  AssignedNative t = n.mul_by_constant(y, k);

  // Montgomery to twisted Edwards: v = s / t, w = (s - 1) / (s + 1), both computed with one
  // inversion of (s + 1) t, which inv0 maps to 0 when it vanishes; then w is set to 1.
  AssignedNative m1 = n.add_constant(s, one);
  AssignedNative m2 = n.mul(m1, t);
  m2 = n.inv0(m2);
  AssignedNative v = n.mul(m2, m1);
  v = n.mul(v, s);
  AssignedNative w = n.mul(m2, t);
  m1 = n.add_constant(s, -one);
  w = n.mul(w, m1);
  AssignedBit e = n.is_zero(m2);
  AssignedNative assigned_one = n.assign_fixed(one);
  w = n.select(e, assigned_one, w);

  AssignedPoint point = ecc_.point_from_coordinates(v, w);
  return ecc_.mul_by_constant(8, point);
}

AssignedPoint HashToCurveGadget::hash_to_curve(std::span<const AssignedNative> inputs) {
  const std::array<AssignedNative, 2> u = poseidon_.squeeze_two(inputs);
  AssignedPoint p1 = map_to_curve(u[0]);
  AssignedPoint p2 = map_to_curve(u[1]);
  return ecc_.add(p1, p2);
}

}  // namespace nightjar::circuits
