// Replays tests/gadgets/gen_check_vectors.mjs: random ZKIR programs and preimages whose /check
// outcome comes from the official @midnight-ntwrk/zkir-v2 2.1.0. The file comes from
// $NIGHTJAR_CHECK_VECTORS; without it the test skips and says how to make it.
//
// Outcomes must agree exactly: the same pi_skip list, or a rejection with the official message.
// The exceptions are the messages in which the official code prints memory values (witness data);
// there nightjar's message must name the same failure (same leading words) without the values.
#include <gtest/gtest.h>

#include <array>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "base/hex.h"
#include "midnight/preimage.h"
#include "midnight/tagged.h"
#include "midnight/zkir_binary.h"
#include "zkir/interpreter.h"

namespace nightjar::zkir {
namespace {

using Json = nlohmann::json;

// Official messages that carry memory values, by their leading words.
constexpr std::array<std::string_view, 5> kRedacted = {
    "Expected boolean, found", "Failed equality constraint", "Bit bound failed",
    "Inputs did not match alignment", "Elliptic curve point not on curve"};

std::string_view redacted_kind(std::string_view message) {
  for (std::string_view kind : kRedacted) {
    if (message.substr(0, kind.size()) == kind) return kind;
  }
  return {};
}

// The error's kind for the tally: the message up to its first value.
std::string kind_of(const std::string& message) {
  std::string_view kind = redacted_kind(message);
  if (!kind.empty()) return std::string(kind);
  return message.substr(0, message.find_first_of(":;0123456789"));
}

std::vector<uint8_t> unhex(const Json& j) {
  Result<std::vector<uint8_t>> bytes = from_hex(j.get<std::string>());
  NIGHTJAR_CHECK(bytes.is_ok());
  return std::move(bytes).value();
}

TEST(CheckDiff, MatchesZkirV2) {
  const char* path = std::getenv("NIGHTJAR_CHECK_VECTORS");
  if (path == nullptr || !std::filesystem::exists(path)) {
    GTEST_SKIP() << "check vectors not found (NIGHTJAR_CHECK_VECTORS=" << (path ? path : "unset")
                 << "); make them with: cd tests/gadgets && npm ci && node gen_check_vectors.mjs "
                    "--out ../../build/gadget-vectors/check_vectors.jsonl";
  }
  std::ifstream in(path);
  std::string line;
  size_t total = 0, agreed = 0, accepted = 0, shown = 0;
  std::map<std::string, size_t> rejections;
  std::map<std::string, size_t> ops;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    const Json c = Json::parse(line);
    ++total;
    for (const Json& op : c.at("ops")) ++ops[op.get<std::string>()];
    Result<Ir> ir = midnight::decode_ir(unhex(c.at("ir")));
    ASSERT_TRUE(ir.is_ok()) << ir.status().message();
    Result<midnight::ProofPreimage> preimage =
        midnight::decode_tagged<midnight::ProofPreimage>(unhex(c.at("preimage")));
    ASSERT_TRUE(preimage.is_ok()) << preimage.status().message();
    Result<PiSkips> got = check(*ir, midnight::check_inputs(*preimage));

    bool ok = false;
    std::string ours = got.is_ok() ? "accepted" : got.status().message();
    if (c.at("error").is_null()) {
      ++accepted;
      Json skips = Json::array();
      if (got.is_ok()) {
        for (const auto& s : *got) skips.push_back(s ? Json(*s) : Json(nullptr));
      }
      ok = got.is_ok() && skips == c.at("result");
    } else {
      const std::string official = c.at("error");
      ++rejections[kind_of(official)];
      std::string_view kind = redacted_kind(official);
      ok = !got.is_ok() && got.status().code() == StatusCode::kInvalidArgument &&
           (kind.empty() ? ours == official : redacted_kind(ours) == kind);
    }
    if (ok) {
      ++agreed;
    } else if (shown++ < 10) {
      ADD_FAILURE() << "case " << total << ": official "
                    << (c.at("error").is_null() ? c.at("result").dump()
                                                : c.at("error").get<std::string>())
                    << ", nightjar " << (got.is_ok() ? "accepted" : ours);
    }
  }
  std::printf("  %zu/%zu programs agree with zkir-v2 (%zu accepted, %zu rejected)\n", agreed, total,
              accepted, total - accepted);
  for (const auto& [kind, n] : rejections) std::printf("    %5zu rejected: %s\n", n, kind.c_str());
  EXPECT_GE(total, 1000u);
  EXPECT_EQ(agreed, total);
  // Every instruction occurs in the vectors.
  EXPECT_EQ(ops.size(), kInstructionKinds);
}

}  // namespace
}  // namespace nightjar::zkir
