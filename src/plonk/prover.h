// The PLONK prover of midnight-proofs 0.7.1 (`plonk/prover.rs` create_proof, with the
// committed-instances feature the official build enables), producing the bytes the verifier
// (verifier.h) reads, in the same transcript order:
//   the key's transcript_repr; per instance column, committed ones first: the commitment to its
//   values, or its length then its values; advice commitments; θ; per lookup A' and S'; β, γ;
//   permutation products; lookup products; the trash challenge; trash commitments; the vanishing
//   argument's random commitment; y; the quotient pieces; x; committed-instance, advice and
//   fixed evaluations; r(x); σ evaluations; permutation, lookup and trash evaluations; the
//   multi-open argument (multi_open_prover.h).
//
// Randomness is drawn from `rng` in the official order (vectors/midnight/deterministic/rng.md):
// for each advice column not declared unblinded, its rows from usable_rows() on (random_fr each);
// per lookup the blinding rows of A' then S'; per permutation set its `blinding` last rows; per
// lookup its product's `blinding` last rows; 32 bytes seeding the vanishing polynomial's ChaCha20;
// pieces - 1 quotient blinders. With the deterministic stream of the vectors and an identical
// witness the proof is byte-identical to the official one, except for lookups whose leftover
// table placement differs (lookup_prover.h).
//
// The witness: `witness.advice` supplies each advice column's first usable_rows() values; its
// other rows are ignored (replaced by blinding, or zero for unblinded columns). Fixed values come
// from the proving key; witness.fixed and witness.copies are not read. Instance columns are
// given separately, as the official API takes them: the values of each column (at most
// usable_rows(), zero-padded to n), the first `num_committed` columns committed.
//
// Errors (kInvalidArgument): shapes that do not match the key, too many instance values, a lookup
// input missing from its table. A witness that breaks a gate or a copy constraint yields a proof
// the verifier rejects. Every witness-derived buffer is zeroed before create_proof returns.
// Cancellation: `cancelled`, when set, is polled between rounds (after the witness commitments,
// the lookups, the permutation, the vanishing argument, the quotient and the evaluations); once
// it returns true the prover stops with kCancelled. A round is never interrupted, so the latency
// is that of the longest round (the quotient, about a third of a proof).
// Thread safety: reentrant; the heavy steps run on the global thread pool.
#pragma once

#include <cstdint>
#include <functional>
#include <span>
#include <vector>

#include "base/status.h"
#include "ec/g1.h"
#include "ff/fr.h"
#include "plonk/assignment.h"
#include "plonk/commitment_key.h"
#include "plonk/proving_key.h"
#include "plonk/random.h"

namespace nightjar::plonk {

struct ProverInstances {
  std::vector<std::span<const ff::Fr>> columns;  // every instance column, committed ones first
  size_t num_committed = 0;
};

// Wall-clock seconds of the prover's phases, for benchmarks.
struct ProofTimings {
  double witness = 0;      // instances and advice: values, blinding, commitments
  double lookups = 0;      // permuted columns and products
  double permutation = 0;  // permutation products
  double trash = 0;
  double vanishing = 0;  // the random polynomial
  double quotient = 0;   // extended cosets, numerator, h and its commitments
  double evaluations = 0;
  double opening = 0;  // multi-open
};

// True when the caller no longer wants the proof; called from the proving thread.
using CancelCheck = std::function<bool()>;

[[nodiscard]] Result<std::vector<uint8_t>> create_proof(
    const CommitmentKey& ck, const ProvingKey& pk, const Assignment& witness,
    const ProverInstances& instances, RandomSource& rng, ProofTimings* timings = nullptr,
    const CancelCheck& cancelled = {});

// The commitment a verifier receives for a committed instance column holding `values`
// (commit_to_instances): the Lagrange commitment of the zero-padded column.
ec::G1Affine commit_instance(const CommitmentKey& ck, std::span<const ff::Fr> values);

}  // namespace nightjar::plonk
