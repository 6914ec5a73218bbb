// Test-only keygen for toy circuits: a KZG setup from a known τ, and a proving key from an
// Assignment's fixed values and copies (σ from plonk/permutation_keygen.h).
#pragma once

#include <cstdint>
#include <utility>
#include <vector>

#include "base/status.h"
#include "plonk/assignment.h"
#include "plonk/commitment_key.h"
#include "plonk/multi_open.h"
#include "plonk/polynomial.h"
#include "plonk/proving_key.h"

namespace nightjar::plonk::testing {

struct ToySetup {
  CommitmentKey ck;
  VerifierParams params;
};

// [τ^i]G1, [L_i(τ)]G1 on 2^k points and (G2, [τ]G2) for a fixed test τ.
ToySetup toy_setup(uint32_t k);

// Commits the fixed columns of `a` and the σ polynomials of its copies, builds the verifying key
// and then the proving key.
Result<ProvingKey> toy_keygen(const CommitmentKey& ck, ConstraintSystem cs, const Assignment& a);

}  // namespace nightjar::plonk::testing
