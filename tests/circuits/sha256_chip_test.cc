#include "circuits/sha256_chip.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <set>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

namespace nightjar::circuits {
namespace {

using plonk::Column;
using plonk::ColumnType;
using plonk::ConstraintSystem;
using plonk::Expression;
using plonk::QueryKey;

// The chip alone on a fresh system with exactly the shared columns it takes; the full standard
// library's text is compared byte for byte in zk_std_lib_test.cc.
struct Fresh {
  ConstraintSystem cs;
  std::vector<Column> advice, fixed;
  Sha256Config config;
  Fresh() {
    for (size_t i = 0; i < kSha256AdviceCols; ++i) advice.push_back(cs.advice_column());
    for (size_t i = 0; i < kSha256FixedCols; ++i) fixed.push_back(cs.fixed_column());
    config = configure_sha256(cs, advice, fixed);
  }
};

TEST(Sha256Chip, PutsTheColumnsWithoutEqualityLast) {
  Fresh f;
  const std::vector<size_t> order = {6, 0, 7, 1, 2, 3, 4, 5};
  for (size_t i = 0; i < order.size(); ++i) EXPECT_EQ(f.config.advice[i], f.advice[order[i]]);
  EXPECT_EQ(f.config.fixed[0], f.fixed[0]);
  EXPECT_EQ(f.config.fixed[1], f.fixed[1]);
  // Equality on A1, A3..A7 in that order: the shared prefix 0..5.
  std::vector<Column> expected(f.advice.begin(), f.advice.begin() + 6);
  EXPECT_EQ(f.cs.permutation_columns(), expected);
}

TEST(Sha256Chip, AllocatesOneComplexAndElevenSimpleSelectors) {
  Fresh f;
  EXPECT_EQ(f.cs.num_selectors(), 12u);
  EXPECT_FALSE(f.config.q_lookup.simple);
  EXPECT_EQ(f.config.q_lookup.index, 0u);
  const plonk::Selector simple[] = {f.config.q_maj,         f.config.q_half_ch,
                                    f.config.q_big_sigma_0, f.config.q_big_sigma_1,
                                    f.config.q_sigma_0,     f.config.q_sigma_1,
                                    f.config.q_11_11_10,    f.config.q_10_9_11_2,
                                    f.config.q_7_12_2_5_6,  f.config.q_12_1x3_7_3_4_3,
                                    f.config.q_add_mod_2_32};
  for (uint32_t i = 0; i < 11; ++i) {
    EXPECT_TRUE(simple[i].simple);
    EXPECT_EQ(simple[i].index, i + 1);
  }
  // Three table columns after the two shared fixed ones.
  EXPECT_EQ(f.cs.num_fixed_columns(), 5u);
  EXPECT_EQ(f.config.table.nbits.index, 2u);
  EXPECT_EQ(f.config.table.plain.index, 3u);
  EXPECT_EQ(f.config.table.spread.index, 4u);
}

TEST(Sha256Chip, GatesAndConstraintNamesInOfficialOrder) {
  Fresh f;
  const std::vector<std::pair<std::string, std::vector<std::string>>> expected = {
      {"Maj(A, B, C)", {"Maj"}},
      {"half Ch(E, F, G)", {"Half-Ch spreadded", "Half Ch sum (2 terms)"}},
      {"Σ₀(A)", {"Sigma_0"}},
      {"Σ₁(E)", {"Sigma_1"}},
      {"σ₀(W)", {"sigma_0"}},
      {"σ₁(W)", {"sigma_1"}},
      {"11-11-10 decomposition", {"11-11-10 decomposition"}},
      {"10-9-11-2 decomposition",
       {"10_9_11_2 decomposition plain", "10_9_11_2 decomposition sprdd"}},
      {"7-12-2-5-6 decomposition",
       {"7_12_2_5_6 decomposition plain", "7_12_2_5_6 decomposition sprdd"}},
      {"12-1x3-7-3-4-3 decomposition",
       {"12_1x3_7_3_4_3 decomposition ", "W.1a 1-bit check", "W.1b 1-bit check",
        "W.1c 1-bit check"}},
      {"add mod 2^32", {"add_mod_2_32"}},
  };
  const std::vector<plonk::Gate>& gates = f.cs.gates();
  ASSERT_EQ(gates.size(), expected.size());
  for (size_t i = 0; i < gates.size(); ++i) {
    EXPECT_EQ(gates[i].name, expected[i].first);
    EXPECT_EQ(gates[i].constraint_names, expected[i].second);
    EXPECT_EQ(gates[i].polys.size(), expected[i].second.size());
  }
}

TEST(Sha256Chip, TwoSpreadLookupsOfDegreeFive) {
  Fresh f;
  ASSERT_EQ(f.cs.lookups().size(), 2u);
  for (const plonk::LookupArgument& l : f.cs.lookups()) {
    EXPECT_EQ(l.name, "plain-spreaded lookup");
    ASSERT_EQ(l.inputs.size(), 3u);
    ASSERT_EQ(l.tables.size(), 3u);
    for (const Expression& in : l.inputs) {
      EXPECT_EQ(in.kind(), Expression::Kind::kProduct);
      EXPECT_EQ(in.lhs().kind(), Expression::Kind::kSelector);
      EXPECT_EQ(in.degree(), 2u);
    }
    EXPECT_EQ(l.inputs[0].rhs().kind(), Expression::Kind::kFixed);
    EXPECT_EQ(l.inputs[1].rhs().kind(), Expression::Kind::kAdvice);
    EXPECT_EQ(l.inputs[2].rhs().kind(), Expression::Kind::kAdvice);
    for (size_t i = 0; i < 3; ++i) {
      EXPECT_EQ(l.tables[i].kind(), Expression::Kind::kFixed);
      EXPECT_EQ(l.tables[i].query().column, 2 + i);
    }
  }
  // The first lookup reads (F0, A0, A1), the second (F1, A2, A3).
  EXPECT_EQ(f.cs.lookups()[0].inputs[1].rhs().query().column, f.config.advice[0].index);
  EXPECT_EQ(f.cs.lookups()[0].inputs[2].rhs().query().column, f.config.advice[1].index);
  EXPECT_EQ(f.cs.lookups()[1].inputs[0].rhs().query().column, f.config.fixed[1].index);
  EXPECT_EQ(f.cs.lookups()[1].inputs[1].rhs().query().column, f.config.advice[2].index);
  EXPECT_EQ(f.cs.lookups()[1].inputs[2].rhs().query().column, f.config.advice[3].index);
  // A lookup costs 2 + input degree (2) + table degree (1); the gates stay at 3 (bit checks).
  EXPECT_EQ(f.cs.degree(), 5u);
  size_t max_gate = 0;
  for (const plonk::Gate& g : f.cs.gates()) {
    for (const Expression& p : g.polys) max_gate = std::max(max_gate, p.degree());
  }
  EXPECT_EQ(max_gate, 3u);
}

// Query indices are assigned in query order, which the printed system exposes: equality queries
// every copy-enabled column at the current row (A1, A3..A7 = shared 0..5), then come the cells in
// the order the official configure queries them, in shared-column terms (A0..A7 = 6, 0, 7, 1, 2,
// 3, 4, 5).
TEST(Sha256Chip, QueriesCellsInOfficialOrder) {
  Fresh f;
  const std::vector<QueryKey> advice = {
      {0, 0},  {1, 0},  {2, 0},  {3, 0}, {4, 0},  {5, 0},  // equality
      {6, 0},  {7, 0},                                     // lookups
      {3, -1}, {4, -1}, {0, -1}, {0, 1}, {1, -1}, {1, 1},  // Maj
      {3, 1},                                              // Σ₁
      {2, 1},  {4, 1},                                     // σ₀
      {6, -1}, {6, 1},  {2, -1},                           // 11-11-10
      {7, -1},                                             // 10-9-11-2
      {5, -1}, {5, 1},                                     // 12-1x3-7-3-4-3
      {7, 1},                                              // add mod 2^32
  };
  EXPECT_EQ(f.cs.advice_queries(), advice);
  const std::vector<QueryKey> fixed = {{0, 0}, {2, 0}, {3, 0}, {4, 0}, {1, 0}};
  EXPECT_EQ(f.cs.fixed_queries(), fixed);
}

// The 2^0 weight and the Constant(0) seed of the official inner products vanish, and a lone
// `carry * 2^32` stays a Product: the printed tree of the add gate, selector converted.
TEST(Sha256Chip, AddModTwoToThe32Tree) {
  Fresh f;
  f.cs.convert_selectors_to_fixed();
  std::string text;
  f.cs.gates().back().polys[0].debug(text);
  auto adv = [](int q, int c, int r) {
    return "Advice { query_index: " + std::to_string(q) + ", column_index: " + std::to_string(c) +
           ", rotation: Rotation(" + std::to_string(r) + ") }";
  };
  std::string sum = adv(8, 3, -1);
  for (auto [q, c, r] :
       {std::tuple{9, 4, -1}, {3, 3, 0}, {4, 4, 0}, {15, 2, 1}, {14, 3, 1}, {16, 4, 1}}) {
    sum = "Sum(" + sum + ", " + adv(q, c, r) + ")";
  }
  const std::string two32 =
      "Constant(Fq(0x0000000000000000000000000000000000000000000000000000000100000000))";
  const std::string rhs =
      "Sum(" + adv(19, 2, -1) + ", Product(" + adv(23, 7, 1) + ", " + two32 + "))";
  const std::string selector = "Fixed { query_index: 16, column_index: 16, rotation: Rotation(0) }";
  EXPECT_EQ(text, "Product(" + selector + ", Sum(" + sum + ", Negated(" + rhs + ")))");
}

TEST(Sha256Chip, SpreadInterleavesZeroBits) {
  EXPECT_EQ(sha256_spread(0), 0u);
  EXPECT_EQ(sha256_spread(0b1101), 0b01010001u);
  EXPECT_EQ(sha256_spread(0xffffffff), 0x5555555555555555u);
  EXPECT_EQ(sha256_spread(0x80000001), 0x4000000000000001u);
}

TEST(Sha256Chip, SpreadTableRows) {
  std::vector<Sha256SpreadRow> rows = sha256_spread_table();
  // One all-zero row, then 2^n rows for each n in {2..7, 9..12}.
  ASSERT_EQ(rows.size(), 1u + 4 + 8 + 16 + 32 + 64 + 128 + 512 + 1024 + 2048 + 4096);
  EXPECT_EQ(rows[0], (Sha256SpreadRow{0, 0, 0}));
  EXPECT_EQ(rows[1], (Sha256SpreadRow{2, 0, 0}));
  EXPECT_EQ(rows[4], (Sha256SpreadRow{2, 3, 5}));
  EXPECT_EQ(rows[5], (Sha256SpreadRow{3, 0, 0}));
  EXPECT_EQ(rows.back(), (Sha256SpreadRow{12, 4095, 0x555555}));
  std::set<uint32_t> lengths;
  for (size_t i = 1; i < rows.size(); ++i) {
    lengths.insert(rows[i].nbits);
    EXPECT_LT(rows[i].plain, uint32_t{1} << rows[i].nbits);
    EXPECT_EQ(rows[i].spread, sha256_spread(rows[i].plain));
  }
  EXPECT_EQ(lengths, (std::set<uint32_t>{2, 3, 4, 5, 6, 7, 9, 10, 11, 12}));
}

}  // namespace
}  // namespace nightjar::circuits
