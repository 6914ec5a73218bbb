#include "plonk/permutation_keygen.h"

#include <algorithm>
#include <array>
#include <optional>
#include <string>
#include <utility>

#include "base/thread_pool.h"
#include "msm/msm.h"

namespace nightjar::plonk {

namespace {

std::string cell_text(const Cell& c) {
  static constexpr const char* kTypes[] = {"advice", "fixed", "instance"};
  return std::string(kTypes[static_cast<int>(c.column.type)]) + " column " +
         std::to_string(c.column.index) + " row " + std::to_string(c.row);
}

}  // namespace

PermutationAssembly::PermutationAssembly(std::vector<Column> columns, uint32_t k,
                                         size_t usable_rows)
    : columns_(std::move(columns)), k_(k), usable_rows_(usable_rows) {
  NIGHTJAR_CHECK(k <= 32);
  const size_t cells = columns_.size() * n();
  mapping_.resize(cells);
  for (uint32_t p = 0; p < columns_.size(); ++p) {
    for (uint32_t j = 0; j < n(); ++j) mapping_[size_t{p} * n() + j] = PermutationCell{p, j};
  }
  // Every cell starts as a 1-cycle that names itself.
  aux_ = mapping_;
  sizes_.assign(cells, 1);
}

Status PermutationAssembly::copy(const Cell& left, const Cell& right) {
  if (left.row >= usable_rows_ || right.row >= usable_rows_) {
    return invalid_argument("copy between " + cell_text(left) + " and " + cell_text(right) +
                            ": row not usable (" + std::to_string(usable_rows_) + " usable rows)");
  }
  auto position = [&](const Column& c) -> std::optional<uint32_t> {
    auto it = std::find(columns_.begin(), columns_.end(), c);
    if (it == columns_.end()) return std::nullopt;
    return static_cast<uint32_t>(it - columns_.begin());
  };
  const std::optional<uint32_t> lp = position(left.column);
  const std::optional<uint32_t> rp = position(right.column);
  if (!lp || !rp) {
    const Cell& bad = lp ? right : left;
    return invalid_argument("copy names " + cell_text(bad) +
                            ", whose column is not in the permutation argument");
  }
  const PermutationCell l{*lp, left.row};
  const PermutationCell r{*rp, right.row};

  PermutationCell left_cycle = aux_[flat(l)];
  PermutationCell right_cycle = aux_[flat(r)];
  if (left_cycle == right_cycle) return Status::ok();
  if (sizes_[flat(left_cycle)] < sizes_[flat(right_cycle)]) std::swap(left_cycle, right_cycle);

  // Rename the smaller cycle after the larger, then splice the two cycles into one by swapping
  // the successors of the copied cells.
  sizes_[flat(left_cycle)] += sizes_[flat(right_cycle)];
  PermutationCell i = right_cycle;
  do {
    aux_[flat(i)] = left_cycle;
    i = mapping_[flat(i)];
  } while (!(i == right_cycle));
  std::swap(mapping_[flat(l)], mapping_[flat(r)]);
  return Status::ok();
}

std::vector<std::vector<ff::Fr>> PermutationAssembly::sigma_polys(size_t max_threads) const {
  const std::vector<std::vector<ff::Fr>> labels = permutation_labels(columns_.size(), k_);
  std::vector<std::vector<ff::Fr>> sigma(columns_.size(), std::vector<ff::Fr>(n()));
  const size_t total = columns_.size() * n();
  ThreadPool::global().parallel_for(
      total, size_t{1} << 12,
      [&](size_t begin, size_t end) {
        for (size_t c = begin; c < end; ++c) {
          const PermutationCell to = mapping_[c];
          sigma[c >> k_][c & (n() - 1)] = labels[to.column][to.row];
        }
      },
      max_threads);
  return sigma;
}

Result<PermutationAssembly> assemble_permutation(const ConstraintSystem& cs,
                                                 const Assignment& assignment) {
  PermutationAssembly assembly(cs.permutation_columns(), assignment.k, assignment.usable_rows());
  for (const auto& [left, right] : assignment.copies) {
    if (Status s = assembly.copy(left, right); !s.is_ok()) return s;
  }
  return assembly;
}

Result<std::vector<std::vector<ff::Fr>>> permutation_sigmas(const ConstraintSystem& cs,
                                                            const Assignment& assignment,
                                                            size_t max_threads) {
  Result<PermutationAssembly> assembly = assemble_permutation(cs, assignment);
  if (!assembly.is_ok()) return assembly.status();
  return assembly->sigma_polys(max_threads);
}

ff::Fr permutation_delta() {
  return ff::Fr::multiplicative_generator().pow(std::array<uint64_t, 1>{uint64_t{1} << 32});
}

ff::Fr domain_omega(uint32_t k) {
  NIGHTJAR_CHECK(k <= ff::FrParams::kTwoAdicity);
  ff::Fr omega = ff::Fr::root_of_unity();
  for (uint32_t i = k; i < ff::FrParams::kTwoAdicity; ++i) omega = omega.square();
  return omega;
}

std::vector<std::vector<ff::Fr>> permutation_labels(size_t columns, uint32_t k) {
  const size_t n = size_t{1} << k;
  std::vector<ff::Fr> omega_powers(n);
  const ff::Fr omega = domain_omega(k);
  ff::Fr cur = ff::Fr::one();
  for (size_t j = 0; j < n; ++j) {
    omega_powers[j] = cur;
    cur *= omega;
  }
  std::vector<std::vector<ff::Fr>> labels(columns, std::vector<ff::Fr>(n));
  const ff::Fr delta = permutation_delta();
  ff::Fr delta_power = ff::Fr::one();
  for (size_t p = 0; p < columns; ++p) {
    for (size_t j = 0; j < n; ++j) labels[p][j] = omega_powers[j] * delta_power;
    delta_power *= delta;
  }
  return labels;
}

Result<std::vector<ec::G1Affine>> lagrange_basis(const kzg::Params& params, uint32_t k) {
  if (params.k() != k) {
    return invalid_argument("SRS has k = " + std::to_string(params.k()) +
                            ", the domain k = " + std::to_string(k));
  }
  std::vector<ec::G1Affine> basis(params.n());
  for (size_t i = 0; i < basis.size(); ++i) {
    Result<ec::G1Affine> p = params.lagrange(i);
    if (!p.is_ok()) return p.status();
    basis[i] = *p;
  }
  return basis;
}

std::vector<ec::G1Affine> commit_lagrange(std::span<const ec::G1Affine> basis,
                                          std::span<const std::vector<ff::Fr>> polys,
                                          size_t max_threads) {
  std::vector<ec::G1> commitments;
  commitments.reserve(polys.size());
  for (const std::vector<ff::Fr>& poly : polys) {
    NIGHTJAR_CHECK(poly.size() == basis.size());
    commitments.push_back(msm::msm(basis, poly, max_threads));
  }
  std::vector<ec::G1Affine> affine(commitments.size());
  ec::G1::batch_to_affine(commitments, affine);
  return affine;
}

Result<std::vector<ec::G1Affine>> fixed_commitments(const kzg::Params& params,
                                                    const Assignment& assignment) {
  Result<std::vector<ec::G1Affine>> basis = lagrange_basis(params, assignment.k);
  if (!basis.is_ok()) return basis.status();
  for (const std::vector<ff::Fr>& column : assignment.fixed) {
    if (column.size() != assignment.n()) {
      return invalid_argument("a fixed column holds " + std::to_string(column.size()) +
                              " values, not 2^k = " + std::to_string(assignment.n()));
    }
  }
  return commit_lagrange(*basis, assignment.fixed);
}

Result<std::vector<ec::G1Affine>> permutation_commitments(const kzg::Params& params,
                                                          const ConstraintSystem& cs,
                                                          const Assignment& assignment) {
  Result<std::vector<ec::G1Affine>> basis = lagrange_basis(params, assignment.k);
  if (!basis.is_ok()) return basis.status();
  Result<std::vector<std::vector<ff::Fr>>> sigma = permutation_sigmas(cs, assignment);
  if (!sigma.is_ok()) return sigma.status();
  return commit_lagrange(*basis, *sigma);
}

}  // namespace nightjar::plonk
