// BLAKE2b (RFC 7693) with the parameter block's key and personalization, as blake2b_simd offers
// them: midnight-proofs keys its transcript hash and personalizes the verifying-key hash.
//
// Representation: the eight-word chain value, a 128-byte block buffer and the byte counter.
// `digest()` finalizes a copy, so the state can keep absorbing afterwards (blake2b_simd's
// `State::finalize(&self)`, which the transcript relies on).
// Thread safety: a value type; no shared state.
#pragma once

#include <array>
#include <cstdint>
#include <span>
#include <string_view>

namespace nightjar::base {

class Blake2b {
 public:
  struct Params {
    size_t digest_len = 64;              // 1..64
    std::span<const uint8_t> key;        // at most 64 bytes
    std::array<uint8_t, 16> personal{};  // zero-padded
  };

  Blake2b() : Blake2b(Params{}) {}
  explicit Blake2b(const Params& params);

  void update(std::span<const uint8_t> data);
  void update(std::string_view s) {
    update(std::span(reinterpret_cast<const uint8_t*>(s.data()), s.size()));
  }
  // The digest of everything absorbed so far (its first digest_len bytes are meaningful).
  std::array<uint8_t, 64> digest() const;

  static std::array<uint8_t, 16> personal_from(std::string_view s);

 private:
  void compress(const uint8_t* block, bool last);

  std::array<uint64_t, 8> h_{};
  std::array<uint8_t, 128> buf_{};
  size_t buf_len_ = 0;
  uint64_t count_lo_ = 0;
  uint64_t count_hi_ = 0;
};

}  // namespace nightjar::base
