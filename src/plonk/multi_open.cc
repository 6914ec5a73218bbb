#include "plonk/multi_open.h"

#include <algorithm>
#include <array>
#include <span>

#include "msm/msm.h"

namespace nightjar::plonk {

namespace {

struct CommitmentData {
  uint32_t slot = 0;
  size_t set_index = 0;
  std::vector<size_t> point_indices;  // in query order
  std::vector<ff::Fr> evals;          // in the order of the sorted point set
};

// Σ evals_j · Π_{m≠j} (z - p_m) / (p_j - p_m): the interpolating polynomial through
// (points, evals) evaluated at z.
ff::Fr interpolate_at(const std::vector<ff::Fr>& points, const std::vector<ff::Fr>& evals,
                      const ff::Fr& z) {
  ff::Fr acc = ff::Fr::zero();
  for (size_t j = 0; j < points.size(); ++j) {
    ff::Fr num = ff::Fr::one();
    ff::Fr den = ff::Fr::one();
    for (size_t m = 0; m < points.size(); ++m) {
      if (m == j) continue;
      num *= z - points[m];
      den *= points[j] - points[m];
    }
    acc += evals[j] * num * den.inverse_vartime();
  }
  return acc;
}

}  // namespace

Result<DualMsm> multi_prepare(const std::vector<CommitmentSlot>& slots,
                              const std::vector<VerifierQuery>& queries, Transcript& transcript) {
  const ff::Fr x1 = transcript.squeeze_challenge();
  const ff::Fr x2 = transcript.squeeze_challenge();

  // Points and commitments in order of first appearance.
  std::vector<ff::Fr> points;
  std::vector<CommitmentData> commitments;
  std::vector<int64_t> position_of_slot(slots.size(), -1);
  auto point_index = [&points](const ff::Fr& p) {
    auto it = std::find(points.begin(), points.end(), p);
    return static_cast<size_t>(it - points.begin());
  };
  for (const VerifierQuery& q : queries) {
    NIGHTJAR_CHECK(q.slot < slots.size());
    size_t pi = point_index(q.point);
    if (pi == points.size()) points.push_back(q.point);
    int64_t& pos = position_of_slot[q.slot];
    if (pos < 0) {
      pos = static_cast<int64_t>(commitments.size());
      commitments.push_back(CommitmentData{q.slot, 0, {}, {}});
    }
    std::vector<size_t>& idx = commitments[static_cast<size_t>(pos)].point_indices;
    if (std::find(idx.begin(), idx.end(), pi) != idx.end()) {
      return invalid_argument("multi-open: a commitment is queried twice at one point");
    }
    idx.push_back(pi);
  }

  // Point sets, numbered in order of first appearance, each listing its points in index order.
  std::vector<std::vector<size_t>> sets;
  for (CommitmentData& c : commitments) {
    std::vector<size_t> set = c.point_indices;
    std::sort(set.begin(), set.end());
    auto it = std::find(sets.begin(), sets.end(), set);
    c.set_index = static_cast<size_t>(it - sets.begin());
    if (it == sets.end()) sets.push_back(set);
    c.evals.assign(set.size(), ff::Fr::zero());
  }
  for (const VerifierQuery& q : queries) {
    CommitmentData& c = commitments[static_cast<size_t>(position_of_slot[q.slot])];
    const std::vector<size_t>& set = sets[c.set_index];
    const size_t at =
        static_cast<size_t>(std::find(set.begin(), set.end(), point_index(q.point)) - set.begin());
    c.evals[at] = q.eval;
  }
  std::vector<std::vector<ff::Fr>> point_sets(sets.size());
  for (size_t s = 0; s < sets.size(); ++s) {
    for (size_t i : sets[s]) point_sets[s].push_back(points[i]);
  }

  // Per set: x1-combinations of its commitments (as MSM terms) and of their evaluations.
  std::vector<std::vector<const CommitmentData*>> by_set(sets.size());
  for (const CommitmentData& c : commitments) by_set[c.set_index].push_back(&c);
  std::vector<std::vector<std::pair<ff::Fr, ec::G1Affine>>> q_terms(sets.size());
  std::vector<std::vector<ff::Fr>> q_evals(sets.size());
  for (size_t s = 0; s < sets.size(); ++s) {
    q_evals[s].assign(point_sets[s].size(), ff::Fr::zero());
    ff::Fr power = ff::Fr::one();
    for (const CommitmentData* c : by_set[s]) {
      const CommitmentSlot& slot = slots[c->slot];
      if (slot.chopped) {
        // The official code takes the opening point as point_sets[set][first point index].
        const size_t first = c->point_indices[0];
        if (first >= point_sets[s].size()) {
          return invalid_argument("multi-open: a chopped commitment has no usable opening point");
        }
        const ff::Fr factor = point_sets[s][first].pow_u64(slot.n - 1);
        ff::Fr scalar = power;
        for (const ec::G1Affine& part : slot.parts) {
          q_terms[s].emplace_back(scalar, part);
          scalar *= factor;
        }
      } else {
        q_terms[s].emplace_back(power, slot.parts[0]);
      }
      for (size_t i = 0; i < c->evals.size(); ++i) q_evals[s][i] += c->evals[i] * power;
      power *= x1;
    }
  }

  Result<ec::G1Affine> f_com = transcript.read_point();
  if (!f_com.is_ok()) return f_com.status();
  const ff::Fr x3 = transcript.squeeze_challenge();
  std::vector<ff::Fr> q_evals_on_x3;
  for (size_t s = 0; s < sets.size(); ++s) {
    Result<ff::Fr> e = transcript.read_scalar();
    if (!e.is_ok()) return e.status();
    q_evals_on_x3.push_back(*e);
  }

  ff::Fr f_eval = ff::Fr::zero();
  for (size_t s = sets.size(); s-- > 0;) {
    const ff::Fr r = interpolate_at(point_sets[s], q_evals[s], x3);
    ff::Fr den = ff::Fr::one();
    for (const ff::Fr& p : point_sets[s]) den *= x3 - p;
    f_eval = f_eval * x2 + (q_evals_on_x3[s] - r) * den.inverse_vartime();
  }

  const ff::Fr x4 = transcript.squeeze_challenge();
  Result<ec::G1Affine> pi = transcript.read_point();
  if (!pi.is_ok()) return pi.status();

  // right = Σ x4^s q_s + x4^m f + x3 π - v G, with v = Σ x4^s q_s(x3) + x4^m f_eval.
  std::vector<ec::G1Affine> bases;
  std::vector<ff::Fr> scalars;
  ff::Fr power = ff::Fr::one();
  ff::Fr v = ff::Fr::zero();
  for (size_t s = 0; s < sets.size(); ++s) {
    for (const auto& [scalar, point] : q_terms[s]) {
      bases.push_back(point);
      scalars.push_back(scalar * power);
    }
    v += q_evals_on_x3[s] * power;
    power *= x4;
  }
  bases.push_back(*f_com);
  scalars.push_back(power);
  v += f_eval * power;
  bases.push_back(*pi);
  scalars.push_back(x3);
  bases.push_back(-ec::G1Affine::generator());
  scalars.push_back(v);
  const ec::G1 right = msm::msm(bases, scalars, 1);
  return DualMsm{*pi, right.to_affine()};
}

VerifierParams::VerifierParams(const ec::G2Affine& g2, const ec::G2Affine& s_g2)
    : s_g2_(s_g2), neg_g2_(-g2) {}

bool VerifierParams::check(const DualMsm& m) const {
  const std::array<ec::PreparedPairingTerm, 2> terms = {
      ec::PreparedPairingTerm{m.left, std::cref(s_g2_)},
      ec::PreparedPairingTerm{m.right, std::cref(neg_g2_)}};
  return ec::pairing_product_is_one(terms);
}

}  // namespace nightjar::plonk
