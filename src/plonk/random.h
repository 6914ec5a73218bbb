// Randomness for the prover, drawn exactly as midnight-proofs 0.7.1 draws it, so that a seeded
// stream reproduces the official proof bytes (vectors/midnight/deterministic/rng.md).
//
// RandomSource is the prover's only access to randomness: fill_bytes for raw bytes, next_u64 for
// one rand_core `next_u64` (by default 8 bytes of fill_bytes read little-endian, as OsRng does,
// so each next_u64 is one 8-byte request). random_fr is midnight-curves' `Fq::random`: four
// next_u64 as little-endian limbs, the top bit cleared, accepted when below r, else drawn again.
//
// Sources:
//   OsRandom       the operating system's getrandom(2); aborts if the kernel refuses (there is
//                  nothing sensible a prover can do without randomness).
//   SeededStream   the deterministic test stream SHA-256(seed ‖ u64_le(i)) for i = 0, 1, ...,
//                  consumed without skipping bytes, as the vectors' oracle serves it.
//   ChaCha20Rng    rand_chacha 0.3's ChaCha20Rng: key = the 32-byte seed, 64-bit block counter
//                  from 0, stream 0, keystream buffered four blocks (64 words) at a time and read
//                  as rand_core 0.6's BlockRng reads it (next_u64 takes two words low first and
//                  straddles a refill by keeping the buffer's last word; fill_bytes consumes
//                  whole words).
//
// These are secret-bearing states: destructors zero them. Thread safety: a source is used by one
// thread at a time; distinct sources are independent.
#pragma once

#include <array>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "ff/fr.h"

namespace nightjar::plonk {

class RandomSource {
 public:
  virtual ~RandomSource() = default;
  virtual void fill_bytes(std::span<uint8_t> out) = 0;
  virtual uint64_t next_u64();
};

// Fq::random of midnight-curves: rejection sampling from 255-bit little-endian integers.
ff::Fr random_fr(RandomSource& rng);

class OsRandom final : public RandomSource {
 public:
  void fill_bytes(std::span<uint8_t> out) override;
};

class SeededStream final : public RandomSource {
 public:
  explicit SeededStream(std::string_view seed) : seed_(seed) {}
  ~SeededStream() override;
  void fill_bytes(std::span<uint8_t> out) override;
  // Bytes handed out so far.
  uint64_t position() const { return position_; }

 private:
  void next_block();

  std::string seed_;
  uint64_t block_index_ = 0;
  uint64_t position_ = 0;
  std::array<uint8_t, 32> block_{};
  size_t used_ = 32;  // bytes of block_ already handed out
};

class ChaCha20Rng final : public RandomSource {
 public:
  static constexpr size_t kBufferWords = 64;  // four 16-word blocks

  explicit ChaCha20Rng(const std::array<uint8_t, 32>& seed);
  ~ChaCha20Rng() override;
  ChaCha20Rng(const ChaCha20Rng&) = default;
  ChaCha20Rng& operator=(const ChaCha20Rng&) = default;

  uint32_t next_u32();
  uint64_t next_u64() override;
  void fill_bytes(std::span<uint8_t> out) override;

 private:
  // Refills the buffer with the next four blocks and sets the read position.
  void generate_and_set(size_t index);

  std::array<uint32_t, 8> key_{};
  uint64_t counter_ = 0;  // the next block's number
  std::array<uint32_t, kBufferWords> results_{};
  size_t index_ = kBufferWords;
};

}  // namespace nightjar::plonk
