// Synthesis with midnight-circuits 6.1.0's native Jubjub EccChip (`ecc/native/edwards_chip.rs`):
// witnessed and fixed points, addition and double-and-add scalar multiplication, laid out as the
// official chip lays them out (configuration in edwards_chip.h).
//
// Representation. A point is its two coordinate cells; scalars are their little-endian bits (255
// of them when converted from a native value, 252 for constants). Multiplication is one region
// with a row per bit, most significant first: row i holds the accumulator (cols 0, 1), the base
// (2, 3) and the bit (4); conditional add and doubling gates produce the next accumulator in row
// i + 1, the last row only adds. A witnessed point is assigned as its eighth (an inverse of the
// cofactor) and multiplied by 8, which proves it lies in the prime-order subgroup.
//
// Values are computed with the affine twisted Edwards formulas directly on the cells' values, so
// a run without a witness (all zero) computes garbage but the same layout.
//
// Thread safety: single-threaded, like the Layouter.
#pragma once

#include <optional>
#include <span>
#include <vector>

#include "circuits/edwards_chip.h"
#include "circuits/native_gadget.h"
#include "ec/jubjub.h"

namespace nightjar::circuits {

struct AssignedPoint {
  AssignedNative x, y;
};

class EccChip {
 public:
  EccChip(NativeGadget& gadget, const EdwardsConfig& config) : gadget_(gadget), config_(config) {}

  NativeGadget& gadget() const { return gadget_; }

  // AssignmentInstructions::assign for a point of the prime-order subgroup (nullopt: no witness).
  AssignedPoint assign(const std::optional<ec::JubjubExtended>& point);
  AssignedPoint assign_fixed(const ec::JubjubExtended& point);
  // ConversionInstructions: the 255 canonical little-endian bits of x as a scalar.
  std::vector<AssignedBit> convert_scalar(const AssignedNative& x);
  // EccInstructions.
  AssignedPoint add(const AssignedPoint& p, const AssignedPoint& q);
  AssignedPoint mul(std::span<const AssignedBit> scalar_le_bits, const AssignedPoint& base);
  // A small constant scalar other than 0 and 1 (the official code's msm of one term).
  AssignedPoint mul_by_constant(uint64_t scalar, const AssignedPoint& base);
  // The point (x, y) after a curve-equation check; the cells themselves are returned.
  AssignedPoint point_from_coordinates(const AssignedNative& x, const AssignedNative& y);

 private:
  struct Affine {
    ff::Fr x, y;
  };
  static Affine value_of(const AssignedPoint& p) { return {p.x.value, p.y.value}; }
  static Affine affine_add(const Affine& p, const Affine& q);
  AssignedPoint assign_cond_add(Region& region, size_t offset, const Affine& q, const Affine& s,
                                bool b);
  AssignedPoint assign_add_then_double(Region& region, size_t offset, const Affine& p,
                                       const Affine& q, bool b);
  void copy_advice(Region& region, const AssignedNative& x, size_t column, size_t offset);

  NativeGadget& gadget_;
  const EdwardsConfig& config_;
};

}  // namespace nightjar::circuits
