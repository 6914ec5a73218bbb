#include "tests/plonk/prover_util.h"

#include "ec/g2.h"
#include "plonk/permutation_keygen.h"

namespace nightjar::plonk::testing {

using ff::Fr;

ToySetup toy_setup(uint32_t k) {
  const size_t n = size_t{1} << k;
  const Fr tau = Fr::from_u64(0x5eed5eed12345ull);
  const DomainInfo d = DomainInfo::make(k, 3);
  std::vector<ec::G1Affine> monomial, lagrange;
  Fr power = Fr::one();
  // L_i(τ) = ω^i (τ^n - 1) / (n (τ - ω^i)).
  const Fr common = (tau.pow_u64(n) - Fr::one()) * d.n_inv;
  Fr omega_i = Fr::one();
  for (size_t i = 0; i < n; ++i) {
    monomial.push_back((ec::G1::generator() * power).to_affine());
    const Fr l = omega_i * common * (tau - omega_i).inverse();
    lagrange.push_back((ec::G1::generator() * l).to_affine());
    power *= tau;
    omega_i *= d.omega;
  }
  const ec::G2Affine g2 = ec::G2Affine::generator();
  const ec::G2Affine s_g2 = (ec::G2::generator() * tau).to_affine();
  return ToySetup{CommitmentKey::from_points(std::move(monomial), std::move(lagrange)),
                  VerifierParams(g2, s_g2)};
}

Result<ProvingKey> toy_keygen(const CommitmentKey& ck, ConstraintSystem cs, const Assignment& a) {
  std::vector<LagrangePoly> fixed;
  std::vector<ec::G1Affine> fixed_commitments;
  for (const std::vector<Fr>& col : a.fixed) {
    fixed.emplace_back(col);
    fixed_commitments.push_back(ck.commit_lagrange(col));
  }
  Result<std::vector<std::vector<Fr>>> sigma_values = permutation_sigmas(cs, a);
  if (!sigma_values.is_ok()) return sigma_values.status();
  std::vector<LagrangePoly> sigmas;
  for (std::vector<Fr>& s : *sigma_values) sigmas.emplace_back(std::move(s));
  std::vector<ec::G1Affine> permutation_commitments;
  for (const LagrangePoly& s : sigmas) {
    permutation_commitments.push_back(ck.commit_lagrange(s.span()));
  }
  Result<VerifyingKey> vk = VerifyingKey::from_parts(
      a.k, std::move(fixed_commitments), std::move(permutation_commitments), std::move(cs));
  if (!vk.is_ok()) return vk.status();
  return ProvingKey::build(std::move(vk).value(), std::move(fixed), std::move(sigmas));
}

}  // namespace nightjar::plonk::testing
