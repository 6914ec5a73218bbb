// gzip (RFC 1952) through zlib, for prover keys, which the official code stores as one gzip
// member (flate2, level 6).
//
// gunzip is strict: exactly one member, nothing after it, and at most `max_out` bytes of output;
// it stops as soon as the limit would be passed, so a small "gzip bomb" costs at most `max_out`
// bytes of memory. gzip writes the header flate2 writes (no name, mtime 0, OS 255); the deflate
// stream itself is zlib's, so it need not match the official compressed bytes.
//
// Thread safety: stateless functions.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "base/status.h"

namespace nightjar::midnight {

Result<std::vector<uint8_t>> gunzip(std::span<const uint8_t> in, size_t max_out);
std::vector<uint8_t> gzip(std::span<const uint8_t> in, int level = 6);

}  // namespace nightjar::midnight
