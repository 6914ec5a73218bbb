#include "midnight/proving_key_load.h"

#include <string>

#include "ec/encoding.h"
#include "plonk/prover.h"

namespace nightjar::midnight {

namespace {

using ff::Fr;

uint32_t read_u32_be(std::span<const uint8_t> b) {
  return uint32_t{b[0]} << 24 | uint32_t{b[1]} << 16 | uint32_t{b[2]} << 8 | uint32_t{b[3]};
}

Status check_commitments(std::span<const uint8_t> raw, const std::vector<ec::G1Affine>& expected,
                         const char* what) {
  for (size_t i = 0; i < expected.size(); ++i) {
    const auto bytes =
        raw.subspan(i * ProvingKeyLayout::kPointBytes).first<ProvingKeyLayout::kPointBytes>();
    // Equal to a verifier-key point, which is checked, so the subgroup check can be skipped.
    Result<ec::G1Affine> p = ec::g1_from_uncompressed_unchecked(bytes);
    if (!p.is_ok()) {
      return invalid_argument(std::string("prover key: ") + what + " commitment " +
                              std::to_string(i) + ": " + p.status().message());
    }
    if (!(*p == expected[i])) {
      return invalid_argument(std::string("prover key: ") + what + " commitment " +
                              std::to_string(i) + " differs from the verifier key's");
    }
  }
  return Status();
}

// A polynomial list as ProverKey's layout found it: u32 BE count, then per polynomial u32 BE
// length and that many raw Montgomery scalars.
Result<std::vector<plonk::LagrangePoly>> decode_polys(std::span<const uint8_t> bytes,
                                                      const char* what) {
  const uint32_t count = read_u32_be(bytes);
  std::vector<plonk::LagrangePoly> out;
  size_t at = 4;
  for (uint32_t p = 0; p < count; ++p) {
    const uint32_t len = read_u32_be(bytes.subspan(at));
    at += 4;
    plonk::LagrangePoly poly(len);
    for (uint32_t i = 0; i < len; ++i, at += ProvingKeyLayout::kScalarBytes) {
      Fr::Limbs limbs{};
      for (size_t j = 0; j < ProvingKeyLayout::kScalarBytes; ++j) {
        limbs[j / 8] |= uint64_t{bytes[at + j]} << (8 * (j % 8));
      }
      std::optional<Fr> v = Fr::from_raw_montgomery(limbs);
      if (!v) {
        return invalid_argument(std::string("prover key: ") + what + " polynomial " +
                                std::to_string(p) + " holds a value >= r at row " +
                                std::to_string(i));
      }
      poly[i] = *v;
    }
    out.push_back(std::move(poly));
  }
  return out;
}

}  // namespace

Result<plonk::ProvingKey> load_proving_key(const ProverKey& prover_key,
                                           const LoadedVerifierKey& verifier_key) {
  const ProvingKeyLayout& l = prover_key.layout;
  const plonk::VerifyingKey& vk = verifier_key.key;
  if (l.k != vk.domain().k || prover_key.k != vk.domain().k) {
    return invalid_argument("prover key is for k = " + std::to_string(l.k) +
                            ", verifier key for k = " + std::to_string(vk.domain().k));
  }
  if (l.num_fixed != vk.fixed_commitments().size() ||
      l.num_permutation != vk.permutation_commitments().size()) {
    return invalid_argument("prover key has " + std::to_string(l.num_fixed) + " fixed and " +
                            std::to_string(l.num_permutation) +
                            " permutation columns; the verifier key " +
                            std::to_string(vk.fixed_commitments().size()) + " and " +
                            std::to_string(vk.permutation_commitments().size()));
  }
  if (Status s =
          check_commitments(prover_key.view(l.fixed_commitments), vk.fixed_commitments(), "fixed");
      !s.is_ok()) {
    return s;
  }
  if (Status s = check_commitments(prover_key.view(l.permutation_commitments),
                                   vk.permutation_commitments(), "permutation");
      !s.is_ok()) {
    return s;
  }
  Result<std::vector<plonk::LagrangePoly>> fixed =
      decode_polys(prover_key.view(l.fixed_polys), "fixed");
  if (!fixed.is_ok()) return fixed.status();
  Result<std::vector<plonk::LagrangePoly>> sigmas =
      decode_polys(prover_key.view(l.permutation_polys), "permutation");
  if (!sigmas.is_ok()) return sigmas.status();
  return plonk::ProvingKey::build(vk, std::move(fixed).value(), std::move(sigmas).value());
}

Result<std::vector<uint8_t>> prove_circuit(const plonk::CommitmentKey& ck,
                                           const plonk::ProvingKey& pk,
                                           const plonk::Assignment& witness,
                                           std::span<const Fr> public_inputs,
                                           plonk::RandomSource& rng, plonk::ProofTimings* timings,
                                           const plonk::CancelCheck& cancelled) {
  plonk::ProverInstances instances;
  instances.columns = {std::span<const Fr>(), public_inputs};
  instances.num_committed = 1;
  return plonk::create_proof(ck, pk, witness, instances, rng, timings, cancelled);
}

}  // namespace nightjar::midnight
