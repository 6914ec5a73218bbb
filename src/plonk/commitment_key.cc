#include "plonk/commitment_key.h"

#include <bit>

#include "base/thread_pool.h"
#include "msm/msm.h"

namespace nightjar::plonk {

CommitmentKey::CommitmentKey(std::vector<ec::G1Affine> monomial, std::vector<ec::G1Affine> lagrange)
    : monomial_(std::move(monomial)), lagrange_(std::move(lagrange)) {
  NIGHTJAR_CHECK(monomial_.size() == lagrange_.size() && std::has_single_bit(monomial_.size()));
  k_ = static_cast<uint32_t>(std::countr_zero(monomial_.size()));
}

CommitmentKey CommitmentKey::from_points(std::vector<ec::G1Affine> monomial,
                                         std::vector<ec::G1Affine> lagrange) {
  return CommitmentKey(std::move(monomial), std::move(lagrange));
}

Result<CommitmentKey> CommitmentKey::from_params(const kzg::Params& params) {
  const size_t n = params.n();
  std::vector<ec::G1Affine> monomial(n), lagrange(n);
  std::vector<Status> errors(2 * n);
  ThreadPool::global().parallel_for(2 * n, 256, [&](size_t begin, size_t end) {
    for (size_t j = begin; j < end; ++j) {
      const bool is_lagrange = j >= n;
      const size_t i = is_lagrange ? j - n : j;
      Result<ec::G1Affine> p = is_lagrange ? params.lagrange(i) : params.monomial(i);
      if (!p.is_ok()) {
        errors[j] = p.status();
        continue;
      }
      (is_lagrange ? lagrange : monomial)[i] = *p;
    }
  });
  for (const Status& e : errors) {
    if (!e.is_ok()) return e;
  }
  return CommitmentKey(std::move(monomial), std::move(lagrange));
}

ec::G1Affine CommitmentKey::commit(std::span<const ff::Fr> coeffs) const {
  NIGHTJAR_CHECK(coeffs.size() <= monomial_.size());
  return msm::msm(std::span(monomial_).first(coeffs.size()), coeffs).to_affine();
}

ec::G1Affine CommitmentKey::commit_lagrange(std::span<const ff::Fr> values) const {
  NIGHTJAR_CHECK(values.size() <= lagrange_.size());
  return msm::msm(std::span(lagrange_).first(values.size()), values).to_affine();
}

}  // namespace nightjar::plonk
