#include "circuits/hash_to_curve.h"

#include <optional>

#include "circuits/hash_to_curve_constants.h"
#include "circuits/poseidon.h"
#include "ff/fr_params.h"

namespace nightjar::circuits {

namespace {

using ff::Fr;
using H = HashToCurveParams;

constexpr Fr element(const H::Element& limbs) { return Fr::from_montgomery_unchecked(limbs); }

// 0 for 0, like the RFC's inv0.
Fr inv0(const Fr& x) { return x.inverse(); }

// 0 counts as a square, as midnight-curves' ct_quadratic_residue. Euler's criterion with a
// constant-time comparison (Fr::legendre branches on its result).
bool is_square(const Fr& x) { return !(x.pow(ff::FrParams::kPMinus1Over2) == -Fr::one()); }

// A square root of a square x, in a fixed sequence of operations (RFC 9380 appendix I.4); which
// of the two roots it returns does not matter, the caller fixes the sign.
Fr sqrt_constant_time(const Fr& x) {
  constexpr unsigned kTwoAdicity = ff::FrParams::kTwoAdicity;
  Fr z = x.pow(ff::FrParams::kTMinus1Over2);
  Fr t = z.square() * x;
  z *= x;
  Fr b = t;
  Fr c = Fr::root_of_unity();
  for (unsigned i = kTwoAdicity; i >= 2; --i) {
    for (unsigned j = 1; j + 2 <= i; ++j) b = b.square();
    const bool e = b.is_one();
    z = Fr::select(e, z, z * c);
    c = c.square();
    t = Fr::select(e, t, t * c);
    b = t;
  }
  return z;
}

Fr weierstrass_rhs(const Fr& x) { return (x.square() + element(H::kA)) * x + element(H::kB); }

}  // namespace

ec::JubjubAffine map_to_curve(const Fr& u) {
  const Fr one = Fr::one();
  // Shallue-van de Woestijne, RFC 9380 section 6.6.1, step for step.
  Fr tv1 = u.square() * element(H::kC1);
  const Fr tv2 = one + tv1;
  tv1 = one - tv1;
  const Fr tv3 = inv0(tv1 * tv2);
  const Fr tv4 = u * tv1 * tv3 * element(H::kC3);
  const Fr x1 = element(H::kC2) - tv4;
  const bool e1 = is_square(weierstrass_rhs(x1));
  const Fr x2 = element(H::kC2) + tv4;
  const bool e2 = is_square(weierstrass_rhs(x2)) & !e1;
  const Fr x3 = (tv2.square() * tv3).square() * element(H::kC4) + element(H::kZ);
  Fr x = Fr::select(e1, x1, x3);
  x = Fr::select(e2, x2, x);
  Fr y = sqrt_constant_time(weierstrass_rhs(x));
  y = Fr::select(u.is_odd() == y.is_odd(), y, -y);

  // Weierstrass to Montgomery: s = K x - J / 3, t = K y.
  const Fr s = x * element(H::kMontK) - element(H::kMontJOver3);
  const Fr t = y * element(H::kMontK);

  // Montgomery to twisted Edwards (RFC 9380 appendix D.1, with inv0 and its exceptional case).
  const Fr w = inv0((s + one) * t);
  const Fr edwards_u = w * (s + one) * s;
  const Fr edwards_v = Fr::select(w.is_zero(), one, w * t * (s - one));
  std::optional<ec::JubjubAffine> point = ec::JubjubAffine::from_coordinates(edwards_u, edwards_v);
  NIGHTJAR_CHECK(point.has_value());
  return *point;
}

ec::JubjubExtended hash_to_curve(std::span<const Fr> inputs) {
  const std::array<Fr, 2> squeezed = poseidon_squeeze_two(inputs);
  const ec::JubjubExtended p1 = ec::JubjubExtended(map_to_curve(squeezed[0])).clear_cofactor();
  const ec::JubjubExtended p2 = ec::JubjubExtended(map_to_curve(squeezed[1])).clear_cofactor();
  return p1 + p2;
}

}  // namespace nightjar::circuits
