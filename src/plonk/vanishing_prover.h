// The prover of the vanishing argument of midnight-proofs 0.7.1 (`plonk/vanishing/prover.rs`).
//
// commit: a random polynomial r of degree n - 1 whose coefficients come from one ChaCha20Rng
//   seeded with 32 bytes of the prover's randomness, drawn in order as one thread of the
//   official prover draws them (rng.md: a multi-threaded native prover draws one seed per
//   thread and so makes other proofs); committed in the monomial basis.
// construct: h = numerator / (X^n - 1) from its values on the extended coset, truncated to
//   (n - 1)·pieces coefficients and cut into `pieces` chunks of n - 1; then blinded
//   (blind_quotient_limbs): for i = 1..pieces-1 a random t_i is appended to chunk i-1 and
//   subtracted from chunk i's constant, and 0 is appended to the last chunk, so every piece has n
//   coefficients and Σ_i x^((n-1)i) h_i(x) still equals h(x). Each piece is committed.
// evaluate: r(x) is written; h(x) is not (the verifier derives it); the opening uses the single
//   polynomial Σ_i x^((n-1)i) h_i.
// Thread safety: pure functions of their arguments (rng and transcript aside).
#pragma once

#include <vector>

#include "plonk/commitment_key.h"
#include "plonk/multi_open_prover.h"
#include "plonk/polynomial.h"
#include "plonk/random.h"
#include "plonk/transcript.h"

namespace nightjar::plonk {

struct VanishingCommitted {
  CoeffPoly random_poly;
};

struct VanishingConstructed {
  std::vector<CoeffPoly> h_pieces;
};

struct VanishingEvaluated {
  CoeffPoly h_poly;  // Σ_i x^((n-1)i) h_i
};

VanishingCommitted commit_vanishing(const CommitmentKey& ck, const ProverDomain& domain,
                                    RandomSource& rng, Transcript& transcript);

// `numerator` holds the folded constraints on the extended coset; it is consumed.
VanishingConstructed construct_vanishing(const CommitmentKey& ck, const ProverDomain& domain,
                                         ExtendedPoly numerator, RandomSource& rng,
                                         Transcript& transcript);

VanishingEvaluated evaluate_vanishing(const ProverDomain& domain, const VanishingCommitted& c,
                                      VanishingConstructed h, const ff::Fr& x,
                                      Transcript& transcript);

void open_vanishing(const VanishingCommitted& c, const VanishingEvaluated& e, const ff::Fr& x,
                    std::vector<ProverQuery>& queries);

}  // namespace nightjar::plonk
