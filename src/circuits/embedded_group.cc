#include "circuits/embedded_group.h"

#include <optional>

namespace nightjar::circuits {

using ec::JubjubAffine;
using ec::JubjubExtended;
using ff::Fr;

Result<JubjubExtended> embedded_point(const Fr& x, const Fr& y) {
  JubjubAffine::Encoding encoding = y.to_bytes_le();
  encoding[31] |= static_cast<uint8_t>(x.is_odd()) << 7;
  std::optional<JubjubAffine> point = JubjubAffine::from_bytes(encoding);
  if (!point) return invalid_argument("Elliptic curve point not on curve");
  JubjubExtended extended(*point);
  if (!extended.is_torsion_free()) {
    return invalid_argument("Elliptic curve point not in the prime-order subgroup");
  }
  return extended;
}

Coordinates coordinates(const JubjubExtended& p) {
  JubjubAffine affine = p.to_affine();
  return {affine.u(), affine.v()};
}

Coordinates ec_add(const JubjubExtended& a, const JubjubExtended& b) { return coordinates(a + b); }

Coordinates ec_mul(const JubjubExtended& a, const Fr& scalar) {
  return coordinates(a * ec::jubjub_scalar_from_fr(scalar));
}

Coordinates ec_mul_generator(const Fr& scalar) {
  return coordinates(JubjubExtended::generator() * ec::jubjub_scalar_from_fr(scalar));
}

}  // namespace nightjar::circuits
