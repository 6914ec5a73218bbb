// Verifier keys, `verifier-key[v6]` (transient-crypto proofs.rs VerifierKey, midnight-zk
// zk_stdlib MidnightVK::write with SerdeFormat::Processed).
//
// Representation (body = compact length + these bytes, at most 50 000 of them):
//   u32 LE zkstd version (1); ZkStdLibArch as bincode: 11 bools then u8 nr_pow2range_cols;
//   u8 max_bit_len; u32 LE number of public inputs;
//   midnight-proofs VerifyingKey: u8 version (3), u8 k, u32 LE fixed-commitment count, the fixed
//   commitments, then one commitment per permutation column (48-byte compressed G1 each).
// The key does not say how many permutation columns there are (the constraint system does), so
// every commitment after the fixed ones is a permutation commitment and the remainder must be a
// whole number of them. Commitments are kept as their wire bytes; the verifier decodes and
// checks the points.
//
// Invariants after decoding: versions as above, bools are 0/1, k <= 32.
// Thread safety: plain values.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "circuits/zk_std_lib_arch.h"
#include "midnight/tagged.h"

namespace nightjar::midnight {

// The chips a Midnight circuit configures (zk_stdlib ZkStdLibArch).
using circuits::chip_names;
using circuits::ZkStdLibArch;

using CompressedG1 = std::array<uint8_t, 48>;

struct VerifierKey {
  static constexpr uint32_t kZkStdVersion = 1;
  static constexpr uint8_t kVkVersion = 3;
  static constexpr size_t kMaxBodyBytes = 50000;

  ZkStdLibArch arch;
  uint8_t max_bit_len = 0;
  uint32_t num_public_inputs = 0;
  uint8_t k = 0;
  std::vector<CompressedG1> fixed_commitments;
  std::vector<CompressedG1> permutation_commitments;
};

template <>
struct Codec<VerifierKey> {
  static constexpr std::string_view kTag = "verifier-key[v6]";
  static void read(Reader& r, VerifierKey& out);
  static void write(Writer& w, const VerifierKey& v);
};

}  // namespace nightjar::midnight
