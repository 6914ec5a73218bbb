#include "plonk/prover.h"

#include <chrono>
#include <string>

#include "plonk/lookup_prover.h"
#include "plonk/multi_open_prover.h"
#include "plonk/permutation_prover.h"
#include "plonk/quotient.h"
#include "plonk/transcript.h"
#include "plonk/trash_prover.h"
#include "plonk/vanishing_prover.h"

namespace nightjar::plonk {

namespace {

using ff::Fr;
using Clock = std::chrono::steady_clock;

class PhaseTimer {
 public:
  explicit PhaseTimer(ProofTimings* t) : t_(t), start_(Clock::now()) {}
  // Adds the time since the last call to `field`.
  void lap(double ProofTimings::*field) {
    const Clock::time_point now = Clock::now();
    if (t_ != nullptr) t_->*field += std::chrono::duration<double>(now - start_).count();
    start_ = now;
  }

 private:
  ProofTimings* t_;
  Clock::time_point start_;
};

Status check_shapes(const CommitmentKey& ck, const ProvingKey& pk, const Assignment& witness,
                    const ProverInstances& instances) {
  const ConstraintSystem& cs = pk.cs();
  const size_t n = pk.domain().n();
  if (ck.n() != n) {
    return invalid_argument("the SRS has 2^" + std::to_string(ck.k()) +
                            " points; the circuit needs exactly 2^" +
                            std::to_string(pk.domain().k()));
  }
  if (witness.n() != n || witness.advice.size() != cs.num_advice_columns()) {
    return invalid_argument("the witness does not have the circuit's shape (2^" +
                            std::to_string(witness.k) + " rows, " +
                            std::to_string(witness.advice.size()) + " advice columns)");
  }
  for (const std::vector<Fr>& col : witness.advice) {
    if (col.size() != n) return invalid_argument("a witness advice column has the wrong length");
  }
  if (instances.columns.size() != cs.num_instance_columns() ||
      instances.num_committed > instances.columns.size()) {
    return invalid_argument("expected " + std::to_string(cs.num_instance_columns()) +
                            " instance columns, got " + std::to_string(instances.columns.size()));
  }
  for (std::span<const Fr> col : instances.columns) {
    if (col.size() > pk.usable_rows()) {
      return invalid_argument("too many instance values (" + std::to_string(col.size()) +
                              ") for a circuit of 2^" + std::to_string(pk.domain().k()) + " rows");
    }
  }
  return Status();
}

ColumnValues row_values(const ProvingKey& pk, const std::vector<LagrangePoly>& advice,
                        const std::vector<LagrangePoly>& instance) {
  ColumnValues v;
  for (const LagrangePoly& p : pk.fixed_values()) v.fixed.push_back(p.data());
  for (const LagrangePoly& p : advice) v.advice.push_back(p.data());
  for (const LagrangePoly& p : instance) v.instance.push_back(p.data());
  v.size = pk.domain().n();
  v.rotation_scale = 1;
  return v;
}

std::vector<ExtendedPoly> to_extended(const ProverDomain& d, const std::vector<CoeffPoly>& polys) {
  std::vector<ExtendedPoly> out;
  for (const CoeffPoly& p : polys) out.push_back(d.coeff_to_extended(p));
  return out;
}

}  // namespace

ec::G1Affine commit_instance(const CommitmentKey& ck, std::span<const Fr> values) {
  return ck.commit_lagrange(values);
}

Result<std::vector<uint8_t>> create_proof(const CommitmentKey& ck, const ProvingKey& pk,
                                          const Assignment& witness,
                                          const ProverInstances& instances, RandomSource& rng,
                                          ProofTimings* timings, const CancelCheck& cancelled) {
  if (Status s = check_shapes(ck, pk, witness, instances); !s.is_ok()) return s;
  const auto stop = [&cancelled] { return cancelled && cancelled(); };
  const Status kStopped(StatusCode::kCancelled, "proof cancelled");
  const ConstraintSystem& cs = pk.cs();
  const ProverDomain& d = pk.domain();
  const size_t n = d.n();
  const size_t usable = pk.usable_rows();
  PhaseTimer timer(timings);

  Transcript transcript = Transcript::writer();
  transcript.common_scalar(pk.vk().transcript_repr());

  // Instances: committed columns by commitment, the others by length and values.
  std::vector<LagrangePoly> instance_values;
  for (size_t c = 0; c < instances.columns.size(); ++c) {
    std::span<const Fr> col = instances.columns[c];
    LagrangePoly values = d.empty_lagrange();
    std::copy(col.begin(), col.end(), values.span().begin());
    if (c < instances.num_committed) {
      transcript.common_point(ck.commit_lagrange(values.span()));
    } else {
      transcript.common_scalar(Fr::from_u64(col.size()));
      for (const Fr& v : col) transcript.common_scalar(v);
    }
    instance_values.push_back(std::move(values));
  }
  std::vector<CoeffPoly> instance_polys;
  for (const LagrangePoly& v : instance_values) instance_polys.push_back(d.lagrange_to_coeff(v));

  // Advice: the witness's usable rows, then blinding rows.
  std::vector<LagrangePoly> advice_values;
  for (size_t c = 0; c < cs.num_advice_columns(); ++c) {
    LagrangePoly values = d.empty_lagrange();
    std::copy(witness.advice[c].begin(), witness.advice[c].begin() + static_cast<ptrdiff_t>(usable),
              values.span().begin());
    if (!cs.unblinded_advice()[c]) {
      for (size_t i = usable; i < n; ++i) values[i] = random_fr(rng);
    }
    advice_values.push_back(std::move(values));
  }
  for (const LagrangePoly& v : advice_values) {
    transcript.write_point(ck.commit_lagrange(v.span()));
  }
  timer.lap(&ProofTimings::witness);
  if (stop()) return kStopped;

  const Fr theta = transcript.squeeze_challenge();
  const ColumnValues rows = row_values(pk, advice_values, instance_values);
  std::vector<LookupPermuted> permuted;
  {
    std::vector<std::pair<LagrangePoly, LagrangePoly>> compressed =
        compress_lookups(pk, rows, theta);
    for (auto& [input, table] : compressed) {
      Result<LookupPermuted> p =
          commit_permuted(pk, ck, std::move(input), std::move(table), rng, transcript);
      if (!p.is_ok()) return p.status();
      permuted.push_back(std::move(p).value());
    }
  }
  timer.lap(&ProofTimings::lookups);
  if (stop()) return kStopped;

  const Fr beta = transcript.squeeze_challenge();
  const Fr gamma = transcript.squeeze_challenge();
  const PermutationCommitted permutation =
      commit_permutation(pk, ck, rows, beta, gamma, rng, transcript);
  timer.lap(&ProofTimings::permutation);
  if (stop()) return kStopped;
  std::vector<LookupCommitted> lookups;
  for (LookupPermuted& p : permuted) {
    lookups.push_back(commit_product(pk, ck, std::move(p), beta, gamma, rng, transcript));
  }
  permuted.clear();
  timer.lap(&ProofTimings::lookups);

  const Fr trash_challenge = transcript.squeeze_challenge();
  const std::vector<CoeffPoly> trash = commit_trashcans(pk, ck, rows, trash_challenge, transcript);
  timer.lap(&ProofTimings::trash);

  const VanishingCommitted vanishing = commit_vanishing(ck, d, rng, transcript);
  timer.lap(&ProofTimings::vanishing);
  if (stop()) return kStopped;
  const Fr y = transcript.squeeze_challenge();

  std::vector<CoeffPoly> advice_polys;
  for (LagrangePoly& v : advice_values) advice_polys.push_back(d.lagrange_to_coeff(std::move(v)));
  advice_values.clear();

  VanishingConstructed h;
  {
    // Extended-coset forms live only while the numerator is computed.
    const std::vector<ExtendedPoly> advice_cosets = to_extended(d, advice_polys);
    const std::vector<ExtendedPoly> instance_cosets = to_extended(d, instance_polys);
    const std::vector<ExtendedPoly> product_cosets = to_extended(d, permutation.products);
    const std::vector<ExtendedPoly> trash_cosets = to_extended(d, trash);
    std::vector<ExtendedPoly> lookup_cosets;
    for (const LookupCommitted& l : lookups) {
      lookup_cosets.push_back(d.coeff_to_extended(l.product));
      lookup_cosets.push_back(d.coeff_to_extended(l.permuted_input));
      lookup_cosets.push_back(d.coeff_to_extended(l.permuted_table));
    }
    QuotientInputs in;
    for (const ExtendedPoly& p : pk.fixed_cosets()) in.columns.fixed.push_back(p.data());
    for (const ExtendedPoly& p : advice_cosets) in.columns.advice.push_back(p.data());
    for (const ExtendedPoly& p : instance_cosets) in.columns.instance.push_back(p.data());
    in.columns.size = d.extended_n();
    in.columns.rotation_scale = d.rotation_scale();
    in.y = y;
    in.beta = beta;
    in.gamma = gamma;
    in.theta = theta;
    in.trash_challenge = trash_challenge;
    in.permutation_products = &product_cosets;
    for (size_t l = 0; l < lookups.size(); ++l) {
      in.lookups.push_back(
          {&lookup_cosets[3 * l], &lookup_cosets[3 * l + 1], &lookup_cosets[3 * l + 2]});
    }
    in.trashcans = &trash_cosets;
    ExtendedPoly numerator = evaluate_numerator(pk, in);
    h = construct_vanishing(ck, d, std::move(numerator), rng, transcript);
  }
  timer.lap(&ProofTimings::quotient);
  if (stop()) return kStopped;

  const Fr x = transcript.squeeze_challenge();
  for (const QueryKey& q : cs.instance_queries()) {
    if (q.column < instances.num_committed) {
      transcript.write_scalar(
          eval_polynomial(instance_polys[q.column].span(), d.rotate(x, q.rotation)));
    }
  }
  for (const QueryKey& q : cs.advice_queries()) {
    transcript.write_scalar(
        eval_polynomial(advice_polys[q.column].span(), d.rotate(x, q.rotation)));
  }
  for (const QueryKey& q : cs.fixed_queries()) {
    transcript.write_scalar(
        eval_polynomial(pk.fixed_polys()[q.column].span(), d.rotate(x, q.rotation)));
  }
  const VanishingEvaluated h_evaluated =
      evaluate_vanishing(d, vanishing, std::move(h), x, transcript);
  evaluate_permutation_common(pk, x, transcript);
  evaluate_permutation(pk, permutation, x, transcript);
  for (const LookupCommitted& l : lookups) evaluate_lookup(pk, l, x, transcript);
  evaluate_trashcans(trash, x, transcript);
  timer.lap(&ProofTimings::evaluations);
  if (stop()) return kStopped;

  std::vector<ProverQuery> queries;
  for (const QueryKey& q : cs.instance_queries()) {
    if (q.column < instances.num_committed) {
      queries.push_back({d.rotate(x, q.rotation), &instance_polys[q.column]});
    }
  }
  for (const QueryKey& q : cs.advice_queries()) {
    queries.push_back({d.rotate(x, q.rotation), &advice_polys[q.column]});
  }
  open_permutation(pk, permutation, x, queries);
  for (const LookupCommitted& l : lookups) open_lookup(pk, l, x, queries);
  open_trashcans(trash, x, queries);
  for (const QueryKey& q : cs.fixed_queries()) {
    queries.push_back({d.rotate(x, q.rotation), &pk.fixed_polys()[q.column]});
  }
  open_permutation_common(pk, x, queries);
  open_vanishing(vanishing, h_evaluated, x, queries);
  if (Status s = multi_open(ck, queries, transcript); !s.is_ok()) return s;
  timer.lap(&ProofTimings::opening);
  return transcript.proof();
}

}  // namespace nightjar::plonk
