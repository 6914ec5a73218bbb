// Request ids: every request gets one, echoed in the X-Request-Id response header and in every
// log line about it. A client's own X-Request-Id is kept when it is 1..64 characters of
// [A-Za-z0-9._-] (safe in logs and headers); otherwise the server makes one: a random
// per-process prefix and a counter, unique within and (with overwhelming probability) across
// processes. Thread safety: thread-safe.
#pragma once

#include <string>
#include <string_view>

namespace nightjar::server {

bool acceptable_request_id(std::string_view id);

// `offered` when acceptable, else a fresh id.
std::string assign_request_id(std::string_view offered);

}  // namespace nightjar::server
