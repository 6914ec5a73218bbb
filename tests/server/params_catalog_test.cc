#include <gtest/gtest.h>

#include <filesystem>

#include "base/sha256.h"
#include "params/catalog.h"
#include "pcs/kzg/params.h"
#include "tests/testing/vectors.h"

namespace nightjar::params {
namespace {

namespace fs = std::filesystem;

TEST(ParamsCatalog, SrsNames) {
  for (uint32_t k = 0; k <= kMaxSrsK; ++k) {
    std::optional<Artifact> a = find_artifact(srs_artifact_name(k));
    ASSERT_TRUE(a.has_value()) << k;
    EXPECT_EQ(a->max_bytes, kzg::params_file_size(k));
  }
  for (const char* bad :
       {"bls_midnight_2p26", "bls_midnight_2p05", "bls_midnight_2p", "bls_midnight_2px",
        "bls_filecoin_2p10", "../bls_midnight_2p1", "bls_midnight_2p1/", ""}) {
    EXPECT_FALSE(find_artifact(bad).has_value()) << bad;
  }
}

TEST(ParamsCatalog, BuiltinLocations) {
  EXPECT_EQ(builtin_key_locations().size(), 4u);
  EXPECT_EQ(*builtin_key_root("midnight/zswap/spend"), "zswap/9/spend");
  EXPECT_EQ(*builtin_key_root("midnight/zswap/output"), "zswap/9/output");
  EXPECT_EQ(*builtin_key_root("midnight/zswap/sign"), "zswap/9/sign");
  EXPECT_EQ(*builtin_key_root("midnight/dust/spend"), "dust/9/spend");
  EXPECT_FALSE(builtin_key_root("increment").has_value());
  EXPECT_FALSE(builtin_key_root("midnight/zswap/spend2").has_value());
  for (std::string_view location : builtin_key_locations()) {
    for (const char* ext : {".prover", ".verifier", ".bzkir"}) {
      EXPECT_TRUE(find_artifact(*builtin_key_root(location) + ext).has_value()) << location << ext;
    }
  }
  EXPECT_FALSE(find_artifact("zswap/9/spend.zkir").has_value());
  EXPECT_FALSE(find_artifact("zswap/8/spend.bzkir").has_value());
}

// The pins agree with the real files in the shared vectors (copied from midnight-ledger).
TEST(ParamsCatalog, PinsMatchTheRealFiles) {
  const fs::path dir = testing::vectors_dir() / "midnight" / "circuits" / "ledger-static";
  NIGHTJAR_REQUIRE_VECTOR(dir);
  const std::pair<const char*, const char*> files[] = {
      {"zswap/9/spend.bzkir", "zswap_static_spend.bzkir"},
      {"zswap/9/spend.verifier", "zswap_static_spend.verifier"},
      {"zswap/9/output.bzkir", "zswap_static_output.bzkir"},
      {"zswap/9/output.verifier", "zswap_static_output.verifier"},
      {"zswap/9/sign.bzkir", "zswap_static_sign.bzkir"},
      {"zswap/9/sign.verifier", "zswap_static_sign.verifier"},
      {"dust/9/spend.bzkir", "ledger_static_dust_spend.bzkir"},
      {"dust/9/spend.verifier", "ledger_static_dust_spend.verifier"},
  };
  for (const auto& [name, file] : files) {
    Result<Sha256Digest> digest = sha256_file((dir / file).string());
    ASSERT_TRUE(digest.is_ok()) << file;
    EXPECT_EQ(*digest, find_artifact(name)->sha256) << name;
  }
  const fs::path srs = testing::vectors_dir() / "midnight" / "srs" / "bls_midnight_2p5";
  NIGHTJAR_REQUIRE_VECTOR(srs);
  EXPECT_EQ(*sha256_file(srs.string()), find_artifact("bls_midnight_2p5")->sha256);
}

}  // namespace
}  // namespace nightjar::params
