#include "server/timestamp.h"

#include <cstdio>
#include <ctime>

namespace nightjar::server {
namespace {

struct Split {
  std::tm tm;
  long long nanos;
};

Split split(std::chrono::system_clock::time_point t) {
  const auto since = t.time_since_epoch();
  auto secs = std::chrono::floor<std::chrono::seconds>(since);
  const long long nanos =
      std::chrono::duration_cast<std::chrono::nanoseconds>(since - secs).count();
  const std::time_t tt = static_cast<std::time_t>(secs.count());
  Split s{};
  gmtime_r(&tt, &s.tm);
  s.nanos = nanos;
  return s;
}

}  // namespace

std::string official_timestamp(std::chrono::system_clock::time_point t) {
  const Split s = split(t);
  char fraction[16];
  std::snprintf(fraction, sizeof fraction, "%09lld", s.nanos);
  int digits = 9;
  while (digits > 1 && fraction[digits - 1] == '0') --digits;
  fraction[digits] = '\0';
  char out[64];
  std::snprintf(out, sizeof out, "%04d-%02d-%02d %02d:%02d:%02d.%s +00:00:00", s.tm.tm_year + 1900,
                s.tm.tm_mon + 1, s.tm.tm_mday, s.tm.tm_hour, s.tm.tm_min, s.tm.tm_sec, fraction);
  return out;
}

std::string log_timestamp(std::chrono::system_clock::time_point t) {
  const Split s = split(t);
  char out[40];
  std::snprintf(out, sizeof out, "%04d-%02d-%02dT%02d:%02d:%02d.%03lldZ", s.tm.tm_year + 1900,
                s.tm.tm_mon + 1, s.tm.tm_mday, s.tm.tm_hour, s.tm.tm_min, s.tm.tm_sec,
                s.nanos / 1000000);
  return out;
}

}  // namespace nightjar::server
