#include "plonk/permutation_keygen.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <string>
#include <vector>

#include "ec/encoding.h"
#include "midnight/prover_key.h"
#include "tests/testing/vectors.h"

namespace nightjar::plonk {
namespace {

namespace fs = std::filesystem;
using ff::Fr;

using Limbs = std::array<uint64_t, 4>;

Limbs key(const Fr& x) { return x.raw_montgomery(); }

// Sorted raw limbs of every value of `polys`.
std::vector<Limbs> sorted_values(const std::vector<std::vector<Fr>>& polys) {
  std::vector<Limbs> out;
  for (const std::vector<Fr>& p : polys) {
    for (const Fr& x : p) out.push_back(key(x));
  }
  std::sort(out.begin(), out.end());
  return out;
}

struct Small {
  ConstraintSystem cs;
  Column a, b, f, inst;
  Small() {
    a = cs.advice_column();
    b = cs.advice_column();
    f = cs.fixed_column();
    inst = cs.instance_column();
    // Argument order follows enable_equality, not column allocation.
    cs.enable_equality(inst);
    cs.enable_equality(b);
    cs.enable_equality(f);
    cs.enable_equality(a);
  }
};

TEST(PermutationKeygen, LabelsAreDeltaPowersTimesOmegaPowers) {
  const uint32_t k = 4;
  const Fr omega = domain_omega(k);
  EXPECT_EQ(omega.pow_u64(16), Fr::one());
  EXPECT_NE(omega.pow_u64(8), Fr::one());
  const Fr delta = permutation_delta();
  // δ = g^(2^32) has odd order t (r − 1 = 2^32·t), so no power δ^i (0 < i < t) is in ⟨ω⟩.
  EXPECT_NE(delta, Fr::one());
  const std::vector<std::vector<Fr>> labels = permutation_labels(3, k);
  ASSERT_EQ(labels.size(), 3u);
  EXPECT_EQ(labels[0][0], Fr::one());
  EXPECT_EQ(labels[0][1], omega);
  EXPECT_EQ(labels[2][5], delta * delta * omega.pow_u64(5));
  const std::vector<Limbs> all = sorted_values(labels);
  EXPECT_EQ(std::adjacent_find(all.begin(), all.end()), all.end()) << "labels must be distinct";
}

TEST(PermutationKeygen, NoCopiesGiveTheLabels) {
  const Small s;
  Assignment w(s.cs, 4);
  Result<std::vector<std::vector<Fr>>> sigma = permutation_sigmas(s.cs, w);
  ASSERT_TRUE(sigma.is_ok()) << sigma.status().message();
  EXPECT_EQ(*sigma, permutation_labels(4, 4));
}

TEST(PermutationKeygen, CopiesFormCyclesInArgumentOrder) {
  const Small s;
  Assignment w(s.cs, 4);
  // Argument positions: inst 0, b 1, f 2, a 3.
  w.copies.push_back({Cell{s.a, 2}, Cell{s.inst, 0}});
  w.copies.push_back({Cell{s.inst, 0}, Cell{s.f, 7}});
  w.copies.push_back({Cell{s.b, 1}, Cell{s.b, 3}});
  Result<PermutationAssembly> assembly = assemble_permutation(s.cs, w);
  ASSERT_TRUE(assembly.is_ok()) << assembly.status().message();
  // Copying x–y then y–z makes the cycle x → y → z → x.
  EXPECT_EQ(assembly->mapping({3, 2}), (PermutationCell{0, 0}));
  EXPECT_EQ(assembly->mapping({0, 0}), (PermutationCell{2, 7}));
  EXPECT_EQ(assembly->mapping({2, 7}), (PermutationCell{3, 2}));
  EXPECT_EQ(assembly->mapping({1, 1}), (PermutationCell{1, 3}));
  EXPECT_EQ(assembly->mapping({1, 3}), (PermutationCell{1, 1}));
  EXPECT_EQ(assembly->mapping({1, 2}), (PermutationCell{1, 2}));

  const std::vector<std::vector<Fr>> sigma = assembly->sigma_polys();
  const std::vector<std::vector<Fr>> labels = permutation_labels(4, 4);
  EXPECT_EQ(sigma[3][2], labels[0][0]);
  EXPECT_EQ(sigma[0][0], labels[2][7]);
  EXPECT_EQ(sigma[2][7], labels[3][2]);
  EXPECT_EQ(sigma[1][5], labels[1][5]);
  EXPECT_EQ(sorted_values(sigma), sorted_values(labels)) << "σ must permute the labels";
}

// The cycle's order, and so σ, depends on the order of the copies, as in the official keygen.
TEST(PermutationKeygen, CopyOrderShapesTheCycle) {
  const std::vector<Column> columns = {Column{ColumnType::kAdvice, 0}};
  const Column c = columns[0];
  PermutationAssembly chain(columns, 3, 8);
  ASSERT_TRUE(chain.copy(Cell{c, 0}, Cell{c, 1}).is_ok());
  ASSERT_TRUE(chain.copy(Cell{c, 1}, Cell{c, 2}).is_ok());
  EXPECT_EQ(chain.mapping({0, 0}), (PermutationCell{0, 1}));
  EXPECT_EQ(chain.mapping({0, 1}), (PermutationCell{0, 2}));
  EXPECT_EQ(chain.mapping({0, 2}), (PermutationCell{0, 0}));

  PermutationAssembly star(columns, 3, 8);
  ASSERT_TRUE(star.copy(Cell{c, 0}, Cell{c, 1}).is_ok());
  ASSERT_TRUE(star.copy(Cell{c, 0}, Cell{c, 2}).is_ok());
  EXPECT_EQ(star.mapping({0, 0}), (PermutationCell{0, 2}));
  EXPECT_EQ(star.mapping({0, 2}), (PermutationCell{0, 1}));
  EXPECT_EQ(star.mapping({0, 1}), (PermutationCell{0, 0}));

  // A copy inside one cycle changes nothing (swapping would split the cycle).
  ASSERT_TRUE(star.copy(Cell{c, 2}, Cell{c, 1}).is_ok());
  EXPECT_EQ(star.mapping({0, 0}), (PermutationCell{0, 2}));
  EXPECT_EQ(star.mapping({0, 2}), (PermutationCell{0, 1}));
  EXPECT_EQ(star.mapping({0, 1}), (PermutationCell{0, 0}));

  // Merging a larger cycle into a singleton (right larger than left) splices the same way.
  ASSERT_TRUE(star.copy(Cell{c, 5}, Cell{c, 0}).is_ok());
  EXPECT_EQ(star.mapping({0, 5}), (PermutationCell{0, 2}));
  EXPECT_EQ(star.mapping({0, 0}), (PermutationCell{0, 5}));
  ASSERT_TRUE(star.copy(Cell{c, 1}, Cell{c, 5}).is_ok());  // same cycle
  EXPECT_EQ(star.mapping({0, 1}), (PermutationCell{0, 0}));
}

TEST(PermutationKeygen, RefusesCellsOutsideTheArgument) {
  const Small s;
  Assignment w(s.cs, 4);
  const uint32_t usable = static_cast<uint32_t>(w.usable_rows());
  PermutationAssembly assembly(s.cs.permutation_columns(), 4, usable);
  EXPECT_TRUE(assembly.copy(Cell{s.a, 0}, Cell{s.b, 0}).is_ok());
  const Column not_in{ColumnType::kFixed, 9};
  EXPECT_FALSE(assembly.copy(Cell{s.a, 0}, Cell{not_in, 0}).is_ok());
  EXPECT_FALSE(assembly.copy(Cell{s.a, usable}, Cell{s.b, 0}).is_ok());
  w.copies.push_back({Cell{s.a, 0}, Cell{s.b, usable}});
  EXPECT_FALSE(permutation_sigmas(s.cs, w).is_ok());
}

using testing::read_file;

// `count` polynomials of `len` raw-Montgomery scalars from a u32 BE count, each with a u32 BE
// length (the prover key's polynomial layout).
std::vector<std::vector<Fr>> read_polys(std::span<const uint8_t> bytes, size_t count, size_t len) {
  std::vector<std::vector<Fr>> polys;
  size_t at = 4;
  for (size_t p = 0; p < count; ++p) {
    at += 4;
    std::vector<Fr> poly(len);
    for (size_t i = 0; i < len; ++i, at += 32) {
      Limbs limbs;
      std::memcpy(limbs.data(), bytes.data() + at, 32);  // little-endian host
      const std::optional<Fr> x = Fr::from_raw_montgomery(limbs);
      EXPECT_TRUE(x.has_value());
      poly[i] = x.value_or(Fr::zero());
    }
    polys.push_back(std::move(poly));
  }
  EXPECT_EQ(at, bytes.size());
  return polys;
}

// The scalars of `polys` as the prover key stores them.
std::vector<uint8_t> raw_bytes(const std::vector<std::vector<Fr>>& polys) {
  std::vector<uint8_t> out;
  for (const std::vector<Fr>& p : polys) {
    for (const Fr& x : p) {
      const uint8_t* b = reinterpret_cast<const uint8_t*>(x.raw_montgomery().data());
      out.insert(out.end(), b, b + 32);
    }
  }
  return out;
}

// The commitments as the prover key stores them: 96-byte uncompressed (ZCash) points.
std::vector<uint8_t> uncompressed(const std::vector<ec::G1Affine>& points) {
  std::vector<uint8_t> out;
  for (const ec::G1Affine& p : points) {
    const std::array<uint8_t, 96> b = ec::to_uncompressed(p);
    out.insert(out.end(), b.begin(), b.end());
  }
  return out;
}

// Every official prover key: its σ polynomials permute the labels δ^i·ω^j; the copy cycles read
// off them, replayed as copies along each cycle, rebuild σ byte for byte; and the commitments of
// the key's fixed polynomials and of the rebuilt σ equal the key's commitments.
TEST(PermutationKeygen, RebuildsTheOfficialProverKeys) {
  const fs::path circuits = testing::vectors_dir() / "midnight" / "circuits";
  NIGHTJAR_REQUIRE_VECTOR(circuits);
  size_t checked = 0;
  for (const fs::directory_entry& e : fs::recursive_directory_iterator(circuits)) {
    if (e.path().extension() != ".prover") continue;
    SCOPED_TRACE(e.path().string());
    Result<midnight::ProverKey> pk = midnight::decode_prover_key(read_file(e.path()));
    ASSERT_TRUE(pk.is_ok()) << pk.status().message();
    const midnight::ProvingKeyLayout& layout = pk->layout;
    const uint32_t k = layout.k;
    // Emulated portability runs check the small keys only (NIGHTJAR_KEYGEN_MAX_K).
    if (k > static_cast<uint32_t>(testing::env_int("NIGHTJAR_KEYGEN_MAX_K", 25))) continue;
    const size_t n = size_t{1} << k;
    const size_t columns = layout.num_permutation;
    const std::span<const uint8_t> sigma_bytes = pk->view(layout.permutation_polys);
    const std::vector<std::vector<Fr>> sigma = read_polys(sigma_bytes, columns, n);

    // σ permutes the labels; invert the labelling to read σ as a map on cells.
    const std::vector<std::vector<Fr>> labels = permutation_labels(columns, k);
    ASSERT_EQ(sorted_values(sigma), sorted_values(labels));
    std::map<Limbs, PermutationCell> cell_of;
    for (uint32_t p = 0; p < columns; ++p) {
      for (uint32_t j = 0; j < n; ++j) cell_of[key(labels[p][j])] = PermutationCell{p, j};
    }

    // Walk each cycle once and copy each cell to the next, in cycle order.
    std::vector<Column> stand_ins;
    for (uint32_t p = 0; p < columns; ++p) stand_ins.push_back(Column{ColumnType::kAdvice, p});
    PermutationAssembly assembly(stand_ins, k, n);
    std::vector<bool> seen(columns * n, false);
    size_t copies = 0;
    for (uint32_t p = 0; p < columns; ++p) {
      for (uint32_t j = 0; j < n; ++j) {
        PermutationCell at{p, j};
        while (!seen[at.column * n + at.row]) {
          seen[at.column * n + at.row] = true;
          const PermutationCell next = cell_of.at(key(sigma[at.column][at.row]));
          if (seen[next.column * n + next.row]) break;
          ASSERT_TRUE(
              assembly
                  .copy(Cell{stand_ins[at.column], at.row}, Cell{stand_ins[next.column], next.row})
                  .is_ok());
          ++copies;
          at = next;
        }
      }
    }
    EXPECT_GT(copies, 0u);
    const std::vector<std::vector<Fr>> rebuilt = assembly.sigma_polys();
    // Byte-identical: the scalars as stored, without the u32 BE count and lengths.
    std::vector<uint8_t> stored;
    for (size_t p = 0; p < columns; ++p) {
      const auto poly = sigma_bytes.subspan(4 + p * (4 + 32 * n) + 4, 32 * n);
      stored.insert(stored.end(), poly.begin(), poly.end());
    }
    EXPECT_TRUE(raw_bytes(rebuilt) == stored);

    // Commitments, with the SRS of this k.
    const fs::path srs =
        testing::vectors_dir() / "midnight" / "srs" / ("bls_midnight_2p" + std::to_string(k));
    if (!fs::exists(srs)) continue;
    Result<kzg::Params> params = kzg::Params::open(srs.string());
    ASSERT_TRUE(params.is_ok()) << params.status().message();
    Result<std::vector<ec::G1Affine>> basis = lagrange_basis(*params, k);
    ASSERT_TRUE(basis.is_ok()) << basis.status().message();
    const std::span<const uint8_t> pc = pk->view(layout.permutation_commitments);
    EXPECT_TRUE(uncompressed(commit_lagrange(*basis, rebuilt)) ==
                std::vector<uint8_t>(pc.begin(), pc.end()));
    const std::vector<std::vector<Fr>> fixed =
        read_polys(pk->view(layout.fixed_polys), layout.num_fixed, n);
    const std::span<const uint8_t> fc = pk->view(layout.fixed_commitments);
    EXPECT_TRUE(uncompressed(commit_lagrange(*basis, fixed)) ==
                std::vector<uint8_t>(fc.begin(), fc.end()));
    ++checked;
  }
  EXPECT_GE(checked, testing::env_int("NIGHTJAR_KEYGEN_MAX_K", 25) >= 13 ? 14u : 1u);
}

TEST(PermutationKeygen, FixedCommitmentsNeedTheSrsOfTheDomain) {
  const fs::path srs = testing::vectors_dir() / "midnight" / "srs" / "bls_midnight_2p4";
  NIGHTJAR_REQUIRE_VECTOR(srs);
  Result<kzg::Params> params = kzg::Params::open(srs.string());
  ASSERT_TRUE(params.is_ok()) << params.status().message();
  const Small s;
  Assignment w(s.cs, 5);
  EXPECT_FALSE(fixed_commitments(*params, w).is_ok());
  Assignment w4(s.cs, 4);
  w4.fixed[0][3] = Fr::from_u64(1);
  Result<std::vector<ec::G1Affine>> c = fixed_commitments(*params, w4);
  ASSERT_TRUE(c.is_ok()) << c.status().message();
  ASSERT_EQ(c->size(), 1u);
  // A column that is 1 at row 3 commits to the Lagrange point L_3.
  EXPECT_EQ(ec::to_raw_montgomery((*c)[0]), ec::to_raw_montgomery(*params->lagrange(3)));
  Result<std::vector<ec::G1Affine>> p = permutation_commitments(*params, s.cs, w4);
  ASSERT_TRUE(p.is_ok()) << p.status().message();
  EXPECT_EQ(p->size(), 4u);
}

}  // namespace
}  // namespace nightjar::plonk
