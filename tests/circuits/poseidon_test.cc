#include "circuits/poseidon.h"

#include <gtest/gtest.h>

#include <vector>

#include "tests/circuits/test_util.h"

namespace nightjar::circuits {
namespace {

using ff::Fr;
using testing::fr_le;

// Known answers from @midnight-ntwrk/ledger-v8 8.1.0 transientHash (the differential test,
// gadgets_diff_test.cc, covers thousands more when its vectors are present).
TEST(Poseidon, KnownAnswers) {
  EXPECT_EQ(transient_hash(std::vector<Fr>{Fr::from_u64(1), Fr::from_u64(2)}),
            fr_le("7751bf901778efbea2394e785bc41d20acb5c41eea5b5c107d56919df318d84a"));
  EXPECT_EQ(transient_hash(std::vector<Fr>{Fr::from_u64(1), Fr::from_u64(2), Fr::from_u64(3)}),
            fr_le("7bab50411d8d8b92c8a89963958c4175b1c37992e090363f83844a7198a81624"));
}

// No block is absorbed, so no permutation runs and the first rate element stays 0.
TEST(Poseidon, EmptyInputHashesToZero) { EXPECT_TRUE(transient_hash({}).is_zero()); }

TEST(Poseidon, LengthIsPartOfTheHash) {
  std::vector<Fr> one{Fr::from_u64(7)};
  std::vector<Fr> padded{Fr::from_u64(7), Fr::zero()};
  EXPECT_NE(transient_hash(one), transient_hash(padded));
}

TEST(Poseidon, CommitPrependsTheOpening) {
  std::vector<Fr> values{Fr::from_u64(3), Fr::from_u64(4), Fr::from_u64(5)};
  Fr opening = Fr::from_u64(99);
  std::vector<Fr> preimage{opening, values[0], values[1], values[2]};
  EXPECT_EQ(transient_commit(values, opening), transient_hash(preimage));
  EXPECT_EQ(transient_commit({}, opening), transient_hash(std::vector<Fr>{opening}));
}

TEST(Poseidon, VariableLengthSpongeDiffersFromFixedLength) {
  std::vector<Fr> xs{Fr::from_u64(1), Fr::from_u64(2)};
  std::array<Fr, 2> squeezed = poseidon_squeeze_two(xs);
  EXPECT_NE(squeezed[0], transient_hash(xs));
  EXPECT_NE(squeezed[0], squeezed[1]);
}

TEST(Poseidon, PermutationIsNotLinear) {
  PoseidonState zero{};
  PoseidonState one{Fr::one(), Fr::zero(), Fr::zero()};
  PoseidonState two{Fr::from_u64(2), Fr::zero(), Fr::zero()};
  poseidon_permute(zero);
  poseidon_permute(one);
  poseidon_permute(two);
  EXPECT_NE(two[0] - one[0], one[0] - zero[0]);
}

}  // namespace
}  // namespace nightjar::circuits
