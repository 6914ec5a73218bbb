#include "plonk/random.h"

#include <sys/random.h>

#include <cerrno>
#include <cstring>

#include "base/secure_zero.h"
#include "base/sha256.h"
#include "base/status.h"

namespace nightjar::plonk {

namespace {

uint32_t rotl(uint32_t x, int n) { return (x << n) | (x >> (32 - n)); }

void quarter_round(uint32_t* s, int a, int b, int c, int d) {
  s[a] += s[b];
  s[d] = rotl(s[d] ^ s[a], 16);
  s[c] += s[d];
  s[b] = rotl(s[b] ^ s[c], 12);
  s[a] += s[b];
  s[d] = rotl(s[d] ^ s[a], 8);
  s[c] += s[d];
  s[b] = rotl(s[b] ^ s[c], 7);
}

// One ChaCha20 block (20 rounds) with the original 64-bit counter and 64-bit stream layout.
void chacha20_block(const std::array<uint32_t, 8>& key, uint64_t counter, uint32_t* out) {
  uint32_t input[16] = {0x61707865,
                        0x3320646e,
                        0x79622d32,
                        0x6b206574,
                        key[0],
                        key[1],
                        key[2],
                        key[3],
                        key[4],
                        key[5],
                        key[6],
                        key[7],
                        static_cast<uint32_t>(counter),
                        static_cast<uint32_t>(counter >> 32),
                        0,
                        0};
  uint32_t s[16];
  std::memcpy(s, input, sizeof(s));
  for (int i = 0; i < 10; ++i) {
    quarter_round(s, 0, 4, 8, 12);
    quarter_round(s, 1, 5, 9, 13);
    quarter_round(s, 2, 6, 10, 14);
    quarter_round(s, 3, 7, 11, 15);
    quarter_round(s, 0, 5, 10, 15);
    quarter_round(s, 1, 6, 11, 12);
    quarter_round(s, 2, 7, 8, 13);
    quarter_round(s, 3, 4, 9, 14);
  }
  for (int i = 0; i < 16; ++i) out[i] = s[i] + input[i];
  secure_zero(s, sizeof(s));
  secure_zero(input, sizeof(input));
}

}  // namespace

uint64_t RandomSource::next_u64() {
  uint8_t bytes[8];
  fill_bytes(bytes);
  uint64_t v = 0;
  for (int i = 0; i < 8; ++i) v |= uint64_t{bytes[i]} << (8 * i);
  secure_zero(bytes, sizeof(bytes));
  return v;
}

ff::Fr random_fr(RandomSource& rng) {
  for (;;) {
    ff::Fr::Limbs limbs;
    for (uint64_t& limb : limbs) limb = rng.next_u64();
    limbs[3] &= 0x7fffffffffffffff;
    std::optional<ff::Fr> x = ff::Fr::from_canonical(limbs);
    secure_zero(limbs.data(), sizeof(limbs));
    if (x) return *x;
  }
}

void OsRandom::fill_bytes(std::span<uint8_t> out) {
  size_t done = 0;
  while (done < out.size()) {
    ssize_t got = getrandom(out.data() + done, out.size() - done, 0);
    if (got < 0 && errno == EINTR) continue;
    NIGHTJAR_CHECK(got > 0);
    done += static_cast<size_t>(got);
  }
}

SeededStream::~SeededStream() { secure_zero(block_.data(), block_.size()); }

void SeededStream::next_block() {
  Sha256 h;
  h.update(std::span(reinterpret_cast<const uint8_t*>(seed_.data()), seed_.size()));
  uint8_t index[8];
  for (int i = 0; i < 8; ++i) index[i] = static_cast<uint8_t>(block_index_ >> (8 * i));
  h.update(index);
  block_ = h.finish();
  ++block_index_;
  used_ = 0;
}

void SeededStream::fill_bytes(std::span<uint8_t> out) {
  for (uint8_t& b : out) {
    if (used_ == block_.size()) next_block();
    b = block_[used_++];
  }
  position_ += out.size();
}

ChaCha20Rng::ChaCha20Rng(const std::array<uint8_t, 32>& seed) {
  for (size_t i = 0; i < 8; ++i) {
    key_[i] = uint32_t{seed[4 * i]} | uint32_t{seed[4 * i + 1]} << 8 |
              uint32_t{seed[4 * i + 2]} << 16 | uint32_t{seed[4 * i + 3]} << 24;
  }
}

ChaCha20Rng::~ChaCha20Rng() {
  secure_zero(key_.data(), sizeof(key_));
  secure_zero(results_.data(), sizeof(results_));
}

void ChaCha20Rng::generate_and_set(size_t index) {
  for (size_t b = 0; b < kBufferWords / 16; ++b) {
    chacha20_block(key_, counter_ + b, results_.data() + 16 * b);
  }
  counter_ += kBufferWords / 16;
  index_ = index;
}

uint32_t ChaCha20Rng::next_u32() {
  if (index_ >= kBufferWords) generate_and_set(0);
  return results_[index_++];
}

uint64_t ChaCha20Rng::next_u64() {
  if (index_ + 1 < kBufferWords) {
    const uint64_t v = uint64_t{results_[index_ + 1]} << 32 | results_[index_];
    index_ += 2;
    return v;
  }
  if (index_ >= kBufferWords) {
    generate_and_set(2);
    return uint64_t{results_[1]} << 32 | results_[0];
  }
  // One word left: it becomes the low half, the new buffer's first word the high half.
  const uint64_t low = results_[kBufferWords - 1];
  generate_and_set(1);
  return uint64_t{results_[0]} << 32 | low;
}

void ChaCha20Rng::fill_bytes(std::span<uint8_t> out) {
  size_t filled = 0;
  while (filled < out.size()) {
    if (index_ >= kBufferWords) generate_and_set(0);
    // Whole words are consumed, even when only part of the last one is needed.
    while (index_ < kBufferWords && filled < out.size()) {
      const uint32_t word = results_[index_++];
      for (int i = 0; i < 4 && filled < out.size(); ++i) {
        out[filled++] = static_cast<uint8_t>(word >> (8 * i));
      }
    }
  }
}

}  // namespace nightjar::plonk
