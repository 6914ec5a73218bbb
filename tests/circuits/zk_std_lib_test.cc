#include "circuits/zk_std_lib.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "circuits/poseidon.h"
#include "circuits/poseidon_chip.h"
#include "tests/testing/vectors.h"

namespace nightjar::circuits {
namespace {

using ff::Fr;
using plonk::Column;
using plonk::ColumnType;
using plonk::Expression;

std::filesystem::path pinned_path(const std::string& name) {
  return nightjar::testing::vectors_dir() / "midnight" / "pinned" / name;
}

// The constraint-system part of a pinned file (which may start with the domain's text).
std::string pinned_cs_text(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buf;
  buf << in.rdbuf();
  const std::string text = buf.str();
  const size_t at = text.find("PinnedConstraintSystem");
  return at == std::string::npos ? std::string() : text.substr(at);
}

// Empty when equal; otherwise where the texts first differ, with some context of each.
std::string first_difference(const std::string& got, const std::string& want) {
  if (got == want) return {};
  const size_t n = std::min(got.size(), want.size());
  const size_t at = std::mismatch(got.begin(), got.begin() + n, want.begin()).first - got.begin();
  const size_t from = at < 100 ? 0 : at - 100;
  std::ostringstream out;
  out << "first difference at offset " << at << " (lengths: got " << got.size() << ", want "
      << want.size() << ")\n  got:  ..." << got.substr(from, 200) << "...\n  want: ..."
      << want.substr(from, 200) << "...";
  return out.str();
}

void expect_matches_pinned(const ZkStdLibArch& arch, const std::filesystem::path& path) {
  const std::string want = pinned_cs_text(path);
  ASSERT_FALSE(want.empty()) << path << " holds no PinnedConstraintSystem";
  Result<plonk::ConstraintSystem> cs = zk_std_lib_constraint_system(arch);
  ASSERT_TRUE(cs.is_ok()) << cs.status().message();
  const std::string difference = first_difference(cs->pinned_debug(), want);
  EXPECT_TRUE(difference.empty()) << difference;
}

TEST(ZkStdLibPinned, Poseidon) {
  const auto path = pinned_path("cs-poseidon-pow2range1-maxbits8.txt");
  NIGHTJAR_REQUIRE_VECTOR(path);
  expect_matches_pinned(ZkStdLibArch{.poseidon = true, .nr_pow2range_cols = 1}, path);
}

TEST(ZkStdLibPinned, PoseidonSha256) {
  const auto path = pinned_path("cs-poseidon+sha2_256-pow2range1-maxbits8.txt");
  NIGHTJAR_REQUIRE_VECTOR(path);
  expect_matches_pinned(ZkStdLibArch{.poseidon = true, .sha2_256 = true, .nr_pow2range_cols = 1},
                        path);
}

TEST(ZkStdLibPinned, JubjubPoseidonSha256) {
  const auto path = pinned_path("cs-jubjub+poseidon+sha2_256-pow2range1-maxbits8.txt");
  NIGHTJAR_REQUIRE_VECTOR(path);
  expect_matches_pinned(
      ZkStdLibArch{.jubjub = true, .poseidon = true, .sha2_256 = true, .nr_pow2range_cols = 1},
      path);
}

TEST(ZkStdLibArchitecture, RefusesChipsItDoesNotImplement) {
  Result<plonk::ConstraintSystem> cs =
      zk_std_lib_constraint_system(ZkStdLibArch{.poseidon = true, .keccak_256 = true});
  ASSERT_FALSE(cs.is_ok());
  EXPECT_EQ(cs.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(cs.status().message().find("keccak_256"), std::string::npos);

  plonk::ConstraintSystem untouched;
  EXPECT_FALSE(configure_zk_std_lib(untouched, ZkStdLibArch{.secp256k1 = true}).is_ok());
  EXPECT_EQ(untouched.num_advice_columns(), 0u);
}

TEST(ZkStdLibArchitecture, RefusesTooManyPow2RangeColumns) {
  EXPECT_TRUE(zk_std_lib_constraint_system(ZkStdLibArch{.nr_pow2range_cols = 4}).is_ok());
  Result<plonk::ConstraintSystem> cs =
      zk_std_lib_constraint_system(ZkStdLibArch{.nr_pow2range_cols = 5});
  ASSERT_FALSE(cs.is_ok());
  EXPECT_EQ(cs.status().code(), StatusCode::kInvalidArgument);
}

// Column values by (type, column) and row; cells never written are zero.
class Trace {
 public:
  void set(Column col, size_t row, const Fr& v) {
    std::vector<Fr>& rows = cells_[{col.type, col.index}];
    if (rows.size() <= row) rows.resize(row + 1, Fr::zero());
    rows[row] = v;
  }
  Fr get(ColumnType type, uint32_t col, int64_t row) const {
    auto it = cells_.find({type, col});
    if (it == cells_.end() || row < 0 || static_cast<size_t>(row) >= it->second.size()) {
      return Fr::zero();
    }
    return it->second[row];
  }

 private:
  std::map<std::pair<ColumnType, uint32_t>, std::vector<Fr>> cells_;
};

// The value of `e` at `row`; a selector counts as enabled, since only selected rows are checked.
Fr evaluate(const Expression& e, const Trace& t, size_t row) {
  using Kind = Expression::Kind;
  const auto at = [&](ColumnType type) {
    return t.get(type, e.query().column, static_cast<int64_t>(row) + e.query().rotation);
  };
  switch (e.kind()) {
    case Kind::kConstant:
      return e.value();
    case Kind::kSelector:
      return Fr::one();
    case Kind::kFixed:
      return at(ColumnType::kFixed);
    case Kind::kAdvice:
      return at(ColumnType::kAdvice);
    case Kind::kInstance:
      return at(ColumnType::kInstance);
    case Kind::kNegated:
      return -evaluate(e.lhs(), t, row);
    case Kind::kSum:
      return evaluate(e.lhs(), t, row) + evaluate(e.rhs(), t, row);
    case Kind::kProduct:
      return evaluate(e.lhs(), t, row) * evaluate(e.rhs(), t, row);
    case Kind::kScaled:
      return evaluate(e.lhs(), t, row) * e.value();
    case Kind::kChallenge:
      break;
  }
  ADD_FAILURE() << "unexpected challenge in a Poseidon gate";
  return Fr::zero();
}

Fr sbox(const Fr& x) { return x.square().square() * x; }
Fr mds(size_t i, size_t j) { return Fr::from_montgomery_unchecked(PoseidonParams::kMds[i][j]); }
Fr round_constant(size_t round, size_t i) {
  return Fr::from_montgomery_unchecked(PoseidonParams::kRoundConstants[round][i]);
}

// The layout PoseidonChip::permutation gives one permutation, computed round by round without
// the chip's identities: the gates must hold on it and it must end in the native permutation.
struct PoseidonTrace {
  Trace trace;
  std::vector<size_t> full_rows, partial_rows;
  PoseidonState output;
};

PoseidonTrace poseidon_trace(const PoseidonConfig& c, PoseidonState s) {
  constexpr size_t kW = kPoseidonWidth;
  PoseidonTrace pt;
  for (size_t i = 0; i < kW; ++i) s[i] += round_constant(0, i);
  // Shifted rounds: S-box, MDS, then the next round's constants.
  const auto linear_layer = [](PoseidonState& s, size_t round) {
    PoseidonState out;
    for (size_t i = 0; i < kW; ++i) {
      out[i] = round + 1 < PoseidonParams::kRounds ? round_constant(round + 1, i) : Fr::zero();
      for (size_t j = 0; j < kW; ++j) out[i] += mds(i, j) * s[j];
    }
    s = out;
  };
  size_t row = 0;
  const auto full_round = [&](size_t round) {
    for (size_t i = 0; i < kW; ++i) {
      pt.trace.set(c.register_cols[i], row, s[i]);
      pt.trace.set(c.register_cols[kW + i], row, s[i] * s[i].square());
      pt.trace.set(c.constant_cols[i], row,
                   round + 1 < PoseidonParams::kRounds ? round_constant(round + 1, i) : Fr::zero());
    }
    for (Fr& x : s) x = sbox(x);
    linear_layer(s, round);
    pt.full_rows.push_back(row++);
  };
  const size_t half = PoseidonParams::kFullRounds / 2;
  for (size_t r = 0; r < half; ++r) full_round(r);
  for (size_t b = 0; b < kPoseidonPartialBatches; ++b) {
    for (size_t i = 0; i < kW; ++i) pt.trace.set(c.register_cols[i], row, s[i]);
    for (size_t k = 0; k < kPoseidonFixedCols; ++k) {
      pt.trace.set(c.constant_cols[k], row, c.partial.round_constants[b][k]);
    }
    for (size_t t = 0; t < kPoseidonBatch; ++t) {
      if (t > 0) pt.trace.set(c.register_cols[kW - 1 + t], row, s[kW - 1]);
      s[kW - 1] = sbox(s[kW - 1]);
      linear_layer(s, half + b * kPoseidonBatch + t);
    }
    pt.partial_rows.push_back(row++);
  }
  for (size_t r = half + PoseidonParams::kPartialRounds; r < PoseidonParams::kRounds; ++r) {
    full_round(r);
  }
  for (size_t i = 0; i < kW; ++i) pt.trace.set(c.register_cols[i], row, s[i]);
  pt.output = s;
  return pt;
}

// Counts the constraints of the Poseidon gates that do not vanish on the trace.
size_t failing_poseidon_constraints(const plonk::ConstraintSystem& cs, const PoseidonTrace& pt) {
  auto gate = std::find_if(cs.gates().begin(), cs.gates().end(),
                           [](const plonk::Gate& g) { return g.name == "full_round_gate"; });
  EXPECT_NE(gate, cs.gates().end());
  EXPECT_EQ(cs.trashcans().size(), 1u);
  size_t failing = 0;
  for (size_t row : pt.full_rows) {
    for (const Expression& p : gate->polys) failing += !evaluate(p, pt.trace, row).is_zero();
  }
  for (size_t row : pt.partial_rows) {
    for (const Expression& p : cs.trashcans()[0].constraints) {
      failing += !evaluate(p, pt.trace, row).is_zero();
    }
  }
  return failing;
}

TEST(ZkStdLibPoseidon, GatesHoldOnAPermutationTrace) {
  plonk::ConstraintSystem cs;
  Result<ZkStdLibConfig> config =
      configure_zk_std_lib(cs, ZkStdLibArch{.poseidon = true, .nr_pow2range_cols = 1});
  ASSERT_TRUE(config.is_ok());
  const PoseidonConfig& c = *config->poseidon;

  const PoseidonState input{Fr::from_u64(1), Fr::from_u64(2), Fr::from_u64(3)};
  PoseidonTrace pt = poseidon_trace(c, input);
  PoseidonState native = input;
  poseidon_permute(native);
  EXPECT_EQ(pt.output, native);
  EXPECT_EQ(failing_poseidon_constraints(cs, pt), 0u);

  // A wrong precomputed constant must break exactly the identity it feeds.
  pt.trace.set(c.constant_cols[4], pt.partial_rows[3], c.partial.round_constants[3][4] + Fr::one());
  EXPECT_EQ(failing_poseidon_constraints(cs, pt), 1u);
}

}  // namespace
}  // namespace nightjar::circuits
