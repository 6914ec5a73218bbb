#include "server/job_queue.h"

#include <gtest/gtest.h>

#include <atomic>
#include <condition_variable>
#include <mutex>
#include <set>
#include <stdexcept>
#include <thread>
#include <vector>

namespace nightjar::server {
namespace {

using namespace std::chrono_literals;

// Blocks work until opened; counts who entered.
class Gate {
 public:
  void wait() {
    std::unique_lock<std::mutex> lock(mutex_);
    ++entered_;
    changed_.notify_all();
    changed_.wait(lock, [&] { return open_; });
  }
  void open() {
    std::lock_guard<std::mutex> lock(mutex_);
    open_ = true;
    changed_.notify_all();
  }
  void wait_entered(int n) {
    std::unique_lock<std::mutex> lock(mutex_);
    changed_.wait(lock, [&] { return entered_ >= n; });
  }

 private:
  std::mutex mutex_;
  std::condition_variable changed_;
  int entered_ = 0;
  bool open_ = false;
};

// Collects Done calls.
class Results {
 public:
  JobQueue::Done done() {
    return [this](Response r, const JobTiming&) {
      std::lock_guard<std::mutex> lock(mutex_);
      responses_.push_back(std::move(r));
      changed_.notify_all();
    };
  }
  std::vector<Response> wait_for(size_t n) {
    std::unique_lock<std::mutex> lock(mutex_);
    changed_.wait(lock, [&] { return responses_.size() >= n; });
    return responses_;
  }
  size_t count() {
    std::lock_guard<std::mutex> lock(mutex_);
    return responses_.size();
  }

 private:
  std::mutex mutex_;
  std::condition_variable changed_;
  std::vector<Response> responses_;
};

JobQueue::Options opts(size_t workers, size_t capacity, double timeout_s = 0) {
  return JobQueue::Options{workers, capacity, std::chrono::duration<double>(timeout_s)};
}

std::shared_ptr<Job> accepted(std::variant<std::shared_ptr<Job>, Error> v) {
  auto* job = std::get_if<std::shared_ptr<Job>>(&v);
  EXPECT_NE(job, nullptr) << "refused with " << error_label(std::get<Error>(v));
  return job != nullptr ? *job : nullptr;
}

// Polls the token like a prover loop; gives up after 10 s so a bug cannot hang the test.
Response until_cancelled(const CancelToken& token, std::atomic<bool>* saw = nullptr) {
  for (int i = 0; i < 10'000 && !token.cancelled(); ++i) std::this_thread::sleep_for(1ms);
  if (saw != nullptr) *saw = token.cancelled();
  return ok_response("text/plain", "too late");
}

TEST(JobQueue, EveryJobIsAnsweredExactlyOnce) {
  Results results;
  {
    JobQueue q(opts(3, 0));
    for (int i = 0; i < 50; ++i) {
      accepted(q.submit([i](const CancelToken&) { return ok_response("t", std::to_string(i)); },
                        results.done()));
    }
    std::vector<Response> r = results.wait_for(50);
    std::set<std::string> bodies;
    for (const Response& x : r) bodies.insert(x.body);
    EXPECT_EQ(bodies.size(), 50u);
  }
  EXPECT_EQ(results.count(), 50u);
}

TEST(JobQueue, CapacityCountsPendingJobsOnly) {
  Gate gate;
  Results results;
  JobQueue q(opts(1, 2));
  auto block = [&](const CancelToken&) {
    gate.wait();
    return ok_response("t", "x");
  };
  accepted(q.submit(block, results.done()));
  gate.wait_entered(1);  // running: not counted
  EXPECT_FALSE(q.gauges().busy());
  accepted(q.submit(block, results.done()));
  accepted(q.submit(block, results.done()));
  EXPECT_TRUE(q.gauges().busy());
  auto refused = q.submit(block, results.done());
  ASSERT_TRUE(std::holds_alternative<Error>(refused));
  EXPECT_EQ(std::get<Error>(refused), Error::kQueueFull);
  EXPECT_EQ(http_status(std::get<Error>(refused)), 429u);
  const QueueGauges g = q.gauges();
  EXPECT_EQ(g.pending, 2u);
  EXPECT_EQ(g.processing, 1u);
  EXPECT_EQ(g.capacity, 2u);
  EXPECT_EQ(g.workers, 1u);
  gate.open();
  results.wait_for(3);
  EXPECT_TRUE(q.wait_idle(std::chrono::steady_clock::now() + 10s));
  EXPECT_FALSE(q.gauges().busy());
  EXPECT_EQ(results.count(), 3u);  // the refused job is never answered by the queue
}

TEST(JobQueue, CapacityZeroMeansNoLimit) {
  Gate gate;
  Results results;
  JobQueue q(opts(1, 0));
  for (int i = 0; i < 200; ++i) {
    accepted(q.submit(
        [&](const CancelToken&) {
          gate.wait();
          return ok_response("t", "x");
        },
        results.done()));
  }
  EXPECT_FALSE(q.gauges().busy());
  gate.open();
  results.wait_for(200);
}

TEST(JobQueue, TimeoutCancelsARunningJobWith504) {
  Results results;
  std::atomic<bool> saw_cancel{false};
  JobQueue q(opts(1, 0, 0.05));
  accepted(q.submit([&](const CancelToken& t) { return until_cancelled(t, &saw_cancel); },
                    results.done()));
  std::vector<Response> r = results.wait_for(1);
  EXPECT_EQ(r[0].status, 504u);
  EXPECT_EQ(r[0].error, Error::kTimeout);
  EXPECT_NE(r[0].body.find("timed out"), std::string::npos);
  EXPECT_TRUE(q.wait_idle(std::chrono::steady_clock::now() + 10s));
  EXPECT_TRUE(saw_cancel);
  EXPECT_EQ(results.count(), 1u);  // the work's own late answer is dropped
}

TEST(JobQueue, TimeoutAlsoExpiresQueuedJobs) {
  Gate gate;
  Results results;
  std::atomic<bool> second_ran{false};
  JobQueue q(opts(1, 0, 0.1));
  accepted(q.submit(
      [&](const CancelToken&) {
        gate.wait();  // ignores its token until released
        return ok_response("t", "x");
      },
      results.done()));
  gate.wait_entered(1);
  accepted(q.submit(
      [&](const CancelToken&) {
        second_ran = true;
        return ok_response("t", "y");
      },
      results.done()));
  std::vector<Response> r = results.wait_for(2);
  EXPECT_EQ(r[0].error, Error::kTimeout);
  EXPECT_EQ(r[1].error, Error::kTimeout);
  EXPECT_EQ(q.gauges().pending, 0u);
  EXPECT_EQ(q.gauges().processing, 1u);  // the first still holds its worker
  gate.open();
  EXPECT_TRUE(q.wait_idle(std::chrono::steady_clock::now() + 10s));
  EXPECT_FALSE(second_ran);
  EXPECT_EQ(results.count(), 2u);
}

TEST(JobQueue, CancellingAPendingJobRemovesIt) {
  Gate gate;
  Results results;
  std::atomic<bool> ran{false};
  JobQueue q(opts(1, 1));
  accepted(q.submit(
      [&](const CancelToken&) {
        gate.wait();
        return ok_response("t", "x");
      },
      results.done()));
  gate.wait_entered(1);
  std::shared_ptr<Job> pending = accepted(q.submit(
      [&](const CancelToken&) {
        ran = true;
        return ok_response("t", "y");
      },
      results.done()));
  EXPECT_TRUE(q.gauges().busy());
  pending->cancel(Error::kClientGone, "client disconnected");
  std::vector<Response> r = results.wait_for(1);
  EXPECT_EQ(r[0].error, Error::kClientGone);
  EXPECT_EQ(q.gauges().pending, 0u);
  EXPECT_FALSE(q.gauges().busy());               // room again for another job
  pending->cancel(Error::kClientGone, "again");  // no second answer
  gate.open();
  results.wait_for(2);
  EXPECT_TRUE(q.wait_idle(std::chrono::steady_clock::now() + 10s));
  EXPECT_FALSE(ran);
  EXPECT_EQ(results.count(), 2u);
}

TEST(JobQueue, CancellingARunningJobRaisesItsToken) {
  Results results;
  std::atomic<bool> saw_cancel{false};
  std::atomic<bool> started{false};
  JobQueue q(opts(1, 0));
  std::shared_ptr<Job> job = accepted(q.submit(
      [&](const CancelToken& t) {
        started = true;
        return until_cancelled(t, &saw_cancel);
      },
      results.done()));
  while (!started) std::this_thread::sleep_for(1ms);
  job->cancel(Error::kClientGone, "client disconnected");
  EXPECT_EQ(results.wait_for(1)[0].error, Error::kClientGone);
  EXPECT_TRUE(q.wait_idle(std::chrono::steady_clock::now() + 10s));
  EXPECT_TRUE(saw_cancel);
  EXPECT_EQ(results.count(), 1u);
}

TEST(JobQueue, ShutdownPhases) {
  Results results;
  JobQueue q(opts(1, 0));
  std::atomic<bool> started{false};
  accepted(q.submit(
      [&](const CancelToken& t) {
        started = true;
        return until_cancelled(t);
      },
      results.done()));
  while (!started) std::this_thread::sleep_for(1ms);
  accepted(q.submit([](const CancelToken& t) { return until_cancelled(t); }, results.done()));
  q.stop_accepting();
  auto refused = q.submit([](const CancelToken&) { return ok_response("t", "x"); }, results.done());
  ASSERT_TRUE(std::holds_alternative<Error>(refused));
  EXPECT_EQ(std::get<Error>(refused), Error::kShuttingDown);
  EXPECT_FALSE(q.wait_idle(std::chrono::steady_clock::now() + 20ms));
  q.cancel_all(Error::kShuttingDown, "server shutting down");
  std::vector<Response> r = results.wait_for(2);
  EXPECT_EQ(r[0].status, 503u);
  EXPECT_EQ(r[1].status, 503u);
  EXPECT_TRUE(q.wait_idle(std::chrono::steady_clock::now() + 10s));
}

TEST(JobQueue, AnExceptionBecomesAnInternalError) {
  Results results;
  JobQueue q(opts(1, 0));
  accepted(q.submit([](const CancelToken&) -> Response { throw std::runtime_error("boom"); },
                    results.done()));
  Response r = results.wait_for(1)[0];
  EXPECT_EQ(r.status, 500u);
  EXPECT_EQ(r.body, "internal error: boom");
}

TEST(JobQueue, DestructionAnswersWhatIsLeft) {
  Results results;
  {
    JobQueue q(opts(1, 0));
    for (int i = 0; i < 5; ++i) {
      accepted(q.submit([](const CancelToken& t) { return until_cancelled(t); }, results.done()));
    }
  }
  std::vector<Response> r = results.wait_for(5);
  for (const Response& x : r) EXPECT_EQ(x.error, Error::kShuttingDown);
}

}  // namespace
}  // namespace nightjar::server
