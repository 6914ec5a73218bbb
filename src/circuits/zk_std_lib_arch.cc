#include "circuits/zk_std_lib_arch.h"

#include <utility>

namespace nightjar::circuits {

std::vector<std::string> chip_names(const ZkStdLibArch& a) {
  const std::pair<bool, const char*> flags[] = {
      {a.jubjub, "jubjub"},     {a.poseidon, "poseidon"},     {a.sha2_256, "sha2_256"},
      {a.sha2_512, "sha2_512"}, {a.keccak_256, "keccak_256"}, {a.sha3_256, "sha3_256"},
      {a.blake2b, "blake2b"},   {a.secp256k1, "secp256k1"},   {a.bls12_381, "bls12_381"},
      {a.base64, "base64"},     {a.automaton, "automaton"}};
  std::vector<std::string> out;
  for (const auto& [on, name] : flags) {
    if (on) out.push_back(name);
  }
  return out;
}

}  // namespace nightjar::circuits
