// The /k computation without HTTP: k of shared IRs as the official server computes it
// (vectors/midnight/k.json, from zkir-v2 2.1.0), and the refusals.
#include "server/k.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "midnight/zkir_binary.h"
#include "tests/testing/vectors.h"

namespace nightjar::server {
namespace {

namespace fs = std::filesystem;

fs::path midnight_dir() { return testing::midnight_vectors_dir(); }

using testing::read_file;

// One IR per chip mix and size (the integration suite asks for every IR over HTTP).
TEST(K, SharedIrsAsOfficial) {
  NIGHTJAR_REQUIRE_VECTOR(midnight_dir() / "k.json");
  const nlohmann::json expected = nlohmann::json::parse(std::ifstream(midnight_dir() / "k.json"));
  for (const char* path :
       {"circuits/counter/increment.bzkir", "circuits/vault/proposeWithdrawal.bzkir",
        "circuits/zkloan/requestLoan.bzkir", "circuits/ledger-static/zswap_static_output.bzkir"}) {
    SCOPED_TRACE(path);
    Response r = run_k(read_file(midnight_dir() / path), CancelToken());
    ASSERT_EQ(r.status, 200u) << r.body;
    EXPECT_EQ(r.body, std::to_string(expected.at(path).get<uint32_t>()));
    EXPECT_EQ(r.k, expected.at(path).get<uint32_t>());
  }
}

TEST(K, WhatIsNotATaggedZkirV2IsUnsupported) {
  NIGHTJAR_REQUIRE_VECTOR(midnight_dir() / "circuits" / "counter" / "increment.zkir");
  // The compiler's JSON, which the official /k refuses too; an empty body; a /check body.
  for (const fs::path& file :
       {midnight_dir() / "circuits" / "counter" / "increment.zkir",
        midnight_dir() / "cases" / "counter-increment" / "check-request.bin"}) {
    Response r = run_k(read_file(file), CancelToken());
    EXPECT_EQ(r.status, 400u);
    EXPECT_EQ(r.error, Error::kUnsupportedZkir);
    EXPECT_TRUE(r.body.starts_with("Unsupported ZKIR version: ")) << r.body;
    EXPECT_FALSE(r.k.has_value());
  }
  EXPECT_EQ(run_k({}, CancelToken()).error, Error::kUnsupportedZkir);
}

// ZKIR 2.1 (minor version 1) decodes but lays its circuits out differently: no k is made up.
TEST(K, MinorVersionOneIsRefusedWithTheReason) {
  NIGHTJAR_REQUIRE_VECTOR(midnight_dir() / "circuits" / "counter" / "increment.bzkir");
  Result<zkir::Ir> ir =
      midnight::decode_ir(read_file(midnight_dir() / "circuits" / "counter" / "increment.bzkir"));
  ASSERT_TRUE(ir.is_ok());
  ir->version = zkir::MinorVersion::kV1;
  ir->flavour = zkir::IrFlavour::kGeneric;
  Response r = run_k(midnight::encode_ir(*ir), CancelToken());
  EXPECT_EQ(r.status, 400u);
  EXPECT_EQ(r.error, Error::kUnsupportedZkir);
  EXPECT_NE(r.body.find("minor version 1"), std::string::npos) << r.body;
}

}  // namespace
}  // namespace nightjar::server
