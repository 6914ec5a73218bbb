// The configuration of the native Jubjub (twisted Edwards, a = -1) ECC chip of midnight-circuits
// 6.1.0 (`ecc/native/edwards_chip.rs`, EccChip::configure), as zk-stdlib configures it when the
// architecture enables jubjub.
//
// Representation. The chip owns no columns: it shares the first kEdwardsCols advice columns of the
// standard library, enables copy constraints on the first seven of them (cols 7 and 8 hold
// only intermediate products, never copied), and allocates three simple selectors, each gating
// one custom gate:
//   q_double   "double":            (xp, yp) in cols 5, 6 and xp^2 in col 7 of row i; the doubled
//                                   point (xq, yq) in cols 0, 1 of row i + 1.
//   q_cond_add "conditional add":   Q = (xq, yq) in cols 0, 1, S = (xs, ys) in cols 2, 3, bit b in
//                                   col 4, R = Q + b*S in cols 5, 6 and xq*yq*xs*ys in col 8, all
//                                   in one row.
//   q_mem      "witness point":     (x, y) in cols 0, 1 satisfy -x^2 + y^2 = 1 + d x^2 y^2.
// There are no lookups and no fixed columns. Gates are registered in the order above, which
// (with the order of queries inside each gate) is part of the constraint system's Debug text.
//
// Thread safety: configuration runs on one thread; EdwardsConfig is a plain value.
#pragma once

#include <array>
#include <cstddef>
#include <span>

#include "plonk/constraint_system.h"

namespace nightjar::circuits {

// The number of advice columns the chip shares (official NB_EDWARDS_COLS).
inline constexpr size_t kEdwardsCols = 9;

struct EdwardsConfig {
  plonk::Selector q_double;
  plonk::Selector q_cond_add;
  plonk::Selector q_mem;
  std::array<plonk::Column, kEdwardsCols> advice_cols;
};

// Configures the chip on the given advice columns, exactly kEdwardsCols of them (checked), in the
// order zk-stdlib passes them (its first kEdwardsCols shared advice columns).
EdwardsConfig configure_edwards(plonk::ConstraintSystem& cs, std::span<const plonk::Column> advice);

}  // namespace nightjar::circuits
