// A snapshot of the job queue: what /ready, /metrics and the logs report. busy() is the
// official readiness rule (proof-server 8.1.0 worker_pool.rs is_full): with a capacity, busy
// once `capacity` jobs are pending; running jobs do not count. A plain value.
#pragma once

#include <cstddef>

namespace nightjar::server {

struct QueueGauges {
  size_t pending = 0;
  size_t processing = 0;
  size_t capacity = 0;  // 0: no limit
  size_t workers = 0;

  bool busy() const { return capacity != 0 && pending >= capacity; }
};

}  // namespace nightjar::server
