#include "plonk/constraint_system.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>

#include "plonk/expression.h"
#include "plonk/verifying_key.h"
#include "tests/testing/vectors.h"

namespace nightjar::plonk {
namespace {

std::string text(const Expression& e) {
  std::string out;
  e.debug(out);
  return out;
}

TEST(Expression, OperatorsSimplifyAsTheOfficialOnes) {
  const Column a{ColumnType::kAdvice, 0};
  const Expression x = cur(a);
  const Expression zero = Expression::constant(0);
  const Expression one = Expression::constant(1);
  EXPECT_EQ(x + zero, x);
  EXPECT_EQ(zero + x, x);
  EXPECT_EQ(x - zero, x);
  EXPECT_EQ(zero - x, Expression::negated(x));
  EXPECT_EQ(x * zero, zero);
  EXPECT_EQ(one * x, x);
  EXPECT_EQ(x * one, x);
  EXPECT_EQ(x - x, Expression::sum_of(x, Expression::negated(x)));
  EXPECT_EQ(x * ff::Fr::from_u64(2), Expression::scaled(x, ff::Fr::from_u64(2)));
  const Expression terms[] = {x, x, x};
  EXPECT_EQ(sum(terms), Expression::sum_of(Expression::sum_of(x, x), x));
  EXPECT_EQ(product(terms), Expression::product_of(Expression::product_of(x, x), x));
  EXPECT_EQ(sum(std::span<const Expression>()), zero);
  EXPECT_EQ(product(terms).degree(), 3u);
}

TEST(Expression, DebugTextMatchesRust) {
  const Expression x = rot(Column{ColumnType::kFixed, 3}, -1);
  EXPECT_EQ(text(x), "Fixed { query_index: None, column_index: 3, rotation: Rotation(-1) }");
  EXPECT_EQ(text(Expression::constant(1) - x),
            "Sum(Constant(Fq(0x0000000000000000000000000000000000000000000000000000000000000001)),"
            " Negated(Fixed { query_index: None, column_index: 3, rotation: Rotation(-1) }))");
  EXPECT_EQ(text(Expression::scaled(Expression::selector(Selector{2, true}), ff::Fr::zero())),
            "Scaled(Selector(Selector(2, true)), "
            "Fq(0x0000000000000000000000000000000000000000000000000000000000000000))");
}

// Query indices follow first use; gates with a selector get it multiplied in front, and
// selectors become fixed columns appended after every other fixed column.
TEST(ConstraintSystem, QueriesSelectorsAndTrash) {
  ConstraintSystem cs;
  const Column a = cs.advice_column();
  const Column b = cs.advice_column();
  const Column f = cs.fixed_column();
  const Column inst = cs.instance_column();
  const Selector s = cs.selector();
  const Selector t = cs.complex_selector();
  cs.enable_equality(b);
  cs.enable_equality(inst);
  cs.create_gate("mul", [&](VirtualCells& vc) {
    const Expression x = vc.query_advice(a, 0);
    const Expression y = next(a);
    return Constraints::with_selector(s, {{"x*f=y", x * vc.query_fixed(f, 0) - y}});
  });
  cs.create_gate("additive", [&](VirtualCells& vc) {
    return Constraints::with_additive_selector(
        t, std::vector<Expression>{vc.query_advice(b, 0), cur(a)});
  });
  ASSERT_EQ(cs.gates().size(), 2u);
  EXPECT_TRUE(cs.gates()[1].polys.empty());
  ASSERT_EQ(cs.trashcans().size(), 1u);
  EXPECT_EQ(cs.trashcans()[0].name, "&");
  // b (equality) first, then a, then a at the next row.
  ASSERT_EQ(cs.advice_queries().size(), 3u);
  EXPECT_EQ(cs.advice_queries()[0], (QueryKey{1, 0}));
  EXPECT_EQ(cs.advice_queries()[1], (QueryKey{0, 0}));
  EXPECT_EQ(cs.advice_queries()[2], (QueryKey{0, 1}));

  const std::vector<Column> added = cs.convert_selectors_to_fixed();
  ASSERT_EQ(added.size(), 2u);
  EXPECT_EQ(added[0].index, 1u);
  EXPECT_EQ(cs.num_fixed_columns(), 3u);
  EXPECT_EQ(cs.num_selectors(), 0u);
  EXPECT_EQ(text(cs.gates()[0].polys[0]),
            "Product(Fixed { query_index: 1, column_index: 1, rotation: Rotation(0) }, "
            "Sum(Product(Advice { query_index: 1, column_index: 0, rotation: Rotation(0) }, "
            "Fixed { query_index: 0, column_index: 0, rotation: Rotation(0) }), "
            "Negated(Advice { query_index: 2, column_index: 0, rotation: Rotation(1) })))");
  EXPECT_EQ(text(cs.trashcans()[0].selector),
            "Fixed { query_index: 2, column_index: 2, rotation: Rotation(0) }");
  EXPECT_EQ(cs.degree(), 3u);
  // max(3, queries of one column = 2) + 1 trash argument + 2.
  EXPECT_EQ(cs.blinding_factors(), 6u);
}

// The domain text of every k the official keys use (shared pinned/domains.txt).
TEST(DomainInfo, PinnedTextMatchesTheOfficialDomains) {
  const auto path = testing::vectors_dir() / "midnight" / "pinned" / "domains.txt";
  NIGHTJAR_REQUIRE_VECTOR(path);
  std::ifstream in(path);
  std::string line;
  size_t lines = 0;
  while (std::getline(in, line)) {
    const size_t at = line.find("k: ") + 3;
    const uint32_t k = static_cast<uint32_t>(std::stoul(line.substr(at)));
    // Every Midnight circuit has degree 5 (extended_k = k + 2).
    EXPECT_EQ(DomainInfo::make(k, 5).pinned_debug(), line);
    ++lines;
  }
  EXPECT_GE(lines, 5u);
}

TEST(DomainInfo, RotationAndDelta) {
  const DomainInfo d = DomainInfo::make(4, 5);
  const ff::Fr x = ff::Fr::from_u64(12345);
  EXPECT_EQ(d.rotate(d.rotate(x, 3), -3), x);
  EXPECT_EQ(d.omega.pow_u64(16), ff::Fr::one());
  EXPECT_NE(d.omega.pow_u64(8), ff::Fr::one());
  EXPECT_EQ(d.n_inv * ff::Fr::from_u64(16), ff::Fr::one());
}

}  // namespace
}  // namespace nightjar::plonk
