// Midnight's hash to Jubjub (the ledger's hash_to_curve, midnight-zk circuits 6.1.0
// HashToCurveGadget with the Poseidon sponge and Jubjub): the variable-length Poseidon sponge
// squeezes two field elements; each is mapped to the curve (Shallue-van de Woestijne onto the
// Weierstrass model, RFC 9380 section 6.6.1, then to Montgomery and twisted Edwards coordinates)
// and multiplied by the cofactor 8; the result is their sum, a point of the prime-order subgroup.
//
// Timing: constant-time in the inputs (the square root is the fixed-iteration Tonelli-Shanks of
// RFC 9380 appendix I.4), since the inputs may be witness data.
//
// Thread-safety: pure functions.
#pragma once

#include <span>

#include "ec/jubjub.h"
#include "ff/fr.h"

namespace nightjar::circuits {

ec::JubjubExtended hash_to_curve(std::span<const ff::Fr> inputs);

// One field element to the curve, before the cofactor is cleared (exposed for tests).
ec::JubjubAffine map_to_curve(const ff::Fr& u);

}  // namespace nightjar::circuits
