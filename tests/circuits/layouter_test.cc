// The SimpleFloorPlanner semantics the layouter reproduces: where regions are placed, how cells
// resolve to rows, how tables are padded, what the cost model measures and how running out of
// rows is reported. (Whole circuits against the official keys: tests/zkir/synthesis_test.cc.)
#include "circuits/layouter.h"

#include <gtest/gtest.h>

namespace nightjar::circuits {
namespace {

using ff::Fr;
using plonk::Column;

struct Fixture {
  plonk::ConstraintSystem cs;
  Column a0, a1, f0, t0, inst;
  plonk::Selector s;
  size_t num_fixed = 0;

  Fixture() {
    a0 = cs.advice_column();
    a1 = cs.advice_column();
    f0 = cs.fixed_column();
    t0 = cs.lookup_table_column();
    inst = cs.instance_column();
    s = cs.selector();
    cs.enable_equality(a0);
    cs.enable_equality(a1);
    cs.enable_equality(inst);
    num_fixed = cs.num_fixed_columns();
    cs.convert_selectors_to_fixed();
  }
};

TEST(Layouter, PlacesRegionsAtTheFirstRowTheirColumnsAreFree) {
  Fixture f;
  plonk::Assignment a(f.cs, 5);
  Layouter l(&a, f.num_fixed, true);
  AssignedCell x = l.assign_region([&](Region& r) {
    r.assign_advice(f.a0, 0, Fr::from_u64(1));
    return r.assign_advice(f.a0, 1, Fr::from_u64(2));
  });
  AssignedCell y =
      l.assign_region([&](Region& r) { return r.assign_advice(f.a1, 0, Fr::from_u64(3)); });
  AssignedCell z = l.assign_region([&](Region& r) {
    r.assign_advice(f.a1, 0, Fr::from_u64(4));
    AssignedCell c = r.assign_advice(f.a0, 0, Fr::from_u64(5));
    r.constrain_equal(c.cell, x.cell);
    return c;
  });
  EXPECT_EQ(l.abs_row(x.cell), 1u);
  EXPECT_EQ(l.abs_row(y.cell), 0u);  // a1 was free from row 0
  EXPECT_EQ(l.abs_row(z.cell), 2u);  // a0 is in use up to row 2
  EXPECT_TRUE(a.advice[0][2] == Fr::from_u64(5));
  EXPECT_TRUE(a.advice[1][2] == Fr::from_u64(4));
  ASSERT_EQ(a.copies.size(), 1u);
  EXPECT_EQ(a.copies[0].first, (plonk::Cell{f.a0, 2}));
  EXPECT_EQ(a.copies[0].second, (plonk::Cell{f.a0, 1}));
  EXPECT_TRUE(l.status().is_ok());
  EXPECT_EQ(l.stats().rows, 3u);
}

TEST(Layouter, SelectorsOccupyRowsAndBecomeFixedColumns) {
  Fixture f;
  plonk::Assignment a(f.cs, 5);
  Layouter l(&a, f.num_fixed, true);
  l.assign_region([&](Region& r) { r.enable_selector(f.s, 0); });
  l.assign_region([&](Region& r) {
    r.enable_selector(f.s, 1);
    r.assign_fixed(f.f0, 1, Fr::from_u64(7));
  });
  const std::vector<Fr>& selector = a.fixed[f.num_fixed + f.s.index];
  EXPECT_TRUE(selector[0] == Fr::one());
  EXPECT_TRUE(selector[1].is_zero());
  EXPECT_TRUE(selector[2] == Fr::one());  // the second region starts after the first
  EXPECT_TRUE(a.fixed[f.f0.index][2] == Fr::from_u64(7));
}

TEST(Layouter, TablesArePaddedWithTheirFirstRowAndCountAsTableRows) {
  Fixture f;
  plonk::Assignment a(f.cs, 5);
  Layouter l(&a, f.num_fixed, true);
  l.assign_table([&](Table& t) {
    for (uint64_t i = 0; i < 3; ++i) t.assign_cell(f.t0, i, Fr::from_u64(10 + i));
  });
  const std::vector<Fr>& column = a.fixed[f.t0.index];
  EXPECT_TRUE(column[2] == Fr::from_u64(12));
  EXPECT_TRUE(column[3] == Fr::from_u64(10));
  EXPECT_TRUE(column[a.usable_rows() - 1] == Fr::from_u64(10));
  EXPECT_TRUE(column[a.usable_rows()].is_zero());
  EXPECT_EQ(l.stats().table_rows, 3u);
  EXPECT_EQ(l.stats().rows, 0u);
}

TEST(Layouter, ConstrainInstanceFillsTheInstanceColumn) {
  Fixture f;
  plonk::Assignment a(f.cs, 5);
  Layouter l(&a, f.num_fixed, true);
  AssignedCell x =
      l.assign_region([&](Region& r) { return r.assign_advice(f.a0, 0, Fr::from_u64(9)); });
  l.constrain_instance(x, f.inst, 2);
  EXPECT_TRUE(a.instance[0][2] == Fr::from_u64(9));
  EXPECT_EQ(l.stats().instance_rows, 3u);
  ASSERT_EQ(a.copies.size(), 1u);
  EXPECT_EQ(a.copies[0].second, (plonk::Cell{f.inst, 2}));
}

TEST(Layouter, RunningOutOfRowsIsAnError) {
  Fixture f;
  plonk::Assignment a(f.cs, 3);
  Layouter l(&a, f.num_fixed, true);
  l.assign_region([&](Region& r) {
    for (size_t i = 0; i < 8; ++i) r.assign_advice(f.a0, i, Fr::one());
  });
  EXPECT_EQ(l.status().code(), StatusCode::kOutOfRange);
}

TEST(Layouter, ADryRunMeasuresTheSameLayout) {
  Fixture f;
  Layouter l(nullptr, f.num_fixed, false);
  for (int i = 0; i < 4; ++i) {
    l.assign_region([&](Region& r) { r.assign_advice(f.a0, 0, Fr::zero()); });
  }
  l.assign_region([&](Region& r) { r.assign_fixed(f.f0, 0, Fr::zero()); });
  EXPECT_EQ(l.stats().rows, 4u);
  EXPECT_EQ(l.stats().table_rows, 1u);  // a region of fixed cells only counts as a table
  EXPECT_TRUE(l.status().is_ok());
}

}  // namespace
}  // namespace nightjar::circuits
