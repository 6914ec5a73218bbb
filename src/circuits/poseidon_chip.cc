#include "circuits/poseidon_chip.h"

#include <algorithm>
#include <vector>

namespace nightjar::circuits {

namespace {

using ff::Fr;
using plonk::Column;
using plonk::Constraints;
using plonk::Expression;
using plonk::VirtualCells;
using P = PoseidonParams;

constexpr size_t kWidth = kPoseidonWidth;

Fr element(const P::Element& limbs) { return Fr::from_montgomery_unchecked(limbs); }

// An affine form over one batch of partial rounds: coefficients of the row's variables (as in
// PoseidonPartialRounds) and of the batch's round constants, consts[r * width + i] standing for
// the i-th constant added by the batch's round r.
struct AffineForm {
  std::array<Fr, kPoseidonAdviceCols> vars{};
  std::array<Fr, kWidth * kPoseidonBatch> consts{};

  void add_scaled(const AffineForm& o, const Fr& f) {
    for (size_t i = 0; i < vars.size(); ++i) vars[i] += o.vars[i] * f;
    for (size_t i = 0; i < consts.size(); ++i) consts[i] += o.consts[i] * f;
  }
};

// x^5 with the official tree shape: x * ((x * x) * (x * x)).
Expression sbox(const Expression& x) {
  Expression sq = x * x;
  return x * (sq * sq);
}

}  // namespace

PoseidonPartialRounds poseidon_partial_rounds() {
  // Unroll kPoseidonBatch shifted partial rounds symbolically. Entering round r, the first
  // width - 1 state elements are affine forms and the last is the variable width - 1 + r, which
  // the round's S-box raises to the fifth power.
  std::array<AffineForm, kWidth - 1> linear;
  for (size_t i = 0; i + 1 < kWidth; ++i) linear[i].vars[i] = Fr::one();
  std::array<AffineForm, kPoseidonBatch> last_after;
  for (size_t r = 0; r < kPoseidonBatch; ++r) {
    std::array<AffineForm, kWidth> state;
    std::copy(linear.begin(), linear.end(), state.begin());
    state[kWidth - 1].vars[kWidth - 1 + r] = Fr::one();
    std::array<AffineForm, kWidth> out;
    for (size_t i = 0; i < kWidth; ++i) {
      out[i].consts[r * kWidth + i] = Fr::one();
      for (size_t j = 0; j < kWidth; ++j) out[i].add_scaled(state[j], element(P::kMds[i][j]));
    }
    std::copy(out.begin(), out.end() - 1, linear.begin());
    last_after[r] = out[kWidth - 1];
  }
  std::array<const AffineForm*, kPoseidonFixedCols> ids;
  for (size_t k = 0; k + 1 < kWidth; ++k) ids[k] = &linear[k];
  for (size_t r = 0; r < kPoseidonBatch; ++r) ids[kWidth - 1 + r] = &last_after[r];

  PoseidonPartialRounds out;
  for (size_t k = 0; k < kPoseidonFixedCols; ++k) out.coeffs[k] = ids[k]->vars;
  for (size_t b = 0; b < kPoseidonPartialBatches; ++b) {
    // Shifted rounds: the batch starting at round `first` adds the constants of rounds
    // first + 1 .. first + kPoseidonBatch.
    const size_t first = P::kFullRounds / 2 + b * kPoseidonBatch;
    for (size_t k = 0; k < kPoseidonFixedCols; ++k) {
      Fr acc = Fr::zero();
      for (size_t r = 0; r < kPoseidonBatch; ++r) {
        for (size_t i = 0; i < kWidth; ++i) {
          acc += ids[k]->consts[r * kWidth + i] * element(P::kRoundConstants[first + 1 + r][i]);
        }
      }
      out.round_constants[b][k] = acc;
    }
  }
  return out;
}

PoseidonConfig configure_poseidon(plonk::ConstraintSystem& cs,
                                  std::span<const Column, kPoseidonAdviceCols> advice,
                                  std::span<const Column, kPoseidonFixedCols> fixed) {
  PoseidonConfig c;
  std::copy(advice.begin(), advice.end(), c.register_cols.begin());
  std::copy(fixed.begin(), fixed.end(), c.constant_cols.begin());
  c.q_full_round = cs.selector();
  c.q_partial_round = cs.complex_selector();
  for (size_t i = 0; i < kWidth; ++i) cs.enable_equality(c.register_cols[i]);

  cs.create_gate("full_round_gate", [&c](VirtualCells& m) {
    std::array<Expression, kWidth> x, hint, out, k;
    for (size_t i = 0; i < kWidth; ++i) {
      x[i] = m.query_advice(c.register_cols[i], 0);
      hint[i] = m.query_advice(c.register_cols[i + kWidth], 0);
    }
    for (size_t i = 0; i < kWidth; ++i) out[i] = m.query_advice(c.register_cols[i], 1);
    for (size_t i = 0; i < kWidth; ++i) k[i] = m.query_fixed(c.constant_cols[i], 0);

    std::vector<Expression> constraints;
    for (size_t i = 0; i < kWidth; ++i) constraints.push_back(x[i] * (x[i] * x[i]) - hint[i]);
    for (size_t i = 0; i < kWidth; ++i) {
      Expression id = k[i] - out[i];
      for (size_t j = 0; j < kWidth; ++j) {
        id = id + Expression::constant(element(P::kMds[i][j])) * ((x[j] * x[j]) * hint[j]);
      }
      constraints.push_back(id);
    }
    return Constraints::with_selector(c.q_full_round, std::move(constraints));
  });

  c.partial = poseidon_partial_rounds();
  cs.create_gate("partial_round_gate", [&c](VirtualCells& m) {
    std::array<Expression, kPoseidonAdviceCols> in;
    std::array<Expression, kPoseidonFixedCols> k;
    std::array<Expression, kWidth> out;
    for (size_t v = 0; v < in.size(); ++v) in[v] = m.query_advice(c.register_cols[v], 0);
    for (size_t i = 0; i < k.size(); ++i) k[i] = m.query_fixed(c.constant_cols[i], 0);
    for (size_t i = 0; i < kWidth; ++i) out[i] = m.query_advice(c.register_cols[i], 1);

    std::vector<Expression> constraints;
    for (size_t id = 0; id < kPoseidonFixedCols; ++id) {
      // Zero coefficients are skipped, as officially: they would otherwise appear in the tree.
      Expression lin;
      for (size_t v = 0; v < kPoseidonAdviceCols; ++v) {
        const Fr& coeff = c.partial.coeffs[id][v];
        if (coeff.is_zero()) continue;
        lin = lin + Expression::constant(coeff) * (v + 1 < kWidth ? in[v] : sbox(in[v]));
      }
      const Expression& defined = id + 1 < kWidth               ? out[id]
                                  : id + 1 < kPoseidonFixedCols ? in[id + 1]
                                                                : out[kWidth - 1];
      constraints.push_back(k[id] - defined + lin);
    }
    return Constraints::with_additive_selector(c.q_partial_round, std::move(constraints));
  });
  return c;
}

}  // namespace nightjar::circuits
