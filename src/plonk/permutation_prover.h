// The prover of the permutation (copy-constraint) argument of midnight-proofs 0.7.1
// (`plonk/permutation/prover.rs`).
//
// The permutation columns are cut into sets of `degree - 2`; set s gets the running product
//   z_s(ω^0) = z_{s-1}(ω^u) (1 for the first set), z_s(ω^(i+1)) = z_s(ω^i) ·
//   Π_j (v_j(ω^i) + β δ^j ω^i + γ) / (v_j(ω^i) + β σ_j(ω^i) + γ)
// for global column index j and u = n - blinding - 1, its last `blinding` rows replaced by random
// scalars (drawn set by set, row by row), committed in Lagrange form. The quotient's part is in
// quotient.h; evaluations: per set z(x), z(ωx) and, for all but the last set, z(ω^-(blinding+1) x).
// Thread safety: pure functions of their arguments (rng and transcript aside).
#pragma once

#include <vector>

#include "plonk/commitment_key.h"
#include "plonk/evaluator.h"
#include "plonk/multi_open_prover.h"
#include "plonk/permutation_keygen.h"
#include "plonk/proving_key.h"
#include "plonk/random.h"
#include "plonk/transcript.h"

namespace nightjar::plonk {

struct PermutationCommitted {
  std::vector<CoeffPoly> products;  // one per set
};

// `rows` reads the n-row values of every column (rotation_scale 1).
PermutationCommitted commit_permutation(const ProvingKey& pk, const CommitmentKey& ck,
                                        const ColumnValues& rows, const ff::Fr& beta,
                                        const ff::Fr& gamma, RandomSource& rng,
                                        Transcript& transcript);

// σ_j(x) for every permutation column (the key's "common" evaluations).
void evaluate_permutation_common(const ProvingKey& pk, const ff::Fr& x, Transcript& transcript);
void evaluate_permutation(const ProvingKey& pk, const PermutationCommitted& p, const ff::Fr& x,
                          Transcript& transcript);
void open_permutation(const ProvingKey& pk, const PermutationCommitted& p, const ff::Fr& x,
                      std::vector<ProverQuery>& queries);
void open_permutation_common(const ProvingKey& pk, const ff::Fr& x,
                             std::vector<ProverQuery>& queries);

}  // namespace nightjar::plonk
