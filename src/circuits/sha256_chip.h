// The configuration of midnight-circuits 6.1.0's SHA-256 chip (hash/sha256/sha256_chip.rs,
// Sha256Chip::configure): the columns, selectors, spread lookup table, two lookups and eleven gates
// it adds to a constraint system, in the official order, so that the system's `{:?}` text matches.
//
// Representation. `advice` holds the chip's eight advice columns in its own order A0..A7, which is
// the shared columns [6, 0, 7, 1, 2, 3, 4, 5]: the two columns without equality (A0, A2) are the
// last two shared columns, because chips enable copy on a prefix of the shared columns. The
// spread table (nbits, plain, spread) holds the row (0, 0, 0), which disabled lookups hit, then,
// for every n in 2..=12 except 8 and every x < 2^n, (n, x, spread(x)), spread(x) putting a zero
// between the bits of x; two lookups send q_lookup * (F0, A0, A1) and q_lookup * (F1, A2, A3)
// into it, so a limb is range-checked to n bits by its fixed tag F0 or F1 being n.
//
// Thread safety: configuration happens on the caller's thread; a Sha256Config is a plain value.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "plonk/constraint_system.h"

namespace nightjar::circuits {

// Shared columns the chip takes (midnight-circuits NB_SHA256_ADVICE_COLS / NB_SHA256_FIXED_COLS).
inline constexpr size_t kSha256AdviceCols = 8;
inline constexpr size_t kSha256FixedCols = 2;

struct Sha256SpreadTable {
  plonk::Column nbits;
  plonk::Column plain;
  plonk::Column spread;
};

struct Sha256Config {
  // A0..A7 (A0, A2 without equality) and the lookup tags F0, F1.
  std::array<plonk::Column, kSha256AdviceCols> advice;
  std::array<plonk::Column, kSha256FixedCols> fixed;

  plonk::Selector q_lookup;  // complex: it multiplies the lookup inputs
  Sha256SpreadTable table;

  plonk::Selector q_maj;
  plonk::Selector q_half_ch;
  plonk::Selector q_big_sigma_0;  // Σ₀
  plonk::Selector q_big_sigma_1;  // Σ₁
  plonk::Selector q_sigma_0;      // σ₀
  plonk::Selector q_sigma_1;      // σ₁

  plonk::Selector q_11_11_10;
  plonk::Selector q_10_9_11_2;
  plonk::Selector q_7_12_2_5_6;
  plonk::Selector q_12_1x3_7_3_4_3;
  plonk::Selector q_add_mod_2_32;
};

// Sha256Chip::configure on the shared columns `advice` (kSha256AdviceCols of them, in the shared
// order) and `fixed` (kSha256FixedCols); aborts on other sizes.
Sha256Config configure_sha256(plonk::ConstraintSystem& cs, std::span<const plonk::Column> advice,
                              std::span<const plonk::Column> fixed);

// spread(x): x with a zero inserted between its bits (bit i moves to bit 2i).
uint64_t sha256_spread(uint32_t x);

struct Sha256SpreadRow {
  uint32_t nbits = 0;
  uint32_t plain = 0;
  uint64_t spread = 0;
  friend bool operator==(const Sha256SpreadRow&, const Sha256SpreadRow&) = default;
};

// The spread table's rows from row 0, as Sha256Chip::load assigns them (7933 rows).
std::vector<Sha256SpreadRow> sha256_spread_table();

}  // namespace nightjar::circuits
