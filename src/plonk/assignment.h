// The values of one circuit instance on its 2^k rows: every fixed, advice and instance column
// (selectors already turned into fixed columns) and the copy constraints between cells, as
// synthesis produces them (halo2's keygen and prover Assignment).
//
// Invariants: every column holds exactly n = 2^k values; rows at or after usable_rows() belong
// to the prover (blinding) and synthesis leaves them zero; copies name cells of columns in the
// constraint system's permutation argument.
// Witness data: advice values are secret. The destructor zeroes them; never log them.
// Thread safety: plain values.
#pragma once

#include <cstdint>
#include <utility>
#include <vector>

#include "base/secure_zero.h"
#include "ff/fr.h"
#include "plonk/constraint_system.h"

namespace nightjar::plonk {

struct Cell {
  Column column;
  uint32_t row = 0;
  friend bool operator==(const Cell&, const Cell&) = default;
};

struct Assignment {
  uint32_t k = 0;
  size_t blinding_factors = 0;
  std::vector<std::vector<ff::Fr>> fixed;
  std::vector<std::vector<ff::Fr>> advice;
  std::vector<std::vector<ff::Fr>> instance;
  std::vector<std::pair<Cell, Cell>> copies;

  Assignment() = default;
  // Sized for `cs` on 2^k rows, all zero.
  Assignment(const ConstraintSystem& cs, uint32_t k);
  Assignment(const Assignment&) = delete;
  Assignment& operator=(const Assignment&) = delete;
  Assignment(Assignment&&) = default;
  Assignment& operator=(Assignment&&) = default;
  ~Assignment();

  size_t n() const { return size_t{1} << k; }
  // Rows synthesis may use: n - (blinding_factors + 1).
  size_t usable_rows() const { return n() - (blinding_factors + 1); }
  std::vector<ff::Fr>& column(Column c);
  const std::vector<ff::Fr>& column(Column c) const;
};

}  // namespace nightjar::plonk
