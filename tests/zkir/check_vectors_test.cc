// The interpreter against the official results in the shared vectors (cases/*/check.json and
// negative/expected.json, produced by @midnight-ntwrk/zkir-v2 2.1.0). The preimages and IRs are
// decoded with midnight/, so this test links the midnight layer.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "midnight/preimage.h"
#include "midnight/proving_data.h"
#include "midnight/requests.h"
#include "midnight/tagged.h"
#include "midnight/zkir_binary.h"
#include "tests/testing/vectors.h"
#include "zkir/interpreter.h"

namespace nightjar::zkir {
namespace {

namespace fs = std::filesystem;
using Json = nlohmann::json;

fs::path midnight_dir() { return testing::midnight_vectors_dir(); }

using testing::read_file;

Json read_json(const fs::path& path) {
  std::ifstream in(path);
  return Json::parse(in);
}

// The IR a case's /check request carries (the circuit's .bzkir, as midnight-js sends it).
Ir ir_of_case(const std::string& name) {
  Result<midnight::CheckRequest> request = midnight::decode_tagged<midnight::CheckRequest>(
      read_file(midnight_dir() / "cases" / name / "check-request.bin"));
  NIGHTJAR_CHECK(request.is_ok() && request->ir.has_value());
  Result<Ir> ir = midnight::decode_ir(request->ir->ir);
  NIGHTJAR_CHECK(ir.is_ok());
  return std::move(ir).value();
}

std::vector<std::string> case_names() {
  std::vector<std::string> names;
  const fs::path dir = midnight_dir() / "cases";
  if (!fs::exists(dir)) return names;
  for (const auto& entry : fs::directory_iterator(dir)) {
    if (entry.is_directory()) names.push_back(entry.path().filename().string());
  }
  std::sort(names.begin(), names.end());
  return names;
}

Json to_json(const PiSkips& skips) {
  Json out = Json::array();
  for (const std::optional<uint64_t>& s : skips) out.push_back(s ? Json(*s) : Json(nullptr));
  return out;
}

TEST(CheckVectors, EveryCaseMatchesTheOfficialResult) {
  NIGHTJAR_REQUIRE_VECTOR(midnight_dir() / "cases");
  const std::vector<std::string> names = case_names();
  ASSERT_GE(names.size(), 15u);
  for (const std::string& name : names) {
    SCOPED_TRACE(name);
    const fs::path dir = midnight_dir() / "cases" / name;
    Result<midnight::ProofPreimage> preimage =
        midnight::decode_tagged<midnight::ProofPreimage>(read_file(dir / "preimage.bin"));
    ASSERT_TRUE(preimage.is_ok()) << preimage.status().message();
    const Ir ir = ir_of_case(name);
    Result<Preprocessed> result = preprocess(ir, midnight::check_inputs(*preimage));
    ASSERT_TRUE(result.is_ok()) << result.status().message();
    EXPECT_EQ(to_json(result->pi_skips), read_json(dir / "check.json"));

    // The public inputs: binding input, the commitment if used, then one per declare_pub_input.
    size_t declared = 0;
    for (const Instruction& ins : ir.instructions) declared += ins.index() == 6;
    EXPECT_EQ(result->public_inputs.size(),
              1 + (ir.do_communications_commitment ? 1 : 0) + declared);
    EXPECT_EQ(result->public_inputs[0], preimage->binding_input);
    EXPECT_GE(result->memory.values().size(), ir.num_inputs);
  }
}

// A well-formed request carries preimage and IR together, as the proof server receives them.
TEST(CheckVectors, CheckRequestsAgreeWithPreimages) {
  NIGHTJAR_REQUIRE_VECTOR(midnight_dir() / "cases");
  for (const std::string& name : case_names()) {
    SCOPED_TRACE(name);
    Result<midnight::CheckRequest> request = midnight::decode_tagged<midnight::CheckRequest>(
        read_file(midnight_dir() / "cases" / name / "check-request.bin"));
    ASSERT_TRUE(request.is_ok()) << request.status().message();
    Result<PiSkips> skips =
        check(ir_of_case(name), midnight::check_inputs(request->preimage.preimage));
    ASSERT_TRUE(skips.is_ok()) << skips.status().message();
    Result<midnight::CheckResponse> response = midnight::decode_tagged<midnight::CheckResponse>(
        read_file(midnight_dir() / "cases" / name / "check-response.bin"));
    ASSERT_TRUE(response.is_ok()) << response.status().message();
    EXPECT_EQ(*skips, response->pi_skips);
  }
}

TEST(CheckVectors, NegativeCasesAreRejectedForTheOfficialReason) {
  const fs::path dir = midnight_dir() / "negative";
  NIGHTJAR_REQUIRE_VECTOR(dir / "expected.json");
  size_t interpreted = 0, undecodable = 0;
  for (const Json& entry : read_json(dir / "expected.json")) {
    const std::string name = entry.at("name");
    SCOPED_TRACE(name);
    const std::vector<uint8_t> bytes = read_file(dir / entry.at("file").get<std::string>());
    if (entry.at("kind") == "request") {
      // Malformed request bodies: the decoder, not the interpreter, must refuse them.
      const bool is_prove = entry.at("endpoint") == "/prove";
      const bool ok = is_prove ? midnight::decode_tagged<midnight::ProveRequest>(bytes).is_ok()
                               : midnight::decode_tagged<midnight::CheckRequest>(bytes).is_ok();
      EXPECT_FALSE(ok);
      ++undecodable;
      continue;
    }
    const std::string expected = entry.at("expected_check_error");
    Result<midnight::ProofPreimage> preimage =
        midnight::decode_tagged<midnight::ProofPreimage>(bytes);
    if (!preimage.is_ok()) {
      ++undecodable;
      continue;
    }
    Result<PiSkips> skips =
        check(ir_of_case(entry.at("base_case")), midnight::check_inputs(*preimage));
    ASSERT_FALSE(skips.is_ok()) << "accepted a preimage the official check rejects";
    EXPECT_EQ(skips.status().message(), expected);
    EXPECT_EQ(skips.status().code(), StatusCode::kInvalidArgument);
    ++interpreted;

    // The same preimage inside its /check request, with the IR the request carries.
    const fs::path request_path = dir / (name + ".check-request.bin");
    if (fs::exists(request_path)) {
      Result<midnight::CheckRequest> request =
          midnight::decode_tagged<midnight::CheckRequest>(read_file(request_path));
      ASSERT_TRUE(request.is_ok()) << request.status().message();
      ASSERT_TRUE(request->ir.has_value());
      Result<Ir> ir = midnight::decode_ir(request->ir->ir);
      ASSERT_TRUE(ir.is_ok()) << ir.status().message();
      Result<PiSkips> again = check(*ir, midnight::check_inputs(request->preimage.preimage));
      ASSERT_FALSE(again.is_ok());
      EXPECT_EQ(again.status().message(), expected);
    }
  }
  EXPECT_EQ(interpreted, 4u);
  EXPECT_EQ(undecodable, 6u);
}

}  // namespace
}  // namespace nightjar::zkir
