// The architecture of a Midnight circuit: which chips the standard library configures
// (midnight-zk zk_stdlib ZkStdLibArch, as a verifier key records it), and the names midnight-zk
// gives them. The constraint system of a circuit depends only on this (zk_std_lib.h).
//
// Thread safety: plain values.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace nightjar::circuits {

// The chips, in the verifier key's wire order.
struct ZkStdLibArch {
  bool jubjub = false;
  bool poseidon = false;
  bool sha2_256 = false;
  bool sha2_512 = false;
  bool keccak_256 = false;
  bool sha3_256 = false;
  bool blake2b = false;
  bool secp256k1 = false;
  bool bls12_381 = false;
  bool base64 = false;
  bool automaton = false;
  uint8_t nr_pow2range_cols = 1;

  friend bool operator==(const ZkStdLibArch&, const ZkStdLibArch&) = default;
};

// The chips an architecture enables, named as midnight-zk names them, in field order.
std::vector<std::string> chip_names(const ZkStdLibArch& arch);

}  // namespace nightjar::circuits
