// Synthesis with midnight-circuits 6.1.0's PoseidonChip (`hash/poseidon/poseidon_chip.rs`): the
// fixed-length sponge (HashInstructions::hash) and the permutation region, laid out as the
// official chip lays them out.
//
// Representation. A permutation is one region of 20 rows: the first-round constants added by the
// native parallel-add gate (row 0), 4 full rounds, 10 batches of 6 partial rounds and 4 full
// rounds, one row each, and the output state in the last row; the layout is documented with the
// configuration in poseidon_chip.h. As officially, the partial rounds' intermediate cells
// (r3..r7) are only assigned when the run has a witness.
//
// Thread safety: single-threaded, like the Layouter.
#pragma once

#include <array>
#include <span>

#include "circuits/native_assign.h"
#include "circuits/poseidon_chip.h"

namespace nightjar::circuits {

class PoseidonChip {
 public:
  PoseidonChip(NativeChip& native, const PoseidonConfig& config)
      : native_(native), config_(config) {}

  // The ledger's transient_hash of the cells.
  AssignedNative hash(std::span<const AssignedNative> inputs);
  // The variable-length sponge squeezed twice (init(None), absorb, squeeze, squeeze), as
  // hash_to_curve uses it.
  std::array<AssignedNative, 2> squeeze_two(std::span<const AssignedNative> inputs);

  std::array<AssignedNative, kPoseidonWidth> permutation(
      std::span<const AssignedNative, kPoseidonWidth> inputs);

 private:
  // Absorbs the queue into the state, a rate-sized chunk per permutation.
  void absorb(std::array<AssignedNative, kPoseidonWidth>& state,
              std::span<const AssignedNative> queue);

  NativeChip& native_;
  const PoseidonConfig& config_;
};

}  // namespace nightjar::circuits
