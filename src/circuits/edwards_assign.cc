#include "circuits/edwards_assign.h"

#include <algorithm>

#include "ec/jubjub_params.h"

namespace nightjar::circuits {

using ff::Fr;

namespace {

constexpr uint64_t kCofactor = 8;

Fr edwards_d() { return Fr::from_montgomery_unchecked(ec::JubjubCurveConstants::kEdwardsD); }

}  // namespace

// Complete for points on the curve (a = -1 is a square, d is not); without a witness the inputs
// are zeros and so is everything derived from them.
EccChip::Affine EccChip::affine_add(const Affine& p, const Affine& q) {
  const Fr t = edwards_d() * p.x * q.x * p.y * q.y;
  const Fr x = (p.x * q.y + p.y * q.x) * (Fr::one() + t).inverse();
  const Fr y = (p.y * q.y + p.x * q.x) * (Fr::one() - t).inverse();
  return {x, y};
}

void EccChip::copy_advice(Region& region, const AssignedNative& x, size_t column, size_t offset) {
  AssignedNative y = region.assign_advice(config_.advice_cols[column], offset, x.value);
  region.constrain_equal(y.cell, x.cell);
}

AssignedPoint EccChip::assign_cond_add(Region& region, size_t offset, const Affine& q,
                                       const Affine& s, bool b) {
  region.enable_selector(config_.q_cond_add, offset);
  const Affine r = b ? affine_add(q, s) : q;
  AssignedPoint out;
  out.x = region.assign_advice(config_.advice_cols[5], offset, r.x);
  out.y = region.assign_advice(config_.advice_cols[6], offset, r.y);
  region.assign_advice(config_.advice_cols[8], offset, q.x * q.y * s.x * s.y);
  return out;
}

AssignedPoint EccChip::assign_add_then_double(Region& region, size_t offset, const Affine& p,
                                              const Affine& q, bool b) {
  region.enable_selector(config_.q_cond_add, offset);
  region.enable_selector(config_.q_double, offset);
  const Affine s = b ? affine_add(p, q) : p;
  region.assign_advice(config_.advice_cols[5], offset, s.x);
  region.assign_advice(config_.advice_cols[6], offset, s.y);
  const Affine r = affine_add(s, s);
  AssignedPoint out;
  out.x = region.assign_advice(config_.advice_cols[0], offset + 1, r.x);
  out.y = region.assign_advice(config_.advice_cols[1], offset + 1, r.y);
  region.assign_advice(config_.advice_cols[7], offset, s.x * s.x);
  region.assign_advice(config_.advice_cols[8], offset, p.x * p.y * q.x * q.y);
  return out;
}

AssignedPoint EccChip::mul(std::span<const AssignedBit> scalar_le_bits, const AssignedPoint& base) {
  std::vector<AssignedBit> be(scalar_le_bits.rbegin(), scalar_le_bits.rend());
  const Affine base_value = value_of(base);
  AssignedPoint id = assign_fixed(ec::JubjubExtended::identity());
  return gadget_.layouter().assign_region([&](Region& region) {
    copy_advice(region, id.x, 0, 0);
    copy_advice(region, id.y, 1, 0);
    AssignedPoint acc = id;
    for (size_t i = 0; i < be.size(); ++i) {
      copy_advice(region, base.x, 2, i);
      copy_advice(region, base.y, 3, i);
      copy_advice(region, be[i].x, 4, i);
      const bool bit = !be[i].x.value.is_zero();
      if (i + 1 < be.size()) {
        acc = assign_add_then_double(region, i, value_of(acc), base_value, bit);
      } else {
        acc = assign_cond_add(region, i, value_of(acc), base_value, bit);
      }
    }
    return acc;
  });
}

AssignedPoint EccChip::mul_by_constant(uint64_t scalar, const AssignedPoint& base) {
  if (scalar == 0) return assign_fixed(ec::JubjubExtended::identity());
  if (scalar == 1) return base;
  // fe_to_le_bits without a length: the scalar's own bit length.
  std::vector<AssignedBit> bits;
  for (uint64_t s = scalar; s != 0; s >>= 1) {
    bits.push_back(gadget_.native().assign_fixed_bit(s & 1));
  }
  return mul(bits, base);
}

AssignedPoint EccChip::assign(const std::optional<ec::JubjubExtended>& point) {
  Affine root{Fr::zero(), Fr::zero()};
  if (point) {
    const ec::JubjubScalar inverse = ec::JubjubScalar::from_u64(kCofactor).inverse();
    const ec::JubjubAffine a = (*point * inverse).to_affine();
    root = {a.u(), a.v()};
  }
  AssignedPoint cf_root = gadget_.layouter().assign_region([&](Region& region) {
    region.enable_selector(config_.q_mem, 0);
    AssignedPoint p;
    p.x = region.assign_advice(config_.advice_cols[0], 0, root.x);
    p.y = region.assign_advice(config_.advice_cols[1], 0, root.y);
    return p;
  });
  return mul_by_constant(kCofactor, cf_root);
}

AssignedPoint EccChip::assign_fixed(const ec::JubjubExtended& point) {
  const ec::JubjubAffine a = point.to_affine();
  AssignedPoint p;
  p.x = gadget_.native().assign_fixed(a.u());
  p.y = gadget_.native().assign_fixed(a.v());
  return p;
}

std::vector<AssignedBit> EccChip::convert_scalar(const AssignedNative& x) {
  return gadget_.assigned_to_le_bits(x, std::nullopt, true);
}

AssignedPoint EccChip::add(const AssignedPoint& p, const AssignedPoint& q) {
  AssignedBit b = gadget_.native().assign_fixed_bit(true);
  return gadget_.layouter().assign_region([&](Region& region) {
    copy_advice(region, p.x, 0, 0);
    copy_advice(region, p.y, 1, 0);
    copy_advice(region, q.x, 2, 0);
    copy_advice(region, q.y, 3, 0);
    copy_advice(region, b.x, 4, 0);
    return assign_cond_add(region, 0, value_of(p), value_of(q), true);
  });
}

AssignedPoint EccChip::point_from_coordinates(const AssignedNative& x, const AssignedNative& y) {
  gadget_.layouter().assign_region([&](Region& region) {
    copy_advice(region, x, 0, 0);
    copy_advice(region, y, 1, 0);
    region.enable_selector(config_.q_mem, 0);
  });
  return {x, y};
}

}  // namespace nightjar::circuits
