// Synthesis with midnight-circuits 6.1.0's NativeChip (`field/native/native_chip.rs`): each
// operation assigns the regions, cells, fixed coefficients and copies the official chip does, in
// the same order, so that a circuit built from these calls lays out exactly as the official one.
//
// Representation. Values are AssignedCell; AssignedBit and AssignedByte wrap one to say what it is
// known to hold (the official types, which only designated constructors make). The chip keeps the
// official shared state: constants already placed in the fixed-values column (assign_fixed reuses
// the cell, keyed by value) and the next public-input row. Gadgets that the official code shares a
// NativeChip with (Poseidon, the native gadget) share one instance of this class.
//
// Values. Every value is computed whether or not the run has a witness; without one they are
// meaningless but the layout is the same, since the official layout never depends on values.
//
// Thread safety: single-threaded, like the Layouter it writes through.
#pragma once

#include <array>
#include <cstddef>
#include <optional>
#include <span>
#include <unordered_map>
#include <utility>
#include <vector>

#include "circuits/layouter.h"
#include "circuits/native_chip.h"
#include "ff/fr.h"

namespace nightjar::circuits {

using AssignedNative = AssignedCell;
struct AssignedBit {
  AssignedNative x;
};
struct AssignedByte {
  AssignedNative x;
};

// A term c * x of a linear combination.
struct Term {
  ff::Fr coeff;
  AssignedNative x;
};

class NativeChip {
 public:
  NativeChip(Layouter& layouter, const NativeConfig& config)
      : layouter_(layouter), config_(config) {}

  Layouter& layouter() const { return layouter_; }
  const NativeConfig& config() const { return config_; }

  // AssignmentInstructions.
  AssignedNative assign(const ff::Fr& value);
  AssignedNative assign_fixed(const ff::Fr& constant);
  std::vector<AssignedNative> assign_many(std::span<const ff::Fr> values);
  AssignedBit assign_bit(bool value);
  AssignedBit assign_fixed_bit(bool value) { return {assign_fixed(ff::Fr::from_u64(value))}; }

  // PublicInputInstructions: the next row of the (plain) instance column.
  void constrain_as_public_input(const AssignedNative& x);
  size_t nb_public_inputs() const { return instance_offset_; }

  // AssertionInstructions.
  void assert_equal(const AssignedNative& x, const AssignedNative& y);
  void assert_not_equal(const AssignedNative& x, const AssignedNative& y);
  void assert_equal_to_fixed(const AssignedNative& x, const ff::Fr& constant);
  void assert_not_equal_to_fixed(const AssignedNative& x, const ff::Fr& constant);
  void assert_zero(const AssignedNative& x) { assert_equal_to_fixed(x, ff::Fr::zero()); }
  void assert_non_zero(const AssignedNative& x) { assert_not_equal_to_fixed(x, ff::Fr::zero()); }

  // ArithInstructions.
  AssignedNative linear_combination(std::span<const Term> terms, const ff::Fr& constant);
  AssignedNative add(const AssignedNative& x, const AssignedNative& y);
  AssignedNative sub(const AssignedNative& x, const AssignedNative& y);
  AssignedNative neg(const AssignedNative& x);
  AssignedNative add_constant(const AssignedNative& x, const ff::Fr& constant);
  AssignedNative mul_by_constant(const AssignedNative& x, const ff::Fr& constant);
  AssignedNative mul(const AssignedNative& x, const AssignedNative& y,
                     std::optional<ff::Fr> multiplying_constant = std::nullopt);
  AssignedNative inv(const AssignedNative& x);
  // The inverse, or 0 for 0.
  AssignedNative inv0(const AssignedNative& x);
  // a*x + b*y + c*z + k + m*x*y.
  AssignedNative add_and_mul(const Term& ax, const Term& by, const Term& cz, const ff::Fr& k,
                             const ff::Fr& m);
  // a*x + b*y + c*z + k + m1*x*y + m2*x*z, in one row.
  AssignedNative add_and_double_mul(const Term& ax, const Term& by, const Term& cz, const ff::Fr& k,
                                    const ff::Fr& m1, const ff::Fr& m2);
  std::vector<AssignedNative> add_constants(std::span<const AssignedNative> xs,
                                            std::span<const ff::Fr> constants);

  // Conversions: a bit from a native value (asserted boolean) and back.
  AssignedBit convert_to_bit(const AssignedNative& x);

  // BinaryInstructions.
  AssignedBit and_(std::span<const AssignedBit> bits);
  AssignedBit or_(std::span<const AssignedBit> bits);
  AssignedBit xor_(std::span<const AssignedBit> bits);
  AssignedBit not_(const AssignedBit& bit);

  // EqualityInstructions.
  AssignedBit is_equal(const AssignedNative& x, const AssignedNative& y);
  AssignedBit is_equal_to_fixed(const AssignedNative& x, const ff::Fr& c);
  AssignedBit is_zero(const AssignedNative& x) { return is_equal_to_fixed(x, ff::Fr::zero()); }
  // Equality of two bits: 1 + 2ab - a - b.
  AssignedBit bits_equal(const AssignedBit& a, const AssignedBit& b);

  // ControlFlowInstructions: cond ? x : y.
  AssignedNative select(const AssignedBit& cond, const AssignedNative& x, const AssignedNative& y);
  std::pair<AssignedNative, AssignedNative> cond_swap(const AssignedBit& cond,
                                                      const AssignedNative& x,
                                                      const AssignedNative& y);

  // Region-level helpers other chips build on.
  // The official assign_linear_combination_aux: proves result = constant + sum terms, `cols_used`
  // terms per row in v1.. with the running result in v0, chaining rows through q_next. Returns the
  // limbs' cells (one per term) and the first row's result cell; advances `offset` to the last row.
  std::pair<std::vector<AssignedNative>, AssignedNative> assign_linear_combination_aux(
      Region& region, std::span<const std::pair<ff::Fr, ff::Fr>> terms, const ff::Fr& constant,
      const ff::Fr& result, size_t cols_used, size_t& offset);
  // Adds constants to three cells in one row with the parallel-add gate; the sums are assigned in
  // the next row, which `offset` then points to.
  std::array<AssignedNative, kParallelAddCols> add_constants_in_region(
      Region& region, std::span<const AssignedNative, kParallelAddCols> xs,
      std::span<const ff::Fr, kParallelAddCols> constants, size_t& offset);
  void copy_in_row(Region& region, const AssignedNative& x, plonk::Column column, size_t offset);
  // Enables q_arith at `offset` with these coefficients (NativeChip::custom).
  void custom(Region& region, const std::array<ff::Fr, kArithCols>& coeffs, const ff::Fr& q_next,
              const ff::Fr& mul_ab, const ff::Fr& mul_ac, const ff::Fr& constant, size_t offset);

 private:
  std::pair<AssignedNative, AssignedNative> assign_with_shifted_inverse(const ff::Fr& value,
                                                                        const ff::Fr& shift);

  struct FrHash {
    size_t operator()(const ff::Fr& x) const { return x.raw_montgomery()[0]; }
  };

  Layouter& layouter_;
  NativeConfig config_;
  std::unordered_map<ff::Fr, AssignedNative, FrHash> cached_fixed_;
  size_t instance_offset_ = 0;
};

}  // namespace nightjar::circuits
