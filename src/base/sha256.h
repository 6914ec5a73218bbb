// SHA-256 (FIPS 180-4) through OpenSSL 3's EVP interface: the pins of the SRS files, prover keys
// and downloads are SHA-256 digests.
//
// Sha256 is an incremental hasher: update() any number of times, then finish() once. It owns an
// OpenSSL context, is movable but not copyable, and must not be used from two threads at once;
// distinct hashers are independent. The free functions are thread-safe.
#pragma once

#include <array>
#include <cstdint>
#include <span>
#include <string>

#include "base/status.h"

struct evp_md_ctx_st;

namespace nightjar {

using Sha256Digest = std::array<uint8_t, 32>;

class Sha256 {
 public:
  Sha256();
  ~Sha256();
  Sha256(Sha256&& other) noexcept;
  Sha256& operator=(Sha256&& other) noexcept;
  Sha256(const Sha256&) = delete;
  Sha256& operator=(const Sha256&) = delete;

  void update(std::span<const uint8_t> data);
  // The digest of everything passed to update(); the hasher is spent afterwards.
  Sha256Digest finish();

 private:
  evp_md_ctx_st* ctx_;
};

Sha256Digest sha256(std::span<const uint8_t> data);

// The digest of a whole file (memory-mapped, so multi-gigabyte SRS files need no buffer).
Result<Sha256Digest> sha256_file(const std::string& path);

}  // namespace nightjar
