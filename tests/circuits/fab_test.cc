#include "circuits/fab.h"

#include <gtest/gtest.h>

#include <vector>

#include "circuits/persistent_hash.h"

namespace nightjar::circuits {
namespace {

using ff::Fr;

AlignmentSegment field() { return AlignmentAtom{AlignmentAtomKind::kField, 0}; }
AlignmentSegment bytes(uint32_t n) { return AlignmentAtom{AlignmentAtomKind::kBytes, n}; }
AlignmentSegment compress() { return AlignmentAtom{AlignmentAtomKind::kCompress, 0}; }

// The element holding `bytes` little-endian.
Fr le(std::vector<uint8_t> bytes) {
  std::array<uint8_t, 32> padded{};
  std::copy(bytes.begin(), bytes.end(), padded.begin());
  return *Fr::from_bytes_le(padded);
}

std::vector<uint8_t> encode_ok(const Alignment& a, const std::vector<Fr>& fields) {
  Result<std::vector<uint8_t>> r = fab_bytes_from_fields(a, fields);
  EXPECT_TRUE(r.is_ok()) << r.status().message();
  return r.is_ok() ? *r : std::vector<uint8_t>{};
}

TEST(Fab, FieldAtomIsItsLittleEndianEncoding) {
  std::vector<uint8_t> out = encode_ok({{field()}}, {Fr::from_u64(0x0201)});
  std::vector<uint8_t> expected(32, 0);
  expected[0] = 1;
  expected[1] = 2;
  EXPECT_EQ(out, expected);
}

// 33 bytes: the 2 stray bytes (32, 33) come first, then the 31-byte chunk.
TEST(Fab, BytesAtomTakesTheStrayBytesFirst) {
  std::vector<uint8_t> chunk(31);
  for (size_t i = 0; i < 31; ++i) chunk[i] = static_cast<uint8_t>(i + 1);
  std::vector<uint8_t> out = encode_ok({{bytes(33)}}, {le({0xaa, 0xbb}), le(chunk)});
  std::vector<uint8_t> expected = chunk;
  expected.push_back(0xaa);
  expected.push_back(0xbb);
  EXPECT_EQ(out, expected);
}

// 62 bytes, two chunks: the element read first holds the last 31 bytes.
TEST(Fab, BytesChunksComeFromTheBack) {
  std::vector<uint8_t> out = encode_ok({{bytes(62)}}, {le({2}), le({1})});
  ASSERT_EQ(out.size(), 62u);
  EXPECT_EQ(out[0], 1);
  EXPECT_EQ(out[31], 2);
}

TEST(Fab, EmptyBytesAndEmptyAlignmentConsumeNothing) {
  EXPECT_TRUE(encode_ok({{bytes(0)}}, {}).empty());
  EXPECT_TRUE(encode_ok({}, {}).empty());
}

TEST(Fab, ExtraElementsAreIgnored) {
  EXPECT_EQ(encode_ok({{bytes(1)}}, {le({7}), Fr::from_u64(5)}), std::vector<uint8_t>{7});
}

TEST(Fab, OptionWritesItsDiscriminantAndPads) {
  AlignmentOption option;
  option.branches = {Alignment{{bytes(1)}}, Alignment{{field(), field()}}};
  std::vector<uint8_t> out = encode_ok({{option}}, {Fr::zero(), le({9}), Fr::zero()});
  std::vector<uint8_t> expected(2 + 64, 0);
  expected[2] = 9;
  EXPECT_EQ(out, expected);
  out = encode_ok({{option}}, {Fr::one(), Fr::from_u64(3), Fr::from_u64(4)});
  ASSERT_EQ(out.size(), 66u);
  EXPECT_EQ(out[0], 1);
  EXPECT_EQ(out[2], 3);
  EXPECT_EQ(out[34], 4);
}

TEST(Fab, RejectsWhatTheLedgerRejects) {
  AlignmentOption option;
  option.branches = {Alignment{{bytes(1)}}, Alignment{{field(), field()}}};
  struct Bad {
    const char* why;
    Alignment alignment;
    std::vector<Fr> fields;
  };
  std::vector<Bad> cases = {
      {"compress", {{compress()}}, {Fr::one()}},
      {"missing field", {{field(), field()}}, {Fr::one()}},
      {"missing bytes", {{bytes(32)}}, {Fr::one()}},
      {"byte 31 set", {{bytes(31)}}, {le(std::vector<uint8_t>(32, 1))}},
      {"stray too wide", {{bytes(2)}}, {le({1, 2, 3})}},
      {"branch out of range", {{option}}, {Fr::from_u64(2), Fr::zero(), Fr::zero()}},
      {"discriminant above u16", {{option}}, {Fr::from_u64(1 << 16), Fr::zero(), Fr::zero()}},
      {"non-zero padding", {{option}}, {Fr::zero(), le({9}), Fr::one()}},
      {"missing padding", {{option}}, {Fr::zero(), le({9})}},
      {"missing discriminant", {{option}}, {}},
  };
  for (const Bad& bad : cases) {
    Result<std::vector<uint8_t>> r = fab_bytes_from_fields(bad.alignment, bad.fields);
    ASSERT_FALSE(r.is_ok()) << bad.why;
    EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument) << bad.why;
    EXPECT_NE(r.status().message().find("Inputs did not match alignment"), std::string::npos);
  }
}

// An option pads to its longest branch without consuming input, so a tiny input could ask for
// gigabytes; the encoder refuses before allocating.
TEST(Fab, RefusesHugeEncodings) {
  AlignmentOption option;
  option.branches = {Alignment{}, Alignment{{bytes(0xffffffff)}}};
  Result<std::vector<uint8_t>> r = fab_bytes_from_fields({{option}}, std::vector<Fr>{Fr::zero()});
  ASSERT_FALSE(r.is_ok());
  EXPECT_EQ(r.status().code(), StatusCode::kOutOfRange);
}

TEST(PersistentHash, SplitsTheDigestLikeTheLedger) {
  // SHA-256 of 01 02 00 (Bytes{3} holding 01 02), from ledger-v8 persistentHash.
  Result<std::array<Fr, 2>> h =
      persistent_hash_fields({{bytes(3)}}, std::vector<Fr>{Fr::from_u64(0x0201)});
  ASSERT_TRUE(h.is_ok());
  EXPECT_EQ((*h)[0], Fr::from_u64(0x5c));
  HashOutput digest = persistent_hash(std::vector<uint8_t>{1, 2, 0});
  EXPECT_EQ(digest[0], 0xd7);
  EXPECT_EQ(hash_output_fields(digest)[1].to_bytes_le()[0], 0xd7);
  EXPECT_EQ(hash_output_fields(digest)[1].to_bytes_le()[31], 0);
}

}  // namespace
}  // namespace nightjar::circuits
