// The configuration of midnight-circuits 6.1.0's PoseidonChip (`hash/poseidon/poseidon_chip.rs`,
// `round_skips.rs`): the Poseidon permutation of poseidon.h in one row per full round and one row
// per batch of kPoseidonBatch partial rounds.
//
// Representation. Rounds are "shifted": a row applies the S-box, then the MDS matrix, then adds
// the NEXT round's constants (zero after the last round); the first round's constants are added
// before the first row, by the native chip's parallel-add gate into register columns r0..r2.
//   q_full_round (simple) "full_round_gate": state (r0, r1, r2) and hints r3..r5 = r_i^3 in row i,
//     next state in r0..r2 of row i + 1, round constants in fixed c0..c2 of row i.
//   q_partial_round (complex, additive, so a trash argument) "partial_round_gate": kPoseidonBatch
//     partial rounds at once. Row i holds the state (r0, r1, r2) and in r3..r7 the last state
//     element before each of the 2nd..6th rounds' S-box; row i + 1 holds the output state. Each of
//     the eight identities is linear in (r0, r1, r2^5, ..., r7^5) with coefficients precomputed
//     from the MDS matrix (`PoseidonPartialRounds::coeffs`), plus one constant per identity and
//     batch (`round_constants`, loaded into c0..c7).
// Copy constraints are enabled on r0..r2. All columns are shared with the other chips.
//
// Thread safety: configuration runs on the caller's thread; the config is a plain value.
#pragma once

#include <array>
#include <cstddef>
#include <span>

#include "circuits/poseidon_constants.h"
#include "ff/fr.h"
#include "plonk/constraint_system.h"

namespace nightjar::circuits {

inline constexpr size_t kPoseidonWidth = PoseidonParams::kWidth;
// Partial rounds skipped per row (official NB_SKIPS_CIRCUIT); a row covers kPoseidonBatch rounds.
inline constexpr size_t kPoseidonSkips = 5;
inline constexpr size_t kPoseidonBatch = 1 + kPoseidonSkips;
inline constexpr size_t kPoseidonPartialBatches = PoseidonParams::kPartialRounds / kPoseidonBatch;
inline constexpr size_t kPoseidonAdviceCols = kPoseidonWidth + kPoseidonSkips;
inline constexpr size_t kPoseidonFixedCols = kPoseidonWidth + kPoseidonSkips;
static_assert(PoseidonParams::kPartialRounds % kPoseidonBatch == 0);
static_assert(kPoseidonSkips >= kPoseidonWidth, "full rounds need a hint column per register");

// The partial-round identities. Identity k (k < kPoseidonFixedCols) defines, for k < width - 1,
// output state element k; for width - 1 <= k < width - 1 + skips, the value in register column
// k + 1; and for the last k, the output's last state element. Its value is
//   round_constants[batch][k] + sum_{v < width - 1} coeffs[k][v] r_v
//                             + sum_{v >= width - 1} coeffs[k][v] r_v^5.
struct PoseidonPartialRounds {
  std::array<std::array<ff::Fr, kPoseidonAdviceCols>, kPoseidonFixedCols> coeffs;
  std::array<std::array<ff::Fr, kPoseidonFixedCols>, kPoseidonPartialBatches> round_constants;
};

// Computes the identities from the Poseidon MDS matrix and round constants.
PoseidonPartialRounds poseidon_partial_rounds();

struct PoseidonConfig {
  plonk::Selector q_full_round;
  plonk::Selector q_partial_round;
  std::array<plonk::Column, kPoseidonAdviceCols> register_cols;  // r0..r7
  std::array<plonk::Column, kPoseidonFixedCols> constant_cols;   // c0..c7
  PoseidonPartialRounds partial;
};

// PoseidonChip::configure on the shared columns.
PoseidonConfig configure_poseidon(plonk::ConstraintSystem& cs,
                                  std::span<const plonk::Column, kPoseidonAdviceCols> advice,
                                  std::span<const plonk::Column, kPoseidonFixedCols> fixed);

}  // namespace nightjar::circuits
