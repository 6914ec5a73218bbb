// The configuration of midnight-circuits 6.1.0's P2RDecompositionChip
// (`field/decomposition/chip.rs`): decomposition of a field element into range-checked limbs,
// written as one native-chip linear combination whose limbs sit in the pow2range value columns.
//
// Representation. The chip adds nothing to the constraint system; its configuration is the
// native and pow2range configurations together, under the invariant that the pow2range value
// columns are the native value columns v1, v2, ... in order (checked), so that one row both range
// checks limbs and sums them.
//
// Thread safety: P2RDecompositionConfig is a plain value.
#pragma once

#include "circuits/native_chip.h"
#include "circuits/pow2range_chip.h"

namespace nightjar::circuits {

struct P2RDecompositionConfig {
  NativeConfig native;
  Pow2RangeConfig pow2range;
};

P2RDecompositionConfig configure_p2r_decomposition(const NativeConfig& native,
                                                   const Pow2RangeConfig& pow2range);

}  // namespace nightjar::circuits
