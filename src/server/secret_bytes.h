// SecretBytes: a byte buffer that may hold witness data (a /check or /prove request body) and is
// zeroed with secure_zero when destroyed or moved from, whichever thread drops it last. The
// session reads a body into a buffer reserved at its Content-Length, so no reallocation leaves
// an unzeroed copy behind (chunked bodies, which grow, are the exception).
// Move-only; not thread-safe to mutate concurrently.
#pragma once

#include <cstdint>
#include <span>
#include <utility>
#include <vector>

#include "base/secure_zero.h"

namespace nightjar::server {

class SecretBytes {
 public:
  SecretBytes() = default;
  explicit SecretBytes(std::vector<uint8_t> bytes) : bytes_(std::move(bytes)) {}
  SecretBytes(SecretBytes&& other) noexcept : bytes_(std::move(other.bytes_)) { other.wipe(); }
  SecretBytes& operator=(SecretBytes&& other) noexcept {
    if (this != &other) {
      wipe();
      bytes_ = std::move(other.bytes_);
      other.wipe();
    }
    return *this;
  }
  SecretBytes(const SecretBytes&) = delete;
  SecretBytes& operator=(const SecretBytes&) = delete;
  ~SecretBytes() { wipe(); }

  std::span<const uint8_t> bytes() const { return bytes_; }

 private:
  void wipe() {
    if (!bytes_.empty()) secure_zero(bytes_.data(), bytes_.size());
    bytes_.clear();
  }

  std::vector<uint8_t> bytes_;
};

}  // namespace nightjar::server
