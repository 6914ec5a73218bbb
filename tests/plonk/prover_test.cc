#include "plonk/prover.h"

#include <gtest/gtest.h>

#include <optional>
#include <vector>

#include "plonk/verifier.h"
#include "tests/plonk/prover_util.h"

namespace nightjar::plonk {
namespace {

using ff::Fr;

// A toy circuit with every argument the prover has: a multiplicative gate, a gate with a
// rotation, copies across advice and instance columns, a lookup into a fixed table, a trash
// (additive-selector) gate, a committed and a public instance column, and an unblinded advice
// column d = a + b (on the mul rows).
//   row 0: a=3  b=5  c=15    mul, next, lookup
//   row 1: a=15 b=15 c=225   mul, next      (b1 = c0 by copy; a1 = c0 by the next gate)
//   row 2: a=225 b=2 c=450   mul
//   row 4: a=7  b=7  c=49    mul, lookup, trash (a = b)
// Instances: committed [5] (= b0), public [3, 49] (= a0, c4).
struct ToyCircuit {
  ConstraintSystem cs;
  Column a, b, c, d, committed, pub, table;
  std::vector<Column> selectors;  // mul, next, lookup, trash (fixed columns after conversion)

  ToyCircuit() {
    a = cs.advice_column();
    b = cs.advice_column();
    c = cs.advice_column();
    d = cs.unblinded_advice_column();
    committed = cs.instance_column();
    pub = cs.instance_column();
    table = cs.lookup_table_column();
    const Selector s_mul = cs.selector();
    const Selector s_next = cs.selector();
    const Selector s_lookup = cs.complex_selector();
    const Selector s_trash = cs.selector();
    for (Column col : {a, b, c, committed, pub}) cs.enable_equality(col);
    cs.create_gate("mul", [&](VirtualCells& vc) {
      const Expression va = vc.query_advice(a, 0);
      const Expression vb = vc.query_advice(b, 0);
      return Constraints::with_selector(s_mul,
                                        std::vector<Expression>{va * vb - vc.query_advice(c, 0),
                                                                va + vb - vc.query_advice(d, 0)});
    });
    cs.create_gate("next", [&](VirtualCells& vc) {
      return Constraints::with_selector(
          s_next, std::vector<Expression>{vc.query_advice(a, 1) - vc.query_advice(c, 0)});
    });
    cs.lookup("range", [&](VirtualCells& vc) {
      return std::vector<std::pair<Expression, Column>>{
          {vc.query_selector(s_lookup) * vc.query_advice(a, 0), table}};
    });
    cs.create_gate("trash", [&](VirtualCells& vc) {
      return Constraints::with_additive_selector(
          s_trash, std::vector<Expression>{
                       vc.query_advice(a, 0) - vc.query_advice(b, 0),
                       vc.query_advice(c, 0) - vc.query_advice(b, 0) * vc.query_advice(b, 0)});
    });
    selectors = cs.convert_selectors_to_fixed();
  }
};

struct Instance {
  Assignment assignment;
  std::vector<Fr> committed_values;
  std::vector<Fr> public_values;
};

Instance honest(const ToyCircuit& t, uint32_t k) {
  Instance in{Assignment(t.cs, k), {Fr::from_u64(5)}, {Fr::from_u64(3), Fr::from_u64(49)}};
  Assignment& w = in.assignment;
  auto set = [&](Column col, size_t row, uint64_t v) { w.column(col)[row] = Fr::from_u64(v); };
  const uint64_t rows[][3] = {{3, 5, 15}, {15, 15, 225}, {225, 2, 450}, {0, 0, 0}, {7, 7, 49}};
  for (size_t r = 0; r < 5; ++r) {
    set(t.a, r, rows[r][0]);
    set(t.b, r, rows[r][1]);
    set(t.c, r, rows[r][2]);
    set(t.d, r, rows[r][0] + rows[r][1]);
  }
  for (size_t r : {0, 1, 2, 4}) set(t.selectors[0], r, 1);
  for (size_t r : {0, 1}) set(t.selectors[1], r, 1);
  for (size_t r : {0, 4}) set(t.selectors[2], r, 1);
  set(t.selectors[3], 4, 1);
  for (size_t r = 0; r < 16; ++r) set(t.table, r, r);
  w.copies = {{{t.committed, 0}, {t.b, 0}},
              {{t.pub, 0}, {t.a, 0}},
              {{t.c, 0}, {t.b, 1}},
              {{t.pub, 1}, {t.c, 4}}};
  return in;
}

class ProverTest : public ::testing::Test {
 protected:
  static constexpr uint32_t kK = 5;

  ProverTest() : setup_(testing::toy_setup(kK)) {
    const Instance in = honest(circuit_, kK);
    Result<ProvingKey> pk = testing::toy_keygen(setup_.ck, circuit_.cs, in.assignment);
    EXPECT_TRUE(pk.is_ok()) << pk.status().message();
    pk_.emplace(std::move(pk).value());
  }

  Result<std::vector<uint8_t>> prove(const Instance& in, RandomSource& rng) {
    ProverInstances instances;
    instances.columns = {in.committed_values, in.public_values};
    instances.num_committed = 1;
    return create_proof(setup_.ck, *pk_, in.assignment, instances, rng);
  }

  Status verify_with(const std::vector<uint8_t>& proof, std::span<const Fr> committed,
                     std::span<const Fr> pub) {
    Instances instances;
    instances.committed.push_back(commit_instance(setup_.ck, committed));
    instances.columns.push_back(pub);
    return verify(setup_.params, pk_->vk(), instances, proof);
  }

  ToyCircuit circuit_;
  testing::ToySetup setup_;
  std::optional<ProvingKey> pk_;
};

TEST_F(ProverTest, HonestProofVerifies) {
  const Instance in = honest(circuit_, kK);
  OsRandom rng;
  Result<std::vector<uint8_t>> proof = prove(in, rng);
  ASSERT_TRUE(proof.is_ok()) << proof.status().message();
  const Status s = verify_with(*proof, in.committed_values, in.public_values);
  EXPECT_TRUE(s.is_ok()) << s.message();
}

TEST_F(ProverTest, SeededProofsAreDeterministic) {
  const Instance in = honest(circuit_, kK);
  SeededStream s1("seed-a"), s2("seed-a"), s3("seed-b");
  Result<std::vector<uint8_t>> p1 = prove(in, s1);
  Result<std::vector<uint8_t>> p2 = prove(in, s2);
  Result<std::vector<uint8_t>> p3 = prove(in, s3);
  ASSERT_TRUE(p1.is_ok() && p2.is_ok() && p3.is_ok());
  EXPECT_EQ(*p1, *p2);
  EXPECT_NE(*p1, *p3);
  EXPECT_TRUE(verify_with(*p3, in.committed_values, in.public_values).is_ok());
}

// Records every request, so the stream can be replayed through Fq::random's rejection rule.
class RecordingStream final : public RandomSource {
 public:
  explicit RecordingStream(std::string_view seed) : inner_(seed) {}
  void fill_bytes(std::span<uint8_t> out) override {
    inner_.fill_bytes(out);
    sizes.push_back(out.size());
    bytes.insert(bytes.end(), out.begin(), out.end());
  }
  std::vector<size_t> sizes;
  std::vector<uint8_t> bytes;

 private:
  SeededStream inner_;
};

TEST_F(ProverTest, DrawsRandomnessInTheOfficialOrder) {
  const Instance in = honest(circuit_, kK);
  RecordingStream rng("order");
  ASSERT_TRUE(prove(in, rng).is_ok());
  // 8-byte draws, one 32-byte ChaCha seed, then pieces - 1 = 3 quotient blinders.
  const auto seed_at = std::find(rng.sizes.begin(), rng.sizes.end(), 32u);
  ASSERT_NE(seed_at, rng.sizes.end());
  EXPECT_EQ(std::count(rng.sizes.begin(), rng.sizes.end(), 32u), 1);
  for (size_t s : rng.sizes) EXPECT_TRUE(s == 8 || s == 32);
  auto accepted = [](std::span<const uint8_t> bytes) {
    size_t count = 0;
    for (size_t off = 0; off + 32 <= bytes.size(); off += 32) {
      Fr::Limbs limbs{};
      for (size_t i = 0; i < 32; ++i) limbs[i / 8] |= uint64_t{bytes[off + i]} << (8 * (i % 8));
      limbs[3] &= 0x7fffffffffffffff;
      if (Fr::from_canonical(limbs)) ++count;
    }
    return count;
  };
  const size_t before = 8 * static_cast<size_t>(seed_at - rng.sizes.begin());
  // blinding = 3 (two queries of a, at most) + 1 trash + 2 = 6; 3 advice columns × 7 rows,
  // 1 lookup × 2 × 7, 2 permutation sets (5 columns, chunks of 3) × 6, 1 lookup product × 6.
  EXPECT_EQ(accepted(std::span(rng.bytes).first(before)), 21u + 14u + 12u + 6u);
  EXPECT_EQ(accepted(std::span(rng.bytes).subspan(before + 32)), 3u);
  EXPECT_EQ((rng.bytes.size() - before - 32) % 32, 0u);
}

TEST_F(ProverTest, BrokenGateFailsVerification) {
  Instance in = honest(circuit_, kK);
  in.assignment.column(circuit_.c)[2] = Fr::from_u64(451);
  OsRandom rng;
  Result<std::vector<uint8_t>> proof = prove(in, rng);
  ASSERT_TRUE(proof.is_ok()) << proof.status().message();
  EXPECT_FALSE(verify_with(*proof, in.committed_values, in.public_values).is_ok());
}

TEST_F(ProverTest, BrokenRotationGateFailsVerification) {
  Instance in = honest(circuit_, kK);
  // a2 = c1 no longer holds; the multiplication at row 2 still does.
  in.assignment.column(circuit_.a)[2] = Fr::from_u64(224);
  in.assignment.column(circuit_.c)[2] = Fr::from_u64(448);
  OsRandom rng;
  Result<std::vector<uint8_t>> proof = prove(in, rng);
  ASSERT_TRUE(proof.is_ok()) << proof.status().message();
  EXPECT_FALSE(verify_with(*proof, in.committed_values, in.public_values).is_ok());
}

TEST_F(ProverTest, BrokenCopyFailsVerification) {
  Instance in = honest(circuit_, kK);
  // Every gate still holds, but b1 is no longer a copy of c0.
  Assignment& w = in.assignment;
  w.column(circuit_.b)[1] = Fr::from_u64(16);
  w.column(circuit_.c)[1] = Fr::from_u64(240);
  w.column(circuit_.a)[2] = Fr::from_u64(240);
  w.column(circuit_.c)[2] = Fr::from_u64(480);
  OsRandom rng;
  Result<std::vector<uint8_t>> proof = prove(in, rng);
  ASSERT_TRUE(proof.is_ok()) << proof.status().message();
  EXPECT_FALSE(verify_with(*proof, in.committed_values, in.public_values).is_ok());
}

TEST_F(ProverTest, BrokenTrashConstraintFailsVerification) {
  Instance in = honest(circuit_, kK);
  // Row 4 enables the trash gate: a = b fails, the multiplication still holds.
  in.assignment.column(circuit_.b)[4] = Fr::from_u64(8);
  in.assignment.column(circuit_.c)[4] = Fr::from_u64(56);
  in.public_values[1] = Fr::from_u64(56);
  OsRandom rng;
  Result<std::vector<uint8_t>> proof = prove(in, rng);
  ASSERT_TRUE(proof.is_ok()) << proof.status().message();
  EXPECT_FALSE(verify_with(*proof, in.committed_values, in.public_values).is_ok());
}

TEST_F(ProverTest, LookupInputOutsideTheTableIsRefused) {
  Instance in = honest(circuit_, kK);
  in.assignment.column(circuit_.a)[4] = Fr::from_u64(100);
  in.assignment.column(circuit_.b)[4] = Fr::from_u64(100);
  in.assignment.column(circuit_.c)[4] = Fr::from_u64(10000);
  in.public_values[1] = Fr::from_u64(10000);
  OsRandom rng;
  Result<std::vector<uint8_t>> proof = prove(in, rng);
  EXPECT_FALSE(proof.is_ok());
}

TEST_F(ProverTest, WrongInstancesFailVerification) {
  const Instance in = honest(circuit_, kK);
  OsRandom rng;
  Result<std::vector<uint8_t>> proof = prove(in, rng);
  ASSERT_TRUE(proof.is_ok());
  const std::vector<Fr> wrong_public = {Fr::from_u64(3), Fr::from_u64(50)};
  EXPECT_FALSE(verify_with(*proof, in.committed_values, wrong_public).is_ok());
  const std::vector<Fr> wrong_committed = {Fr::from_u64(6)};
  EXPECT_FALSE(verify_with(*proof, wrong_committed, in.public_values).is_ok());
}

TEST_F(ProverTest, RefusesMismatchedShapes) {
  const Instance in = honest(circuit_, kK);
  OsRandom rng;
  ProverInstances instances;
  instances.columns = {in.committed_values};
  instances.num_committed = 1;
  EXPECT_FALSE(create_proof(setup_.ck, *pk_, in.assignment, instances, rng).is_ok());
  std::vector<Fr> too_many(pk_->usable_rows() + 1);
  instances.columns = {in.committed_values, too_many};
  EXPECT_FALSE(create_proof(setup_.ck, *pk_, in.assignment, instances, rng).is_ok());
  const testing::ToySetup other = testing::toy_setup(kK + 1);
  instances.columns = {in.committed_values, in.public_values};
  EXPECT_FALSE(create_proof(other.ck, *pk_, in.assignment, instances, rng).is_ok());
}

TEST(ProvingKey, RefusesInconsistentParts) {
  const ToyCircuit t;
  const testing::ToySetup setup = testing::toy_setup(4);
  const Instance in = honest(t, 4);
  Result<ProvingKey> good = testing::toy_keygen(setup.ck, t.cs, in.assignment);
  ASSERT_TRUE(good.is_ok()) << good.status().message();
  EXPECT_EQ(good->usable_rows(), 16u - 7u);

  std::vector<LagrangePoly> fixed = good->fixed_values();
  std::vector<LagrangePoly> sigmas = good->permutation_values();
  std::vector<LagrangePoly> one_short(fixed.begin(), fixed.end() - 1);
  EXPECT_FALSE(ProvingKey::build(good->vk(), one_short, sigmas).is_ok());
  std::vector<LagrangePoly> short_column = fixed;
  short_column[0] = LagrangePoly(8);
  EXPECT_FALSE(ProvingKey::build(good->vk(), short_column, sigmas).is_ok());
  EXPECT_FALSE(ProvingKey::build(good->vk(), fixed, {}).is_ok());
  EXPECT_TRUE(ProvingKey::build(good->vk(), fixed, sigmas).is_ok());
}

TEST(ProvingKey, RefusesSelectorsLeftInTheSystem) {
  ConstraintSystem cs;
  const Column a = cs.advice_column();
  const Selector s = cs.selector();
  cs.create_gate("g", [&](VirtualCells& vc) {
    return Constraints::with_selector(s, std::vector<Expression>{vc.query_advice(a, 0)});
  });
  // One fixed column stands for the selector, so the shapes agree; the selector itself does not.
  cs.fixed_column();
  const testing::ToySetup setup = testing::toy_setup(3);
  Result<VerifyingKey> vk = VerifyingKey::from_parts(3, {ec::G1Affine::identity()}, {}, cs);
  ASSERT_TRUE(vk.is_ok()) << vk.status().message();
  std::vector<LagrangePoly> fixed;
  fixed.emplace_back(8);
  EXPECT_FALSE(ProvingKey::build(std::move(vk).value(), std::move(fixed), {}).is_ok());
}

}  // namespace
}  // namespace nightjar::plonk
