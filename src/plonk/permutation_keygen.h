// Keygen for the permutation argument and the commitments a verifying key holds, as
// midnight-proofs 0.7.1 computes them (`plonk/permutation/keygen.rs`, `plonk/keygen.rs`).
//
// Cells of the argument are (column position p in ConstraintSystem::permutation_columns(), row j)
// and carry the label δ^p·ω^j, with ω the 2^k-th root of unity of the domain and δ = g^(2^32)
// (g the field's multiplicative generator, 2^32 its two-adicity), a generator of a subgroup
// that meets ⟨ω⟩ only in 1, so the labels are distinct. Copy constraints join cells into cycles;
// σ_p(ω^j) is the label of the cell after (p, j) on its cycle.
//
// Representation: PermutationAssembly keeps, for every cell, the next cell on its cycle
// (`mapping`), the cell that names its cycle (`aux`) and, for naming cells, the cycle's size.
// copy() merges two cycles exactly as the official Assembly does: the smaller cycle is renamed
// after the larger (the left one on a tie), then the successors of the two copied cells are
// swapped. The resulting σ depends on the order of the copies, not just on the cycles, and the
// official keys store σ and commit to it, so copies must be replayed in synthesis order.
// Invariants: mapping is a permutation of the cells; aux is constant on each cycle.
// Thread safety: copy() mutates; const members may be called concurrently.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "base/status.h"
#include "ec/g1.h"
#include "ff/fr.h"
#include "pcs/kzg/params.h"
#include "plonk/assignment.h"
#include "plonk/constraint_system.h"

namespace nightjar::plonk {

// A cell of the permutation argument: its column's position in the argument, and its row.
struct PermutationCell {
  uint32_t column = 0;
  uint32_t row = 0;
  friend bool operator==(const PermutationCell&, const PermutationCell&) = default;
};

class PermutationAssembly {
 public:
  // Every cell of `columns` (the argument's columns, in its order) on 2^k rows, each in its own
  // cycle. Copies may name rows below `usable_rows` (halo2 keygen's usable row range).
  PermutationAssembly(std::vector<Column> columns, uint32_t k, size_t usable_rows);

  // Joins the cycles of two cells. Not OK (and no change) when a column is not in the argument
  // or a row is not usable, as the official keygen refuses such copies.
  [[nodiscard]] Status copy(const Cell& left, const Cell& right);

  const std::vector<Column>& columns() const { return columns_; }
  uint32_t k() const { return k_; }
  size_t n() const { return size_t{1} << k_; }
  // The cell after `cell` on its cycle.
  PermutationCell mapping(PermutationCell cell) const {
    return mapping_[size_t{cell.column} * n() + cell.row];
  }

  // σ_p in Lagrange form for every column p of the argument: σ_p[j] = label of mapping(p, j).
  std::vector<std::vector<ff::Fr>> sigma_polys(size_t max_threads = 0) const;

 private:
  size_t flat(PermutationCell c) const { return size_t{c.column} * n() + c.row; }

  std::vector<Column> columns_;
  uint32_t k_;
  size_t usable_rows_;
  std::vector<PermutationCell> mapping_;
  std::vector<PermutationCell> aux_;
  std::vector<uint32_t> sizes_;
};

// The assembly of cs.permutation_columns() after replaying assignment.copies in order.
[[nodiscard]] Result<PermutationAssembly> assemble_permutation(const ConstraintSystem& cs,
                                                               const Assignment& assignment);

// σ of every permutation column (assemble_permutation, then sigma_polys).
[[nodiscard]] Result<std::vector<std::vector<ff::Fr>>> permutation_sigmas(
    const ConstraintSystem& cs, const Assignment& assignment, size_t max_threads = 0);

// δ = g^(2^32).
ff::Fr permutation_delta();
// The generator of the domain of size 2^k (k <= 32).
ff::Fr domain_omega(uint32_t k);
// labels[p][j] = δ^p·ω^j for `columns` columns on 2^k rows (σ with no copies).
std::vector<std::vector<ff::Fr>> permutation_labels(size_t columns, uint32_t k);

// The SRS's Lagrange points [L_i(τ)]G1, decoded once for many commitments. Not OK when
// `params` is not exactly of size 2^k (a polynomial's Lagrange commitment needs the basis of its
// own domain) or a point does not decode.
[[nodiscard]] Result<std::vector<ec::G1Affine>> lagrange_basis(const kzg::Params& params,
                                                               uint32_t k);

// Σ values[i]·[L_i(τ)]G1 for each polynomial (halo2 commit_lagrange), in affine form. Every
// polynomial must have basis.size() values.
std::vector<ec::G1Affine> commit_lagrange(std::span<const ec::G1Affine> basis,
                                          std::span<const std::vector<ff::Fr>> polys,
                                          size_t max_threads = 0);

// The verifying key's fixed commitments: one per fixed column of the assignment (selectors
// included, as converted), in column order.
[[nodiscard]] Result<std::vector<ec::G1Affine>> fixed_commitments(const kzg::Params& params,
                                                                  const Assignment& assignment);
// The verifying key's permutation commitments: one per permutation column, in argument order.
[[nodiscard]] Result<std::vector<ec::G1Affine>> permutation_commitments(
    const kzg::Params& params, const ConstraintSystem& cs, const Assignment& assignment);

}  // namespace nightjar::plonk
