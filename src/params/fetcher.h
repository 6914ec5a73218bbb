// Fetcher: how the key store reaches the network, behind an interface so tests can inject
// servers that fail, stall or lie (leveldb's Env idea). An implementation streams one URL's body
// into a sink; it neither retries nor checks content (the store does both).
// Thread safety: fetch() may be called from several threads at once.
#pragma once

#include <cstdint>
#include <functional>
#include <span>
#include <string>

#include "base/status.h"

namespace nightjar::params {

// Receives the body in order; a non-OK status aborts the transfer and is what fetch() returns.
using ByteSink = std::function<Status(std::span<const uint8_t>)>;

class Fetcher {
 public:
  virtual ~Fetcher() = default;
  // OK once the whole body reached the sink; otherwise the sink's status, or kInternal with the
  // transport's message (HTTP status, resolver or TLS error).
  virtual Status fetch(const std::string& url, const ByteSink& sink) = 0;
};

}  // namespace nightjar::params
