#include "plonk/verifying_key.h"

#include "base/blake2b.h"
#include "ec/encoding.h"
#include "plonk/expression.h"

namespace nightjar::plonk {

namespace {

constexpr uint8_t kVersion = 0x03;
constexpr uint32_t kTwoAdicity = 32;

void put_u32(std::vector<uint8_t>& out, uint32_t v) {
  for (int i = 0; i < 4; ++i) out.push_back(static_cast<uint8_t>(v >> (8 * i)));
}

}  // namespace

DomainInfo DomainInfo::make(uint32_t k, size_t cs_degree) {
  DomainInfo d;
  d.k = k;
  d.n = uint64_t{1} << k;
  d.quotient_pieces = cs_degree - 1;
  d.extended_k = k;
  while ((uint64_t{1} << d.extended_k) < d.n * d.quotient_pieces) ++d.extended_k;
  d.omega = ff::Fr::root_of_unity();
  for (uint32_t i = k; i < kTwoAdicity; ++i) d.omega = d.omega.square();
  d.omega_inv = d.omega.inverse();
  d.n_inv = ff::Fr::from_u64(d.n).inverse();
  return d;
}

ff::Fr DomainInfo::rotate(const ff::Fr& x, int32_t rotation) const {
  if (rotation >= 0) return x * omega.pow_u64(static_cast<uint64_t>(rotation));
  return x * omega_inv.pow_u64(static_cast<uint64_t>(-static_cast<int64_t>(rotation)));
}

std::string DomainInfo::pinned_debug() const {
  std::string out = "PinnedEvaluationDomain { k: " + std::to_string(k) +
                    ", extended_k: " + std::to_string(extended_k) + ", omega: ";
  debug_fr(omega, out);
  out += " }";
  return out;
}

Result<VerifyingKey> VerifyingKey::from_parts(uint32_t k,
                                              std::vector<ec::G1Affine> fixed_commitments,
                                              std::vector<ec::G1Affine> permutation_commitments,
                                              ConstraintSystem cs) {
  if (fixed_commitments.size() != cs.num_fixed_columns()) {
    return invalid_argument("verifier key has " + std::to_string(fixed_commitments.size()) +
                            " fixed commitments; the circuit has " +
                            std::to_string(cs.num_fixed_columns()) + " fixed columns");
  }
  if (permutation_commitments.size() != cs.permutation_columns().size()) {
    return invalid_argument("verifier key has " + std::to_string(permutation_commitments.size()) +
                            " permutation commitments; the circuit has " +
                            std::to_string(cs.permutation_columns().size()) +
                            " permutation columns");
  }
  VerifyingKey vk;
  vk.cs_degree_ = cs.degree();
  if (k > kTwoAdicity || uint64_t{1} << k < vk.cs_degree_) {
    return invalid_argument("verifier key has an unusable k = " + std::to_string(k));
  }
  vk.domain_ = DomainInfo::make(k, vk.cs_degree_);
  if (vk.domain_.extended_k > kTwoAdicity) {
    return invalid_argument("verifier key's k = " + std::to_string(k) +
                            " is too large for its circuit's degree");
  }
  vk.fixed_ = std::move(fixed_commitments);
  vk.permutation_ = std::move(permutation_commitments);
  vk.cs_ = std::move(cs);

  std::vector<uint8_t> buf;
  buf.push_back(kVersion);
  buf.push_back(static_cast<uint8_t>(k));
  put_u32(buf, static_cast<uint32_t>(vk.fixed_.size()));
  for (const ec::G1Affine& c : vk.fixed_) {
    const auto bytes = ec::to_uncompressed(c);
    buf.insert(buf.end(), bytes.begin(), bytes.end());
  }
  put_u32(buf, static_cast<uint32_t>(vk.permutation_.size()));
  for (const ec::G1Affine& c : vk.permutation_) {
    const auto bytes = ec::to_uncompressed(c);
    buf.insert(buf.end(), bytes.begin(), bytes.end());
  }
  base::Blake2b::Params params;
  params.personal = base::Blake2b::personal_from("Halo2-Verify-Key");
  base::Blake2b h(params);
  h.update(buf);
  h.update(vk.domain_.pinned_debug());
  h.update(vk.cs_.pinned_debug());
  vk.transcript_repr_ = ff::Fr::from_uniform_bytes(h.digest());
  return vk;
}

}  // namespace nightjar::plonk
