// A proving key as midnight-proofs 0.7.1 holds it (`plonk/mod.rs` ProvingKey, as ProvingKey::read
// and keygen_pk derive it): the verifying key, then for every fixed column its values on the n
// rows, its coefficients and its values on the extended coset; the same three forms of every
// permutation column's σ polynomial; and on the extended coset the Lagrange indicators
//   l0          1 on row 0,
//   l_last      1 on row n - blinding - 1, the last row the permutation argument checks,
//   l_active_row 1 - (l_last + l_blind), with l_blind 1 on the last `blinding` rows;
// plus the constraint system's expressions compiled for the quotient (Evaluator).
//
// A prover key file stores only the fixed values and σ values (the Lagrange forms); build()
// derives the rest once. Memory is dominated by the extended forms: 32·n_e bytes for each fixed
// column that the constraints query or the permutation uses (the others get none), each σ and
// the three indicators, with n_e = 2^extended_k ≈ (degree - 1)·n.
//
// Invariants (build checks them): one fixed column per fixed column of the verifying key's
// constraint system and one σ column per permutation column, each of n = 2^k values; the
// system has no selectors left and no challenges. Thread safety: immutable after build; any
// number of proofs may share one key.
#pragma once

#include <memory>
#include <vector>

#include "base/status.h"
#include "plonk/evaluator.h"
#include "plonk/polynomial.h"
#include "plonk/verifying_key.h"

namespace nightjar::plonk {

class ProvingKey {
 public:
  [[nodiscard]] static Result<ProvingKey> build(VerifyingKey vk,
                                                std::vector<LagrangePoly> fixed_values,
                                                std::vector<LagrangePoly> permutation_values);

  const VerifyingKey& vk() const { return vk_; }
  const ConstraintSystem& cs() const { return vk_.cs(); }
  const ProverDomain& domain() const { return *domain_; }
  const Evaluator& evaluator() const { return *evaluator_; }
  // Rows a witness may use: n - (blinding + 1).
  size_t usable_rows() const { return domain_->n() - (cs().blinding_factors() + 1); }

  const std::vector<LagrangePoly>& fixed_values() const { return fixed_values_; }
  const std::vector<CoeffPoly>& fixed_polys() const { return fixed_polys_; }
  // Empty for fixed columns that neither a constraint nor the permutation reads.
  const std::vector<ExtendedPoly>& fixed_cosets() const { return fixed_cosets_; }
  const std::vector<LagrangePoly>& permutation_values() const { return permutation_values_; }
  const std::vector<CoeffPoly>& permutation_polys() const { return permutation_polys_; }
  const std::vector<ExtendedPoly>& permutation_cosets() const { return permutation_cosets_; }
  const ExtendedPoly& l0() const { return l0_; }
  const ExtendedPoly& l_last() const { return l_last_; }
  const ExtendedPoly& l_active_row() const { return l_active_row_; }

 private:
  explicit ProvingKey(VerifyingKey vk) : vk_(std::move(vk)) {}

  VerifyingKey vk_;
  std::unique_ptr<ProverDomain> domain_;
  std::unique_ptr<Evaluator> evaluator_;
  std::vector<LagrangePoly> fixed_values_;
  std::vector<CoeffPoly> fixed_polys_;
  std::vector<ExtendedPoly> fixed_cosets_;
  std::vector<LagrangePoly> permutation_values_;
  std::vector<CoeffPoly> permutation_polys_;
  std::vector<ExtendedPoly> permutation_cosets_;
  ExtendedPoly l0_;
  ExtendedPoly l_last_;
  ExtendedPoly l_active_row_;
};

}  // namespace nightjar::plonk
