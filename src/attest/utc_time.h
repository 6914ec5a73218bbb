// Points in UTC time for the verifiers' injectable clock: certificate validity and evidence
// freshness are judged at a TimePoint the caller passes (the present, or the moment a stored
// test vector was produced), never at a clock read inside the verifier.
//
// Text form: ISO 8601 / RFC 3339 in UTC, "2024-09-07T14:37:39.545Z" (the fraction is optional,
// up to nanoseconds; "Z" or "+00:00" or nothing for UTC). Pure functions; thread-safe.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>

#include "base/status.h"

namespace nightjar::attest {

using TimePoint = std::chrono::system_clock::time_point;

Result<TimePoint> parse_utc_time(std::string_view text);

// Millisecond precision, as Nitro documents carry.
std::string format_utc_time(TimePoint t);

// Saturates at the clock's range (year 2262), so a hostile timestamp cannot overflow it.
TimePoint from_unix_millis(uint64_t millis);

}  // namespace nightjar::attest
