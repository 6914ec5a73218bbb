#include "pcs/kzg/srs_derive.h"

#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "base/hex.h"
#include "base/sha256.h"
#include "pcs/kzg/srs_pins.h"
#include "tests/testing/vectors.h"

namespace nightjar::kzg {
namespace {

std::filesystem::path srs_dir() { return testing::vectors_dir() / "midnight/srs"; }

std::filesystem::path srs_path(uint32_t k) {
  return srs_dir() / ("bls_midnight_2p" + std::to_string(k));
}

std::span<const uint8_t> as_bytes(const std::string& s) {
  return {reinterpret_cast<const uint8_t*>(s.data()), s.size()};
}

TEST(Sha256, KnownAnswers) {
  EXPECT_EQ(to_hex(sha256(as_bytes(""))),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(to_hex(sha256(as_bytes("abc"))),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(to_hex(sha256(as_bytes("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"))),
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
}

TEST(Sha256, IncrementalEqualsOneShot) {
  std::vector<uint8_t> data(100000);
  for (size_t i = 0; i < data.size(); ++i) data[i] = static_cast<uint8_t>(i * 131 + 7);
  Sha256 hasher;
  std::span<const uint8_t> rest(data);
  for (size_t step = 1; !rest.empty(); step = step * 3 + 1) {
    size_t take = std::min(step, rest.size());
    hasher.update(rest.first(take));
    rest = rest.subspan(take);
  }
  EXPECT_EQ(hasher.finish(), sha256(data));
}

// The compiled-in pins are the ones in the shared vectors (copied from midnight-ledger).
TEST(SrsPins, MatchOfficialTable) {
  const auto json_path = srs_dir() / "official-sha256.json";
  NIGHTJAR_REQUIRE_VECTOR(json_path);
  std::ifstream in(json_path);
  std::stringstream text;
  text << in.rdbuf();
  for (uint32_t k = 0; k <= 25; ++k) {
    std::optional<Sha256Digest> pin = official_srs_sha256(k);
    ASSERT_TRUE(pin.has_value()) << "k = " << k;
    std::string entry = "\"bls_midnight_2p" + std::to_string(k) + "\": \"" + to_hex(*pin) + "\"";
    EXPECT_NE(text.str().find(entry), std::string::npos) << entry;
  }
  EXPECT_FALSE(official_srs_sha256(26).has_value());
  EXPECT_EQ(check_official_srs_sha256(26, Sha256Digest{}).code(), StatusCode::kNotFound);
}

TEST(SrsPins, SharedFilesMatchAndOthersDoNot) {
  NIGHTJAR_REQUIRE_VECTOR(srs_path(14));
  for (uint32_t k = 0; k <= 14; ++k) {
    Status status = check_official_srs_file(srs_path(k), k);
    EXPECT_TRUE(status.is_ok()) << status.message();
  }
  Status wrong = check_official_srs_file(srs_path(1), 2);
  EXPECT_EQ(wrong.code(), StatusCode::kDataLoss);
  EXPECT_NE(wrong.message().find(to_hex(*official_srs_sha256(2))), std::string::npos);
  EXPECT_FALSE(check_official_srs_file(srs_dir() / "no_such_file", 0).is_ok());
}

class DeriveParams : public ::testing::Test {
 protected:
  void TearDown() override { std::remove(out_.c_str()); }
  std::string out_ = ::testing::TempDir() + "nightjar_derived_srs";
};

// From the real 2^14 file, every smaller k is derived byte for byte as the official one: the
// SHA-256 of each output equals midnight-ledger's pin. The range ends at
// NIGHTJAR_SRS_DERIVE_MAX_K (default 13, all of it).
TEST_F(DeriveParams, SmallerFilesMatchOfficialPins) {
  NIGHTJAR_REQUIRE_VECTOR(srs_path(14));
  const int max_k = testing::env_int("NIGHTJAR_SRS_DERIVE_MAX_K", 13);
  for (int k = 0; k <= max_k; ++k) {
    auto start = std::chrono::steady_clock::now();
    Status status = derive_params(srs_path(14), static_cast<uint32_t>(k), out_);
    ASSERT_TRUE(status.is_ok()) << "k = " << k << ": " << status.message();
    double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    Status pinned = check_official_srs_file(out_, static_cast<uint32_t>(k));
    EXPECT_TRUE(pinned.is_ok()) << "k = " << k << ": " << pinned.message();
    std::printf("derived k = %d in %.2f s\n", k, seconds);
  }
}

// Deriving the input's own k keeps its points, as downsize does, and reproduces the file.
TEST_F(DeriveParams, SameKReproducesInput) {
  NIGHTJAR_REQUIRE_VECTOR(srs_path(5));
  ASSERT_TRUE(derive_params(srs_path(5), 5, out_).is_ok());
  EXPECT_TRUE(check_official_srs_file(out_, 5).is_ok());
}

TEST_F(DeriveParams, RejectsBadRequests) {
  NIGHTJAR_REQUIRE_VECTOR(srs_path(3));
  Status too_large = derive_params(srs_path(3), 4, out_);
  EXPECT_EQ(too_large.code(), StatusCode::kInvalidArgument);
  EXPECT_FALSE(derive_params(srs_dir() / "no_such_file", 0, out_).is_ok());
  Status unwritable = derive_params(srs_path(3), 2, "/nonexistent-dir/out");
  EXPECT_FALSE(unwritable.is_ok());
  EXPECT_FALSE(std::filesystem::exists(out_));
}

}  // namespace
}  // namespace nightjar::kzg
