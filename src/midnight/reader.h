// Reader: a bounded cursor over untrusted bytes in Midnight's tagged serialization.
//
// Representation: a span over the whole input (the `midnight:<tag>:` header included, so that
// every offset in an error is a file offset), a position, a stack of named path frames
// ("proof-preimage.inputs[3]") and a sticky Status. The first failure is recorded
// with what was wrong, the byte offset and the path; every later read is a no-op that returns a
// zero value, so decoders read straight through and check `ok()` once at the end.
//
// Invariants: the position never passes the end. Nesting deeper than `limits.max_depth` fails
// before recursing. A declared element count is checked against the remaining input (each
// element needs at least one byte) and its in-memory size against `limits.max_allocation` before
// any allocation, so no input can make a decoder allocate more than the limit per container.
// Integers must use the canonical SCALE compact form the official encoder writes.
//
// Thread safety: a Reader is used by one thread at a time; it never owns the bytes.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "ff/fr.h"

namespace nightjar::midnight {

struct DecodeLimits {
  // The official decoder's recursion limit (release builds).
  uint32_t max_depth = 250;
  // Largest in-memory container a single declared count may ask for (the official decoder caps
  // its pre-allocation at 32 MiB per vector).
  size_t max_allocation = size_t{32} << 20;
  // Largest decompressed prover key body (a k = 16 key is about 150 MiB); bounds gzip bombs.
  size_t max_inflated = size_t{1} << 30;
};

class Reader {
 public:
  explicit Reader(std::span<const uint8_t> data, const DecodeLimits& limits = {})
      : data_(data), limits_(limits) {}
  // A reader over a blob nested in a larger input: errors report `base_offset + offset` and
  // start their path with `outer_path`; hand the final status back with the outer `adopt`.
  Reader(std::span<const uint8_t> data, const DecodeLimits& limits, size_t base_offset,
         std::string outer_path)
      : data_(data),
        limits_(limits),
        base_offset_(base_offset),
        outer_path_(std::move(outer_path)) {}
  Reader(const Reader&) = delete;
  Reader& operator=(const Reader&) = delete;

  bool ok() const { return status_.is_ok(); }
  const Status& status() const { return status_; }
  size_t offset() const { return pos_; }
  size_t remaining() const { return data_.size() - pos_; }
  // `offset` as a position in the outermost input (see the nested constructor).
  size_t absolute(size_t offset) const { return base_offset_ + offset; }
  const DecodeLimits& limits() const { return limits_; }

  // Consumes `midnight:<tag>:`, failing with the official message on a mismatch.
  void expect_header(std::string_view tag);
  // Fails with the official message unless every byte was consumed; returns the final status.
  Status finish(std::string_view tag);

  uint8_t u8();
  // The next byte without consuming it (0 and a failure at the end of the input).
  uint8_t peek_u8();
  uint32_t u32_le();
  uint32_t u32_be();
  std::span<const uint8_t> bytes(size_t n);
  bool boolean();
  // Option<T> discriminant: false for 0x00, true for 0x01, failure otherwise.
  bool option();
  uint32_t compact_u32();
  uint64_t compact_u64();
  // A canonical field element (`fr-bls`): compact big integer of at most 32 bytes, < r.
  ff::Fr fr();
  // A `Vec<T>` / `HashMap` length. Fails when `count` elements of at least `min_wire_bytes`
  // each cannot fit the remaining input, or `count * element_size` exceeds max_allocation.
  size_t count(size_t element_size, size_t min_wire_bytes = 1);
  // `Vec<u8>`: compact length then the bytes (a view into the input).
  std::span<const uint8_t> byte_vec();
  // `String`: a byte_vec that must be valid UTF-8.
  std::string string();

  // Records `problem` (once) with the current offset and path.
  void fail(std::string_view problem);
  void fail_at(size_t offset, std::string_view problem);
  // Takes over a nested reader's failure unchanged.
  void adopt(const Status& status);

  // A named path frame; `nested` frames also count towards max_depth.
  class [[nodiscard]] Scope {
   public:
    Scope(Reader& reader, std::string_view name, bool nested);
    ~Scope();
    Scope(const Scope&) = delete;
    Scope& operator=(const Scope&) = delete;
    // Marks the frame as element `index` of its container ("inputs[3]").
    void at(size_t index);

   private:
    Reader& reader_;
    bool nested_;
  };
  Scope scope(std::string_view name) { return Scope(*this, name, false); }
  Scope nest(std::string_view name) { return Scope(*this, name, true); }

  std::string path() const;

 private:
  struct Frame {
    std::string_view name;
    size_t index;
    bool indexed;
  };

  // Decodes a canonical compact integer into little-endian bytes; returns its byte length
  // (0 for zero) or SIZE_MAX on failure. Values wider than `max_bytes` fail.
  size_t compact_le(std::array<uint8_t, 32>& out, size_t max_bytes, std::string_view type);
  bool need(size_t n);

  std::span<const uint8_t> data_;
  DecodeLimits limits_;
  size_t base_offset_ = 0;
  std::string outer_path_;
  size_t pos_ = 0;
  uint32_t depth_ = 0;
  std::vector<Frame> path_;
  Status status_;
};

}  // namespace nightjar::midnight
