// The constraint system of midnight-zk's standard library (zk-stdlib 1.1.0 ZkStdLib::configure):
// every Midnight circuit of one architecture has this constraint system, whatever it computes,
// and its `{:?}` text is hashed into the circuit's verifier key.
//
// Representation. The chips share one pool of advice columns (as many as the widest enabled chip
// needs) and one pool of fixed columns; each chip takes a prefix of each pool, except pow2range,
// which takes advice columns 1..=nr_pow2range_cols. Then come two instance columns (committed,
// plain), then the columns chips allocate themselves, in configuration order: native (fixed
// values), pow2range (tag, table), SHA-256 (table), and the selectors. Supported chips: the
// always-present native, pow2range and decomposition, plus jubjub, poseidon and sha2_256; any
// other chip in an architecture is refused rather than configured wrongly.
//
// Thread safety: configuration runs on the caller's thread; the results are plain values.
#pragma once

#include <optional>

#include "base/status.h"
#include "circuits/edwards_chip.h"
#include "circuits/native_chip.h"
#include "circuits/p2r_decomposition_chip.h"
#include "circuits/poseidon_chip.h"
#include "circuits/sha256_chip.h"
#include "circuits/zk_std_lib_arch.h"
#include "plonk/constraint_system.h"

namespace nightjar::circuits {

struct ZkStdLibConfig {
  NativeConfig native;
  P2RDecompositionConfig core_decomposition;  // holds the pow2range config
  std::optional<EdwardsConfig> jubjub;
  std::optional<Sha256Config> sha2_256;
  std::optional<PoseidonConfig> poseidon;
};

// ZkStdLib::configure. kInvalidArgument, naming the chip, for chips nightjar does not implement
// and for nr_pow2range_cols >= kArithCols, in which case `cs` is left untouched.
Result<ZkStdLibConfig> configure_zk_std_lib(plonk::ConstraintSystem& cs, const ZkStdLibArch& arch);

// The constraint system a verifier key of this architecture describes: configured, then its
// selectors turned into fixed columns, as VerifyingKey::read does.
Result<plonk::ConstraintSystem> zk_std_lib_constraint_system(const ZkStdLibArch& arch);

}  // namespace nightjar::circuits
