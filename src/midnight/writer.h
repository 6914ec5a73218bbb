// Writer: builds Midnight tagged serialization, byte-identical to the official encoder.
//
// Representation: an owned, growing byte buffer. Integers are written in canonical SCALE compact
// form, field elements as compact big integers of their canonical little-endian value, vectors
// and strings as compact length + contents, options as 0x00 / 0x01 + value.
//
// Thread safety: one thread at a time. A Writer that held witness data should be finished with
// `take()` and the result zeroed by its owner.
#pragma once

#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include "ff/fr.h"

namespace nightjar::midnight {

class Writer {
 public:
  // `midnight:<tag>:`
  void header(std::string_view tag);

  void u8(uint8_t v) { out_.push_back(v); }
  void u32_le(uint32_t v);
  void bytes(std::span<const uint8_t> b) { out_.insert(out_.end(), b.begin(), b.end()); }
  void boolean(bool v) { out_.push_back(v ? 1 : 0); }
  void option(bool present) { out_.push_back(present ? 1 : 0); }
  void compact(uint64_t v);
  // A non-negative integer given as little-endian bytes (trailing zeros allowed).
  void compact_le(std::span<const uint8_t> le);
  void fr(const ff::Fr& v);
  void byte_vec(std::span<const uint8_t> b);
  void string(std::string_view s);

  // Capacity for `n` bytes in all, so that a large output is allocated once.
  void reserve(size_t n) { out_.reserve(n); }
  const std::vector<uint8_t>& buffer() const { return out_; }
  std::vector<uint8_t> take() { return std::move(out_); }

 private:
  std::vector<uint8_t> out_;
};

}  // namespace nightjar::midnight
