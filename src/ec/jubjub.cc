#include "ec/jubjub.h"

#include "base/secure_zero.h"

namespace nightjar::ec {

using ff::Fr;

namespace {

constexpr Fr kEdwardsD = Fr::from_montgomery_unchecked(JubjubCurveConstants::kEdwardsD);
constexpr Fr kEdwardsD2 = Fr::from_montgomery_unchecked(JubjubCurveConstants::kEdwardsD2);

JubjubExtended::Limbs limbs_from_bytes(std::span<const uint8_t, 32> bytes) {
  JubjubExtended::Limbs limbs{};
  for (size_t i = 0; i < 32; ++i) limbs[i / 8] |= static_cast<uint64_t>(bytes[i]) << (8 * (i % 8));
  return limbs;
}

}  // namespace

JubjubScalar jubjub_scalar_from_fr(const Fr& x) {
  std::array<uint8_t, 64> wide{};
  std::array<uint8_t, 32> le = x.to_bytes_le();
  for (size_t i = 0; i < 32; ++i) wide[i] = le[i];
  JubjubScalar r = JubjubScalar::from_uniform_bytes(wide);
  secure_zero(wide.data(), wide.size());
  secure_zero(le.data(), le.size());
  return r;
}

std::optional<JubjubAffine> JubjubAffine::from_coordinates(const Fr& u, const Fr& v) {
  JubjubAffine p(u, v);
  if (!p.is_on_curve()) return std::nullopt;
  return p;
}

bool JubjubAffine::is_on_curve() const {
  Fr uu = u_.square();
  Fr vv = v_.square();
  return vv - uu == Fr::one() + kEdwardsD * uu * vv;
}

JubjubAffine::Encoding JubjubAffine::to_bytes() const {
  Encoding out = v_.to_bytes_le();
  // v < r < 2^255 leaves the top bit free for the sign of u.
  out[31] |= static_cast<uint8_t>(u_.is_odd()) << 7;
  return out;
}

std::optional<JubjubAffine> JubjubAffine::from_bytes(std::span<const uint8_t, 32> bytes) {
  std::array<uint8_t, 32> v_bytes;
  for (size_t i = 0; i < 32; ++i) v_bytes[i] = bytes[i];
  bool sign = (v_bytes[31] >> 7) != 0;
  v_bytes[31] &= 0x7f;
  std::optional<Fr> v = Fr::from_bytes_le(v_bytes);
  if (!v) return std::nullopt;
  // From the curve equation, u^2 = (v^2 - 1) / (1 + d·v^2); the denominator never vanishes
  // because -1/d is not a square.
  Fr vv = v->square();
  std::optional<Fr> u =
      ((vv - Fr::one()) * (Fr::one() + kEdwardsD * vv).inverse_vartime()).sqrt_vartime();
  if (!u) return std::nullopt;
  // u = 0 has no negative, so a set sign bit there is a second encoding of the same point.
  if (u->is_zero() && sign) return std::nullopt;
  if (u->is_odd() != sign) u = -*u;
  return JubjubAffine(*u, *v);
}

std::optional<JubjubAffine> JubjubAffine::from_bytes_subgroup(std::span<const uint8_t, 32> bytes) {
  std::optional<JubjubAffine> p = from_bytes(bytes);
  if (!p || !JubjubExtended(*p).is_torsion_free()) return std::nullopt;
  return p;
}

struct JubjubExtended::Cached {
  Fr y_plus_x, y_minus_x, z2, t2d;

  // -(X, Y, Z, T) = (-X, Y, Z, -T).
  Cached negate() const { return {y_minus_x, y_plus_x, z2, -t2d}; }

  static Cached select(bool choose_a, const Cached& a, const Cached& b) {
    return {Fr::select(choose_a, a.y_plus_x, b.y_plus_x),
            Fr::select(choose_a, a.y_minus_x, b.y_minus_x), Fr::select(choose_a, a.z2, b.z2),
            Fr::select(choose_a, a.t2d, b.t2d)};
  }
};

JubjubExtended JubjubExtended::generator() {
  // Origin and checks of these constants: tools/gen_jubjub_constants.py.
  Fr u = Fr::from_montgomery_unchecked(JubjubCurveConstants::kGeneratorU);
  Fr v = Fr::from_montgomery_unchecked(JubjubCurveConstants::kGeneratorV);
  return JubjubExtended(u, v, Fr::one(), u * v);
}

JubjubAffine JubjubExtended::to_affine() const {
  Fr z_inv = z_.inverse();
  return JubjubAffine(x_ * z_inv, y_ * z_inv);
}

bool JubjubExtended::is_on_curve() const {
  // The curve equation multiplied through by Z^4: (Y^2 - X^2)·Z^2 = Z^4 + d·X^2·Y^2.
  Fr xx = x_.square();
  Fr yy = y_.square();
  Fr zz = z_.square();
  return !z_.is_zero() & ((yy - xx) * zz == zz.square() + kEdwardsD * xx * yy) &
         (x_ * y_ == z_ * t_);
}

bool JubjubExtended::is_small_order() const {
  // The points with u = 0 are (0, 1) and (0, -1), the 2-torsion; [4]P lands there exactly when
  // [8]P is the identity.
  return dbl().dbl().x_.is_zero();
}

bool JubjubExtended::is_torsion_free() const {
  return mul_limbs_vartime(JubjubScalarParams::kModulus).is_identity();
}

JubjubExtended::Cached JubjubExtended::cached() const {
  return {y_ + x_, y_ - x_, z_.dbl(), t_ * kEdwardsD2};
}

// add-2008-hwcd-3 (Hisil–Wong–Carter–Dawson, "Twisted Edwards curves revisited") for a = -1.
// Its denominators are nonzero for every pair of curve points since a is a square and d is not.
JubjubExtended JubjubExtended::add(const Cached& q) const {
  Fr a = (y_ - x_) * q.y_minus_x;
  Fr b = (y_ + x_) * q.y_plus_x;
  Fr c = t_ * q.t2d;
  Fr d = z_ * q.z2;
  Fr e = b - a;
  Fr f = d - c;
  Fr g = d + c;
  Fr h = b + a;
  return JubjubExtended(e * f, g * h, f * g, e * h);
}

JubjubExtended operator+(const JubjubExtended& p, const JubjubExtended& q) {
  return p.add(q.cached());
}

// dbl-2008-hwcd for a = -1. It ignores T, and G = Y^2 - X^2 and F = G - 2Z^2 stay nonzero on the
// curve (they are Z^2 times 1 + d·u^2·v^2 and d·u^2·v^2 - 1), so it is complete too.
JubjubExtended JubjubExtended::dbl() const {
  Fr a = x_.square();
  Fr b = y_.square();
  Fr c = z_.square().dbl();
  Fr e = (x_ + y_).square() - a - b;
  Fr g = b - a;
  Fr f = g - c;
  Fr h = -(a + b);
  return JubjubExtended(e * f, g * h, f * g, e * h);
}

bool operator==(const JubjubExtended& p, const JubjubExtended& q) {
  return (p.x_ * q.z_ == q.x_ * p.z_) & (p.y_ * q.z_ == q.y_ * p.z_);
}

JubjubExtended JubjubExtended::mul_limbs(const Limbs& k) const {
  // 4-bit fixed window: 252 doublings and 64 additions of an entry chosen by scanning the whole
  // table, whatever k is.
  std::array<Cached, 16> table;
  table[0] = identity().cached();
  table[1] = cached();
  JubjubExtended multiple = *this;
  for (size_t i = 2; i < 16; ++i) {
    multiple = multiple.add(table[1]);
    table[i] = multiple.cached();
  }
  JubjubExtended acc;
  for (size_t w = 64; w-- > 0;) {
    if (w != 63) acc = acc.dbl().dbl().dbl().dbl();
    unsigned nibble = (k[w / 16] >> (4 * (w % 16))) & 15;
    Cached chosen = table[0];
    for (unsigned j = 1; j < 16; ++j) chosen = Cached::select(j == nibble, table[j], chosen);
    acc = acc.add(chosen);
  }
  return acc;
}

JubjubExtended JubjubExtended::mul_bytes(std::span<const uint8_t, 32> k) const {
  Limbs limbs = limbs_from_bytes(k);
  JubjubExtended r = mul_limbs(limbs);
  secure_zero(limbs.data(), sizeof(limbs));
  return r;
}

JubjubExtended operator*(const JubjubExtended& p, const JubjubScalar& k) {
  JubjubExtended::Limbs limbs = k.to_canonical();
  JubjubExtended r = p.mul_limbs(limbs);
  secure_zero(limbs.data(), sizeof(limbs));
  return r;
}

JubjubExtended JubjubExtended::mul_limbs_vartime(const Limbs& k) const {
  // Width-5 NAF: digits odd in [-15, 15] or zero, at most one nonzero in any five in a row. The
  // recoding of a 256-bit k can carry into bit 256, hence the fifth limb and 257 digits.
  std::array<uint64_t, 5> n = {k[0], k[1], k[2], k[3], 0};
  std::array<int8_t, 257> digits{};
  size_t len = 0;
  auto is_zero = [&n] { return (n[0] | n[1] | n[2] | n[3] | n[4]) == 0; };
  while (!is_zero()) {
    int digit = 0;
    if (n[0] & 1) {
      digit = static_cast<int>(n[0] & 31);
      if (digit >= 16) digit -= 32;
      // n -= digit, leaving n divisible by 32.
      if (digit > 0) {
        uint64_t borrow = static_cast<uint64_t>(digit);
        for (uint64_t& limb : n) {
          uint64_t before = limb;
          limb -= borrow;
          borrow = limb > before;
        }
      } else {
        uint64_t carry = static_cast<uint64_t>(-digit);
        for (uint64_t& limb : n) {
          limb += carry;
          carry = limb < carry;
        }
      }
    }
    digits[len++] = static_cast<int8_t>(digit);
    for (size_t i = 0; i < 4; ++i) n[i] = (n[i] >> 1) | (n[i + 1] << 63);
    n[4] >>= 1;
  }

  // odd[i] = [2i + 1]P.
  std::array<Cached, 8> odd;
  odd[0] = cached();
  Cached twice = dbl().cached();
  JubjubExtended multiple = *this;
  for (size_t i = 1; i < 8; ++i) {
    multiple = multiple.add(twice);
    odd[i] = multiple.cached();
  }
  JubjubExtended acc;
  for (size_t i = len; i-- > 0;) {
    if (i + 1 != len) acc = acc.dbl();
    int digit = digits[i];
    if (digit > 0) acc = acc.add(odd[digit / 2]);
    if (digit < 0) acc = acc.add(odd[-digit / 2].negate());
  }
  return acc;
}

JubjubExtended JubjubExtended::mul_bytes_vartime(std::span<const uint8_t, 32> k) const {
  return mul_limbs_vartime(limbs_from_bytes(k));
}

JubjubExtended JubjubExtended::mul_vartime(const JubjubScalar& k) const {
  return mul_limbs_vartime(k.to_canonical());
}

}  // namespace nightjar::ec
