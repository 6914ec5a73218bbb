// Synthesis with midnight-circuits 6.1.0's HashToCurveGadget over Poseidon and the native Jubjub
// chip (`ecc/hash_to_curve/{htc_gadget,mtc}.rs`): the in-circuit form of hash_to_curve.h.
//
// Representation. The variable-length Poseidon sponge squeezes u1, u2; each is mapped with the
// Shallue-van de Woestijne map onto the Weierstrass model, moved to the Montgomery and then the
// twisted Edwards model with native-gadget arithmetic, checked on the curve and multiplied by the
// cofactor; the two points are added. Every step is the official sequence of gadget calls, so the
// layout matches; square roots are witnessed and squared back.
//
// Thread safety: single-threaded, like the Layouter.
#pragma once

#include <span>

#include "circuits/edwards_assign.h"
#include "circuits/poseidon_assign.h"

namespace nightjar::circuits {

class HashToCurveGadget {
 public:
  HashToCurveGadget(PoseidonChip& poseidon, EccChip& ecc) : poseidon_(poseidon), ecc_(ecc) {}

  AssignedPoint hash_to_curve(std::span<const AssignedNative> inputs);

 private:
  AssignedPoint map_to_curve(const AssignedNative& u);

  PoseidonChip& poseidon_;
  EccChip& ecc_;
};

}  // namespace nightjar::circuits
