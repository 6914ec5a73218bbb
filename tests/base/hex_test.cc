#include "base/hex.h"

#include <gtest/gtest.h>

namespace nightjar {
namespace {

TEST(Hex, RoundTripsAndAcceptsPrefixAndCase) {
  std::vector<uint8_t> bytes = {0x00, 0x01, 0xab, 0xff};
  EXPECT_EQ(to_hex(bytes), "0001abff");
  EXPECT_EQ(*from_hex("0001abff"), bytes);
  EXPECT_EQ(*from_hex("0x0001ABFF"), bytes);
  EXPECT_TRUE(from_hex("")->empty());
}

TEST(Hex, RejectsMalformedInput) {
  EXPECT_FALSE(from_hex("abc").is_ok());
  auto bad = from_hex("zz00");
  ASSERT_FALSE(bad.is_ok());
  EXPECT_EQ(bad.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(bad.status().message().find("position 0"), std::string::npos);
}

}  // namespace
}  // namespace nightjar
