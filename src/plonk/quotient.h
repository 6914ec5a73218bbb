// The numerator of the quotient polynomial on the extended coset (midnight-proofs
// `plonk/evaluation.rs` Evaluator::evaluate_h): every identity of the constraint system folded
// with y, in the verifier's order (plonk/verifier.cc): gate polynomials; the permutation's
// l0·(1 - z_0), l_last·(z_last² - z_last), l0·(z_s - z_{s-1}(ω^-(blinding+1) X)) for s >= 1 and
// per set l_active·(z_s(ωX)·Π(v + βσ + γ) - z_s(X)·Π(v + βδ^j X + γ)); per lookup its five
// identities; per trash argument compressed - (1 - selector)·trash. Dividing by X^n - 1 is the
// vanishing argument's step (vanishing_prover.h).
//
// Any correct evaluation gives the same quotient polynomial h (it is determined by the committed
// polynomials), so the proof bytes do not depend on how this is computed: where the CPU has
// AVX-512 IFMA it is computed eight rows at a time (quotient_ifma.h), elsewhere row by row.
// Thread safety: pure function; runs on the global thread pool.
#pragma once

#include <vector>

#include "ff/fr.h"
#include "plonk/evaluator.h"
#include "plonk/polynomial.h"
#include "plonk/proving_key.h"

namespace nightjar::plonk {

struct QuotientInputs {
  // Every column on the extended coset (rotation_scale n_e / n).
  ColumnValues columns;
  ff::Fr y, beta, gamma, theta, trash_challenge;
  const std::vector<ExtendedPoly>* permutation_products = nullptr;
  struct Lookup {
    const ExtendedPoly* product = nullptr;
    const ExtendedPoly* permuted_input = nullptr;
    const ExtendedPoly* permuted_table = nullptr;
  };
  std::vector<Lookup> lookups;
  const std::vector<ExtendedPoly>* trashcans = nullptr;
};

ExtendedPoly evaluate_numerator(const ProvingKey& pk, const QuotientInputs& in);

}  // namespace nightjar::plonk
