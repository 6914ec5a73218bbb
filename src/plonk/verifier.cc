#include "plonk/verifier.h"

#include <algorithm>

#include "plonk/expression.h"

namespace nightjar::plonk {

namespace {

using ff::Fr;

Status read_points(Transcript& t, size_t n, std::vector<ec::G1Affine>& out) {
  for (size_t i = 0; i < n; ++i) {
    Result<ec::G1Affine> p = t.read_point();
    if (!p.is_ok()) return p.status();
    out.push_back(*p);
  }
  return Status();
}

Status read_scalars(Transcript& t, size_t n, std::vector<Fr>& out) {
  for (size_t i = 0; i < n; ++i) {
    Result<Fr> x = t.read_scalar();
    if (!x.is_ok()) return x.status();
    out.push_back(*x);
  }
  return Status();
}

struct Evals {
  std::span<const Fr> fixed;
  std::span<const Fr> advice;
  std::span<const Fr> instance;
  std::span<const Fr> challenges;
};

Fr evaluate(const Expression& e, const Evals& ev) {
  using Kind = Expression::Kind;
  switch (e.kind()) {
    case Kind::kConstant:
      return e.value();
    case Kind::kSelector:
      NIGHTJAR_CHECK(false);  // converted to fixed columns before any proof is checked
      return Fr::zero();
    case Kind::kFixed:
      return ev.fixed[*e.query().index];
    case Kind::kAdvice:
      return ev.advice[*e.query().index];
    case Kind::kInstance:
      return ev.instance[*e.query().index];
    case Kind::kChallenge:
      return ev.challenges[e.challenge_value().index];
    case Kind::kNegated:
      return -evaluate(e.lhs(), ev);
    case Kind::kSum:
      return evaluate(e.lhs(), ev) + evaluate(e.rhs(), ev);
    case Kind::kProduct:
      return evaluate(e.lhs(), ev) * evaluate(e.rhs(), ev);
    case Kind::kScaled:
      return evaluate(e.lhs(), ev) * e.value();
  }
  return Fr::zero();
}

Fr compress(const std::vector<Expression>& es, const Fr& theta, const Evals& ev) {
  Fr acc = Fr::zero();
  for (const Expression& e : es) acc = acc * theta + evaluate(e, ev);
  return acc;
}

// Lagrange basis values l_i(x) for i in [from, to), from xn = x^n (halo2 l_i_range).
std::vector<Fr> lagrange_range(const DomainInfo& d, const Fr& x, const Fr& xn, int32_t from,
                               int32_t to) {
  std::vector<Fr> out;
  for (int32_t i = from; i < to; ++i) out.push_back(x - d.rotate(Fr::one(), i));
  std::vector<Fr> scratch(out.size());
  Fr::batch_inverse(out, scratch);
  const Fr common = (xn - Fr::one()) * d.n_inv;
  for (int32_t i = from; i < to; ++i) {
    Fr& r = out[static_cast<size_t>(i - from)];
    r = d.rotate(r * common, i);
  }
  return out;
}

struct LookupCommitments {
  uint32_t permuted_input = 0;
  uint32_t permuted_table = 0;
  uint32_t product = 0;
};

struct LookupEvals {
  Fr product;
  Fr product_next;
  Fr permuted_input;
  Fr permuted_input_inv;
  Fr permuted_table;
};

struct PermutationSetEvals {
  Fr product;
  Fr product_next;
  Fr product_last;  // all sets but the last
};

}  // namespace

Result<DualMsm> prepare(const VerifyingKey& vk, const Instances& instances,
                        std::span<const uint8_t> proof) {
  const ConstraintSystem& cs = vk.cs();
  const DomainInfo& domain = vk.domain();
  const size_t n_committed = instances.committed.size();
  if (n_committed + instances.columns.size() != cs.num_instance_columns()) {
    return invalid_argument("expected " + std::to_string(cs.num_instance_columns()) +
                            " instance columns, got " +
                            std::to_string(n_committed + instances.columns.size()));
  }
  for (std::span<const Fr> col : instances.columns) {
    // Public inputs occupy the usable rows only.
    if (col.size() > domain.n - (cs.blinding_factors() + 1)) {
      return invalid_argument("too many public inputs (" + std::to_string(col.size()) +
                              ") for a circuit of 2^" + std::to_string(domain.k) + " rows");
    }
  }
  // Every commitment of the proof gets a slot; queries name slots.
  std::vector<CommitmentSlot> slots;
  auto slot = [&slots](const ec::G1Affine& p) {
    slots.push_back(CommitmentSlot{{p}, false, 0});
    return static_cast<uint32_t>(slots.size() - 1);
  };

  Transcript t = Transcript::reader(proof);
  t.common_scalar(vk.transcript_repr());
  for (const ec::G1Affine& c : instances.committed) t.common_point(c);
  for (std::span<const Fr> col : instances.columns) {
    t.common_scalar(Fr::from_u64(col.size()));
    for (const Fr& v : col) t.common_scalar(v);
  }

  std::vector<ec::G1Affine> advice_commitments;
  if (Status s = read_points(t, cs.num_advice_columns(), advice_commitments); !s.is_ok()) return s;
  const Fr theta = t.squeeze_challenge();

  std::vector<ec::G1Affine> lookup_permuted;
  if (Status s = read_points(t, 2 * cs.lookups().size(), lookup_permuted); !s.is_ok()) return s;
  const Fr beta = t.squeeze_challenge();
  const Fr gamma = t.squeeze_challenge();

  const size_t chunk_len = vk.cs_degree() - 2;
  const size_t n_perm_cols = cs.permutation_columns().size();
  const size_t n_sets = (n_perm_cols + chunk_len - 1) / chunk_len;
  std::vector<ec::G1Affine> permutation_products;
  if (Status s = read_points(t, n_sets, permutation_products); !s.is_ok()) return s;
  std::vector<ec::G1Affine> lookup_products;
  if (Status s = read_points(t, cs.lookups().size(), lookup_products); !s.is_ok()) return s;
  const Fr trash_challenge = t.squeeze_challenge();
  std::vector<ec::G1Affine> trash_commitments;
  if (Status s = read_points(t, cs.trashcans().size(), trash_commitments); !s.is_ok()) return s;
  std::vector<ec::G1Affine> random_commitment;
  if (Status s = read_points(t, 1, random_commitment); !s.is_ok()) return s;
  const Fr y = t.squeeze_challenge();
  std::vector<ec::G1Affine> h_commitments;
  if (Status s = read_points(t, domain.quotient_pieces, h_commitments); !s.is_ok()) return s;
  const Fr x = t.squeeze_challenge();
  const Fr xn = x.pow_u64(domain.n);

  // Instance evaluations: committed columns come from the proof, public ones are computed.
  int32_t min_rot = 0;
  int32_t max_rot = 0;
  for (const QueryKey& q : cs.instance_queries()) {
    min_rot = std::min(min_rot, q.rotation);
    max_rot = std::max(max_rot, q.rotation);
  }
  size_t max_len = 0;
  for (std::span<const Fr> col : instances.columns) max_len = std::max(max_len, col.size());
  const std::vector<Fr> l_i =
      lagrange_range(domain, x, xn, -max_rot, static_cast<int32_t>(max_len) + std::abs(min_rot));
  std::vector<Fr> instance_evals;
  for (const QueryKey& q : cs.instance_queries()) {
    if (q.column < n_committed) {
      Result<Fr> e = t.read_scalar();
      if (!e.is_ok()) return e.status();
      instance_evals.push_back(*e);
    } else {
      std::span<const Fr> values = instances.columns[q.column - n_committed];
      const size_t offset = static_cast<size_t>(max_rot - q.rotation);
      Fr acc = Fr::zero();
      for (size_t i = 0; i < values.size(); ++i) acc += values[i] * l_i[offset + i];
      instance_evals.push_back(acc);
    }
  }

  std::vector<Fr> advice_evals;
  if (Status s = read_scalars(t, cs.advice_queries().size(), advice_evals); !s.is_ok()) return s;
  std::vector<Fr> fixed_evals;
  if (Status s = read_scalars(t, cs.fixed_queries().size(), fixed_evals); !s.is_ok()) return s;
  std::vector<Fr> random_eval;
  if (Status s = read_scalars(t, 1, random_eval); !s.is_ok()) return s;
  std::vector<Fr> permutation_common;
  if (Status s = read_scalars(t, n_perm_cols, permutation_common); !s.is_ok()) return s;
  std::vector<PermutationSetEvals> sets(n_sets);
  for (size_t i = 0; i < n_sets; ++i) {
    std::vector<Fr> e;
    if (Status s = read_scalars(t, i + 1 < n_sets ? 3 : 2, e); !s.is_ok()) return s;
    sets[i] = PermutationSetEvals{e[0], e[1], i + 1 < n_sets ? e[2] : Fr::zero()};
  }
  std::vector<LookupEvals> lookups(cs.lookups().size());
  for (LookupEvals& l : lookups) {
    std::vector<Fr> e;
    if (Status s = read_scalars(t, 5, e); !s.is_ok()) return s;
    l = LookupEvals{e[0], e[1], e[2], e[3], e[4]};
  }
  std::vector<Fr> trash_evals;
  if (Status s = read_scalars(t, cs.trashcans().size(), trash_evals); !s.is_ok()) return s;

  // The quotient's expected value at x: every identity folded with y, divided by x^n - 1.
  const size_t blinding = cs.blinding_factors();
  const std::vector<Fr> l_evals =
      lagrange_range(domain, x, xn, -static_cast<int32_t>(blinding + 1), 1);
  const Fr l_last = l_evals[0];
  Fr l_blind = Fr::zero();
  for (size_t i = 1; i <= blinding; ++i) l_blind += l_evals[i];
  const Fr l_0 = l_evals[blinding + 1];
  const Fr active_rows = Fr::one() - (l_last + l_blind);

  const Evals ev{fixed_evals, advice_evals, instance_evals, {}};
  Fr h = Fr::zero();
  auto fold = [&h, &y](const Fr& v) { h = h * y + v; };
  for (const Gate& g : cs.gates()) {
    for (const Expression& p : g.polys) fold(evaluate(p, ev));
  }

  auto column_eval = [&](const Column& c) {
    const std::optional<uint32_t> q = cs.find_query(c.type, QueryKey{c.index, 0});
    NIGHTJAR_CHECK(q.has_value());
    switch (c.type) {
      case ColumnType::kAdvice:
        return advice_evals[*q];
      case ColumnType::kFixed:
        return fixed_evals[*q];
      case ColumnType::kInstance:
        return instance_evals[*q];
    }
    return Fr::zero();
  };
  if (n_sets > 0) {
    fold(l_0 * (Fr::one() - sets.front().product));
    fold((sets.back().product.square() - sets.back().product) * l_last);
    for (size_t i = 1; i < n_sets; ++i) fold((sets[i].product - sets[i - 1].product_last) * l_0);
    const Fr delta = Fr::multiplicative_generator().pow(std::array<uint64_t, 1>{uint64_t{1} << 32});
    for (size_t i = 0; i < n_sets; ++i) {
      const size_t begin = i * chunk_len;
      const size_t end = std::min(n_perm_cols, begin + chunk_len);
      Fr left = sets[i].product_next;
      for (size_t j = begin; j < end; ++j) {
        left *= column_eval(cs.permutation_columns()[j]) + beta * permutation_common[j] + gamma;
      }
      Fr right = sets[i].product;
      Fr current_delta = beta * x * delta.pow_u64(begin);
      for (size_t j = begin; j < end; ++j) {
        right *= column_eval(cs.permutation_columns()[j]) + current_delta + gamma;
        current_delta *= delta;
      }
      fold((left - right) * active_rows);
    }
  }
  for (size_t i = 0; i < lookups.size(); ++i) {
    const LookupEvals& l = lookups[i];
    const LookupArgument& arg = cs.lookups()[i];
    fold(l_0 * (Fr::one() - l.product));
    fold(l_last * (l.product.square() - l.product));
    const Fr left = l.product_next * (l.permuted_input + beta) * (l.permuted_table + gamma);
    const Fr right = l.product * (compress(arg.inputs, theta, ev) + beta) *
                     (compress(arg.tables, theta, ev) + gamma);
    fold((left - right) * active_rows);
    fold(l_0 * (l.permuted_input - l.permuted_table));
    fold((l.permuted_input - l.permuted_table) * (l.permuted_input - l.permuted_input_inv) *
         active_rows);
  }
  for (size_t i = 0; i < trash_evals.size(); ++i) {
    const TrashArgument& arg = cs.trashcans()[i];
    const Fr compressed = compress(arg.constraints, trash_challenge, ev);
    const Fr q = evaluate(arg.selector, ev);
    fold(compressed - (Fr::one() - q) * trash_evals[i]);
  }
  const Fr vanishing = xn - Fr::one();
  if (vanishing.is_zero()) return invalid_argument("proof's challenge x lies in the domain");
  const Fr expected_h = h * vanishing.inverse_vartime();

  // The queries, in the official order (it fixes the multi-open's sets and challenges).
  std::vector<VerifierQuery> queries;
  std::vector<uint32_t> committed_slots;
  for (const ec::G1Affine& c : instances.committed) committed_slots.push_back(slot(c));
  std::vector<uint32_t> advice_slots;
  for (const ec::G1Affine& c : advice_commitments) advice_slots.push_back(slot(c));
  for (size_t i = 0; i < cs.instance_queries().size(); ++i) {
    const QueryKey& q = cs.instance_queries()[i];
    if (q.column < n_committed) {
      queries.push_back(
          {domain.rotate(x, q.rotation), committed_slots[q.column], instance_evals[i]});
    }
  }
  for (size_t i = 0; i < cs.advice_queries().size(); ++i) {
    const QueryKey& q = cs.advice_queries()[i];
    queries.push_back({domain.rotate(x, q.rotation), advice_slots[q.column], advice_evals[i]});
  }
  const Fr x_next = domain.rotate(x, 1);
  const Fr x_prev = domain.rotate(x, -1);
  const Fr x_last = domain.rotate(x, -static_cast<int32_t>(blinding + 1));
  std::vector<uint32_t> set_slots;
  for (const ec::G1Affine& c : permutation_products) set_slots.push_back(slot(c));
  for (size_t i = 0; i < n_sets; ++i) {
    queries.push_back({x, set_slots[i], sets[i].product});
    queries.push_back({x_next, set_slots[i], sets[i].product_next});
  }
  for (size_t i = n_sets; i-- > 1;) {
    queries.push_back({x_last, set_slots[i - 1], sets[i - 1].product_last});
  }
  for (size_t i = 0; i < lookups.size(); ++i) {
    const uint32_t input = slot(lookup_permuted[2 * i]);
    const uint32_t table = slot(lookup_permuted[2 * i + 1]);
    const uint32_t product = slot(lookup_products[i]);
    queries.push_back({x, product, lookups[i].product});
    queries.push_back({x, input, lookups[i].permuted_input});
    queries.push_back({x, table, lookups[i].permuted_table});
    queries.push_back({x_prev, input, lookups[i].permuted_input_inv});
    queries.push_back({x_next, product, lookups[i].product_next});
  }
  for (size_t i = 0; i < trash_evals.size(); ++i) {
    queries.push_back({x, slot(trash_commitments[i]), trash_evals[i]});
  }
  std::vector<uint32_t> fixed_slots;
  for (const ec::G1Affine& c : vk.fixed_commitments()) fixed_slots.push_back(slot(c));
  for (size_t i = 0; i < cs.fixed_queries().size(); ++i) {
    const QueryKey& q = cs.fixed_queries()[i];
    queries.push_back({domain.rotate(x, q.rotation), fixed_slots[q.column], fixed_evals[i]});
  }
  for (size_t i = 0; i < n_perm_cols; ++i) {
    queries.push_back({x, slot(vk.permutation_commitments()[i]), permutation_common[i]});
  }
  slots.push_back(CommitmentSlot{h_commitments, true, domain.n});
  queries.push_back({x, static_cast<uint32_t>(slots.size() - 1), expected_h});
  queries.push_back({x, slot(random_commitment[0]), random_eval[0]});

  Result<DualMsm> msm = multi_prepare(slots, queries, t);
  if (!msm.is_ok()) return msm;
  if (Status s = t.assert_empty(); !s.is_ok()) return s;
  return msm;
}

Status verify(const VerifierParams& params, const VerifyingKey& vk, const Instances& instances,
              std::span<const uint8_t> proof) {
  Result<DualMsm> msm = prepare(vk, instances, proof);
  if (!msm.is_ok()) return msm.status();
  if (!params.check(*msm)) return invalid_argument("proof does not verify (pairing check failed)");
  return Status();
}

}  // namespace nightjar::plonk
