// A Midnight prover key made usable by the PLONK prover, and Midnight's way of calling it.
//
// load_proving_key checks the prover key against the circuit's verifier key (same k, the same
// number of fixed and permutation commitments, and the prover key's own copies of the
// commitments, 96-byte ZCash uncompressed points (midnight-curves' G1 write_raw), equal to the
// verifier key's), decodes its fixed values and σ values (32-byte raw Montgomery scalars, each
// below r) and derives the rest of the plonk::ProvingKey. It does not recommit the values (that
// needs the SRS and one MSM per column); the commitments the proof is checked against are the
// verifier key's.
//
// prove_circuit follows zk-stdlib's `prove` as the ZKIR prover uses it: instance column 0 is the
// committed instance and is empty (the verifier receives the identity point), column 1 holds the
// public inputs. The witness is synthesis's Assignment (zkir/synthesis.h).
// Thread safety: pure functions; a loaded key is immutable.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "base/status.h"
#include "ff/fr.h"
#include "midnight/proof_verifier.h"
#include "midnight/prover_key.h"
#include "plonk/assignment.h"
#include "plonk/commitment_key.h"
#include "plonk/prover.h"
#include "plonk/proving_key.h"
#include "plonk/random.h"

namespace nightjar::midnight {

[[nodiscard]] Result<plonk::ProvingKey> load_proving_key(const ProverKey& prover_key,
                                                         const LoadedVerifierKey& verifier_key);

// The raw PLONK proof bytes (the body of a proof[v5]). `timings` and `cancelled` as in
// plonk::create_proof.
[[nodiscard]] Result<std::vector<uint8_t>> prove_circuit(
    const plonk::CommitmentKey& ck, const plonk::ProvingKey& pk, const plonk::Assignment& witness,
    std::span<const ff::Fr> public_inputs, plonk::RandomSource& rng,
    plonk::ProofTimings* timings = nullptr, const plonk::CancelCheck& cancelled = {});

}  // namespace nightjar::midnight
