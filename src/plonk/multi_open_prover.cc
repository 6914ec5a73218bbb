#include "plonk/multi_open_prover.h"

#include <algorithm>
#include <vector>

#include "base/thread_pool.h"

namespace nightjar::plonk {

namespace {

using ff::Fr;

// acc += scale · p, coefficient-wise (acc at least as long as p).
void add_scaled(CoeffPoly& acc, const CoeffPoly& p, const Fr& scale) {
  NIGHTJAR_CHECK(acc.size() >= p.size());
  ThreadPool::global().parallel_for(p.size(), 4096, [&](size_t begin, size_t end) {
    for (size_t i = begin; i < end; ++i) acc[i] += p[i] * scale;
  });
}

}  // namespace

Status multi_open(const CommitmentKey& ck, std::span<const ProverQuery> queries,
                  Transcript& transcript) {
  const Fr x1 = transcript.squeeze_challenge();
  const Fr x2 = transcript.squeeze_challenge();

  // Points and polynomials in order of first appearance.
  std::vector<Fr> points;
  std::vector<const CoeffPoly*> polys;
  std::vector<std::vector<size_t>> poly_points;
  for (const ProverQuery& q : queries) {
    NIGHTJAR_CHECK(q.poly != nullptr);
    const size_t pi =
        static_cast<size_t>(std::find(points.begin(), points.end(), q.point) - points.begin());
    if (pi == points.size()) points.push_back(q.point);
    const size_t at =
        static_cast<size_t>(std::find(polys.begin(), polys.end(), q.poly) - polys.begin());
    if (at == polys.size()) {
      polys.push_back(q.poly);
      poly_points.emplace_back();
    }
    std::vector<size_t>& idx = poly_points[at];
    if (std::find(idx.begin(), idx.end(), pi) != idx.end()) {
      return invalid_argument("multi-open: a polynomial is queried twice at one point");
    }
    idx.push_back(pi);
  }
  // Point sets (sorted point indices), numbered in order of first appearance.
  std::vector<std::vector<size_t>> sets;
  std::vector<size_t> set_of(polys.size());
  for (size_t i = 0; i < polys.size(); ++i) {
    std::vector<size_t> set = poly_points[i];
    std::sort(set.begin(), set.end());
    auto it = std::find(sets.begin(), sets.end(), set);
    set_of[i] = static_cast<size_t>(it - sets.begin());
    if (it == sets.end()) sets.push_back(std::move(set));
  }

  size_t len = 0;
  for (const CoeffPoly* p : polys) len = std::max(len, p->size());
  NIGHTJAR_CHECK(len <= ck.n());
  std::vector<CoeffPoly> q_polys;
  for (size_t s = 0; s < sets.size(); ++s) {
    CoeffPoly q(len);
    Fr power = Fr::one();
    for (size_t i = 0; i < polys.size(); ++i) {
      if (set_of[i] != s) continue;
      add_scaled(q, *polys[i], power);
      power *= x1;
    }
    q_polys.push_back(std::move(q));
  }

  CoeffPoly f(len);
  Fr power = Fr::one();
  for (size_t s = 0; s < sets.size(); ++s) {
    CoeffPoly quotient = q_polys[s];
    for (size_t pi : sets[s]) quotient = kate_division(quotient.span(), points[pi]);
    add_scaled(f, quotient, power);
    power *= x2;
  }
  transcript.write_point(ck.commit(f.span()));

  const Fr x3 = transcript.squeeze_challenge();
  for (const CoeffPoly& q : q_polys) transcript.write_scalar(eval_polynomial(q.span(), x3));

  const Fr x4 = transcript.squeeze_challenge();
  CoeffPoly final_poly(len);
  power = Fr::one();
  for (const CoeffPoly& q : q_polys) {
    add_scaled(final_poly, q, power);
    power *= x4;
  }
  add_scaled(final_poly, f, power);
  // (F - F(x3)) / (X - x3): the constant term does not enter the quotient.
  const CoeffPoly pi = kate_division(final_poly.span(), x3);
  transcript.write_point(ck.commit(pi.span()));
  return Status();
}

}  // namespace nightjar::plonk
