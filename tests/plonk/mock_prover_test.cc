#include "plonk/mock_prover.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "plonk/assignment.h"
#include "plonk/constraint_system.h"
#include "plonk/expression.h"

namespace nightjar::plonk {
namespace {

using ff::Fr;
using Kind = MockFailure::Kind;

Fr fr(uint64_t v) { return Fr::from_u64(v); }

// A small circuit with every kind of argument:
//   gate 0 "mul":  s_mul·(a·b − c)           (a named constraint)
//   gate 1 "step": s_step·(a(ω) − a − 1)     (a rotation)
//   gate 2:        the additive gate below, which has no polynomials of its own
//   lookup "range": q·a ∈ t                   (t holds 0..7)
//   trash "b=1":   b − 1 where s_one is set
//   copies between a, c and the instance column.
// A satisfied assignment on 2^5 rows: rows 0..7 have a = c = row, b = 1, every selector on,
// instance[0] = 5 copied from c[5], and a[1] copied to c[1].
struct TestCircuit {
  ConstraintSystem cs;
  Column a, b, c, t, inst;
  Column s_mul, s_step, q, s_one;
  static constexpr uint32_t kK = 5;

  TestCircuit() {
    a = cs.advice_column();
    b = cs.advice_column();
    c = cs.advice_column();
    t = cs.lookup_table_column();
    inst = cs.instance_column();
    const Selector mul = cs.selector();
    const Selector step = cs.selector();
    const Selector lookup = cs.complex_selector();
    const Selector one = cs.selector();
    cs.enable_equality(a);
    cs.enable_equality(c);
    cs.enable_equality(inst);
    cs.create_gate("mul", [&](VirtualCells& vc) {
      return Constraints::with_selector(
          mul, {{"a*b=c", vc.query_advice(a, 0) * vc.query_advice(b, 0) - vc.query_advice(c, 0)}});
    });
    cs.create_gate("step", [&](VirtualCells& vc) {
      return Constraints::with_selector(
          step, std::vector<Expression>{vc.query_advice(a, 1) - vc.query_advice(a, 0) -
                                        Expression::constant(1)});
    });
    cs.create_gate("one", [&](VirtualCells& vc) {
      return Constraints::with_additive_selector(
          one, {{"b=1", vc.query_advice(b, 0) - Expression::constant(1)}});
    });
    cs.lookup("range", [&](VirtualCells& vc) {
      return std::vector<std::pair<Expression, Column>>{
          {vc.query_selector(lookup) * vc.query_advice(a, 0), t}};
    });
    const std::vector<Column> selectors = cs.convert_selectors_to_fixed();
    s_mul = selectors[0];
    s_step = selectors[1];
    q = selectors[2];
    s_one = selectors[3];
  }

  Assignment satisfied() const {
    Assignment w(cs, kK);
    for (uint32_t r = 0; r < 8; ++r) {
      w.column(a)[r] = fr(r);
      w.column(b)[r] = fr(1);
      w.column(c)[r] = fr(r);
      w.column(t)[r] = fr(r);
      w.column(s_mul)[r] = fr(1);
      w.column(q)[r] = fr(1);
      w.column(s_one)[r] = fr(1);
      if (r < 7) w.column(s_step)[r] = fr(1);
    }
    w.column(inst)[0] = fr(5);
    w.copies.push_back({Cell{c, 5}, Cell{inst, 0}});
    w.copies.push_back({Cell{a, 1}, Cell{c, 1}});
    return w;
  }
};

std::vector<MockFailure> failures_of(const TestCircuit& tc, const Assignment& w,
                                     MockOptions options = {}) {
  std::vector<MockFailure> failures;
  const Status s = mock_verify(tc.cs, w, options, &failures);
  EXPECT_EQ(s.is_ok(), failures.empty());
  if (!failures.empty()) EXPECT_EQ(s.message(), "mock prover: " + failures.front().message);
  return failures;
}

TEST(MockProver, SatisfiedAssignmentPasses) {
  const TestCircuit tc;
  const Assignment w = tc.satisfied();
  // Blinding: max(3, 2 queries of a) + 1 trash argument + 2 = 6 rows, then the last row.
  EXPECT_EQ(w.usable_rows(), 32u - 7u);
  std::vector<MockFailure> failures;
  const Status s = mock_verify(tc.cs, w, {}, &failures);
  EXPECT_TRUE(s.is_ok()) << s.message();
  EXPECT_TRUE(failures.empty());
}

TEST(MockProver, GateFailureNamesGateConstraintAndRow) {
  const TestCircuit tc;
  Assignment w = tc.satisfied();
  w.column(tc.c)[3] = fr(4);  // a·b = 3 ≠ 4
  const std::vector<MockFailure> f = failures_of(tc, w);
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].kind, Kind::kGate);
  EXPECT_EQ(f[0].index, 0u);
  EXPECT_EQ(f[0].name, "mul");
  EXPECT_EQ(f[0].constraint, 0u);
  EXPECT_EQ(f[0].constraint_name, "a*b=c");
  EXPECT_EQ(f[0].row, 3u);
  EXPECT_EQ(f[0].message, "gate 0 \"mul\" constraint 0 \"a*b=c\" is not satisfied at row 3");
}

TEST(MockProver, RotationFailureAndRowsInOrder) {
  const TestCircuit tc;
  Assignment w = tc.satisfied();
  // The step gate on row 7 reads a(ω) = a[8] = 0 ≠ 8.
  w.column(tc.s_step)[7] = fr(1);
  // a[2] = 9 breaks mul on row 2, step on rows 1 and 2, and the lookup on row 2.
  w.column(tc.a)[2] = fr(9);
  const std::vector<MockFailure> f = failures_of(tc, w);
  ASSERT_EQ(f.size(), 5u);
  EXPECT_EQ(f[0].kind, Kind::kGate);
  EXPECT_EQ(f[0].name, "mul");
  EXPECT_EQ(f[0].row, 2u);
  for (size_t i = 1; i <= 3; ++i) {
    EXPECT_EQ(f[i].kind, Kind::kGate);
    EXPECT_EQ(f[i].index, 1u);
    EXPECT_EQ(f[i].name, "step");
    EXPECT_EQ(f[i].constraint_name, "");
  }
  EXPECT_EQ(f[1].row, 1u);
  EXPECT_EQ(f[2].row, 2u);
  EXPECT_EQ(f[3].row, 7u);
  EXPECT_EQ(f[4].kind, Kind::kLookup);
  EXPECT_EQ(f[4].row, 2u);
}

TEST(MockProver, MaxFailuresCapsTheList) {
  const TestCircuit tc;
  Assignment w = tc.satisfied();
  for (uint32_t r = 0; r < 8; ++r) w.column(tc.c)[r] = fr(100 + r);
  MockOptions options;
  options.max_failures = 3;
  const std::vector<MockFailure> f = failures_of(tc, w, options);
  ASSERT_EQ(f.size(), 3u);
  for (size_t i = 0; i < 3; ++i) {
    EXPECT_EQ(f[i].name, "mul");
    EXPECT_EQ(f[i].row, i);
  }
  options.max_failures = 0;
  std::vector<MockFailure> none;
  EXPECT_FALSE(mock_verify(tc.cs, w, options, &none).is_ok());
  EXPECT_TRUE(none.empty());
}

// Selecting the step gate on the last usable row makes it read a(ω) on the first blinding row,
// which only the real prover fills (at random): MockProver reports the constraint as poisoned.
TEST(MockProver, GateReadingABlindingRowIsPoisoned) {
  const TestCircuit tc;
  Assignment w = tc.satisfied();
  const size_t last = w.usable_rows() - 1;
  w.column(tc.s_step)[last] = fr(1);
  const std::vector<MockFailure> f = failures_of(tc, w);
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].kind, Kind::kGatePoisoned);
  EXPECT_EQ(f[0].name, "step");
  EXPECT_EQ(f[0].row, last);
}

TEST(MockProver, ZeroSelectorHidesPoison) {
  // The mul gate is evaluated on blinding rows too, where a, b and c are poisoned; its selector
  // is zero there, so nothing is reported (TestCircuit passes). A constraint without selector
  // over a blinded column is poisoned on the blinding rows.
  ConstraintSystem cs;
  const Column a = cs.advice_column();
  cs.create_gate("bare", [&](VirtualCells& vc) {
    return Constraints::without_selector(std::vector<Expression>{vc.query_advice(a, 0)});
  });
  Assignment w(cs, 4);
  const std::vector<MockFailure> f = [&] {
    std::vector<MockFailure> out;
    EXPECT_FALSE(mock_verify(cs, w, {}, &out).is_ok());
    return out;
  }();
  ASSERT_EQ(f.size(), 1u);  // reported once, at the first blinding row
  EXPECT_EQ(f[0].kind, Kind::kGatePoisoned);
  EXPECT_EQ(f[0].row, w.usable_rows());
}

// The real prover leaves the blinding rows of unblinded advice columns zero, so a gate that reads
// them there is checked with zeros rather than reported as poisoned.
TEST(MockProver, UnblindedAdviceIsZeroOnBlindingRows) {
  ConstraintSystem cs;
  const Column a = cs.unblinded_advice_column();
  cs.create_gate("bare", [&](VirtualCells& vc) {
    return Constraints::without_selector(std::vector<Expression>{vc.query_advice(a, 0)});
  });
  Assignment w(cs, 4);
  EXPECT_TRUE(mock_verify(cs, w).is_ok());
  w.column(a)[2] = fr(1);
  std::vector<MockFailure> f;
  EXPECT_FALSE(mock_verify(cs, w, {}, &f).is_ok());
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].kind, Kind::kGate);
  EXPECT_EQ(f[0].row, 2u);
}

TEST(MockProver, LookupFailureKeepsValuesOutUnlessVerbose) {
  const TestCircuit tc;
  Assignment w = tc.satisfied();
  // Make mul and step hold with a = 100 on row 7, which is not in the table.
  w.column(tc.a)[7] = fr(100);
  w.column(tc.c)[7] = fr(100);
  w.column(tc.s_step)[6] = fr(0);
  const std::vector<MockFailure> f = failures_of(tc, w);
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].kind, Kind::kLookup);
  EXPECT_EQ(f[0].index, 0u);
  EXPECT_EQ(f[0].name, "range");
  EXPECT_EQ(f[0].row, 7u);
  EXPECT_EQ(f[0].message, "lookup 0 \"range\": input not in the table at row 7");
  EXPECT_EQ(f[0].message.find("0x64"), std::string::npos);

  MockOptions verbose;
  verbose.verbose = true;
  const std::vector<MockFailure> v = failures_of(tc, w, verbose);
  ASSERT_EQ(v.size(), 1u);
  EXPECT_EQ(v[0].message, f[0].message + "; input: (0x64)");
}

TEST(MockProver, VerboseGateMessageListsQueriedCells) {
  const TestCircuit tc;
  Assignment w = tc.satisfied();
  w.column(tc.c)[3] = fr(4);
  MockOptions verbose;
  verbose.verbose = true;
  const std::vector<MockFailure> f = failures_of(tc, w, verbose);
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].message,
            "gate 0 \"mul\" constraint 0 \"a*b=c\" is not satisfied at row 3; cells: fixed[1]@+0 "
            "= 1, advice[0]@+0 = 0x3, advice[1]@+0 = 1, advice[2]@+0 = 0x4");
}

TEST(MockProver, TrashConstraintHoldsOnlyWhereSelected) {
  const TestCircuit tc;
  Assignment w = tc.satisfied();
  w.column(tc.b)[10] = fr(2);  // s_one is off on row 10: no constraint
  EXPECT_TRUE(mock_verify(tc.cs, w).is_ok());
  // On row 0 b = 2 keeps mul (a = c = 0) but breaks the trash constraint.
  w.column(tc.b)[0] = fr(2);
  const std::vector<MockFailure> f = failures_of(tc, w);
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].kind, Kind::kTrash);
  EXPECT_EQ(f[0].index, 0u);
  EXPECT_EQ(f[0].name, "b=1");
  EXPECT_EQ(f[0].constraint, 0u);
  EXPECT_EQ(f[0].row, 0u);
}

TEST(MockProver, CopyFailures) {
  const TestCircuit tc;
  {
    Assignment w = tc.satisfied();
    w.column(tc.inst)[0] = fr(6);
    const std::vector<MockFailure> f = failures_of(tc, w);
    ASSERT_EQ(f.size(), 1u);
    EXPECT_EQ(f[0].kind, Kind::kCopy);
    EXPECT_EQ(f[0].index, 0u);
    EXPECT_EQ(f[0].left, (Cell{tc.c, 5}));
    EXPECT_EQ(f[0].right, (Cell{tc.inst, 0}));
    EXPECT_EQ(f[0].row, 5u);
    EXPECT_EQ(f[0].message,
              "copy 0 between advice[2] row 5 and instance[0] row 0: the values differ");
  }
  {
    Assignment w = tc.satisfied();
    w.copies.push_back({Cell{tc.b, 0}, Cell{tc.a, 1}});  // b is not in the argument
    w.copies.push_back({Cell{tc.a, 0}, Cell{tc.c, static_cast<uint32_t>(w.usable_rows())}});
    const std::vector<MockFailure> f = failures_of(tc, w);
    ASSERT_EQ(f.size(), 2u);
    EXPECT_EQ(f[0].index, 2u);
    EXPECT_NE(f[0].message.find("not in the permutation argument"), std::string::npos);
    EXPECT_EQ(f[1].index, 3u);
    EXPECT_NE(f[1].message.find("not usable"), std::string::npos);
  }
}

TEST(MockProver, ShapeIsChecked) {
  const TestCircuit tc;
  {
    Assignment w = tc.satisfied();
    w.advice.pop_back();
    std::vector<MockFailure> f;
    const Status s = mock_verify(tc.cs, w, {}, &f);
    ASSERT_EQ(f.size(), 1u);
    EXPECT_EQ(f[0].kind, Kind::kShape);
    EXPECT_EQ(s.code(), StatusCode::kInvalidArgument);
  }
  {
    Assignment w = tc.satisfied();
    w.fixed[0].pop_back();
    EXPECT_FALSE(mock_verify(tc.cs, w).is_ok());
  }
  {
    ConstraintSystem cs;  // selectors not converted
    const Column a = cs.advice_column();
    const Selector s = cs.selector();
    cs.create_gate("g", [&](VirtualCells& vc) {
      return Constraints::with_selector(s, std::vector<Expression>{vc.query_advice(a, 0)});
    });
    Assignment w(cs, 4);
    std::vector<MockFailure> f;
    EXPECT_FALSE(mock_verify(cs, w, {}, &f).is_ok());
    ASSERT_EQ(f.size(), 1u);
    EXPECT_EQ(f[0].kind, Kind::kShape);
  }
}

// Many failures over many rows: the parallel result equals the single-threaded one, in order.
TEST(MockProver, ParallelRowsGiveTheSameFailures) {
  ConstraintSystem cs;
  const Column a = cs.advice_column();
  const Column b = cs.advice_column();
  const Selector s = cs.selector();
  cs.create_gate("eq", [&](VirtualCells& vc) {
    return Constraints::with_selector(s, {{"a=b", vc.query_advice(a, 0) - vc.query_advice(b, 0)},
                                          {"a=b'", vc.query_advice(a, 0) - vc.query_advice(b, 1)}});
  });
  const Column sel = cs.convert_selectors_to_fixed()[0];
  Assignment w(cs, 12);
  for (size_t r = 0; r + 1 < w.usable_rows(); ++r) {
    w.column(sel)[r] = fr(1);
    w.column(a)[r] = fr(7);
    w.column(b)[r] = fr(r % 97 == 0 ? 8 : 7);
  }
  w.column(b)[w.usable_rows() - 1] = fr(7);
  MockOptions options;
  options.max_failures = 1000;
  std::vector<MockFailure> parallel, serial;
  EXPECT_FALSE(mock_verify(cs, w, options, &parallel).is_ok());
  options.max_threads = 1;
  EXPECT_FALSE(mock_verify(cs, w, options, &serial).is_ok());
  ASSERT_EQ(parallel.size(), serial.size());
  size_t expected = 0;
  for (size_t r = 0; r + 1 < w.usable_rows(); ++r) expected += r % 97 == 0;
  // Constraint 0 fails where b[r] = 8, constraint 1 where b[r + 1] = 8.
  EXPECT_EQ(parallel.size(), 2 * expected - 1);
  for (size_t i = 0; i < parallel.size(); ++i) {
    EXPECT_EQ(parallel[i].message, serial[i].message);
    if (i > 0 && parallel[i].constraint == parallel[i - 1].constraint) {
      EXPECT_LT(parallel[i - 1].row, parallel[i].row);
    }
  }
}

TEST(MockProver, ChallengesAreAStableHashChain) {
  const std::vector<Fr> three = mock_challenges(3);
  const std::vector<Fr> two = mock_challenges(2);
  ASSERT_EQ(three.size(), 3u);
  EXPECT_EQ(three[0], two[0]);
  EXPECT_EQ(three[1], two[1]);
  EXPECT_NE(three[0], three[1]);
}

}  // namespace
}  // namespace nightjar::plonk
