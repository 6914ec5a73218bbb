// The configuration of midnight-circuits 6.1.0's Pow2RangeChip
// (`field/decomposition/pow2range.rs`): range checks x < 2^n by a lookup into a (tag, value) table.
//
// Representation. The table (t_tag, t_val) holds (n, x) for every x < 2^n and every n that a
// circuit uses, plus (0, 0); tags and the table are filled at synthesis. Each value column gets its
// own lookup "pow2range column check" of (tag_col, q_pow2range * val) into (t_tag, t_val), so a row
// with the selector on range-checks all value columns against the row's tag, and a row with it
// off looks up (tag, 0), which (0, 0) covers when the tag is 0. q_pow2range is a complex selector
// because it appears inside a lookup input.
//
// Thread safety: configuration runs on the caller's thread; Pow2RangeConfig is a plain value.
#pragma once

#include <span>
#include <vector>

#include "plonk/constraint_system.h"

namespace nightjar::circuits {

struct Pow2RangeConfig {
  plonk::Selector q_pow2range;
  plonk::Column tag_col;                // fixed, allocated here
  std::vector<plonk::Column> val_cols;  // advice, shared: v1..v_n of the native chip
  plonk::Column t_tag;                  // table column
  plonk::Column t_val;                  // table column
};

// Pow2RangeChip::configure on `val_cols`, fewer than kArithCols of them (checked).
Pow2RangeConfig configure_pow2range(plonk::ConstraintSystem& cs,
                                    std::span<const plonk::Column> val_cols);

}  // namespace nightjar::circuits
