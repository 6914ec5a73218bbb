#include "attest/nonce_registry.h"

namespace nightjar::attest {

NonceRegistry::NonceRegistry(Options options) : options_(options) {
  NIGHTJAR_CHECK(options_.capacity > 0);
  NIGHTJAR_CHECK(options_.window.count() > 0);
}

void NonceRegistry::expire(TimePoint now) {
  while (!arrival_.empty() && now - arrival_.front().first >= options_.window) {
    seen_.erase(arrival_.front().second);
    arrival_.pop_front();
  }
}

Status NonceRegistry::consume(const Nonce& nonce, TimePoint now) {
  std::lock_guard<std::mutex> lock(mutex_);
  expire(now);
  if (seen_.count(nonce) != 0) {
    return Status(StatusCode::kFailedPrecondition, "nonce already used");
  }
  if (seen_.size() == options_.capacity) {
    seen_.erase(arrival_.front().second);
    arrival_.pop_front();
  }
  seen_.emplace(nonce, now);
  arrival_.emplace_back(now, nonce);
  return Status::ok();
}

size_t NonceRegistry::size() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return seen_.size();
}

}  // namespace nightjar::attest
