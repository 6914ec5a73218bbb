#include "base/thread_pool.h"

#include <gtest/gtest.h>

#include <atomic>
#include <numeric>
#include <set>
#include <thread>
#include <vector>

namespace nightjar {
namespace {

TEST(ThreadPool, CoversTheRangeExactlyOnce) {
  ThreadPool pool(4);
  for (size_t n : {0u, 1u, 7u, 64u, 1000u, 100003u}) {
    for (size_t grain : {1u, 3u, 1000u}) {
      std::vector<std::atomic<int>> hits(n);
      pool.parallel_for(n, grain, [&](size_t b, size_t e) {
        ASSERT_LE(b, e);
        for (size_t i = b; i < e; ++i) hits[i]++;
      });
      for (size_t i = 0; i < n; ++i) ASSERT_EQ(hits[i].load(), 1) << "n=" << n << " i=" << i;
    }
  }
}

TEST(ThreadPool, NestedLoopsAndConcurrentCallersComplete) {
  ThreadPool pool(3);
  std::atomic<long> total{0};
  std::vector<std::thread> callers;
  for (int c = 0; c < 4; ++c) {
    callers.emplace_back([&] {
      pool.parallel_for(50, 1, [&](size_t b, size_t e) {
        for (size_t i = b; i < e; ++i) {
          pool.parallel_for(100, 10, [&](size_t ib, size_t ie) { total += ie - ib; });
        }
      });
    });
  }
  for (auto& t : callers) t.join();
  EXPECT_EQ(total.load(), 4L * 50 * 100);
}

TEST(ThreadPool, RespectsTheThreadShare) {
  ThreadPool pool(4);
  std::mutex m;
  std::set<std::thread::id> seen;
  pool.parallel_for(
      1000, 1,
      [&](size_t, size_t) {
        std::lock_guard<std::mutex> lock(m);
        seen.insert(std::this_thread::get_id());
      },
      1);
  EXPECT_EQ(seen.size(), 1u);
  EXPECT_EQ(*seen.begin(), std::this_thread::get_id());
}

}  // namespace
}  // namespace nightjar
