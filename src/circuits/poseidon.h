// Poseidon over Fr as Midnight uses it: the ledger's transient_hash (midnight-zk circuits 6.1.0,
// PoseidonChip's HashCPU) and the variable-length sponge that hash_to_curve squeezes.
//
// Representation. The permutation acts on a state of 3 field elements: 8 full and 60 partial
// rounds with the x^5 S-box, which in partial rounds touches the LAST state element (not the
// first, as some other instantiations do); constants in poseidon_constants.h. The sponge has rate
// 2 and capacity 1; the capacity element starts as the input length for a fixed-length hash and
// as 2^64 for a variable-length one, and inputs are added into the first two elements, one
// permutation per pair (a final odd input is added alone).
//
// Timing: the same field operations whatever the values; the number of permutations depends on
// the input count only.
//
// Thread-safety: pure functions.
#pragma once

#include <array>
#include <span>

#include "ff/fr.h"

namespace nightjar::circuits {

using PoseidonState = std::array<ff::Fr, 3>;

void poseidon_permute(PoseidonState& state);

// The ledger's transient_hash: a fixed-length sponge over `inputs`, first output. The empty input
// hashes to 0 (no permutation runs), as officially.
ff::Fr transient_hash(std::span<const ff::Fr> inputs);

// The ledger's transient_commit of a field vector: transient_hash(opening ‖ values).
ff::Fr transient_commit(std::span<const ff::Fr> values, const ff::Fr& opening);

// The variable-length sponge: absorbs `inputs` then their count as padding, and squeezes twice
// (the two rate elements after the last permutation).
std::array<ff::Fr, 2> poseidon_squeeze_two(std::span<const ff::Fr> inputs);

}  // namespace nightjar::circuits
