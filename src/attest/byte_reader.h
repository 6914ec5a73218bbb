// ByteReader: a bounded cursor over untrusted binary evidence. TPM 2.0 structures are big-endian,
// AMD and Intel reports little-endian; both byte orders are read here.
//
// Representation: a span over the input, a position, the name of the structure being read (for
// messages) and a sticky Status. The first short read records the field, its offset and how many
// bytes were missing; later reads return zeros and empty spans, so a parser reads straight
// through and checks ok() once. fail() records a semantic error (a bad magic) the same way.
//
// Invariants: the position never passes the end; returned spans always lie inside the input.
// Thread safety: used by one thread at a time; never owns the bytes.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <span>
#include <string>
#include <string_view>

#include "base/status.h"

namespace nightjar::attest {

class ByteReader {
 public:
  ByteReader(std::span<const uint8_t> data, std::string_view structure)
      : data_(data), structure_(structure) {}

  bool ok() const { return status_.is_ok(); }
  const Status& status() const { return status_; }
  size_t offset() const { return pos_; }
  size_t remaining() const { return data_.size() - pos_; }

  uint8_t u8(std::string_view field);
  uint16_t u16_be(std::string_view field);
  uint32_t u32_be(std::string_view field);
  uint64_t u64_be(std::string_view field);
  uint16_t u16_le(std::string_view field);
  uint32_t u32_le(std::string_view field);
  uint64_t u64_le(std::string_view field);
  std::span<const uint8_t> bytes(size_t n, std::string_view field);
  // A TPM2B: a big-endian u16 size, then that many bytes, refused above `max_size`.
  std::span<const uint8_t> tpm2b(std::string_view field, size_t max_size);

  template <size_t N>
  std::array<uint8_t, N> array(std::string_view field) {
    std::array<uint8_t, N> out{};
    std::span<const uint8_t> in = bytes(N, field);
    if (!in.empty()) std::memcpy(out.data(), in.data(), N);
    return out;
  }

  // Records a semantic error at the current offset unless one is already recorded.
  void fail(std::string_view message);
  // Fails unless every byte was consumed; returns the final status.
  Status finish();

 private:
  bool take(size_t n, std::string_view field);

  std::span<const uint8_t> data_;
  std::string_view structure_;
  size_t pos_ = 0;
  Status status_;
};

// Fixed-offset little-endian loads for layouts whose size was checked first; an offset past the
// end is a programmer error.
uint16_t load_le16(std::span<const uint8_t> data, size_t offset);
uint32_t load_le32(std::span<const uint8_t> data, size_t offset);
uint64_t load_le64(std::span<const uint8_t> data, size_t offset);

template <size_t N>
std::array<uint8_t, N> load_array(std::span<const uint8_t> data, size_t offset) {
  NIGHTJAR_CHECK(offset <= data.size() && N <= data.size() - offset);
  std::array<uint8_t, N> out;
  std::memcpy(out.data(), data.data() + offset, N);
  return out;
}

}  // namespace nightjar::attest
