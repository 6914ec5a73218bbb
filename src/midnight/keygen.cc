#include "midnight/keygen.h"

#include <algorithm>
#include <string>
#include <utility>

#include "ec/encoding.h"
#include "midnight/writer.h"

namespace nightjar::midnight {

namespace {

void u32_be(Writer& w, uint32_t v) {
  const uint8_t bytes[] = {static_cast<uint8_t>(v >> 24), static_cast<uint8_t>(v >> 16),
                           static_cast<uint8_t>(v >> 8), static_cast<uint8_t>(v)};
  w.bytes(bytes);
}

// write_polynomial_slice: count, then each polynomial's length and raw Montgomery values.
void write_polys(Writer& w, const std::vector<std::vector<ff::Fr>>& polys) {
  u32_be(w, static_cast<uint32_t>(polys.size()));
  for (const std::vector<ff::Fr>& poly : polys) {
    u32_be(w, static_cast<uint32_t>(poly.size()));
    for (const ff::Fr& x : poly) {
      uint8_t raw[ProvingKeyLayout::kScalarBytes];
      const auto& limbs = x.raw_montgomery();
      for (size_t i = 0; i < sizeof raw; ++i) {
        raw[i] = static_cast<uint8_t>(limbs[i / 8] >> (8 * (i % 8)));
      }
      w.bytes(raw);
    }
  }
}

std::vector<CompressedG1> compressed(const std::vector<ec::G1Affine>& points) {
  std::vector<CompressedG1> out;
  out.reserve(points.size());
  for (const ec::G1Affine& p : points) out.push_back(ec::to_compressed(p));
  return out;
}

}  // namespace

size_t proving_key_size(const plonk::PlonkKeys& keys) {
  const size_t n = size_t{1} << keys.k;
  const size_t points = keys.fixed_commitments.size() + keys.permutation_commitments.size();
  const size_t polys = keys.fixed.size() + keys.sigmas.size();
  return 6 + ProvingKeyLayout::kPointBytes * points + 8 +
         polys * (4 + ProvingKeyLayout::kScalarBytes * n);
}

void write_proving_key(Writer& w, const plonk::PlonkKeys& keys) {
  w.u8(ProvingKeyLayout::kVersion);
  w.u8(static_cast<uint8_t>(keys.k));
  w.u32_le(static_cast<uint32_t>(keys.fixed_commitments.size()));
  for (const ec::G1Affine& p : keys.fixed_commitments) w.bytes(ec::to_uncompressed(p));
  for (const ec::G1Affine& p : keys.permutation_commitments) w.bytes(ec::to_uncompressed(p));
  write_polys(w, keys.fixed);
  write_polys(w, keys.sigmas);
}

Result<CircuitKeys> generate_keys(const zkir::Ir& ir, const zkir::CircuitModel& model,
                                  const kzg::Params& params, size_t max_threads) {
  if (params.k() != model.k) {
    return invalid_argument("the circuit has k = " + std::to_string(model.k) +
                            ", the SRS k = " + std::to_string(params.k()));
  }
  Result<zkir::Synthesized> layout = zkir::synthesize_layout(ir, model.max_bit_len, model.k);
  if (!layout.is_ok()) return layout.status();
  const size_t num_public_inputs = layout->num_public_inputs;
  Result<plonk::PlonkKeys> keys =
      plonk::keygen(layout->cs, std::move(layout->assignment), params, max_threads);
  if (!keys.is_ok()) return keys.status();

  CircuitKeys out;
  VerifierKey& vk = out.verifier;
  vk.arch = zkir::used_chips(ir);
  vk.max_bit_len = model.max_bit_len;
  vk.num_public_inputs = static_cast<uint32_t>(num_public_inputs);
  vk.k = static_cast<uint8_t>(model.k);
  vk.fixed_commitments = compressed(keys->fixed_commitments);
  vk.permutation_commitments = compressed(keys->permutation_commitments);

  // The header and relation come from prover_key's encoder (a draft with an empty proving key);
  // the proving key is written after them into one buffer, the largest allocation keygen makes.
  ProverKey draft;
  draft.flavour = ir.flavour == zkir::IrFlavour::kGeneric ? ProverKeyFlavour::kGeneric
                                                          : ProverKeyFlavour::kLegacy;
  draft.max_bit_len = model.max_bit_len;
  draft.k = static_cast<uint8_t>(model.k);
  draft.relation = ir;
  const std::vector<uint8_t> header = encode_prover_key_body(draft);
  Writer w;
  w.reserve(header.size() + proving_key_size(*keys));
  w.bytes(header);
  write_proving_key(w, *keys);
  *keys = plonk::PlonkKeys();
  std::vector<uint8_t> body = w.take();
  // Our own bytes: the limits only need to admit them.
  DecodeLimits limits;
  limits.max_allocation = std::max(limits.max_allocation, body.size());
  limits.max_inflated = std::max(limits.max_inflated, body.size());
  Result<ProverKey> prover = parse_prover_key_body(std::move(body), draft.flavour, limits);
  if (!prover.is_ok()) return prover.status();
  out.prover = std::move(prover).value();
  return out;
}

}  // namespace nightjar::midnight
