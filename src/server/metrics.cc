#include "server/metrics.h"

#include <cstdio>

namespace nightjar::server {
namespace {

std::string number(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.9g", v);
  return buf;
}

void header(std::string& out, std::string_view name, std::string_view type, std::string_view help) {
  out += "# HELP ";
  out += name;
  out += ' ';
  out += help;
  out += "\n# TYPE ";
  out += name;
  out += ' ';
  out += type;
  out += '\n';
}

void sample(std::string& out, std::string_view name, std::string_view labels,
            const std::string& value) {
  out += name;
  if (!labels.empty()) {
    out += '{';
    out += labels;
    out += '}';
  }
  out += ' ';
  out += value;
  out += '\n';
}

// Label values are server-chosen, but escape anyway so the output always parses.
std::string label(std::string_view key, std::string_view value) {
  std::string out(key);
  out += "=\"";
  for (char c : value) {
    if (c == '"' || c == '\\') out += '\\';
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    out += c;
  }
  out += '"';
  return out;
}

}  // namespace

void Metrics::Histogram::observe(double v) {
  for (size_t i = 0; i < kBuckets.size(); ++i) {
    if (v <= kBuckets[i]) {
      ++counts[i];
      break;
    }
  }
  ++count;
  sum += v;
}

void Metrics::record_request(std::string_view endpoint, unsigned status, double seconds) {
  std::lock_guard<std::mutex> lock(mutex_);
  ++requests_[{std::string(endpoint), status}];
  durations_[std::string(endpoint)].observe(seconds);
}

void Metrics::record_error(std::string_view reason) {
  std::lock_guard<std::mutex> lock(mutex_);
  ++errors_[std::string(reason)];
}

void Metrics::record_job(std::string_view endpoint, std::string_view outcome, double wait_seconds,
                         double run_seconds, std::optional<uint32_t> k) {
  std::lock_guard<std::mutex> lock(mutex_);
  ++jobs_[{std::string(endpoint), std::string(outcome)}];
  job_wait_.observe(wait_seconds);
  job_run_.observe(run_seconds);
  if (k) circuit_runs_[{std::string(endpoint), *k}].observe(run_seconds);
}

void Metrics::render_histogram(std::string& out, std::string_view name, std::string_view labels,
                               const Histogram& h) {
  const std::string prefix = labels.empty() ? std::string() : std::string(labels) + ",";
  uint64_t cumulative = 0;
  const std::string bucket = std::string(name) + "_bucket";
  for (size_t i = 0; i < kBuckets.size(); ++i) {
    cumulative += h.counts[i];
    sample(out, bucket, prefix + label("le", number(kBuckets[i])), std::to_string(cumulative));
  }
  sample(out, bucket, prefix + label("le", "+Inf"), std::to_string(h.count));
  sample(out, std::string(name) + "_sum", labels, number(h.sum));
  sample(out, std::string(name) + "_count", labels, std::to_string(h.count));
}

std::string Metrics::render(const QueueGauges& gauges) const {
  std::string out;
  header(out, "nightjar_jobs_pending", "gauge", "Jobs queued and not yet started.");
  sample(out, "nightjar_jobs_pending", {}, std::to_string(gauges.pending));
  header(out, "nightjar_jobs_processing", "gauge", "Jobs running on a worker.");
  sample(out, "nightjar_jobs_processing", {}, std::to_string(gauges.processing));
  header(out, "nightjar_job_capacity", "gauge", "Pending jobs allowed before 429 (0 = no limit).");
  sample(out, "nightjar_job_capacity", {}, std::to_string(gauges.capacity));
  header(out, "nightjar_job_workers", "gauge", "Jobs that run at once.");
  sample(out, "nightjar_job_workers", {}, std::to_string(gauges.workers));

  std::lock_guard<std::mutex> lock(mutex_);
  header(out, "nightjar_http_requests_total", "counter", "HTTP requests answered.");
  for (const auto& [key, n] : requests_) {
    sample(out, "nightjar_http_requests_total",
           label("endpoint", key.first) + "," + label("status", std::to_string(key.second)),
           std::to_string(n));
  }
  header(out, "nightjar_request_duration_seconds", "histogram",
         "Time from a complete request to its reply.");
  for (const auto& [endpoint, h] : durations_) {
    render_histogram(out, "nightjar_request_duration_seconds", label("endpoint", endpoint), h);
  }
  header(out, "nightjar_errors_total", "counter", "Failed requests by reason.");
  for (const auto& [reason, n] : errors_) {
    sample(out, "nightjar_errors_total", label("reason", reason), std::to_string(n));
  }
  header(out, "nightjar_jobs_total", "counter", "Jobs finished, by outcome.");
  for (const auto& [key, n] : jobs_) {
    sample(out, "nightjar_jobs_total",
           label("endpoint", key.first) + "," + label("outcome", key.second), std::to_string(n));
  }
  header(out, "nightjar_job_wait_seconds", "histogram", "Time jobs spent queued.");
  render_histogram(out, "nightjar_job_wait_seconds", {}, job_wait_);
  header(out, "nightjar_job_run_seconds", "histogram", "Time jobs spent running.");
  render_histogram(out, "nightjar_job_run_seconds", {}, job_run_);
  header(out, "nightjar_circuit_job_seconds", "histogram",
         "Time /prove and /k jobs spent running, by the circuit's k.");
  for (const auto& [key, h] : circuit_runs_) {
    render_histogram(out, "nightjar_circuit_job_seconds",
                     label("endpoint", key.first) + "," + label("k", std::to_string(key.second)),
                     h);
  }
  return out;
}

}  // namespace nightjar::server
