#include "server/job_queue.h"

#include <algorithm>
#include <cstdio>
#include <exception>

namespace nightjar::server {

struct Job::Core {
  std::mutex mutex;
  std::condition_variable work_ready;
  std::condition_variable idle;
  std::condition_variable deadlines_changed;
  std::deque<std::shared_ptr<Job>> pending;
  std::multimap<Clock::time_point, std::weak_ptr<Job>> deadlines;
  // Jobs whose Work is executing, finished or not: they still hold a worker.
  std::vector<std::shared_ptr<Job>> active;
  bool accepting = true;
  bool stopping = false;
};

namespace {

double seconds_between(std::chrono::steady_clock::time_point a,
                       std::chrono::steady_clock::time_point b) {
  return std::chrono::duration<double>(b - a).count();
}

}  // namespace

void Job::cancel(Error reason, std::string detail) {
  token_.cancel();
  finish(error_response(reason, std::move(detail)));
}

void Job::finish(Response response) {
  JobQueue::Done done;
  JobTiming timing;
  {
    std::lock_guard<std::mutex> lock(core_->mutex);
    if (state_ == State::kFinished) return;
    const Clock::time_point now = Clock::now();
    if (state_ == State::kPending) {
      for (auto it = core_->pending.begin(); it != core_->pending.end(); ++it) {
        if (it->get() == this) {
          core_->pending.erase(it);
          break;
        }
      }
      timing.wait_seconds = seconds_between(submitted_, now);
      // Never started: drop the work (and the request it holds) now.
      work_ = nullptr;
    } else {
      timing.wait_seconds = seconds_between(submitted_, started_);
      timing.run_seconds = seconds_between(started_, now);
    }
    if (has_deadline_) {
      core_->deadlines.erase(deadline_);
      has_deadline_ = false;
    }
    state_ = State::kFinished;
    done = std::move(done_);
    core_->idle.notify_all();
  }
  done(std::move(response), timing);
}

JobQueue::JobQueue(Options options) : options_(options), core_(std::make_shared<Job::Core>()) {
  const size_t workers = options_.workers == 0 ? 1 : options_.workers;
  for (size_t i = 0; i < workers; ++i) threads_.emplace_back([this] { worker_loop(); });
  threads_.emplace_back([this] { watchdog_loop(); });
}

JobQueue::~JobQueue() {
  stop_accepting();
  cancel_all(Error::kShuttingDown, "server shutting down");
  {
    std::lock_guard<std::mutex> lock(core_->mutex);
    core_->stopping = true;
  }
  core_->work_ready.notify_all();
  core_->deadlines_changed.notify_all();
  for (std::thread& t : threads_) t.join();
}

std::variant<std::shared_ptr<Job>, Error> JobQueue::submit(Work work, Done done) {
  auto job = std::make_shared<Job>();
  job->core_ = core_;
  job->work_ = std::move(work);
  job->done_ = std::move(done);
  {
    std::lock_guard<std::mutex> lock(core_->mutex);
    if (!core_->accepting) return Error::kShuttingDown;
    const QueueGauges now{core_->pending.size(), core_->active.size(), options_.capacity, 0};
    if (now.busy()) return Error::kQueueFull;
    job->submitted_ = Job::Clock::now();
    if (options_.timeout.count() > 0) {
      job->deadline_ = core_->deadlines.emplace(
          job->submitted_ + std::chrono::duration_cast<Job::Clock::duration>(options_.timeout),
          job);
      job->has_deadline_ = true;
    }
    core_->pending.push_back(job);
  }
  core_->work_ready.notify_one();
  core_->deadlines_changed.notify_one();
  return job;
}

QueueGauges JobQueue::gauges() const {
  std::lock_guard<std::mutex> lock(core_->mutex);
  return QueueGauges{core_->pending.size(), core_->active.size(), options_.capacity,
                     threads_.size() - 1};
}

void JobQueue::stop_accepting() {
  std::lock_guard<std::mutex> lock(core_->mutex);
  core_->accepting = false;
}

bool JobQueue::wait_idle(std::chrono::steady_clock::time_point deadline) {
  std::unique_lock<std::mutex> lock(core_->mutex);
  return core_->idle.wait_until(lock, deadline,
                                [&] { return core_->pending.empty() && core_->active.empty(); });
}

void JobQueue::cancel_all(Error reason, const std::string& detail) {
  std::vector<std::shared_ptr<Job>> jobs;
  {
    std::lock_guard<std::mutex> lock(core_->mutex);
    jobs.assign(core_->pending.begin(), core_->pending.end());
    jobs.insert(jobs.end(), core_->active.begin(), core_->active.end());
  }
  for (const std::shared_ptr<Job>& job : jobs) job->cancel(reason, detail);
}

void JobQueue::worker_loop() {
  for (;;) {
    std::shared_ptr<Job> job;
    {
      std::unique_lock<std::mutex> lock(core_->mutex);
      core_->work_ready.wait(lock, [&] { return core_->stopping || !core_->pending.empty(); });
      if (core_->pending.empty()) return;
      job = std::move(core_->pending.front());
      core_->pending.pop_front();
      job->state_ = Job::State::kRunning;
      job->started_ = Job::Clock::now();
      core_->active.push_back(job);
    }
    Response response;
    try {
      response = job->work_(job->token_);
    } catch (const std::exception& e) {
      response = error_response(Error::kInternal, e.what());
    } catch (...) {
      response = error_response(Error::kInternal, "unknown exception");
    }
    // Only this thread touches work_ while the job runs; drop the request it holds here.
    job->work_ = nullptr;
    job->finish(std::move(response));
    {
      std::lock_guard<std::mutex> lock(core_->mutex);
      std::erase(core_->active, job);
      core_->idle.notify_all();
    }
  }
}

void JobQueue::watchdog_loop() {
  char timeout_text[64];
  std::snprintf(timeout_text, sizeof timeout_text, "job timed out after %g s and was cancelled",
                options_.timeout.count());
  std::unique_lock<std::mutex> lock(core_->mutex);
  while (!core_->stopping) {
    if (core_->deadlines.empty()) {
      core_->deadlines_changed.wait(lock);
      continue;
    }
    const Job::Clock::time_point first = core_->deadlines.begin()->first;
    if (Job::Clock::now() < first) {
      core_->deadlines_changed.wait_until(lock, first);
      continue;
    }
    std::vector<std::shared_ptr<Job>> expired;
    const Job::Clock::time_point now = Job::Clock::now();
    while (!core_->deadlines.empty() && core_->deadlines.begin()->first <= now) {
      if (std::shared_ptr<Job> job = core_->deadlines.begin()->second.lock()) {
        job->has_deadline_ = false;
        expired.push_back(std::move(job));
      }
      core_->deadlines.erase(core_->deadlines.begin());
    }
    lock.unlock();
    for (const std::shared_ptr<Job>& job : expired) job->cancel(Error::kTimeout, timeout_text);
    lock.lock();
  }
}

}  // namespace nightjar::server
