// Wall-clock formats. official_timestamp is what the official server's JSON carries (a
// time::OffsetDateTime in the `time` crate's serde human-readable form, UTC):
// "2026-05-20 10:09:32.123456789 +00:00:00", with trailing zeros of the fraction dropped (at
// least one digit kept). log_timestamp is RFC 3339 UTC with milliseconds, for log lines.
// Pure functions; thread-safe.
#pragma once

#include <chrono>
#include <string>

namespace nightjar::server {

std::string official_timestamp(std::chrono::system_clock::time_point t);
std::string log_timestamp(std::chrono::system_clock::time_point t);

}  // namespace nightjar::server
