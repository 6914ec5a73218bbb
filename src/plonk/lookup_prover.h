// The prover of the lookup argument of midnight-proofs 0.7.1 (`plonk/lookup/prover.rs`).
//
// With A and S the θ-compressions of the input and table expressions on the n rows:
//   permuted: A' = the first u = n - blinding - 1 values of A sorted ascending (by canonical
//     value, midnight-curves' Ord); S' puts, at the first row of each run of equal values in A',
//     that value (taken from S), and the table values left over into the other rows; the last
//     blinding + 1 rows of A' then of S' get random scalars. An input value missing from the
//     table's first u rows makes the witness unprovable (kInvalidArgument).
//   product: z(ω^0) = 1, z(ω^(i+1)) = z(ω^i)·(A_i + β)(S_i + γ) / ((A'_i + β)(S'_i + γ)) for
//     the first n - blinding values, the last `blinding` rows random.
// Leftover order. The official code places leftover table values in the iteration order of a
// std HashMap, which is random per process (and, in the WASM build, per HashMap instance); its
// proofs are valid for any order. Here the leftover values fill the free rows from the last one
// upwards in ascending value order, so proofs are deterministic; they match the official bytes
// only where the placement does not depend on the order (vectors/midnight/deterministic/rng.md).
// Thread safety: pure functions of their arguments (rng and transcript aside).
#pragma once

#include <vector>

#include "base/status.h"
#include "plonk/commitment_key.h"
#include "plonk/evaluator.h"
#include "plonk/multi_open_prover.h"
#include "plonk/proving_key.h"
#include "plonk/random.h"
#include "plonk/transcript.h"

namespace nightjar::plonk {

struct LookupPermuted {
  LagrangePoly compressed_input;
  LagrangePoly compressed_table;
  LagrangePoly permuted_input;
  LagrangePoly permuted_table;
  CoeffPoly permuted_input_poly;
  CoeffPoly permuted_table_poly;
};

struct LookupCommitted {
  CoeffPoly permuted_input;
  CoeffPoly permuted_table;
  CoeffPoly product;
};

// The θ-compressed input and table columns of every lookup, from the n-row values in `rows`.
std::vector<std::pair<LagrangePoly, LagrangePoly>> compress_lookups(const ProvingKey& pk,
                                                                    const ColumnValues& rows,
                                                                    const ff::Fr& theta);

// Permutes one lookup's compressed columns, then commits A' and S'.
[[nodiscard]] Result<LookupPermuted> commit_permuted(const ProvingKey& pk, const CommitmentKey& ck,
                                                     LagrangePoly compressed_input,
                                                     LagrangePoly compressed_table,
                                                     RandomSource& rng, Transcript& transcript);

LookupCommitted commit_product(const ProvingKey& pk, const CommitmentKey& ck, LookupPermuted p,
                               const ff::Fr& beta, const ff::Fr& gamma, RandomSource& rng,
                               Transcript& transcript);

// z(x), z(ωx), A'(x), A'(ω^-1 x), S'(x).
void evaluate_lookup(const ProvingKey& pk, const LookupCommitted& l, const ff::Fr& x,
                     Transcript& transcript);
void open_lookup(const ProvingKey& pk, const LookupCommitted& l, const ff::Fr& x,
                 std::vector<ProverQuery>& queries);

}  // namespace nightjar::plonk
