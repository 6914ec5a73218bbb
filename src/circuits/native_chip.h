// The configuration of midnight-circuits 6.1.0's NativeChip (`field/native/native_chip.rs`): the
// arithmetic chip every other chip of the standard library builds on.
//
// Representation. The chip shares kArithCols advice columns v0..v4 and kArithFixedCols fixed
// columns with the other chips, and allocates one fixed column of its own (fixed_values_col, for
// constants copied into witness cells) and three simple selectors, each gating one gate:
//   q_arith       "arith_gate":        c + sum_i k_i v_i + q_next v0(next) + m_ab v0 v1 + m_ac v0
//   v2
//                                      = 0, every coefficient from a fixed column of the row;
//   q_12_minus_34 "12_minus_34":       v1 + v2 - v3 - v4 = 0;
//   q_par_add     "parallel_add_gate": v_i + k_i - v_i(next) = 0 for i < kParallelAddCols.
// The shared fixed columns are, in order, q_next, mul_ab, mul_ac, constant, then k0..k4.
// Copy constraints are enabled on fixed_values_col, v0..v4 and both instance columns (committed
// first), in that order, which fixes their place in the permutation argument.
//
// Thread safety: configuration runs on the caller's thread; NativeConfig is a plain value.
#pragma once

#include <array>
#include <cstddef>
#include <span>

#include "plonk/constraint_system.h"

namespace nightjar::circuits {

inline constexpr size_t kArithCols = 5;
inline constexpr size_t kArithFixedCols = kArithCols + 4;
// Also the Poseidon register width: the Poseidon chip adds round constants with this gate.
inline constexpr size_t kParallelAddCols = 3;

struct NativeConfig {
  plonk::Selector q_arith;
  plonk::Selector q_12_minus_34;
  plonk::Selector q_par_add;
  std::array<plonk::Column, kArithCols> value_cols;  // advice v0..v4
  std::array<plonk::Column, kArithCols> coeff_cols;  // fixed k0..k4
  plonk::Column q_next_col;
  plonk::Column mul_ab_col;
  plonk::Column mul_ac_col;
  plonk::Column constant_col;
  plonk::Column fixed_values_col;  // allocated here; equality-enabled
  plonk::Column committed_instance_col;
  plonk::Column instance_col;
};

// NativeChip::configure on the shared columns; `committed_instance` must have been allocated
// before `instance`, since committed instance columns come first in a proof.
NativeConfig configure_native(plonk::ConstraintSystem& cs,
                              std::span<const plonk::Column, kArithCols> advice,
                              std::span<const plonk::Column, kArithFixedCols> fixed,
                              plonk::Column committed_instance, plonk::Column instance);

}  // namespace nightjar::circuits
