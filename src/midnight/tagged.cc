#include "midnight/tagged.h"

#include <cstring>
#include <string>

namespace nightjar::midnight {

bool has_header(std::span<const uint8_t> bytes, std::string_view tag) {
  std::string header = "midnight:" + std::string(tag) + ":";
  return bytes.size() >= header.size() &&
         std::memcmp(bytes.data(), header.data(), header.size()) == 0;
}

Status expected_one_of(std::span<const uint8_t> bytes, std::string_view tag_a,
                       std::string_view tag_b) {
  // The reader's header mismatch carries the sanitised echo of what was there.
  Reader probe(bytes);
  probe.expect_header(tag_a);
  const std::string& message = probe.status().message();
  size_t got = message.find(", got '");
  return invalid_argument("expected one of 'midnight:" + std::string(tag_a) +
                          ":' or 'midnight:" + std::string(tag_b) + ":'" +
                          (got == std::string::npos ? std::string() : message.substr(got)));
}

}  // namespace nightjar::midnight
