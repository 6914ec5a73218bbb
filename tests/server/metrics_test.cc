#include "server/metrics.h"

#include <gtest/gtest.h>

namespace nightjar::server {
namespace {

bool has_line(const std::string& text, const std::string& line) {
  return text.find("\n" + line + "\n") != std::string::npos || text.starts_with(line + "\n");
}

TEST(Metrics, PrometheusText) {
  Metrics m;
  m.record_request("/check", 200, 0.003);
  m.record_request("/check", 200, 0.2);
  m.record_request("/check", 400, 0.001);
  m.record_error("bad_input");
  m.record_job("/check", "ok", 0.0, 0.002);
  const std::string text = m.render(QueueGauges{1, 2, 8, 2});
  EXPECT_TRUE(has_line(text, "nightjar_jobs_pending 1"));
  EXPECT_TRUE(has_line(text, "nightjar_jobs_processing 2"));
  EXPECT_TRUE(has_line(text, "nightjar_job_capacity 8"));
  EXPECT_TRUE(has_line(text, "nightjar_job_workers 2"));
  EXPECT_TRUE(has_line(text, "nightjar_http_requests_total{endpoint=\"/check\",status=\"200\"} 2"));
  EXPECT_TRUE(has_line(text, "nightjar_http_requests_total{endpoint=\"/check\",status=\"400\"} 1"));
  EXPECT_TRUE(has_line(text, "nightjar_errors_total{reason=\"bad_input\"} 1"));
  EXPECT_TRUE(has_line(text, "nightjar_jobs_total{endpoint=\"/check\",outcome=\"ok\"} 1"));
  // Buckets are cumulative: 0.001 and 0.003 are <= 0.005; all three <= 0.25.
  EXPECT_TRUE(has_line(
      text, "nightjar_request_duration_seconds_bucket{endpoint=\"/check\",le=\"0.005\"} 2"));
  EXPECT_TRUE(has_line(
      text, "nightjar_request_duration_seconds_bucket{endpoint=\"/check\",le=\"0.25\"} 3"));
  EXPECT_TRUE(has_line(
      text, "nightjar_request_duration_seconds_bucket{endpoint=\"/check\",le=\"+Inf\"} 3"));
  EXPECT_TRUE(has_line(text, "nightjar_request_duration_seconds_count{endpoint=\"/check\"} 3"));
  EXPECT_TRUE(text.find("# TYPE nightjar_request_duration_seconds histogram") != std::string::npos);
  // A job without a circuit has no k series.
  EXPECT_EQ(text.find("nightjar_circuit_job_seconds_count{"), std::string::npos);
}

TEST(Metrics, CircuitJobsByK) {
  Metrics m;
  m.record_job("/prove", "ok", 0.1, 0.7, 13);
  m.record_job("/prove", "ok", 0.0, 0.9, 13);
  m.record_job("/prove", "ok", 0.0, 0.1, 5);
  m.record_job("/k", "ok", 0.0, 0.02, 13);
  const std::string text = m.render(QueueGauges{});
  EXPECT_TRUE(has_line(text, "nightjar_circuit_job_seconds_count{endpoint=\"/prove\",k=\"13\"} 2"));
  EXPECT_TRUE(has_line(text, "nightjar_circuit_job_seconds_count{endpoint=\"/prove\",k=\"5\"} 1"));
  EXPECT_TRUE(has_line(text, "nightjar_circuit_job_seconds_count{endpoint=\"/k\",k=\"13\"} 1"));
  EXPECT_TRUE(has_line(
      text, "nightjar_circuit_job_seconds_bucket{endpoint=\"/prove\",k=\"13\",le=\"0.5\"} 0"));
  EXPECT_TRUE(has_line(
      text, "nightjar_circuit_job_seconds_bucket{endpoint=\"/prove\",k=\"13\",le=\"1\"} 2"));
}

}  // namespace
}  // namespace nightjar::server
