// The prover side of the KZG multi-point opening of midnight-proofs 0.7.1 (`poly/kzg/mod.rs`
// multi_open): the mirror of multi_open.h's multi_prepare.
//
// Queries (polynomial, point) are grouped exactly as the verifier groups its commitments:
// polynomials by identity (the address of the CoeffPoly, as the official code compares
// references) in order of first appearance, point sets numbered in order of first appearance.
// Then: x1, x2; per set q_s = Σ_j x1^j p_j over its polynomials; f = Σ_s x2^s q_s / Π_{p∈set}(X -
// p) written as a commitment; x3; every q_s(x3); x4; π = commit((F - F(x3)) / (X - x3)) for F = Σ_s
// x4^s q_s + x4^m f. Thread safety: a pure function of its arguments (the transcript aside).
#pragma once

#include <span>

#include "ff/fr.h"
#include "plonk/commitment_key.h"
#include "plonk/polynomial.h"
#include "plonk/transcript.h"

namespace nightjar::plonk {

struct ProverQuery {
  ff::Fr point;
  const CoeffPoly* poly = nullptr;
};

// Writes f, the q evaluations and π. kInvalidArgument if a polynomial is queried twice at one
// point (the official DuplicatedQuery).
[[nodiscard]] Status multi_open(const CommitmentKey& ck, std::span<const ProverQuery> queries,
                                Transcript& transcript);

}  // namespace nightjar::plonk
