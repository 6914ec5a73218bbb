#include "plonk/random.h"

#include <gtest/gtest.h>

#include <array>
#include <fstream>
#include <iterator>
#include <vector>

#include "tests/testing/vectors.h"

namespace nightjar::plonk {
namespace {

std::array<uint32_t, 16> next_block(ChaCha20Rng& rng) {
  std::array<uint32_t, 16> out;
  for (uint32_t& w : out) w = rng.next_u32();
  return out;
}

// rand_chacha 0.3's own known answers (its tests test_chacha_true_values_a/b/c,
// test_chacha_multiple_blocks, test_chacha_true_bytes), which are the ChaCha20 test vectors of
// draft-nir-cfrg-chacha20-poly1305-04 (RFC 8439 appendix A.1) read through the generator.
TEST(ChaCha20Rng, ZeroSeedGivesTheRfcKeystream) {
  ChaCha20Rng rng(std::array<uint8_t, 32>{});
  EXPECT_EQ(next_block(rng),
            (std::array<uint32_t, 16>{0xade0b876, 0x903df1a0, 0xe56a5d40, 0x28bd8653, 0xb819d2bd,
                                      0x1aed8da0, 0xccef36a8, 0xc70d778b, 0x7c5941da, 0x8d485751,
                                      0x3fe02477, 0x374ad8b8, 0xf4b8436a, 0x1ca11815, 0x69b687c3,
                                      0x8665eeb2}));
  EXPECT_EQ(next_block(rng),
            (std::array<uint32_t, 16>{0xbee7079f, 0x7a385155, 0x7c97ba98, 0x0d082d73, 0xa0290fcb,
                                      0x6965e348, 0x3e53c612, 0xed7aee32, 0x7621b729, 0x434ee69c,
                                      0xb03371d5, 0xd539d874, 0x281fed31, 0x45fb0a51, 0x1f0ae1ac,
                                      0x6f4d794b}));
}

TEST(ChaCha20Rng, KeyedKnownAnswers) {
  std::array<uint8_t, 32> seed{};
  seed[31] = 1;
  ChaCha20Rng b(seed);
  next_block(b);
  EXPECT_EQ(next_block(b),
            (std::array<uint32_t, 16>{0x2452eb3a, 0x9249f8ec, 0x8d829d9b, 0xddd4ceb1, 0xe8252083,
                                      0x60818b01, 0xf38422b8, 0x5aaa49c9, 0xbb00ca8e, 0xda3ba7b4,
                                      0xc4b592d1, 0xfdf2732f, 0x4436274e, 0x2561b3c8, 0xebdd4aa6,
                                      0xa0136c00}));
  seed = {};
  seed[1] = 0xff;
  ChaCha20Rng c(seed);
  next_block(c);
  next_block(c);
  EXPECT_EQ(next_block(c),
            (std::array<uint32_t, 16>{0xfb4dd572, 0x4bc42ef1, 0xdf922636, 0x327f1394, 0xa78dea8f,
                                      0x5e269039, 0xa1bebbc1, 0xcaf09aae, 0xa25ab213, 0x48a6b46c,
                                      0x1b9d9bcb, 0x092c5be6, 0x546ca624, 0x1bec45d5, 0x87f47473,
                                      0x96f0992e}));
}

TEST(ChaCha20Rng, MultipleBlocks) {
  std::array<uint8_t, 32> seed{};
  for (uint8_t i = 0; i < 8; ++i) seed[4 * i] = i;
  ChaCha20Rng rng(seed);
  // The i-th word of the i-th block, across several four-block refills.
  std::array<uint32_t, 16> got;
  for (uint32_t& w : got) {
    w = rng.next_u32();
    for (int i = 0; i < 16; ++i) rng.next_u32();
  }
  EXPECT_EQ(got, (std::array<uint32_t, 16>{0xf225c81a, 0x6ab1be57, 0x04d42951, 0x70858036,
                                           0x49884684, 0x64efec72, 0x4be2d186, 0x3615b384,
                                           0x11cfa18e, 0xd3c50049, 0x75c775f6, 0x434c6530,
                                           0x2c5bad8f, 0x898881dc, 0x5f1c86d9, 0xc1f8e7f4}));
}

TEST(ChaCha20Rng, FillBytesConsumesWholeWords) {
  ChaCha20Rng rng(std::array<uint8_t, 32>{});
  std::array<uint8_t, 32> bytes;
  rng.fill_bytes(bytes);
  EXPECT_EQ(bytes, (std::array<uint8_t, 32>{118, 184, 224, 173, 160, 241, 61,  144, 64,  93,  106,
                                            229, 83,  134, 189, 40,  189, 210, 25,  184, 160, 141,
                                            237, 26,  168, 54,  239, 204, 139, 119, 13,  199}));
  // 25 bytes take 7 words: the next word read is word 8 + 7 = 15.
  ChaCha20Rng words(std::array<uint8_t, 32>{});
  std::array<uint32_t, 16> block = next_block(words);
  std::array<uint8_t, 25> partial;
  ChaCha20Rng skip(std::array<uint8_t, 32>{});
  skip.fill_bytes(std::span(bytes).first(32));
  skip.fill_bytes(partial);
  EXPECT_EQ(skip.next_u32(), block[15]);
}

TEST(ChaCha20Rng, NextU64PairsWordsAndStraddlesRefills) {
  ChaCha20Rng words(std::array<uint8_t, 32>{7});
  std::vector<uint64_t> w(200);
  for (uint64_t& x : w) x = words.next_u32();
  ChaCha20Rng aligned(std::array<uint8_t, 32>{7});
  for (size_t i = 0; i < 100; ++i) EXPECT_EQ(aligned.next_u64(), w[2 * i] | w[2 * i + 1] << 32);
  // An odd position puts a u64 across the 64-word buffer boundary: low word 63, high word 64.
  ChaCha20Rng odd(std::array<uint8_t, 32>{7});
  for (int i = 0; i < 63; ++i) odd.next_u32();
  EXPECT_EQ(odd.next_u64(), w[63] | w[64] << 32);
  EXPECT_EQ(odd.next_u64(), w[65] | w[66] << 32);
  EXPECT_EQ(odd.next_u32(), w[67]);
}

using testing::read_file;

constexpr std::string_view kVectorsSeed = "midnight-vectors/shared/seed-1";

TEST(SeededStream, ReproducesTheOraclesStream) {
  const auto path =
      nightjar::testing::vectors_dir() / "midnight/deterministic/counter-increment/rng-stream.bin";
  NIGHTJAR_REQUIRE_VECTOR(path);
  const std::vector<uint8_t> expected = read_file(path);
  ASSERT_EQ(expected.size(), 3424u);
  SeededStream stream(kVectorsSeed);
  std::vector<uint8_t> got(expected.size());
  // Odd request sizes: the stream does not depend on how it is cut.
  size_t off = 0;
  for (size_t len = 1; off < got.size(); len = len % 37 + 1) {
    const size_t take = std::min(len, got.size() - off);
    stream.fill_bytes(std::span(got).subspan(off, take));
    off += take;
  }
  EXPECT_EQ(got, expected);
  EXPECT_EQ(stream.position(), expected.size());
}

TEST(RandomFr, RejectionSamplingMatchesTheCounterStream) {
  // rng.md: the first 412 8-byte requests of counter-increment hold 94 accepted scalars (9
  // rejected draws); after the 32-byte seed come 12 requests, 3 scalars.
  SeededStream stream(kVectorsSeed);
  std::vector<ff::Fr> scalars;
  for (int i = 0; i < 94; ++i) scalars.push_back(random_fr(stream));
  EXPECT_EQ(stream.position(), 412u * 8u);
  std::array<uint8_t, 32> seed;
  stream.fill_bytes(seed);
  for (int i = 0; i < 3; ++i) random_fr(stream);
  EXPECT_EQ(stream.position(), 3424u);
  // A scalar is the little-endian integer of its four draws.
  SeededStream again(kVectorsSeed);
  ff::Fr::Limbs limbs;
  for (uint64_t& l : limbs) l = again.next_u64();
  limbs[3] &= 0x7fffffffffffffff;
  std::optional<ff::Fr> first = ff::Fr::from_canonical(limbs);
  if (first) EXPECT_EQ(*first, scalars[0]);
}

TEST(OsRandom, FillsBytes) {
  OsRandom rng;
  std::array<uint8_t, 64> a{}, b{};
  rng.fill_bytes(a);
  rng.fill_bytes(b);
  EXPECT_NE(a, b);
}

}  // namespace
}  // namespace nightjar::plonk
