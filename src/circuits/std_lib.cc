#include "circuits/std_lib.h"

namespace nightjar::circuits {

ZkStdLib::ZkStdLib(Layouter& layouter, const ZkStdLibConfig& config, size_t max_bit_len)
    : config_(config),
      native_(layouter, config.native),
      decomposition_native_(layouter, config.core_decomposition.native),
      decomposition_(decomposition_native_, config.core_decomposition, max_bit_len),
      gadget_(native_, decomposition_) {
  if (config_.poseidon) poseidon_.emplace(native_, *config_.poseidon);
  if (config_.sha2_256) sha256_.emplace(gadget_, *config_.sha2_256);
  if (config_.jubjub) jubjub_.emplace(gadget_, *config_.jubjub);
  if (poseidon_ && jubjub_) hash_to_curve_.emplace(*poseidon_, *jubjub_);
}

EccChip& ZkStdLib::jubjub() {
  NIGHTJAR_CHECK(jubjub_.has_value());
  return *jubjub_;
}

HashToCurveGadget& ZkStdLib::hash_to_curve() {
  NIGHTJAR_CHECK(hash_to_curve_.has_value());
  return *hash_to_curve_;
}

Sha256Chip& ZkStdLib::sha256() {
  NIGHTJAR_CHECK(sha256_.has_value());
  return *sha256_;
}

PoseidonChip& ZkStdLib::poseidon() {
  NIGHTJAR_CHECK(poseidon_.has_value());
  return *poseidon_;
}

void ZkStdLib::load_tables() {
  decomposition_.load_table();
  if (sha256_ && sha256_->used()) sha256_->load_table();
}

}  // namespace nightjar::circuits
