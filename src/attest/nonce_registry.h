// NonceRegistry: the server's memory of client nonces, so each is used for one attestation only
// (the MIP: "expired or re-used nonces result in a failed attestation handshake").
//
// Representation: an ordered map from nonce to the time it was first seen, and a FIFO of the same
// entries in arrival order. An entry lives for `window`; past it the nonce is forgotten (the
// client's own comparison, and evidence timestamps, guard older replays). Memory is bounded: at
// `capacity` entries the oldest is evicted early, so a flood of fresh nonces costs a bounded
// amount of memory at the price of forgetting its oldest entries sooner. An ordered map rather
// than a hash table because the keys are chosen by clients, who could otherwise aim collisions.
//
// Thread safety: all members may be called concurrently; one mutex guards the state.
#pragma once

#include <chrono>
#include <cstddef>
#include <deque>
#include <map>
#include <mutex>
#include <utility>

#include "attest/binding.h"
#include "attest/utc_time.h"
#include "base/status.h"

namespace nightjar::attest {

class NonceRegistry {
 public:
  struct Options {
    std::chrono::milliseconds window = std::chrono::minutes(5);
    size_t capacity = 100'000;
  };

  explicit NonceRegistry(Options options);

  // OK the first time a nonce is seen within the window. kFailedPrecondition when it was already
  // used: the server answers 409 Conflict. `now` is the caller's clock, for testability.
  Status consume(const Nonce& nonce, TimePoint now);

  size_t size() const;

 private:
  void expire(TimePoint now);

  const Options options_;
  mutable std::mutex mutex_;
  std::map<Nonce, TimePoint> seen_;
  std::deque<std::pair<TimePoint, Nonce>> arrival_;
};

}  // namespace nightjar::attest
