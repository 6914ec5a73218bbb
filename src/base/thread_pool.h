// ThreadPool: the one scheduler for every parallel loop in nightjar (NTT, MSM, quotient, keygen).
//
// A fixed set of worker threads serves a shared FIFO of chunks. parallel_for splits a range into
// chunks that the caller and up to `max_threads - 1` workers claim from an atomic counter; the
// caller always works on its own loop, so nested loops and several concurrent jobs (several
// proofs at once) make progress without ever running more threads than the pool has: jobs share
// the cores instead of oversubscribing them. Thread-safe; the pool must outlive its loops.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace nightjar {

class ThreadPool {
 public:
  // `threads` counts the caller: ThreadPool(1) runs everything on the calling thread.
  explicit ThreadPool(size_t threads);
  ~ThreadPool();
  ThreadPool(const ThreadPool&) = delete;
  ThreadPool& operator=(const ThreadPool&) = delete;

  // The process-wide pool, sized by NIGHTJAR_THREADS or else the hardware concurrency.
  static ThreadPool& global();

  size_t size() const { return workers_.size() + 1; }

  // Calls body(begin, end) on disjoint chunks covering [0, n), each at least `grain` long
  // (except the last), using at most `max_threads` threads (0 = the whole pool). Returns when
  // every chunk has run. body must not throw.
  void parallel_for(size_t n, size_t grain, const std::function<void(size_t, size_t)>& body,
                    size_t max_threads = 0);

 private:
  void worker_loop();

  std::vector<std::thread> workers_;
  std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<std::function<void()>> queue_;
  bool stopping_ = false;
};

}  // namespace nightjar
