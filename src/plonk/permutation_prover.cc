#include "plonk/permutation_prover.h"

#include <algorithm>

#include "base/thread_pool.h"

namespace nightjar::plonk {

namespace {

using ff::Fr;

const Fr* column_values(const ColumnValues& rows, const Column& c) {
  switch (c.type) {
    case ColumnType::kAdvice:
      return rows.advice[c.index];
    case ColumnType::kFixed:
      return rows.fixed[c.index];
    case ColumnType::kInstance:
      return rows.instance[c.index];
  }
  return nullptr;
}

}  // namespace

PermutationCommitted commit_permutation(const ProvingKey& pk, const CommitmentKey& ck,
                                        const ColumnValues& rows, const Fr& beta, const Fr& gamma,
                                        RandomSource& rng, Transcript& transcript) {
  const ConstraintSystem& cs = pk.cs();
  const ProverDomain& d = pk.domain();
  const size_t n = d.n();
  const size_t blinding = cs.blinding_factors();
  const size_t chunk_len = pk.vk().cs_degree() - 2;
  const std::vector<Column>& columns = cs.permutation_columns();
  const Fr delta = permutation_delta();

  PermutationCommitted out;
  Fr last_z = Fr::one();
  Fr delta_power = Fr::one();  // δ^j for the set's first column j
  for (size_t begin = 0; begin < columns.size(); begin += chunk_len) {
    const size_t end = std::min(columns.size(), begin + chunk_len);
    LagrangePoly ratio(n);
    ThreadPool::global().parallel_for(n, 1024, [&](size_t lo, size_t hi) {
      for (size_t i = lo; i < hi; ++i) {
        Fr den = Fr::one();
        for (size_t j = begin; j < end; ++j) {
          den *= column_values(rows, columns[j])[i] + beta * pk.permutation_values()[j][i] + gamma;
        }
        ratio[i] = den;
      }
    });
    batch_invert(ratio.span());
    ThreadPool::global().parallel_for(n, 1024, [&](size_t lo, size_t hi) {
      // β δ^j ω^i for the first column of the set at row lo.
      const Fr start = beta * delta_power * d.omega().pow_u64(lo);
      for (size_t j = begin; j < end; ++j) {
        Fr term = start * delta.pow_u64(j - begin);
        const Fr* v = column_values(rows, columns[j]);
        for (size_t i = lo; i < hi; ++i) {
          ratio[i] *= v[i] + term + gamma;
          term *= d.omega();
        }
      }
    });
    delta_power *= delta.pow_u64(end - begin);

    LagrangePoly z(n);
    z[0] = last_z;
    for (size_t i = 1; i < n; ++i) z[i] = z[i - 1] * ratio[i - 1];
    for (size_t i = n - blinding; i < n; ++i) z[i] = random_fr(rng);
    last_z = z[n - blinding - 1];
    transcript.write_point(ck.commit_lagrange(z.span()));
    out.products.push_back(d.lagrange_to_coeff(std::move(z)));
  }
  return out;
}

void evaluate_permutation_common(const ProvingKey& pk, const Fr& x, Transcript& transcript) {
  for (const CoeffPoly& sigma : pk.permutation_polys()) {
    transcript.write_scalar(eval_polynomial(sigma.span(), x));
  }
}

void evaluate_permutation(const ProvingKey& pk, const PermutationCommitted& p, const Fr& x,
                          Transcript& transcript) {
  const ProverDomain& d = pk.domain();
  const int32_t last = -static_cast<int32_t>(pk.cs().blinding_factors() + 1);
  for (size_t s = 0; s < p.products.size(); ++s) {
    const CoeffPoly& z = p.products[s];
    transcript.write_scalar(eval_polynomial(z.span(), x));
    transcript.write_scalar(eval_polynomial(z.span(), d.rotate(x, 1)));
    if (s + 1 < p.products.size()) {
      transcript.write_scalar(eval_polynomial(z.span(), d.rotate(x, last)));
    }
  }
}

void open_permutation(const ProvingKey& pk, const PermutationCommitted& p, const Fr& x,
                      std::vector<ProverQuery>& queries) {
  const ProverDomain& d = pk.domain();
  const Fr x_next = d.rotate(x, 1);
  const Fr x_last = d.rotate(x, -static_cast<int32_t>(pk.cs().blinding_factors() + 1));
  for (const CoeffPoly& z : p.products) {
    queries.push_back({x, &z});
    queries.push_back({x_next, &z});
  }
  for (size_t s = p.products.size(); s-- > 1;) queries.push_back({x_last, &p.products[s - 1]});
}

void open_permutation_common(const ProvingKey& pk, const Fr& x, std::vector<ProverQuery>& queries) {
  for (const CoeffPoly& sigma : pk.permutation_polys()) queries.push_back({x, &sigma});
}

}  // namespace nightjar::plonk
