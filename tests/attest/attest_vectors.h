// The real attestation evidence in shared/vectors/attestation (its README.md says what each
// file is and what a verifier must conclude), and small helpers the attest tests share.
#pragma once

#include <gtest/gtest.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "attest/utc_time.h"
#include "attest/verdict.h"
#include "tests/testing/vectors.h"

namespace nightjar::attest::testing {

inline std::filesystem::path vector_path(const std::string& relative) {
  return nightjar::testing::vectors_dir() / "attestation" / relative;
}

inline std::vector<uint8_t> read_bytes(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::vector<uint8_t>(std::istreambuf_iterator<char>(in), {});
}

inline TimePoint utc(const char* iso8601) {
  Result<TimePoint> t = parse_utc_time(iso8601);
  NIGHTJAR_CHECK(t.is_ok());
  return *t;
}

inline bool check_ok(const Verdict& v, std::string_view name) {
  const Check* c = v.find(name);
  return c != nullptr && c->ok;
}

inline bool check_failed(const Verdict& v, std::string_view name) {
  const Check* c = v.find(name);
  return c != nullptr && !c->ok;
}

inline std::string reason(const Verdict& v, std::string_view name) {
  const Check* c = v.find(name);
  return c == nullptr ? "" : c->reason;
}

}  // namespace nightjar::attest::testing
