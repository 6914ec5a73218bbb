#include "pcs/kzg/params.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>

#include "tests/testing/vectors.h"

namespace nightjar::kzg {
namespace {

std::filesystem::path srs_path(int k) {
  return testing::vectors_dir() / "midnight/srs" / ("bls_midnight_2p" + std::to_string(k));
}

// Every real Midnight SRS file up to NIGHTJAR_SRS_MAX_K (default 14, all the shared ones): every
// point on the curve and in the subgroup, the powers of tau consistent, the Lagrange points too.
TEST(Params, RealMidnightFilesVerify) {
  NIGHTJAR_REQUIRE_VECTOR(srs_path(0));
  const int max_k = testing::env_int("NIGHTJAR_SRS_MAX_K", 14);
  for (int k = 0; k <= max_k; ++k) {
    auto params = Params::open(srs_path(k));
    ASSERT_TRUE(params.is_ok()) << params.status().message();
    EXPECT_EQ(params->k(), static_cast<uint32_t>(k));
    auto report = params->verify();
    ASSERT_TRUE(report.is_ok()) << report.status().message();
    EXPECT_EQ(report->g1_points, 2 * params->n());
    EXPECT_TRUE(report->first_power_pairing) << "k = " << k;
    EXPECT_TRUE(report->powers_consistent) << "k = " << k;
    EXPECT_TRUE(report->lagrange_sum_is_g0) << "k = " << k;
  }
}

// All files share g2 and s_g2 and their first monomial points (they are prefixes of one SRS).
TEST(Params, FilesArePrefixesOfOneSrs) {
  NIGHTJAR_REQUIRE_VECTOR(srs_path(4));
  auto small = Params::open(srs_path(2));
  auto large = Params::open(srs_path(4));
  ASSERT_TRUE(small.is_ok() && large.is_ok());
  EXPECT_EQ(small->g2(), large->g2());
  EXPECT_EQ(small->s_g2(), large->s_g2());
  for (size_t i = 0; i < small->n(); ++i) EXPECT_EQ(*small->monomial(i), *large->monomial(i));
  EXPECT_EQ(*small->monomial(0), ec::G1Affine::generator());
  EXPECT_EQ(small->g2(), ec::G2Affine::generator());
}

class TamperedFile : public ::testing::Test {
 protected:
  void write(const std::vector<char>& bytes) {
    std::ofstream(path_, std::ios::binary).write(bytes.data(), bytes.size());
  }
  std::vector<char> original() {
    std::ifstream in(srs_path(3), std::ios::binary);
    return {std::istreambuf_iterator<char>(in), {}};
  }
  void TearDown() override { std::remove(path_.c_str()); }
  std::string path_ = ::testing::TempDir() + "nightjar_tampered_srs";
};

TEST_F(TamperedFile, WrongSizeAndBadHeaderRejected) {
  NIGHTJAR_REQUIRE_VECTOR(srs_path(3));
  auto bytes = original();
  bytes.pop_back();
  write(bytes);
  EXPECT_FALSE(Params::open(path_).is_ok());
  bytes = original();
  bytes[0] = 4;  // claims k = 4 with the size of k = 3
  write(bytes);
  EXPECT_FALSE(Params::open(path_).is_ok());
  bytes[0] = 26;
  write(bytes);
  EXPECT_FALSE(Params::open(path_).is_ok());
  EXPECT_FALSE(Params::open(path_ + ".missing").is_ok());
}

TEST_F(TamperedFile, SwappedPowersFailTheConsistencyCheck) {
  NIGHTJAR_REQUIRE_VECTOR(srs_path(3));
  auto bytes = original();
  // Swap monomial points 2 and 3: every point stays valid, but the powers no longer line up.
  std::swap_ranges(bytes.begin() + 4 + 2 * 96, bytes.begin() + 4 + 3 * 96,
                   bytes.begin() + 4 + 3 * 96);
  write(bytes);
  auto params = Params::open(path_);
  ASSERT_TRUE(params.is_ok());
  auto report = params->verify();
  ASSERT_TRUE(report.is_ok());
  EXPECT_TRUE(report->first_power_pairing);
  EXPECT_FALSE(report->powers_consistent);
}

TEST_F(TamperedFile, CorruptPointRejected) {
  NIGHTJAR_REQUIRE_VECTOR(srs_path(3));
  auto bytes = original();
  bytes[4 + 96 * 5 + 95] ^= 1;  // y of monomial point 5 no longer on the curve
  write(bytes);
  auto params = Params::open(path_);
  ASSERT_TRUE(params.is_ok());
  auto report = params->verify();
  ASSERT_FALSE(report.is_ok());
  EXPECT_NE(report.status().message().find("monomial point 5"), std::string::npos);
}

}  // namespace
}  // namespace nightjar::kzg
