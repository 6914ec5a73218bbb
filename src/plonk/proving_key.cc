#include "plonk/proving_key.h"

#include <string>

namespace nightjar::plonk {

namespace {

using ff::Fr;

Status check_columns(const std::vector<LagrangePoly>& columns, size_t expected, size_t n,
                     const char* what) {
  if (columns.size() != expected) {
    return invalid_argument(std::string("proving key has ") + std::to_string(columns.size()) + " " +
                            what + " columns; the circuit has " + std::to_string(expected));
  }
  for (size_t i = 0; i < columns.size(); ++i) {
    if (columns[i].size() != n) {
      return invalid_argument(std::string(what) + " column " + std::to_string(i) + " has " +
                              std::to_string(columns[i].size()) + " values, expected " +
                              std::to_string(n));
    }
  }
  return Status();
}

// The extended-coset form of the indicator of `rows`.
ExtendedPoly indicator(const ProverDomain& d, size_t begin, size_t end) {
  LagrangePoly v = d.empty_lagrange();
  for (size_t i = begin; i < end; ++i) v[i] = Fr::one();
  return d.lagrange_to_extended(v);
}

}  // namespace

Result<ProvingKey> ProvingKey::build(VerifyingKey vk, std::vector<LagrangePoly> fixed_values,
                                     std::vector<LagrangePoly> permutation_values) {
  const ConstraintSystem& cs = vk.cs();
  const size_t n = vk.domain().n;
  if (Status s = check_columns(fixed_values, cs.num_fixed_columns(), n, "fixed"); !s.is_ok()) {
    return s;
  }
  if (Status s =
          check_columns(permutation_values, cs.permutation_columns().size(), n, "permutation");
      !s.is_ok()) {
    return s;
  }
  if (!cs.permutation_columns().empty() && vk.cs_degree() < 3) {
    return invalid_argument("a permutation argument needs a constraint system of degree >= 3");
  }
  Result<Evaluator> ev = Evaluator::build(cs);
  if (!ev.is_ok()) return ev.status();

  ProvingKey pk(std::move(vk));
  pk.evaluator_ = std::make_unique<Evaluator>(std::move(ev).value());
  pk.domain_ = std::make_unique<ProverDomain>(pk.vk_.domain().k, pk.vk_.cs_degree());
  const ProverDomain& d = *pk.domain_;
  const ConstraintSystem& system = pk.vk_.cs();

  std::vector<bool> fixed_read(system.num_fixed_columns(), false);
  for (const QueryKey& q : system.fixed_queries()) fixed_read[q.column] = true;
  for (const Column& c : system.permutation_columns()) {
    if (c.type == ColumnType::kFixed) fixed_read[c.index] = true;
  }

  pk.fixed_values_ = std::move(fixed_values);
  for (size_t i = 0; i < pk.fixed_values_.size(); ++i) {
    pk.fixed_polys_.push_back(d.lagrange_to_coeff(pk.fixed_values_[i]));
    pk.fixed_cosets_.push_back(fixed_read[i] ? d.coeff_to_extended(pk.fixed_polys_.back())
                                             : ExtendedPoly());
  }
  pk.permutation_values_ = std::move(permutation_values);
  for (const LagrangePoly& sigma : pk.permutation_values_) {
    pk.permutation_polys_.push_back(d.lagrange_to_coeff(sigma));
    pk.permutation_cosets_.push_back(d.coeff_to_extended(pk.permutation_polys_.back()));
  }

  const size_t blinding = system.blinding_factors();
  pk.l0_ = indicator(d, 0, 1);
  pk.l_last_ = indicator(d, n - blinding - 1, n - blinding);
  // 1 - (l_last + l_blind) is the extended form of the indicator of the other rows: the
  // transforms are linear and map the all-ones column to the constant 1.
  pk.l_active_row_ = indicator(d, 0, n - blinding - 1);
  return pk;
}

}  // namespace nightjar::plonk
