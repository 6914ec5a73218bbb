// JobQueue: the bounded queue between the IO threads and the compute (the official
// WorkerPool, worker_pool.rs, with real cancellation).
//
// Representation: `workers` threads take jobs in FIFO order from a deque of pending jobs; each
// runs its Work, which does the math on ThreadPool::global() (a job thread is the "caller" of
// the pool's parallel loops, so concurrent jobs share the cores). A watchdog thread holds the
// deadlines. A job is Pending (queued), Running, or Finished (its Done has been called).
//
// Invariants:
//   * Done is called exactly once per accepted job: with the Work's response, or with an error
//     when the job is cancelled (Job::cancel: client gone, shutdown) or times out first. After
//     that the Work's eventual result is dropped.
//   * Cancelling sets the job's CancelToken, which long-running Work polls to stop early; a
//     cancelled pending job leaves the queue at once.
//   * Admission: submit refuses exactly when gauges().busy() (queue_gauges.h), the official
//     JobQueueFull rule, which /ready reports as 503.
//   * The timeout runs from submission (queueing included), like the official job TTL.
//
// Thread safety: every method may be called from any thread. Done runs on a job thread, the
// watchdog thread, or the thread calling Job::cancel / cancel_all; it must not block, and must
// not call back into the queue under its own locks.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <thread>
#include <variant>
#include <vector>

#include "server/queue_gauges.h"
#include "server/response.h"

namespace nightjar::server {

class CancelToken {
 public:
  CancelToken() : flag_(std::make_shared<std::atomic<bool>>(false)) {}
  bool cancelled() const { return flag_->load(std::memory_order_relaxed); }
  void cancel() const { flag_->store(true, std::memory_order_relaxed); }

 private:
  std::shared_ptr<std::atomic<bool>> flag_;
};

struct JobTiming {
  double wait_seconds = 0;  // submission to start (or to the end, if it never started)
  double run_seconds = 0;   // start to the end
};

class JobQueue;

class Job {
 public:
  // Finishes the job now with error_response(reason, detail) unless it has already finished,
  // and raises its cancel flag either way.
  void cancel(Error reason, std::string detail);

 private:
  friend class JobQueue;
  using Clock = std::chrono::steady_clock;
  enum class State { kPending, kRunning, kFinished };

  struct Core;
  // Finishes the job with `response` unless it already finished; the Done runs unlocked.
  void finish(Response response);

  std::shared_ptr<Core> core_;
  std::function<Response(const CancelToken&)> work_;
  std::function<void(Response, const JobTiming&)> done_;
  CancelToken token_;
  State state_ = State::kPending;
  Clock::time_point submitted_;
  Clock::time_point started_;
  std::multimap<Clock::time_point, std::weak_ptr<Job>>::iterator deadline_;
  bool has_deadline_ = false;
};

class JobQueue {
 public:
  using Work = std::function<Response(const CancelToken&)>;
  using Done = std::function<void(Response, const JobTiming&)>;

  struct Options {
    size_t workers = 2;
    size_t capacity = 0;  // 0: no limit
    // <= 0: no timeout.
    std::chrono::duration<double> timeout = std::chrono::seconds(600);
  };

  explicit JobQueue(Options options);
  // Cancels whatever is left (kShuttingDown) and joins the threads; a Work that ignores its
  // token delays this until it returns.
  ~JobQueue();
  JobQueue(const JobQueue&) = delete;
  JobQueue& operator=(const JobQueue&) = delete;

  // The accepted job, or why not: kQueueFull, or kShuttingDown after stop_accepting().
  std::variant<std::shared_ptr<Job>, Error> submit(Work work, Done done);

  QueueGauges gauges() const;
  const Options& options() const { return options_; }

  // Shutdown, in phases: refuse new jobs; wait until nothing is pending or running (true) or
  // the deadline passes (false); cancel everything left.
  void stop_accepting();
  bool wait_idle(std::chrono::steady_clock::time_point deadline);
  void cancel_all(Error reason, const std::string& detail);

 private:
  void worker_loop();
  void watchdog_loop();

  const Options options_;
  std::shared_ptr<Job::Core> core_;
  std::vector<std::thread> threads_;
};

}  // namespace nightjar::server
