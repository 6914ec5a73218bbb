#include "midnight/proof_verifier.h"

#include <string>
#include <vector>

#include "circuits/zk_std_lib.h"
#include "ec/encoding.h"
#include "plonk/verifier.h"

namespace nightjar::midnight {

namespace {

Status decode_points(const std::vector<CompressedG1>& in, const char* what,
                     std::vector<ec::G1Affine>& out) {
  for (size_t i = 0; i < in.size(); ++i) {
    Result<ec::G1Affine> p = ec::g1_from_compressed(in[i]);
    if (!p.is_ok()) {
      return invalid_argument(std::string("verifier key: ") + what + " commitment " +
                              std::to_string(i) + ": " + p.status().message());
    }
    out.push_back(*p);
  }
  return Status();
}

}  // namespace

Result<LoadedVerifierKey> load_verifier_key(const VerifierKey& vk) {
  Result<plonk::ConstraintSystem> cs = circuits::zk_std_lib_constraint_system(vk.arch);
  if (!cs.is_ok()) return cs.status();
  std::vector<ec::G1Affine> fixed;
  if (Status s = decode_points(vk.fixed_commitments, "fixed", fixed); !s.is_ok()) return s;
  std::vector<ec::G1Affine> permutation;
  if (Status s = decode_points(vk.permutation_commitments, "permutation", permutation);
      !s.is_ok()) {
    return s;
  }
  Result<plonk::VerifyingKey> key = plonk::VerifyingKey::from_parts(
      vk.k, std::move(fixed), std::move(permutation), std::move(cs).value());
  if (!key.is_ok()) return key.status();
  return LoadedVerifierKey{vk, std::move(key).value()};
}

Status verify_proof(const plonk::VerifierParams& params, const LoadedVerifierKey& vk,
                    std::span<const ff::Fr> public_inputs, std::span<const uint8_t> proof) {
  if (public_inputs.size() != vk.wire.num_public_inputs) {
    return invalid_argument("the circuit has " + std::to_string(vk.wire.num_public_inputs) +
                            " public inputs, the preimage gives " +
                            std::to_string(public_inputs.size()));
  }
  plonk::Instances instances;
  instances.committed.push_back(ec::G1Affine::identity());
  instances.columns.push_back(public_inputs);
  return plonk::verify(params, vk.key, instances, proof);
}

}  // namespace nightjar::midnight
