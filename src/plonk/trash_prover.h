// The prover of the trash argument of midnight-proofs 0.7.1 (`plonk/trash/prover.rs`): for each
// trash argument, its constraints compressed with the trash challenge c on the n rows,
//   trash(ω^i) = Σ_k c^(m-1-k) constraint_k(ω^i),
// committed in Lagrange form without blinding (the quotient checks
// compressed - (1 - selector)·trash = 0 everywhere, so rows where the selector is 1 are free).
// Evaluation: trash(x).
// Thread safety: pure functions of their arguments (transcript aside).
#pragma once

#include <vector>

#include "plonk/commitment_key.h"
#include "plonk/evaluator.h"
#include "plonk/multi_open_prover.h"
#include "plonk/proving_key.h"
#include "plonk/transcript.h"

namespace nightjar::plonk {

// One committed trash polynomial per trash argument, in order.
std::vector<CoeffPoly> commit_trashcans(const ProvingKey& pk, const CommitmentKey& ck,
                                        const ColumnValues& rows, const ff::Fr& challenge,
                                        Transcript& transcript);
void evaluate_trashcans(const std::vector<CoeffPoly>& trash, const ff::Fr& x,
                        Transcript& transcript);
void open_trashcans(const std::vector<CoeffPoly>& trash, const ff::Fr& x,
                    std::vector<ProverQuery>& queries);

}  // namespace nightjar::plonk
