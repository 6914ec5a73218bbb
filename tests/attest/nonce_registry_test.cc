#include "attest/nonce_registry.h"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>
#include <vector>

#include "tests/attest/attest_vectors.h"

namespace nightjar::attest {
namespace {

using std::chrono::minutes;
using std::chrono::seconds;

Nonce nonce(uint32_t i) {
  Nonce n{};
  n[0] = static_cast<uint8_t>(i);
  n[1] = static_cast<uint8_t>(i >> 8);
  n[2] = static_cast<uint8_t>(i >> 16);
  return n;
}

TEST(NonceRegistry, ANonceIsUsedOnceWithinTheWindow) {
  NonceRegistry registry({.window = minutes(5), .capacity = 100});
  TimePoint t = testing::utc("2025-01-01T00:00:00Z");
  EXPECT_TRUE(registry.consume(nonce(1), t).is_ok());
  EXPECT_TRUE(registry.consume(nonce(2), t).is_ok());
  Status reused = registry.consume(nonce(1), t + minutes(4));
  EXPECT_EQ(reused.code(), StatusCode::kFailedPrecondition);
  EXPECT_NE(reused.message().find("already used"), std::string::npos);
  EXPECT_EQ(registry.size(), 2u);
}

TEST(NonceRegistry, NoncesAreForgottenAfterTheWindow) {
  NonceRegistry registry({.window = minutes(5), .capacity = 100});
  TimePoint t = testing::utc("2025-01-01T00:00:00Z");
  EXPECT_TRUE(registry.consume(nonce(1), t).is_ok());
  EXPECT_TRUE(registry.consume(nonce(2), t + minutes(3)).is_ok());
  EXPECT_FALSE(registry.consume(nonce(1), t + minutes(5) - seconds(1)).is_ok());
  EXPECT_TRUE(registry.consume(nonce(3), t + minutes(5)).is_ok());
  EXPECT_EQ(registry.size(), 2u);  // nonce 1 expired
  EXPECT_TRUE(registry.consume(nonce(1), t + minutes(6)).is_ok());
}

TEST(NonceRegistry, MemoryIsBoundedByEvictingTheOldest) {
  NonceRegistry registry({.window = minutes(5), .capacity = 3});
  TimePoint t = testing::utc("2025-01-01T00:00:00Z");
  for (uint32_t i = 1; i <= 4; ++i) EXPECT_TRUE(registry.consume(nonce(i), t).is_ok());
  EXPECT_EQ(registry.size(), 3u);
  EXPECT_FALSE(registry.consume(nonce(4), t).is_ok());
  EXPECT_FALSE(registry.consume(nonce(2), t).is_ok());
  EXPECT_TRUE(registry.consume(nonce(1), t).is_ok());  // evicted early, so accepted again
  for (uint32_t i = 10; i < 1000; ++i) EXPECT_TRUE(registry.consume(nonce(i), t).is_ok());
  EXPECT_EQ(registry.size(), 3u);
}

TEST(NonceRegistry, ConcurrentUsersSucceedExactlyOncePerNonce) {
  NonceRegistry registry({.window = minutes(5), .capacity = 10'000});
  TimePoint t = testing::utc("2025-01-01T00:00:00Z");
  std::atomic<int> accepted{0};
  std::vector<std::thread> threads;
  for (int w = 0; w < 8; ++w) {
    threads.emplace_back([&] {
      for (uint32_t i = 0; i < 2000; ++i) {
        if (registry.consume(nonce(i), t).is_ok()) accepted.fetch_add(1);
      }
    });
  }
  for (std::thread& th : threads) th.join();
  EXPECT_EQ(accepted.load(), 2000);
  EXPECT_EQ(registry.size(), 2000u);
}

}  // namespace
}  // namespace nightjar::attest
