#include "server/timestamp.h"

#include <gtest/gtest.h>

namespace nightjar::server {
namespace {

using std::chrono::nanoseconds;
using std::chrono::system_clock;

system_clock::time_point at_ns(int64_t ns) {
  return system_clock::time_point(
      std::chrono::duration_cast<system_clock::duration>(nanoseconds(ns)));
}

// The `time` crate's human-readable OffsetDateTime: subseconds with trailing zeros dropped.
TEST(Timestamp, OfficialFormat) {
  EXPECT_EQ(official_timestamp(at_ns(1'779'271'772'123'456'789)),
            "2026-05-20 10:09:32.123456789 +00:00:00");
  EXPECT_EQ(official_timestamp(at_ns(1'779'271'772'120'000'000)),
            "2026-05-20 10:09:32.12 +00:00:00");
  EXPECT_EQ(official_timestamp(at_ns(1'779'271'772'000'000'000)),
            "2026-05-20 10:09:32.0 +00:00:00");
}

TEST(Timestamp, LogFormatIsRfc3339Utc) {
  EXPECT_EQ(log_timestamp(at_ns(1'779'271'772'123'456'789)), "2026-05-20T10:09:32.123Z");
  EXPECT_EQ(log_timestamp(at_ns(0)), "1970-01-01T00:00:00.000Z");
}

}  // namespace
}  // namespace nightjar::server
