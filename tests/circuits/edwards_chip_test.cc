#include "circuits/edwards_chip.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "ec/jubjub.h"
#include "ff/fr.h"
#include "tests/testing/vectors.h"

namespace nightjar::circuits {
namespace {

using ff::Fr;
using plonk::Column;
using plonk::ColumnType;
using plonk::ConstraintSystem;
using plonk::Expression;
using plonk::QueryKey;

std::array<Column, kEdwardsCols> advice_columns(ConstraintSystem& cs) {
  std::array<Column, kEdwardsCols> cols;
  for (Column& c : cols) c = cs.advice_column();
  return cols;
}

// Cell values by (advice column, rotation); the gate's selector counts as enabled.
using Cells = std::map<std::pair<uint32_t, int32_t>, Fr>;

Fr evaluate(const Expression& e, const Cells& cells) {
  switch (e.kind()) {
    case Expression::Kind::kConstant:
      return e.value();
    case Expression::Kind::kSelector:
      return Fr::one();
    case Expression::Kind::kAdvice: {
      auto it = cells.find({e.query().column, e.query().rotation});
      EXPECT_NE(it, cells.end()) << "unassigned cell " << e.query().column << "@"
                                 << e.query().rotation;
      return it == cells.end() ? Fr::zero() : it->second;
    }
    case Expression::Kind::kNegated:
      return -evaluate(e.lhs(), cells);
    case Expression::Kind::kSum:
      return evaluate(e.lhs(), cells) + evaluate(e.rhs(), cells);
    case Expression::Kind::kProduct:
      return evaluate(e.lhs(), cells) * evaluate(e.rhs(), cells);
    case Expression::Kind::kScaled:
      return evaluate(e.lhs(), cells) * e.value();
    default:
      ADD_FAILURE() << "the chip queries only advice cells and selectors";
      return Fr::zero();
  }
}

const plonk::Gate& gate(const ConstraintSystem& cs, const std::string& name) {
  for (const plonk::Gate& g : cs.gates()) {
    if (g.name == name) return g;
  }
  ADD_FAILURE() << "no gate " << name;
  return cs.gates().front();
}

ec::JubjubAffine sample_point(uint64_t k) {
  return ec::JubjubExtended::generator().mul_limbs_vartime({k, 0, 0, 0}).to_affine();
}

TEST(EdwardsChip, ColumnsSelectorsAndGates) {
  ConstraintSystem cs;
  std::array<Column, kEdwardsCols> cols = advice_columns(cs);
  EdwardsConfig config = configure_edwards(cs, cols);

  EXPECT_EQ(config.advice_cols, cols);
  EXPECT_EQ(cs.num_advice_columns(), kEdwardsCols);
  EXPECT_EQ(cs.num_fixed_columns(), 0u);
  EXPECT_EQ(cs.num_selectors(), 3u);
  EXPECT_EQ(config.q_double.index, 0u);
  EXPECT_EQ(config.q_cond_add.index, 1u);
  EXPECT_EQ(config.q_mem.index, 2u);
  EXPECT_TRUE(config.q_double.simple && config.q_cond_add.simple && config.q_mem.simple);
  EXPECT_TRUE(cs.lookups().empty());

  std::vector<Column> copied(cols.begin(), cols.begin() + 7);
  EXPECT_EQ(cs.permutation_columns(), copied);

  ASSERT_EQ(cs.gates().size(), 3u);
  EXPECT_EQ(cs.gates()[0].name, "double");
  EXPECT_EQ(cs.gates()[1].name, "conditional add");
  EXPECT_EQ(cs.gates()[2].name, "witness point");
  EXPECT_EQ(cs.gates()[0].constraint_names,
            (std::vector<std::string>{"qx constraint for q = 2 * p", "qy constraint for q = 2 * p",
                                      "constraint for xp_xp = xp * xp"}));
  EXPECT_EQ(cs.gates()[1].constraint_names,
            (std::vector<std::string>{"rx constraint for r = q + b * s",
                                      "ry constraint for r = q + b * s",
                                      "constraint for xq_yq_xs_ys = xq * yq * xs * ys"}));
  EXPECT_EQ(cs.gates()[2].constraint_names, (std::vector<std::string>{"curve equation"}));
}

// Query order is part of the verifier key's hash. enable_equality queries each copied column at
// the current row first, as officially; the gates' queries then follow the official call order.
TEST(EdwardsChip, AdviceQueryOrder) {
  ConstraintSystem cs;
  configure_edwards(cs, advice_columns(cs));
  std::vector<QueryKey> expected = {{0, 0}, {1, 0}, {2, 0}, {3, 0}, {4, 0}, {5, 0},
                                    {6, 0}, {0, 1}, {1, 1}, {7, 0}, {8, 0}};
  EXPECT_EQ(cs.advice_queries(), expected);
  EXPECT_TRUE(cs.fixed_queries().empty());
}

// Each gate is degree 5 with its selector; the auxiliary cells (cols 7, 8) are what keep it there.
TEST(EdwardsChip, Degree) {
  ConstraintSystem cs;
  configure_edwards(cs, advice_columns(cs));
  for (const plonk::Gate& g : cs.gates()) {
    size_t max_degree = 0;
    for (const Expression& p : g.polys) max_degree = std::max(max_degree, p.degree());
    EXPECT_EQ(max_degree, 5u) << g.name;
  }
  EXPECT_EQ(cs.degree(), 5u);
}

TEST(EdwardsChip, DoubleGateHoldsExactlyForTheDouble) {
  ConstraintSystem cs;
  configure_edwards(cs, advice_columns(cs));
  ec::JubjubAffine p = sample_point(12345);
  ec::JubjubAffine q = ec::JubjubExtended(p).dbl().to_affine();
  Cells cells = {
      {{5, 0}, p.u()}, {{6, 0}, p.v()}, {{7, 0}, p.u() * p.u()}, {{0, 1}, q.u()}, {{1, 1}, q.v()}};
  for (const Expression& poly : gate(cs, "double").polys) {
    EXPECT_TRUE(evaluate(poly, cells).is_zero());
  }
  cells[{1, 1}] += Fr::one();
  EXPECT_FALSE(evaluate(gate(cs, "double").polys[1], cells).is_zero());
}

TEST(EdwardsChip, ConditionalAddGateHoldsForBothBits) {
  ConstraintSystem cs;
  configure_edwards(cs, advice_columns(cs));
  ec::JubjubAffine q = sample_point(777);
  ec::JubjubAffine s = sample_point(31337);
  ec::JubjubAffine sum = (ec::JubjubExtended(q) + ec::JubjubExtended(s)).to_affine();
  for (uint64_t bit : {0, 1}) {
    ec::JubjubAffine r = bit == 1 ? sum : q;
    Cells cells = {{{0, 0}, q.u()},
                   {{1, 0}, q.v()},
                   {{2, 0}, s.u()},
                   {{3, 0}, s.v()},
                   {{4, 0}, Fr::from_u64(bit)},
                   {{5, 0}, r.u()},
                   {{6, 0}, r.v()},
                   {{8, 0}, q.u() * q.v() * s.u() * s.v()}};
    for (const Expression& poly : gate(cs, "conditional add").polys) {
      EXPECT_TRUE(evaluate(poly, cells).is_zero()) << "b = " << bit;
    }
    cells[{5, 0}] = bit == 1 ? q.u() : sum.u();
    EXPECT_FALSE(evaluate(gate(cs, "conditional add").polys[0], cells).is_zero()) << "b = " << bit;
  }
}

TEST(EdwardsChip, MembershipGateIsTheCurveEquation) {
  ConstraintSystem cs;
  configure_edwards(cs, advice_columns(cs));
  const Expression& poly = gate(cs, "witness point").polys.at(0);
  ec::JubjubAffine p = sample_point(42);
  EXPECT_TRUE(evaluate(poly, {{{0, 0}, p.u()}, {{1, 0}, p.v()}}).is_zero());
  EXPECT_FALSE(evaluate(poly, {{{0, 0}, p.u()}, {{1, 0}, p.v() + Fr::one()}}).is_zero());
}

// The polynomials of the pinned constraint system's gates list, in order.
std::vector<std::string> pinned_gate_polys(const std::string& text) {
  std::vector<std::string> polys;
  const std::string open = "gates: [";
  size_t pos = text.find(open);
  if (pos == std::string::npos) return polys;
  int depth = 0;
  std::string item;
  for (size_t i = pos + open.size(); i < text.size(); ++i) {
    char c = text[i];
    if (depth == 0 && (c == ',' || c == ']')) {
      if (!item.empty()) polys.push_back(item);
      item.clear();
      if (c == ']') break;
      continue;
    }
    if (c == '(' || c == '[' || c == '{') ++depth;
    if (c == ')' || c == ']' || c == '}') --depth;
    if (depth == 0 && c == ' ' && item.empty()) continue;
    item += c;
  }
  return polys;
}

// The chip's polynomials against the official text of a whole zk-stdlib system. The query
// indices there depend on what the standard library configured first: 16 fixed columns queried
// once each, 4 selectors, and the advice queries below, all before the chip; the same prefix
// here gives the chip's polynomials the official indices.
TEST(EdwardsChip, MatchesPinnedZkStdLibGates) {
  std::filesystem::path path = nightjar::testing::vectors_dir() / "midnight" / "pinned" /
                               "cs-jubjub+poseidon+sha2_256-pow2range1-maxbits8.txt";
  NIGHTJAR_REQUIRE_VECTOR(path);
  std::ifstream in(path);
  std::stringstream buf;
  buf << in.rdbuf();
  std::vector<std::string> official = pinned_gate_polys(buf.str());
  constexpr size_t kFirstEdwardsPoly = 5;  // after the arithmetic and parallel-add gates
  ASSERT_GE(official.size(), kFirstEdwardsPoly + 7);

  ConstraintSystem cs;
  std::array<Column, kEdwardsCols> cols = advice_columns(cs);
  for (uint32_t i = 0; i < 16; ++i)
    cs.query_index(ColumnType::kFixed, {cs.fixed_column().index, 0});
  for (int i = 0; i < 4; ++i) cs.selector();
  for (QueryKey key : std::vector<QueryKey>{{0, 0},
                                            {1, 0},
                                            {2, 0},
                                            {3, 0},
                                            {4, 0},
                                            {0, 1},
                                            {1, 1},
                                            {2, 1},
                                            {5, 0},
                                            {6, 0},
                                            {7, 0}}) {
    cs.query_index(ColumnType::kAdvice, key);
  }
  configure_edwards(cs, cols);
  cs.convert_selectors_to_fixed();

  std::vector<std::string> ours;
  for (const plonk::Gate& g : cs.gates()) {
    for (const Expression& p : g.polys) {
      std::string s;
      p.debug(s);
      ours.push_back(std::move(s));
    }
  }
  ASSERT_EQ(ours.size(), 7u);
  for (size_t i = 0; i < ours.size(); ++i) {
    EXPECT_EQ(ours[i], official[kFirstEdwardsPoly + i]) << "poly " << i;
  }
}

}  // namespace
}  // namespace nightjar::circuits
