// The first difference between two prover keys or two verifier keys, named in the key's own terms
// so that a mismatch with an official key points at its cause: a header field, the relation
// (which instruction), a commitment (fixed or permutation, by index), a fixed column and row, or a
// permutation (σ) column and row. Fields are compared in file order; the first that differs is
// reported, "official" being the first argument.
//
// Both keys are decoded already (decode_prover_key checks their layout, so every range exists).
// Thread safety: pure functions.
#pragma once

#include <optional>
#include <string>

#include "midnight/prover_key.h"
#include "midnight/verifier_key.h"

namespace nightjar::midnight {

// nullopt when the decompressed bodies and the tags are equal.
std::optional<std::string> first_difference(const ProverKey& official, const ProverKey& ours);
// nullopt when every field is equal (then the encodings are too).
std::optional<std::string> first_difference(const VerifierKey& official, const VerifierKey& ours);

}  // namespace nightjar::midnight
