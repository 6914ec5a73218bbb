#include "server/response.h"

#include <gtest/gtest.h>

#include <set>

#include "server/http_status.h"

namespace nightjar::server {
namespace {

TEST(HttpStatus, OfficialCodes) {
  EXPECT_EQ(http_status(Error::kNone), 200u);
  EXPECT_EQ(http_status(Error::kNotFound), 404u);
  EXPECT_EQ(http_status(Error::kDecode), 400u);
  EXPECT_EQ(http_status(Error::kBadInput), 400u);
  EXPECT_EQ(http_status(Error::kOutOfRange), 400u);
  EXPECT_EQ(http_status(Error::kQueueFull), 429u);
  EXPECT_EQ(http_status(Error::kInternal), 500u);
  EXPECT_EQ(http_status(Error::kParamsUnavailable), 500u);
  EXPECT_EQ(http_status(Error::kNotReady), 503u);
}

TEST(HttpStatus, NightjarCodes) {
  EXPECT_EQ(http_status(Error::kTimeout), 504u);
  EXPECT_EQ(http_status(Error::kBodyTooLarge), 413u);
  EXPECT_EQ(http_status(Error::kHeadersTooLarge), 431u);
  EXPECT_EQ(http_status(Error::kShuttingDown), 503u);
  EXPECT_EQ(http_status(Error::kGone), 410u);
  EXPECT_EQ(http_status(Error::kMalformedRequest), 400u);
}

TEST(Response, ErrorBodiesKeepTheOfficialTextAndAddTheReason) {
  Response r = error_response(Error::kBadInput, "Expected 5 inputs, received 4");
  EXPECT_EQ(r.status, 400u);
  EXPECT_EQ(r.error, Error::kBadInput);
  EXPECT_EQ(r.body, "bad input: Expected 5 inputs, received 4");
  EXPECT_EQ(error_response(Error::kQueueFull, "2 jobs pending, capacity 2").body,
            "Job Queue full: 2 jobs pending, capacity 2");
  EXPECT_EQ(error_response(Error::kQueueFull).body, "Job Queue full");
  // Decoder messages are the official body already.
  EXPECT_EQ(error_response(Error::kDecode, "expected header tag 'a', got 'b'").body,
            "expected header tag 'a', got 'b'");
  EXPECT_EQ(error_response(Error::kOutOfRange, "k=26 out of range").body, "k=26 out of range");
}

TEST(Response, NotFoundIsEmptyLikeActix) {
  Response r = error_response(Error::kNotFound, "ignored");
  EXPECT_EQ(r.status, 404u);
  EXPECT_TRUE(r.body.empty());
  EXPECT_TRUE(r.content_type.empty());
}

TEST(Response, EveryErrorHasADistinctLabel) {
  std::set<std::string_view> labels;
  for (int e = static_cast<int>(Error::kNone); e <= static_cast<int>(Error::kInternal); ++e) {
    EXPECT_TRUE(labels.insert(error_label(static_cast<Error>(e))).second) << e;
  }
}

}  // namespace
}  // namespace nightjar::server
