// Metrics: counters and histograms rendered in the Prometheus text format (version 0.0.4) for
// GET /metrics.
//
//   nightjar_http_requests_total{endpoint,status}      requests answered
//   nightjar_request_duration_seconds{endpoint}        histogram, request read to reply
//   nightjar_errors_total{reason}                      failures by http_status.h label
//   nightjar_jobs_total{endpoint,outcome}              jobs finished (ok, error, timeout, ...)
//   nightjar_job_wait_seconds, nightjar_job_run_seconds  histograms of queueing and running time
//   nightjar_circuit_job_seconds{endpoint,k}           running time of /prove and /k jobs by the
//                                                      circuit's k
//   nightjar_jobs_pending, nightjar_jobs_processing, nightjar_job_capacity, nightjar_job_workers
//
// Label values are fixed strings chosen by the server (route labels, error labels, status
// numbers, k), so a client cannot grow the series set beyond a few dozen k per endpoint: k is
// the log of a circuit's rows, which a body of bounded size bounds. Thread safety: all methods are
// safe from any thread.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "server/queue_gauges.h"

namespace nightjar::server {

class Metrics {
 public:
  void record_request(std::string_view endpoint, unsigned status, double seconds);
  void record_error(std::string_view reason);
  // `k`: the circuit the job worked on, when it has one.
  void record_job(std::string_view endpoint, std::string_view outcome, double wait_seconds,
                  double run_seconds, std::optional<uint32_t> k = std::nullopt);

  std::string render(const QueueGauges& gauges) const;

 private:
  // Upper bounds in seconds; /check takes milliseconds, proofs seconds to minutes.
  static constexpr std::array<double, 14> kBuckets = {0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25,
                                                      0.5,   1,     2.5,  5,     10,   60,  600};

  struct Histogram {
    std::array<uint64_t, kBuckets.size()> counts{};  // per bucket, not cumulative
    uint64_t count = 0;
    double sum = 0;
    void observe(double v);
  };

  static void render_histogram(std::string& out, std::string_view name, std::string_view labels,
                               const Histogram& h);

  mutable std::mutex mutex_;
  std::map<std::pair<std::string, unsigned>, uint64_t> requests_;
  std::map<std::string, Histogram> durations_;
  std::map<std::string, uint64_t> errors_;
  std::map<std::pair<std::string, std::string>, uint64_t> jobs_;
  Histogram job_wait_;
  Histogram job_run_;
  std::map<std::pair<std::string, uint32_t>, Histogram> circuit_runs_;
};

}  // namespace nightjar::server
