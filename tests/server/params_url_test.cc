#include <gtest/gtest.h>

#include "params/url.h"

namespace nightjar::params {
namespace {

// url::Url::join semantics, which the official provider uses on MIDNIGHT_PARAM_SOURCE.
TEST(ParamsUrl, JoinsLikeUrlJoin) {
  EXPECT_EQ(join_url("https://srs.midnight.network/", "bls_midnight_2p10"),
            "https://srs.midnight.network/bls_midnight_2p10");
  EXPECT_EQ(join_url("https://srs.midnight.network", "bls_midnight_2p10"),
            "https://srs.midnight.network/bls_midnight_2p10");
  EXPECT_EQ(join_url("https://h/mirror/", "zswap/9/spend.bzkir"),
            "https://h/mirror/zswap/9/spend.bzkir");
  // Without a trailing slash the last segment is replaced.
  EXPECT_EQ(join_url("https://h/mirror", "bls_midnight_2p1"), "https://h/bls_midnight_2p1");
  EXPECT_EQ(join_url("https://h/a/b?x=1#f", "c"), "https://h/a/c");
  EXPECT_EQ(join_url("http://127.0.0.1:8080/", "x"), "http://127.0.0.1:8080/x");
  EXPECT_EQ(join_url("file:///var/cache/srs/", "bls_midnight_2p3"),
            "file:///var/cache/srs/bls_midnight_2p3");
}

}  // namespace
}  // namespace nightjar::params
