#include "ec/encoding.h"

#include <algorithm>
#include <optional>
#include <string>

namespace nightjar::ec {
namespace {

constexpr uint8_t kCompressedFlag = 0x80;
constexpr uint8_t kInfinityFlag = 0x40;
constexpr uint8_t kSortFlag = 0x20;
constexpr uint8_t kAllFlags = kCompressedFlag | kInfinityFlag | kSortFlag;

// Big-endian field codecs; Fp2 is c1 then c0, as the ZCash format writes it.
void write_be(const ff::Fp& f, uint8_t* out) {
  auto b = f.to_bytes_be();
  std::copy(b.begin(), b.end(), out);
}
void write_be(const ff::Fp2& f, uint8_t* out) {
  write_be(f.c1, out);
  write_be(f.c0, out + ff::Fp::kBytes);
}
std::optional<ff::Fp> read_be(const uint8_t* in, ff::Fp*) {
  return ff::Fp::from_bytes_be(std::span<const uint8_t, ff::Fp::kBytes>(in, ff::Fp::kBytes));
}
std::optional<ff::Fp2> read_be(const uint8_t* in, ff::Fp2*) {
  auto c1 = read_be(in, static_cast<ff::Fp*>(nullptr));
  auto c0 = read_be(in + ff::Fp::kBytes, static_cast<ff::Fp*>(nullptr));
  if (!c0 || !c1) return std::nullopt;
  return ff::Fp2{*c0, *c1};
}

template <class C>
constexpr size_t field_bytes() {
  return sizeof(typename C::Field) / sizeof(ff::Fp) * ff::Fp::kBytes;
}

template <class C>
std::string group_name() {
  return field_bytes<C>() == ff::Fp::kBytes ? "G1" : "G2";
}

template <class C, size_t kSize>
std::array<uint8_t, kSize> encode(const Affine<C>& p) {
  constexpr bool kCompressed = kSize == field_bytes<C>();
  std::array<uint8_t, kSize> out{};
  if (p.infinity) {
    out[0] = kInfinityFlag;
  } else {
    write_be(p.x, out.data());
    if constexpr (!kCompressed) {
      write_be(p.y, out.data() + field_bytes<C>());
    } else if (p.y.lexicographically_largest()) {
      out[0] |= kSortFlag;
    }
  }
  if constexpr (kCompressed) out[0] |= kCompressedFlag;
  return out;
}

template <class C, size_t kSize>
Result<Affine<C>> decode(std::span<const uint8_t, kSize> in, bool check_subgroup) {
  using Field = typename C::Field;
  constexpr bool kCompressed = kSize == field_bytes<C>();
  const std::string what = group_name<C>() + (kCompressed ? " compressed" : " uncompressed");
  const uint8_t flags = in[0] & kAllFlags;
  if (((flags & kCompressedFlag) != 0) != kCompressed) {
    return invalid_argument(what + " point: compression flag is " +
                            (kCompressed ? "clear" : "set"));
  }
  if (!kCompressed && (flags & kSortFlag)) {
    return invalid_argument(what + " point: sort flag set on an uncompressed point");
  }
  std::array<uint8_t, kSize> body;
  std::copy(in.begin(), in.end(), body.begin());
  body[0] &= static_cast<uint8_t>(~kAllFlags);
  if (flags & kInfinityFlag) {
    bool rest_zero = std::all_of(body.begin(), body.end(), [](uint8_t b) { return b == 0; });
    if ((flags & kSortFlag) || !rest_zero) {
      return invalid_argument(what + " point: infinity flag with nonzero bits");
    }
    return Affine<C>::identity();
  }
  auto x = read_be(body.data(), static_cast<Field*>(nullptr));
  if (!x) return invalid_argument(what + " point: x coordinate is not below p");
  Affine<C> p{*x, Field(), false};
  if constexpr (kCompressed) {
    auto y = (x->square() * *x + C::b()).sqrt_vartime();
    if (!y) return invalid_argument(what + " point: x is not the abscissa of a curve point");
    bool want_largest = (flags & kSortFlag) != 0;
    p.y = Field::select(y->lexicographically_largest() == want_largest, *y, -*y);
  } else {
    auto y = read_be(body.data() + field_bytes<C>(), static_cast<Field*>(nullptr));
    if (!y) return invalid_argument(what + " point: y coordinate is not below p");
    p.y = *y;
    if (!p.is_on_curve()) return invalid_argument(what + " point: not on the curve");
  }
  if (check_subgroup && !p.is_torsion_free()) {
    return invalid_argument(what + " point: not in the prime-order subgroup");
  }
  return p;
}

}  // namespace

std::array<uint8_t, 48> to_compressed(const G1Affine& p) { return encode<G1Config, 48>(p); }
std::array<uint8_t, 96> to_uncompressed(const G1Affine& p) { return encode<G1Config, 96>(p); }
std::array<uint8_t, 96> to_compressed(const G2Affine& p) { return encode<G2Config, 96>(p); }
std::array<uint8_t, 192> to_uncompressed(const G2Affine& p) { return encode<G2Config, 192>(p); }

Result<G1Affine> g1_from_compressed(std::span<const uint8_t, 48> bytes) {
  return decode<G1Config, 48>(bytes, true);
}
Result<G1Affine> g1_from_uncompressed(std::span<const uint8_t, 96> bytes) {
  return decode<G1Config, 96>(bytes, true);
}
Result<G2Affine> g2_from_compressed(std::span<const uint8_t, 96> bytes) {
  return decode<G2Config, 96>(bytes, true);
}
Result<G2Affine> g2_from_uncompressed(std::span<const uint8_t, 192> bytes) {
  return decode<G2Config, 192>(bytes, true);
}
Result<G1Affine> g1_from_uncompressed_unchecked(std::span<const uint8_t, 96> bytes) {
  return decode<G1Config, 96>(bytes, false);
}
Result<G2Affine> g2_from_uncompressed_unchecked(std::span<const uint8_t, 192> bytes) {
  return decode<G2Config, 192>(bytes, false);
}

std::array<uint8_t, 96> to_raw_montgomery(const G1Affine& p) {
  std::array<uint8_t, 96> out{};
  if (p.infinity) return out;
  const ff::Fp* coords[2] = {&p.x, &p.y};
  for (size_t c = 0; c < 2; ++c) {
    const auto& limbs = coords[c]->raw_montgomery();
    for (size_t i = 0; i < 48; ++i)
      out[48 * c + i] = static_cast<uint8_t>(limbs[i / 8] >> (8 * (i % 8)));
  }
  return out;
}

Result<G1Affine> g1_from_raw_montgomery(std::span<const uint8_t, 96> bytes) {
  if (std::all_of(bytes.begin(), bytes.end(), [](uint8_t b) { return b == 0; })) {
    return G1Affine::identity();
  }
  ff::Fp coords[2];
  for (size_t c = 0; c < 2; ++c) {
    ff::Fp::Limbs limbs{};
    for (size_t i = 0; i < 48; ++i)
      limbs[i / 8] |= static_cast<uint64_t>(bytes[48 * c + i]) << (8 * (i % 8));
    auto f = ff::Fp::from_raw_montgomery(limbs);
    if (!f) return invalid_argument("G1 raw point: coordinate limbs are not below p");
    coords[c] = *f;
  }
  G1Affine p{coords[0], coords[1], false};
  if (!p.is_on_curve()) return invalid_argument("G1 raw point: not on the curve");
  return p;
}

}  // namespace nightjar::ec
