// Wall-clock timing for the bench commands: a steady clock and the time since a start point.
#pragma once

#include <chrono>

namespace nightjar::cli {

using Clock = std::chrono::steady_clock;

inline double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

inline double ms_since(Clock::time_point start) { return 1000.0 * seconds_since(start); }

}  // namespace nightjar::cli
