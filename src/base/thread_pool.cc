#include "base/thread_pool.h"

#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <memory>

namespace nightjar {
namespace {

// One parallel_for: chunks are claimed through `next`; `pending` counts unfinished chunks.
struct Loop {
  size_t n = 0;
  size_t chunk = 0;
  size_t chunks = 0;
  const std::function<void(size_t, size_t)>* body = nullptr;
  std::atomic<size_t> next{0};
  std::atomic<size_t> pending{0};
  std::mutex mutex;
  std::condition_variable done;

  // Runs chunks until none is left to claim.
  void drain() {
    for (size_t c; (c = next.fetch_add(1)) < chunks;) {
      size_t begin = c * chunk;
      (*body)(begin, std::min(n, begin + chunk));
      if (pending.fetch_sub(1) == 1) {
        std::lock_guard<std::mutex> lock(mutex);
        done.notify_all();
      }
    }
  }
};

size_t default_threads() {
  if (const char* env = std::getenv("NIGHTJAR_THREADS"); env != nullptr && *env != '\0') {
    long v = std::strtol(env, nullptr, 10);
    if (v > 0) return static_cast<size_t>(v);
  }
  return std::max(1u, std::thread::hardware_concurrency());
}

}  // namespace

ThreadPool::ThreadPool(size_t threads) {
  for (size_t i = 1; i < threads; ++i) workers_.emplace_back([this] { worker_loop(); });
}

ThreadPool::~ThreadPool() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  for (auto& t : workers_) t.join();
}

ThreadPool& ThreadPool::global() {
  static ThreadPool pool(default_threads());
  return pool;
}

void ThreadPool::worker_loop() {
  for (;;) {
    std::function<void()> task;
    {
      std::unique_lock<std::mutex> lock(mutex_);
      wake_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
      if (queue_.empty()) return;
      task = std::move(queue_.front());
      queue_.pop_front();
    }
    task();
  }
}

void ThreadPool::parallel_for(size_t n, size_t grain,
                              const std::function<void(size_t, size_t)>& body, size_t max_threads) {
  if (n == 0) return;
  size_t threads = max_threads == 0 ? size() : std::min(max_threads, size());
  grain = std::max<size_t>(grain, 1);
  // A few chunks per thread balance uneven chunk costs without much claiming overhead.
  size_t chunks = std::min((n + grain - 1) / grain, threads * 4);
  if (threads <= 1 || chunks <= 1) {
    body(0, n);
    return;
  }
  auto loop = std::make_shared<Loop>();
  loop->n = n;
  loop->chunk = (n + chunks - 1) / chunks;
  loop->chunks = (n + loop->chunk - 1) / loop->chunk;
  loop->body = &body;
  loop->pending = loop->chunks;
  size_t helpers = std::min(threads, loop->chunks) - 1;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    // A helper that starts after the loop has finished finds no chunk and returns at once; the
    // shared_ptr keeps the loop alive for it, while `body` is only called for claimed chunks.
    for (size_t i = 0; i < helpers; ++i) queue_.push_back([loop] { loop->drain(); });
  }
  if (helpers == 1) {
    wake_.notify_one();
  } else {
    wake_.notify_all();
  }
  loop->drain();
  std::unique_lock<std::mutex> lock(loop->mutex);
  loop->done.wait(lock, [&] { return loop->pending.load() == 0; });
}

}  // namespace nightjar
