// Structured logs: one JSON object per line, written to stderr by default.
//
//   {"time":"2026-05-20T10:09:32.123Z","level":"info","message":"request","request_id":"...",
//    "method":"POST","endpoint":"/check","status":400,"duration_ms":1.25,"queue_depth":0,
//    "error":"bad_input","detail":"Expected 5 inputs, received 4"}
//
// /prove and /k lines add "k" (the circuit's size) once the job has learnt it.
//
// Redaction by construction: a line is built only from the typed fields below, never from a
// request or response body, and every string is cut to kMaxFieldChars with bytes outside
// printable ASCII replaced by '?', so no verbosity level can put a preimage, witness or key
// byte in the log. `detail` carries the reason of an error, passed through elide_values first:
// the decoders word their reasons without data, but the interpreter quotes the transcript values
// it compared (the client gets them in its answer; the log does not).
//
// Thread safety: log() may be called from any thread; lines never interleave.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

namespace nightjar::server {

enum class LogLevel { kDebug, kInfo, kWarn, kError };

inline constexpr size_t kMaxFieldChars = 300;

struct LogFields {
  std::string_view request_id;
  std::string_view method;
  std::string_view endpoint;
  std::optional<unsigned> status;
  std::optional<uint32_t> k;
  std::optional<double> duration_ms;
  std::optional<size_t> queue_depth;
  std::string_view error;
  std::string_view detail;
  std::string_view remote;
};

// `reason` with every field element it prints (Rust's Debug of Option<Fr>, "Some(7170)") elided
// to "Some(..)".
std::string elide_values(std::string_view reason);

// The line for one record, without the trailing newline.
std::string format_log_line(std::chrono::system_clock::time_point time, LogLevel level,
                            std::string_view message, const LogFields& fields);

class Logger {
 public:
  // Receives each line including its newline.
  using Sink = std::function<void(std::string_view)>;

  // Writes to stderr.
  explicit Logger(LogLevel min_level);
  Logger(LogLevel min_level, Sink sink);

  bool enabled(LogLevel level) const { return level >= min_level_; }
  void log(LogLevel level, std::string_view message, const LogFields& fields = {});

 private:
  const LogLevel min_level_;
  Sink sink_;
  std::mutex mutex_;
};

}  // namespace nightjar::server
