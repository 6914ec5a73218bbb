#include "server/json_log.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace nightjar::server {
namespace {

using Json = nlohmann::json;

std::chrono::system_clock::time_point at(int64_t ms) {
  return std::chrono::system_clock::time_point(std::chrono::milliseconds(ms));
}

TEST(JsonLog, OneObjectWithTheTypedFields) {
  LogFields f;
  f.request_id = "abc-1";
  f.method = "POST";
  f.endpoint = "/check";
  f.status = 400;
  f.duration_ms = 1.25;
  f.queue_depth = 3;
  f.error = "bad_input";
  f.detail = "Expected 5 inputs, received 4";
  const std::string line = format_log_line(at(1'700'000'000'123), LogLevel::kInfo, "request", f);
  EXPECT_EQ(line.find('\n'), std::string::npos);
  const Json j = Json::parse(line);
  EXPECT_EQ(j["time"], "2023-11-14T22:13:20.123Z");
  EXPECT_EQ(j["level"], "info");
  EXPECT_EQ(j["message"], "request");
  EXPECT_EQ(j["request_id"], "abc-1");
  EXPECT_EQ(j["method"], "POST");
  EXPECT_EQ(j["endpoint"], "/check");
  EXPECT_EQ(j["status"], 400);
  EXPECT_DOUBLE_EQ(j["duration_ms"].get<double>(), 1.25);
  EXPECT_EQ(j["queue_depth"], 3);
  EXPECT_EQ(j["error"], "bad_input");
  EXPECT_EQ(j["detail"], "Expected 5 inputs, received 4");
  EXPECT_FALSE(j.contains("remote"));  // empty fields are left out
  EXPECT_FALSE(j.contains("k"));
}

// The interpreter quotes the transcript values it compared; a log line keeps the reason only.
TEST(JsonLog, ReasonsLoseTheirValues) {
  EXPECT_EQ(
      elide_values("Public transcript input mismatch for input 51; expected: "
                   "Some(d1da9131396a949fb7ee24cc99eb), computed: Some(70)"),
      "Public transcript input mismatch for input 51; expected: Some(..), computed: Some(..)");
  EXPECT_EQ(elide_values("expected: None, computed: Some(7)"),
            "expected: None, computed: Some(..)");
  EXPECT_EQ(elide_values("Expected 5 inputs, received 4"), "Expected 5 inputs, received 4");
  EXPECT_EQ(elide_values("cut Some(abc"), "cut Some(abc");
}

TEST(JsonLog, CircuitSize) {
  LogFields f;
  f.endpoint = "/prove";
  f.k = 13;
  const Json j = Json::parse(format_log_line(at(0), LogLevel::kInfo, "request", f));
  EXPECT_EQ(j["k"], 13);
}

TEST(JsonLog, EscapesQuotesAndBackslashes) {
  LogFields f;
  f.detail = R"(expected header tag 'a"b\c')";
  const Json j = Json::parse(format_log_line(at(0), LogLevel::kWarn, "m", f));
  EXPECT_EQ(j["detail"], R"(expected header tag 'a"b\c')");
  EXPECT_EQ(j["level"], "warn");
}

// Redaction: raw bytes (a body pasted into a message by mistake) cannot reach the log: control
// and non-ASCII bytes become '?', and any field is cut to kMaxFieldChars.
TEST(JsonLog, BinaryBytesNeverReachTheLine) {
  std::string secret;
  for (int i = 0; i < 256; ++i) secret.push_back(static_cast<char>(i));
  LogFields f;
  f.detail = secret;
  f.request_id = secret;
  const std::string line = format_log_line(at(0), LogLevel::kError, secret, f);
  for (unsigned char c : line) {
    EXPECT_GE(c, 0x20);
    EXPECT_LE(c, 0x7e);
  }
  EXPECT_NO_THROW((void)Json::parse(line));
}

TEST(JsonLog, LongFieldsAreCut) {
  const std::string hex(10'000, 'a');
  LogFields f;
  f.detail = hex;
  const Json j = Json::parse(format_log_line(at(0), LogLevel::kInfo, "m", f));
  EXPECT_EQ(j["detail"].get<std::string>().size(), kMaxFieldChars + 3);
  EXPECT_TRUE(j["detail"].get<std::string>().ends_with("..."));
}

TEST(JsonLog, LoggerFiltersByLevelAndWritesWholeLines) {
  std::vector<std::string> lines;
  Logger logger(LogLevel::kInfo, [&](std::string_view l) { lines.emplace_back(l); });
  logger.log(LogLevel::kDebug, "hidden");
  logger.log(LogLevel::kInfo, "shown");
  logger.log(LogLevel::kError, "also shown");
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_TRUE(lines[0].ends_with("\n"));
  EXPECT_EQ(Json::parse(lines[0])["message"], "shown");
  EXPECT_FALSE(logger.enabled(LogLevel::kDebug));
}

}  // namespace
}  // namespace nightjar::server
