// Synthesis with midnight-circuits 6.1.0's P2RDecompositionChip and Pow2RangeChip
// (`field/decomposition/{chip,pow2range,cpu_utils}.rs`): decompositions of a value into limbs that
// are range-checked by the pow2range lookup, and the lookup table itself.
//
// Representation. A decomposition is one region: a native linear combination of the limbs, one
// row per nr_pow2range_cols limbs (limb sizes padded with zero-sized limbs to whole rows), whose
// rows enable q_pow2range with their limb size as tag. How a bound is split into limb sizes is the
// official optimum (fewest rows, ties broken by the official search order), precomputed for every
// bound up to 255 bits. The table holds (0, 0) and (n, x) for x < 2^n for each tag n the circuit
// used, so it must be loaded after synthesis (load_table).
//
// Thread safety: single-threaded, like the Layouter.
#pragma once

#include <cstddef>
#include <set>
#include <span>
#include <vector>

#include "circuits/native_assign.h"
#include "circuits/p2r_decomposition_chip.h"

namespace nightjar::circuits {

class P2RDecomposition {
 public:
  // `native` is the decomposition chip's own NativeChip (the official chip builds a fresh one).
  P2RDecomposition(NativeChip& native, const P2RDecompositionConfig& config, size_t max_bit_len);

  size_t max_bit_len() const { return max_bit_len_; }
  size_t nr_cols() const { return config_.pow2range.val_cols.size(); }

  // decompose_fixed_limb_size: the limbs of x (bit_length bits, limbs of limb_size bits, the last
  // possibly shorter), least significant first.
  std::vector<AssignedNative> decompose_fixed_limb_size(const AssignedNative& x, size_t bit_length,
                                                        size_t limb_size);
  // A fresh cell holding value, range-checked below 2^bit_length.
  AssignedNative assign_less_than_pow2(const ff::Fr& value, size_t bit_length);
  void assert_less_than_pow2(const AssignedNative& x, size_t bit_length);
  // Values below 2^bit_length (bit_length <= 8), nr_cols per row.
  std::vector<AssignedNative> assign_many_small(std::span<const ff::Fr> values, size_t bit_length);

  // Enables the lookup on a row of a region with tag n.
  void assert_row_lower_than_2_pow_n(Region& region, size_t n, size_t offset);

  // Pow2RangeChip::load_table.
  void load_table();

 private:
  // decompose_core: (the cell holding x, the non-empty limbs).
  std::pair<AssignedNative, std::vector<AssignedNative>> decompose_core(
      const ff::Fr& x, std::span<const size_t> limb_sizes);

  NativeChip& native_;
  P2RDecompositionConfig config_;
  size_t max_bit_len_;
  // opt_limbs_[b]: the official optimal rows of limb sizes for a b-bit bound.
  std::vector<std::vector<std::vector<size_t>>> opt_limbs_;
  std::set<size_t> queried_tags_;
};

// The limbs of x (canonical integer) for these sizes, least significant first.
std::vector<ff::Fr> decompose_in_limbs(const ff::Fr& x, std::span<const size_t> limb_sizes);

}  // namespace nightjar::circuits
