// zk-stdlib 1.1.0's ZkStdLib at synthesis time (`zk_stdlib/src/lib.rs`, ZkStdLib::new and
// MidnightCircuit::synthesize): the chips of one architecture wired together as the official
// constructor wires them, and the tables loaded once the circuit is done.
//
// Representation. One NativeChip is shared by the native gadget and Poseidon (the official chips
// share it through Rc clones, so they share its constant cache and instance rows); the
// decomposition chip has a NativeChip of its own, as officially. Hash-to-curve exists when both
// Poseidon and Jubjub do. Chips the architecture does not
// enable are absent and asking for one aborts (a programmer error: synthesis derives the
// architecture from the circuit).
//
// Thread safety: single-threaded, like the Layouter.
#pragma once

#include <cstddef>
#include <memory>
#include <optional>

#include "circuits/decomposition_assign.h"
#include "circuits/edwards_assign.h"
#include "circuits/hash_to_curve_assign.h"
#include "circuits/layouter.h"
#include "circuits/native_assign.h"
#include "circuits/native_gadget.h"
#include "circuits/poseidon_assign.h"
#include "circuits/sha256_assign.h"
#include "circuits/zk_std_lib.h"

namespace nightjar::circuits {

class ZkStdLib {
 public:
  ZkStdLib(Layouter& layouter, const ZkStdLibConfig& config, size_t max_bit_len);
  ZkStdLib(const ZkStdLib&) = delete;
  ZkStdLib& operator=(const ZkStdLib&) = delete;

  NativeChip& native() { return native_; }
  NativeGadget& gadget() { return gadget_; }
  PoseidonChip& poseidon();
  Sha256Chip& sha256();
  EccChip& jubjub();
  HashToCurveGadget& hash_to_curve();

  // The end of MidnightCircuit::synthesize: loads the pow2range table, then the spread table if
  // SHA-256 was used; no region may be assigned after.
  void load_tables();

 private:
  const ZkStdLibConfig& config_;
  NativeChip native_;
  NativeChip decomposition_native_;
  P2RDecomposition decomposition_;
  NativeGadget gadget_;
  std::optional<PoseidonChip> poseidon_;
  std::optional<Sha256Chip> sha256_;
  std::optional<EccChip> jubjub_;
  std::optional<HashToCurveGadget> hash_to_curve_;
};

}  // namespace nightjar::circuits
