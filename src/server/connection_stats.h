// Counts shared by the listener, the sessions and shutdown: open connections, and requests
// between "request read" and "response written" (what shutdown waits for before it stops the
// IO threads). Thread-safe (atomics).
#pragma once

#include <atomic>
#include <cstddef>

namespace nightjar::server {

struct ConnectionStats {
  std::atomic<size_t> open{0};
  std::atomic<size_t> in_flight{0};
};

}  // namespace nightjar::server
