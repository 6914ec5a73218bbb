// Key generation as midnight-proofs 0.7.1 does it (`plonk/keygen.rs` keygen_vk and keygen_pk)
// from a circuit already laid out without a witness: the fixed columns' values, the permutation's
// σ values and the KZG commitments to both, which a verifying key and a proving key store.
//
// Representation. Every polynomial is in Lagrange form, its 2^k values on the domain's rows, as
// the keys store them: fixed[i] is fixed column i of the layout (selectors included, numbered after
// the configured fixed columns as directly_convert_selectors_to_fixed numbers them), sigmas[p] is
// σ of the p-th column of the permutation argument. Commitments are Σ values[j]·[L_j(τ)]G1 over
// the SRS's Lagrange points, in affine form; halo2's commit_lagrange computes the same sum, so
// the points equal the official ones exactly, independent of how the MSM is evaluated.
//
// Invariants of a returned PlonkKeys: one commitment per polynomial, every polynomial of 2^k
// values. Thread safety: keygen is a pure function of its arguments; it runs MSMs on up to
// max_threads threads of ThreadPool::global() (0 = the whole pool).
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "base/status.h"
#include "ec/g1.h"
#include "ff/fr.h"
#include "pcs/kzg/params.h"
#include "plonk/assignment.h"
#include "plonk/constraint_system.h"

namespace nightjar::plonk {

struct PlonkKeys {
  uint32_t k = 0;
  std::vector<std::vector<ff::Fr>> fixed;
  std::vector<std::vector<ff::Fr>> sigmas;
  std::vector<ec::G1Affine> fixed_commitments;
  std::vector<ec::G1Affine> permutation_commitments;
};

// The keys of `layout` (a keygen run of a circuit whose system, selectors converted, is `cs`)
// under `params`, the SRS of size exactly 2^layout.k as keygen_vk requires. The fixed values are
// moved out of `layout`. Not OK when the SRS has another size, the domain is smaller than the
// system's minimum rows, a column has the wrong length or a copy names a cell the permutation
// argument does not cover.
[[nodiscard]] Result<PlonkKeys> keygen(const ConstraintSystem& cs, Assignment&& layout,
                                       const kzg::Params& params, size_t max_threads = 0);

}  // namespace nightjar::plonk
