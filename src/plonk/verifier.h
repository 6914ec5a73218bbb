// The PLONK verifier of midnight-proofs 0.7.1 (`plonk/verifier.rs` parse_trace and
// verify_algebraic_constraints, with the committed-instances feature the official build enables).
//
// Transcript order: the key's transcript_repr; each committed-instance commitment; per public
// instance column its length then its values; advice commitments (phase by phase, with the
// phase's challenges); θ; per lookup the permuted input and table commitments; β, γ; the
// permutation product commitments (one per chunk of degree-2 columns); per lookup the product
// commitment; the trash challenge; per trash argument its commitment; the vanishing argument's
// random commitment; y; the quotient pieces; x; committed-instance evaluations; advice, fixed and
// random-polynomial evaluations; permutation common and per-set evaluations; lookup and trash
// evaluations; then the multi-open argument (multi_open.h). Every gate, permutation, lookup and
// trash identity is folded with y into the quotient's expected evaluation at x, which the opening
// proves. Trailing proof bytes are an error.
//
// Thread safety: pure functions of their arguments.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "base/status.h"
#include "ec/g1.h"
#include "ff/fr.h"
#include "plonk/multi_open.h"
#include "plonk/verifying_key.h"

namespace nightjar::plonk {

struct Instances {
  // One commitment per committed instance column (the first columns).
  std::vector<ec::G1Affine> committed;
  // The values of each remaining instance column.
  std::vector<std::span<const ff::Fr>> columns;
};

// Everything but the final pairing: Ok(points) when the proof is well formed and its algebra
// holds; the pairing check on the result decides.
[[nodiscard]] Result<DualMsm> prepare(const VerifyingKey& vk, const Instances& instances,
                                      std::span<const uint8_t> proof);

// prepare() then the pairing check.
[[nodiscard]] Status verify(const VerifierParams& params, const VerifyingKey& vk,
                            const Instances& instances, std::span<const uint8_t> proof);

}  // namespace nightjar::plonk
