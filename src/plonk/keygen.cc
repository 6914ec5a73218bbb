#include "plonk/keygen.h"

#include <string>
#include <utility>

#include "plonk/permutation_keygen.h"

namespace nightjar::plonk {

Result<PlonkKeys> keygen(const ConstraintSystem& cs, Assignment&& layout, const kzg::Params& params,
                         size_t max_threads) {
  // halo2 checks the domain against the system before synthesis; the layout was made for it.
  const size_t minimum_rows = cs.blinding_factors() + 3;
  if (layout.n() < minimum_rows) {
    return Status(StatusCode::kOutOfRange,
                  "not enough rows available: 2^" + std::to_string(layout.k) +
                      " rows, the system needs " + std::to_string(minimum_rows));
  }
  if (layout.fixed.size() != cs.num_fixed_columns()) {
    return invalid_argument("the layout has " + std::to_string(layout.fixed.size()) +
                            " fixed columns, the system " + std::to_string(cs.num_fixed_columns()));
  }
  for (const std::vector<ff::Fr>& column : layout.fixed) {
    if (column.size() != layout.n()) {
      return invalid_argument("a fixed column holds " + std::to_string(column.size()) +
                              " values, not 2^k = " + std::to_string(layout.n()));
    }
  }
  Result<std::vector<ec::G1Affine>> basis = lagrange_basis(params, layout.k);
  if (!basis.is_ok()) return basis.status();
  Result<std::vector<std::vector<ff::Fr>>> sigmas = permutation_sigmas(cs, layout, max_threads);
  if (!sigmas.is_ok()) return sigmas.status();

  PlonkKeys keys;
  keys.k = layout.k;
  keys.fixed = std::move(layout.fixed);
  keys.sigmas = std::move(sigmas).value();
  keys.fixed_commitments = commit_lagrange(*basis, keys.fixed, max_threads);
  keys.permutation_commitments = commit_lagrange(*basis, keys.sigmas, max_threads);
  return keys;
}

}  // namespace nightjar::plonk
