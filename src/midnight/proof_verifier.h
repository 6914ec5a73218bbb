// Checking a Midnight proof as the ledger does (zk-stdlib 1.1.0 `verify`): the circuit's
// constraint system is rebuilt from the architecture its verifier key records, the key's
// commitments complete the PLONK verifying key, the public inputs must number exactly what the
// key declares, the committed instance is the identity point (the ZKIR prover commits to an
// empty column) and the proof must verify against the SRS's G2 points.
//
// The public inputs of a circuit call come from running its ZKIR on the preimage
// (zkir::preprocess): binding input, communications commitment when present, declared inputs.
// Thread safety: a loaded key is immutable; verification is reentrant.
#pragma once

#include <cstdint>
#include <span>

#include "base/status.h"
#include "ff/fr.h"
#include "midnight/verifier_key.h"
#include "plonk/multi_open.h"
#include "plonk/verifying_key.h"

namespace nightjar::midnight {

struct LoadedVerifierKey {
  VerifierKey wire;
  plonk::VerifyingKey key;
};

// Decodes the commitments (on the curve, in the subgroup) and builds the verifying key.
[[nodiscard]] Result<LoadedVerifierKey> load_verifier_key(const VerifierKey& vk);

// Ok when `proof` (the raw PLONK bytes of a proof[v5]) proves the circuit for `public_inputs`.
[[nodiscard]] Status verify_proof(const plonk::VerifierParams& params, const LoadedVerifierKey& vk,
                                  std::span<const ff::Fr> public_inputs,
                                  std::span<const uint8_t> proof);

}  // namespace nightjar::midnight
