#include "circuits/edwards_chip.h"

#include "base/status.h"
#include "ec/jubjub_params.h"
#include "ff/fr.h"

namespace nightjar::circuits {
namespace {

using plonk::Constraints;
using plonk::Expression;
using plonk::VirtualCells;

// The gates below hard-code a = -1 (the official configure asserts C::A == -1): only d varies.
Expression edwards_d() {
  return Expression::constant(
      ff::Fr::from_montgomery_unchecked(ec::JubjubCurveConstants::kEdwardsD));
}

// The gate bodies keep the official operand order and grouping: each product and sum is a node
// of the Debug text, so `d * xp_xp * yp_yp` must stay ((d * xp_xp) * yp_yp), not a rearranged
// equivalent.

// Q = 2P with P = (xp, yp) in cols 5, 6 and the auxiliary xp^2 in col 7, Q in cols 0, 1 of the
// next row. The auxiliary cell keeps the gate at degree 5 (selector included) instead of 6.
void create_double_gate(plonk::ConstraintSystem& cs, const EdwardsConfig& config) {
  cs.create_gate("double", [&](VirtualCells& meta) {
    const auto& col = config.advice_cols;
    Expression xp = meta.query_advice(col[5], 0);
    Expression yp = meta.query_advice(col[6], 0);
    Expression xq = meta.query_advice(col[0], 1);
    Expression yq = meta.query_advice(col[1], 1);
    Expression xp_xp = meta.query_advice(col[7], 0);

    Expression one = Expression::constant(1);
    Expression xp_yp = xp * yp;
    Expression yp_yp = yp * yp;
    Expression d_xp_xp_yp_yp = edwards_d() * xp_xp * yp_yp;

    Expression id1 = xq * (one + d_xp_xp_yp_yp) - (xp_yp + xp_yp);
    Expression id2 = yq * (one - d_xp_xp_yp_yp) - (yp_yp + xp_xp);
    Expression id3 = xp * xp - xp_xp;
    return Constraints::with_selector(config.q_double, {{"qx constraint for q = 2 * p", id1},
                                                        {"qy constraint for q = 2 * p", id2},
                                                        {"constraint for xp_xp = xp * xp", id3}});
  });
}

// R = Q + b*S in one row: Q in cols 0, 1, S in cols 2, 3, b in col 4, R in cols 5, 6 and the
// auxiliary xq*yq*xs*ys in col 8.
void create_cond_add_gate(plonk::ConstraintSystem& cs, const EdwardsConfig& config) {
  cs.create_gate("conditional add", [&](VirtualCells& meta) {
    const auto& col = config.advice_cols;
    Expression xq = meta.query_advice(col[0], 0);
    Expression yq = meta.query_advice(col[1], 0);
    Expression xs = meta.query_advice(col[2], 0);
    Expression ys = meta.query_advice(col[3], 0);
    Expression xr = meta.query_advice(col[5], 0);
    Expression yr = meta.query_advice(col[6], 0);
    Expression b = meta.query_advice(col[4], 0);
    Expression xq_yq_xs_ys = meta.query_advice(col[8], 0);

    Expression one = Expression::constant(1);
    Expression xq_xs = xq * xs;
    Expression yq_ys = yq * ys;
    Expression xq_ys = xq * ys;
    Expression xs_yq = xs * yq;
    Expression b_d_xq_xs_yq_ys = b * edwards_d() * xq_yq_xs_ys;

    Expression id1 = xr * (one + b_d_xq_xs_yq_ys) - (xq + b * (xq_ys + xs_yq - xq));
    Expression id2 = yr * (one - b_d_xq_xs_yq_ys) - (yq + b * (yq_ys + xq_xs - yq));
    Expression id3 = xq_yq_xs_ys - xq * yq * xs * ys;
    return Constraints::with_selector(config.q_cond_add,
                                      {{"rx constraint for r = q + b * s", id1},
                                       {"ry constraint for r = q + b * s", id2},
                                       {"constraint for xq_yq_xs_ys = xq * yq * xs * ys", id3}});
  });
}

// (x, y) in cols 0, 1 is on the curve: -x^2 + y^2 = 1 + d x^2 y^2.
void create_membership_gate(plonk::ConstraintSystem& cs, const EdwardsConfig& config) {
  cs.create_gate("witness point", [&](VirtualCells& meta) {
    Expression x = meta.query_advice(config.advice_cols[0], 0);
    Expression y = meta.query_advice(config.advice_cols[1], 0);

    Expression x2 = x * x;
    Expression y2 = y * y;
    Expression id = y2 - x2 - (Expression::constant(1) + edwards_d() * x2 * y2);
    return Constraints::with_selector(config.q_mem, {{"curve equation", id}});
  });
}

}  // namespace

EdwardsConfig configure_edwards(plonk::ConstraintSystem& cs,
                                std::span<const plonk::Column> advice) {
  NIGHTJAR_CHECK(advice.size() == kEdwardsCols);
  EdwardsConfig config;
  for (size_t i = 0; i < kEdwardsCols; ++i) {
    NIGHTJAR_CHECK(advice[i].type == plonk::ColumnType::kAdvice);
    config.advice_cols[i] = advice[i];
  }
  // Cols 7 and 8 hold only the gates' auxiliary products, which no other region ever copies.
  for (size_t i = 0; i < 7; ++i) cs.enable_equality(advice[i]);

  config.q_double = cs.selector();
  config.q_cond_add = cs.selector();
  config.q_mem = cs.selector();

  create_double_gate(cs, config);
  create_cond_add_gate(cs, config);
  create_membership_gate(cs, config);
  return config;
}

}  // namespace nightjar::circuits
