#include "circuits/zk_std_lib.h"

#include <algorithm>
#include <span>
#include <string>
#include <vector>

namespace nightjar::circuits {

using plonk::Column;

namespace {

Status check_supported(const ZkStdLibArch& arch) {
  const std::pair<bool, const char*> unsupported[] = {
      {arch.sha2_512, "sha2_512"}, {arch.keccak_256, "keccak_256"}, {arch.sha3_256, "sha3_256"},
      {arch.blake2b, "blake2b"},   {arch.secp256k1, "secp256k1"},   {arch.bls12_381, "bls12_381"},
      {arch.base64, "base64"},     {arch.automaton, "automaton"}};
  for (const auto& [on, name] : unsupported) {
    if (on) {
      return invalid_argument(std::string("ZkStdLib architecture: chip ") + name +
                              " is not supported");
    }
  }
  if (arch.nr_pow2range_cols >= kArithCols) {
    return invalid_argument("ZkStdLib architecture: " + std::to_string(arch.nr_pow2range_cols) +
                            " pow2range columns (at most " + std::to_string(kArithCols - 1) + ")");
  }
  return Status::ok();
}

}  // namespace

Result<ZkStdLibConfig> configure_zk_std_lib(plonk::ConstraintSystem& cs, const ZkStdLibArch& arch) {
  if (Status s = check_supported(arch); !s.is_ok()) return s;

  const size_t nb_advice =
      std::max({kArithCols, size_t{arch.nr_pow2range_cols}, arch.jubjub ? kEdwardsCols : 0,
                arch.poseidon ? kPoseidonAdviceCols : 0, arch.sha2_256 ? kSha256AdviceCols : 0});
  const size_t nb_fixed = std::max({kArithFixedCols, arch.poseidon ? kPoseidonFixedCols : 0,
                                    arch.sha2_256 ? kSha256FixedCols : 0});
  std::vector<Column> advice(nb_advice);
  for (Column& col : advice) col = cs.advice_column();
  std::vector<Column> fixed(nb_fixed);
  for (Column& col : fixed) col = cs.fixed_column();
  // The committed instance column must come first.
  const Column committed_instance = cs.instance_column();
  const Column instance = cs.instance_column();

  const std::span<const Column> all_advice(advice);
  const std::span<const Column> all_fixed(fixed);
  ZkStdLibConfig config;
  config.native =
      configure_native(cs, all_advice.first<kArithCols>(), all_fixed.first<kArithFixedCols>(),
                       committed_instance, instance);
  // The decomposition chip needs the range-checked limbs in native columns v1, v2, ...
  const Pow2RangeConfig pow2range =
      configure_pow2range(cs, all_advice.subspan(1, arch.nr_pow2range_cols));
  config.core_decomposition = configure_p2r_decomposition(config.native, pow2range);
  if (arch.jubjub) config.jubjub = configure_edwards(cs, all_advice.first(kEdwardsCols));
  if (arch.sha2_256) {
    config.sha2_256 = configure_sha256(cs, all_advice.first(kSha256AdviceCols),
                                       all_fixed.first(kSha256FixedCols));
  }
  if (arch.poseidon) {
    config.poseidon = configure_poseidon(cs, all_advice.first<kPoseidonAdviceCols>(),
                                         all_fixed.first<kPoseidonFixedCols>());
  }
  return config;
}

Result<plonk::ConstraintSystem> zk_std_lib_constraint_system(const ZkStdLibArch& arch) {
  plonk::ConstraintSystem cs;
  Result<ZkStdLibConfig> config = configure_zk_std_lib(cs, arch);
  if (!config.is_ok()) return config.status();
  cs.convert_selectors_to_fixed();
  return cs;
}

}  // namespace nightjar::circuits
