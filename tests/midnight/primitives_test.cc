// Primitive encodings: SCALE compact integers, field elements, bools, options, strings, the
// envelope, and gzip.
#include <gtest/gtest.h>

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "base/hex.h"
#include "midnight/gzip.h"
#include "midnight/reader.h"
#include "midnight/requests.h"
#include "midnight/string_map.h"
#include "midnight/utf8.h"
#include "midnight/writer.h"

namespace nightjar::midnight {
namespace {

std::vector<uint8_t> compact_bytes(uint64_t v) {
  Writer w;
  w.compact(v);
  return w.take();
}

std::vector<uint8_t> hex(std::string_view text) { return from_hex(text).value(); }

TEST(Compact, KnownEncodings) {
  EXPECT_EQ(compact_bytes(0), hex("00"));
  EXPECT_EQ(compact_bytes(1), hex("04"));
  EXPECT_EQ(compact_bytes(63), hex("fc"));
  EXPECT_EQ(compact_bytes(64), hex("0101"));
  EXPECT_EQ(compact_bytes(4832), hex("814b"));  // the proof length in the reference notes
  EXPECT_EQ(compact_bytes((1 << 14) - 1), hex("fdff"));
  EXPECT_EQ(compact_bytes(1 << 14), hex("02000100"));
  EXPECT_EQ(compact_bytes((1u << 30) - 1), hex("feffffff"));
  EXPECT_EQ(compact_bytes(1u << 30), hex("0300000040"));
  EXPECT_EQ(compact_bytes(UINT32_MAX), hex("03ffffffff"));
  EXPECT_EQ(compact_bytes(uint64_t{1} << 32), hex("070000000001"));
  EXPECT_EQ(compact_bytes(UINT64_MAX), hex("13ffffffffffffffff"));
}

TEST(Compact, RoundTripsAcrossEveryWidthBoundary) {
  for (int bits = 0; bits < 64; ++bits) {
    uint64_t p = uint64_t{1} << bits;
    for (uint64_t v : {p - 1, p, p + 1}) {
      std::vector<uint8_t> b = compact_bytes(v);
      Reader r(b);
      EXPECT_EQ(r.compact_u64(), v);
      EXPECT_TRUE(r.ok()) << r.status().message();
      EXPECT_EQ(r.remaining(), 0u) << v;
    }
  }
}

TEST(Compact, RejectsNonCanonicalForms) {
  for (const char* bad : {"0500",          // 1 in the two-byte form
                          "fd00",          // 63 in the two-byte form
                          "06000000",      // 1 in the four-byte form
                          "feff0000",      // 2^14 - 1 in the four-byte form
                          "0300000000",    // 0 in the n-byte form
                          "0300000001",    // 2^24: fits the four-byte form
                          "03ffffff3f",    // 2^30 - 1 in the n-byte form
                          "070000000000",  // top byte zero
                          "0b000000000000"}) {
    std::vector<uint8_t> b = hex(bad);
    Reader r(b);
    r.compact_u64();
    EXPECT_FALSE(r.ok()) << bad;
    EXPECT_NE(r.status().message().find("non-canonical"), std::string::npos) << bad;
  }
}

TEST(Compact, RejectsValuesTooWideForTheType) {
  std::vector<uint8_t> u33 = compact_bytes(uint64_t{1} << 32);
  Reader r32(u33);
  r32.compact_u32();
  EXPECT_FALSE(r32.ok());
  EXPECT_NE(r32.status().message().find("out of range for u32"), std::string::npos);
  std::vector<uint8_t> b9 = hex("17000000000000000001");  // 2^64, 9 bytes
  Reader r64(b9);
  r64.compact_u64();
  EXPECT_FALSE(r64.ok());
}

TEST(Compact, TruncationNamesTheOffset) {
  std::vector<uint8_t> b = hex("0300");
  Reader r(b);
  r.compact_u64();
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().message(), "truncated input: 4 bytes needed, 1 left at byte 1");
}

TEST(FieldElement, EncodesAsCompactBigInteger) {
  Writer w;
  w.fr(ff::Fr::zero());
  w.fr(ff::Fr::from_u64(1));
  std::array<uint8_t, 32> le{};
  for (int i = 0; i < 21; ++i) le[i] = static_cast<uint8_t>(0x10 + i);
  w.fr(*ff::Fr::from_bytes_le(le));
  std::vector<uint8_t> expected = hex("0004");
  expected.push_back(0x47);  // (21 - 4) << 2 | 3
  expected.insert(expected.end(), le.begin(), le.begin() + 21);
  EXPECT_EQ(w.buffer(), expected);

  Reader r(w.buffer());
  EXPECT_EQ(r.fr(), ff::Fr::zero());
  EXPECT_EQ(r.fr(), ff::Fr::from_u64(1));
  EXPECT_EQ(r.fr(), *ff::Fr::from_bytes_le(le));
  EXPECT_TRUE(r.ok());
  EXPECT_EQ(r.remaining(), 0u);
}

TEST(FieldElement, RejectsModulusAndWiderValues) {
  // r = 0x73eda753299d7d483339d80809a1d80553bda402fffe5bfeffffffff00000001, little-endian.
  std::vector<uint8_t> r_le =
      hex("01000000fffffffffe5bfeff02a4bd5305d8a10908d83933487d9d2953a7ed73");
  std::vector<uint8_t> enc = {0x73};  // (32 - 4) << 2 | 3
  enc.insert(enc.end(), r_le.begin(), r_le.end());
  Reader at_modulus(enc);
  at_modulus.fr();
  EXPECT_FALSE(at_modulus.ok());
  EXPECT_NE(at_modulus.status().message().find("modulus"), std::string::npos);

  r_le[0] = 0;  // r - 1
  enc.assign({0x73});
  enc.insert(enc.end(), r_le.begin(), r_le.end());
  Reader below(enc);
  ff::Fr v = below.fr();
  EXPECT_TRUE(below.ok());
  EXPECT_EQ(v + ff::Fr::from_u64(1), ff::Fr::zero());

  std::vector<uint8_t> wide = {0x77};  // 33 bytes
  wide.insert(wide.end(), 33, 0x01);
  Reader too_wide(wide);
  too_wide.fr();
  EXPECT_FALSE(too_wide.ok());
}

TEST(Primitives, BoolAndOptionBytesAreStrict) {
  std::vector<uint8_t> b = {0x00, 0x01, 0x02};
  Reader r(b);
  EXPECT_FALSE(r.boolean());
  EXPECT_TRUE(r.boolean());
  r.boolean();
  EXPECT_FALSE(r.ok());
  EXPECT_EQ(r.status().message(), "invalid bool byte 2 at byte 2");

  Reader o(b);
  EXPECT_FALSE(o.option());
  EXPECT_TRUE(o.option());
  o.option();
  EXPECT_NE(o.status().message().find("Invalid discriminant: 2."), std::string::npos);
}

TEST(Primitives, StringsMustBeUtf8) {
  Writer w;
  w.string("increment");
  Reader r(w.buffer());
  EXPECT_EQ(r.string(), "increment");
  EXPECT_TRUE(r.ok());

  for (const char* bad : {"08c0af", "04ff", "06eda080", "08f4908080", "04c3"}) {
    std::vector<uint8_t> b = hex(bad);
    Reader s(b);
    s.string();
    EXPECT_FALSE(s.ok()) << bad;
  }
  EXPECT_TRUE(is_valid_utf8(hex("e282ac")));     // U+20AC
  EXPECT_TRUE(is_valid_utf8(hex("f48fbfbf")));   // U+10FFFF
  EXPECT_FALSE(is_valid_utf8(hex("e080af")));    // overlong
  EXPECT_FALSE(is_valid_utf8(hex("f0808080")));  // overlong
}

TEST(Primitives, DeclaredLengthsAreCheckedBeforeAllocating) {
  // vec(fr) claiming 2^32 - 1 elements in a 6-byte input.
  std::vector<uint8_t> b = hex("03ffffffff00");
  Reader r(b);
  EXPECT_EQ(r.count(32), 0u);
  EXPECT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("exceeds the 1 bytes left"), std::string::npos);

  DecodeLimits tight;
  tight.max_allocation = 64;
  std::vector<uint8_t> three(1, 0x0c);
  three.insert(three.end(), 3, 0x00);
  Reader capped(three, tight);
  capped.count(32);
  EXPECT_FALSE(capped.ok());
  EXPECT_NE(capped.status().message().find("allocation limit"), std::string::npos);
}

TEST(Envelope, HeaderMismatchUsesTheOfficialMessage) {
  std::string text = "midnight:proof[v5]:\x04\x01";
  std::vector<uint8_t> b(text.begin(), text.end());
  Result<CheckResponse> decoded = decode_tagged<CheckResponse>(b);
  ASSERT_FALSE(decoded.is_ok());
  EXPECT_EQ(decoded.status().message(),
            "expected header tag 'midnight:vec(option(u64)):', got 'midnight:proof[v5]:\xEF\xBF\xBD"
            "\xEF\xBF\xBD'");
}

TEST(Envelope, TrailingBytesUseTheOfficialMessage) {
  CheckResponse response{{std::nullopt, 3}};
  std::vector<uint8_t> b = encode_tagged(response);
  EXPECT_EQ(b, [] {
    std::string s = "midnight:vec(option(u64)):";
    std::vector<uint8_t> v(s.begin(), s.end());
    for (uint8_t x : {0x08, 0x00, 0x01, 0x0c}) v.push_back(x);
    return v;
  }());
  b.push_back(0);
  Result<CheckResponse> decoded = decode_tagged<CheckResponse>(b);
  ASSERT_FALSE(decoded.is_ok());
  EXPECT_EQ(decoded.status().message(),
            "Not all bytes read deserializing 'midnight:vec(option(u64)):'; 1 bytes remaining");
}

TEST(Gzip, RoundTripsAndWritesTheOfficialHeader) {
  std::vector<uint8_t> data(100000);
  for (size_t i = 0; i < data.size(); ++i) data[i] = static_cast<uint8_t>(i * 7 + (i >> 9));
  std::vector<uint8_t> z = gzip(data);
  ASSERT_GE(z.size(), 10u);
  EXPECT_EQ(std::vector<uint8_t>(z.begin(), z.begin() + 10), hex("1f8b08000000000000ff"));
  Result<std::vector<uint8_t>> back = gunzip(z, data.size());
  ASSERT_TRUE(back.is_ok()) << back.status().message();
  EXPECT_EQ(*back, data);
}

TEST(Gzip, EnforcesTheOutputLimitAndStrictFraming) {
  std::vector<uint8_t> zeros(1 << 20, 0);
  std::vector<uint8_t> bomb = gzip(zeros);
  Result<std::vector<uint8_t>> capped = gunzip(bomb, 4096);
  ASSERT_FALSE(capped.is_ok());
  EXPECT_NE(capped.status().message().find("exceeds the limit"), std::string::npos);

  std::vector<uint8_t> truncated(bomb.begin(), bomb.end() - 5);
  EXPECT_FALSE(gunzip(truncated, 1 << 21).is_ok());

  std::vector<uint8_t> trailing = bomb;
  trailing.push_back(0);
  Result<std::vector<uint8_t>> t = gunzip(trailing, 1 << 21);
  ASSERT_FALSE(t.is_ok());
  EXPECT_NE(t.status().message().find("follow the gzip stream"), std::string::npos);

  EXPECT_FALSE(gunzip({}, 100).is_ok());
  std::vector<uint8_t> garbage = hex("1f8b0800000000000000ffffffff");
  EXPECT_FALSE(gunzip(garbage, 100).is_ok());
}

TEST(StringMap, RoundTripsSortedAndRejectsUnsortedKeys) {
  std::map<std::string, WrappedIr> map = {{"b", {{1, 2}}}, {"a", {{3}}}};
  Writer w;
  write_string_map(w, map);
  EXPECT_EQ(w.buffer(), hex("08"
                            "0461"
                            "0403"
                            "0462"
                            "080102"));
  Reader r(w.buffer());
  std::map<std::string, WrappedIr> back;
  read_string_map(r, back);
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(r.remaining(), 0u);
  ASSERT_EQ(back.size(), 2u);
  EXPECT_EQ(back["a"].ir, std::vector<uint8_t>({3}));
  EXPECT_EQ(back["b"].ir, std::vector<uint8_t>({1, 2}));

  for (const char* bad : {"08"
                          "0462"
                          "080102"
                          "0461"
                          "0403",  // unsorted
                          "08"
                          "0461"
                          "0403"
                          "0461"
                          "0403"}) {  // repeated
    std::vector<uint8_t> b = hex(bad);
    Reader u(b);
    std::map<std::string, WrappedIr> out;
    read_string_map(u, out);
    EXPECT_FALSE(u.ok()) << bad;
    EXPECT_NE(u.status().message().find("strictly increasing"), std::string::npos);
  }
}

}  // namespace
}  // namespace nightjar::midnight
