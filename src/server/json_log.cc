#include "server/json_log.h"

#include <unistd.h>

#include <cstdio>

#include "server/timestamp.h"

namespace nightjar::server {
namespace {

std::string_view level_name(LogLevel level) {
  switch (level) {
    case LogLevel::kDebug:
      return "debug";
    case LogLevel::kInfo:
      return "info";
    case LogLevel::kWarn:
      return "warn";
    case LogLevel::kError:
      return "error";
  }
  return "info";
}

// A JSON string literal of `s`, cut and restricted to printable ASCII (see the header).
void append_string(std::string& out, std::string_view s) {
  out.push_back('"');
  const size_t n = s.size() < kMaxFieldChars ? s.size() : kMaxFieldChars;
  for (size_t i = 0; i < n; ++i) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    if (c == '"' || c == '\\') {
      out.push_back('\\');
      out.push_back(static_cast<char>(c));
    } else if (c < 0x20 || c > 0x7e) {
      out.push_back('?');
    } else {
      out.push_back(static_cast<char>(c));
    }
  }
  if (s.size() > n) out += "...";
  out.push_back('"');
}

void append_key(std::string& out, std::string_view key) {
  out.push_back(',');
  append_string(out, key);
  out.push_back(':');
}

void append_field(std::string& out, std::string_view key, std::string_view value) {
  if (value.empty()) return;
  append_key(out, key);
  append_string(out, value);
}

}  // namespace

std::string elide_values(std::string_view reason) {
  constexpr std::string_view kOpen = "Some(";
  std::string out;
  out.reserve(reason.size());
  for (size_t i = 0; i < reason.size();) {
    const size_t open = reason.find(kOpen, i);
    const size_t close = open == std::string_view::npos ? open : reason.find(')', open);
    if (close == std::string_view::npos) {
      out += reason.substr(i);
      break;
    }
    out += reason.substr(i, open - i);
    out += "Some(..)";
    i = close + 1;
  }
  return out;
}

std::string format_log_line(std::chrono::system_clock::time_point time, LogLevel level,
                            std::string_view message, const LogFields& f) {
  std::string out = "{\"time\":";
  append_string(out, log_timestamp(time));
  append_field(out, "level", level_name(level));
  append_field(out, "message", message);
  append_field(out, "request_id", f.request_id);
  append_field(out, "method", f.method);
  append_field(out, "endpoint", f.endpoint);
  if (f.status) {
    append_key(out, "status");
    out += std::to_string(*f.status);
  }
  if (f.k) {
    append_key(out, "k");
    out += std::to_string(*f.k);
  }
  if (f.duration_ms) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.3f", *f.duration_ms);
    append_key(out, "duration_ms");
    out += buf;
  }
  if (f.queue_depth) {
    append_key(out, "queue_depth");
    out += std::to_string(*f.queue_depth);
  }
  append_field(out, "error", f.error);
  append_field(out, "detail", f.detail);
  append_field(out, "remote", f.remote);
  out.push_back('}');
  return out;
}

Logger::Logger(LogLevel min_level)
    : Logger(min_level, [](std::string_view line) {
        // One write per line: lines from concurrent processes sharing the pipe stay whole.
        size_t done = 0;
        while (done < line.size()) {
          const ssize_t n = ::write(STDERR_FILENO, line.data() + done, line.size() - done);
          if (n <= 0) return;
          done += static_cast<size_t>(n);
        }
      }) {}

Logger::Logger(LogLevel min_level, Sink sink) : min_level_(min_level), sink_(std::move(sink)) {}

void Logger::log(LogLevel level, std::string_view message, const LogFields& fields) {
  if (!enabled(level)) return;
  std::string line = format_log_line(std::chrono::system_clock::now(), level, message, fields);
  line.push_back('\n');
  std::lock_guard<std::mutex> lock(mutex_);
  sink_(line);
}

}  // namespace nightjar::server
