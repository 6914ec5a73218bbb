#include "circuits/sha256_assign.h"

#include <initializer_list>

namespace nightjar::circuits {

using ff::Fr;

namespace {

constexpr uint32_t kRoundConstants[64] = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
};

constexpr std::array<uint32_t, 8> kIv = {0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
                                         0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};

constexpr uint64_t kMaskEven64 = 0x5555555555555555ull;

uint64_t u64_of(const AssignedNative& x) { return x.value.to_canonical()[0]; }

uint32_t compact_even(uint64_t x) {
  x &= 0x5555555555555555ull;
  x = (x | (x >> 1)) & 0x3333333333333333ull;
  x = (x | (x >> 2)) & 0x0f0f0f0f0f0f0f0full;
  x = (x | (x >> 4)) & 0x00ff00ff00ff00ffull;
  x = (x | (x >> 8)) & 0x0000ffff0000ffffull;
  x = (x | (x >> 16)) & 0x00000000ffffffffull;
  return static_cast<uint32_t>(x);
}

// Big-endian limbs of a word with the given bit lengths (summing to 32).
template <size_t N>
std::array<uint32_t, N> be_limbs(uint32_t value, const std::array<uint32_t, N>& lengths) {
  std::array<uint32_t, N> out{};
  uint32_t shift = 32;
  for (size_t i = 0; i < N; ++i) {
    shift -= lengths[i];
    out[i] = (value >> shift) & ((uint32_t{1} << lengths[i]) - 1);
  }
  return out;
}

uint64_t pow4_ip(std::initializer_list<uint32_t> exponents, std::initializer_list<uint64_t> terms) {
  uint64_t acc = 0;
  auto t = terms.begin();
  for (uint32_t e : exponents) acc += (uint64_t{1} << (2 * e)) * *t++;
  return acc;
}

}  // namespace

void Sha256Chip::copy_advice(Region& region, const AssignedNative& x, size_t column,
                             size_t offset) {
  AssignedNative y = region.assign_advice(config_.advice[column], offset, x.value);
  region.constrain_equal(y.cell, x.cell);
}

AssignedNative Sha256Chip::fixed_word(uint32_t c) {
  return gadget_.native().assign_fixed(Fr::from_u64(c));
}

AssignedNative Sha256Chip::fixed_spread(uint32_t c) {
  return gadget_.native().assign_fixed(Fr::from_u64(sha256_spread(c)));
}

Sha256Chip::PlainSpreaded Sha256Chip::fixed_plain_spreaded(uint32_t c) {
  AssignedNative plain = fixed_word(c);
  return {plain, fixed_spread(c)};
}

Sha256Chip::LimbsOfA Sha256Chip::fixed_limbs_of_a(uint32_t c) {
  const auto l = be_limbs<4>(c, {10, 9, 11, 2});
  LimbsOfA out;
  out.combined = fixed_plain_spreaded(c);
  out.l10 = fixed_spread(l[0]);
  out.l09 = fixed_spread(l[1]);
  out.l11 = fixed_spread(l[2]);
  out.l02 = fixed_spread(l[3]);
  return out;
}

Sha256Chip::LimbsOfE Sha256Chip::fixed_limbs_of_e(uint32_t c) {
  const auto l = be_limbs<5>(c, {7, 12, 2, 5, 6});
  LimbsOfE out;
  out.combined = fixed_plain_spreaded(c);
  out.l07 = fixed_spread(l[0]);
  out.l12 = fixed_spread(l[1]);
  out.l02 = fixed_spread(l[2]);
  out.l05 = fixed_spread(l[3]);
  out.l06 = fixed_spread(l[4]);
  return out;
}

Sha256Chip::State Sha256Chip::fixed_state(const std::array<uint32_t, 8>& iv) {
  State s;
  s.a = fixed_limbs_of_a(iv[0]);
  s.b = fixed_plain_spreaded(iv[1]);
  s.c = fixed_plain_spreaded(iv[2]);
  s.d = fixed_word(iv[3]);
  s.e = fixed_limbs_of_e(iv[4]);
  s.f = fixed_plain_spreaded(iv[5]);
  s.g = fixed_plain_spreaded(iv[6]);
  s.h = fixed_word(iv[7]);
  return s;
}

Sha256Chip::PlainSpreaded Sha256Chip::assign_plain_and_spreaded(Region& region, size_t bits,
                                                                uint32_t plain, size_t offset,
                                                                size_t lookup) {
  region.enable_selector(config_.q_lookup, offset);
  region.assign_fixed(config_.fixed[lookup], offset, Fr::from_u64(bits));
  AssignedNative p = region.assign_advice(config_.advice[2 * lookup], offset, Fr::from_u64(plain));
  AssignedNative s = region.assign_advice(config_.advice[2 * lookup + 1], offset,
                                          Fr::from_u64(sha256_spread(plain)));
  return {p, s};
}

AssignedNative Sha256Chip::assign_sprdd_11_11_10(Region& region, uint64_t value, bool odd,
                                                 size_t offset) {
  region.enable_selector(config_.q_11_11_10, offset + 1);
  const uint32_t even_bits = compact_even(value);
  const uint32_t odd_bits = compact_even(value >> 1);
  const auto evn = be_limbs<3>(even_bits, {11, 11, 10});
  const auto od = be_limbs<3>(odd_bits, {11, 11, 10});
  const size_t idx = odd ? 1 : 0;
  assign_plain_and_spreaded(region, 11, evn[0], offset, idx);
  assign_plain_and_spreaded(region, 11, evn[1], offset + 1, idx);
  assign_plain_and_spreaded(region, 10, evn[2], offset + 2, idx);
  assign_plain_and_spreaded(region, 11, od[0], offset, 1 - idx);
  assign_plain_and_spreaded(region, 11, od[1], offset + 1, 1 - idx);
  assign_plain_and_spreaded(region, 10, od[2], offset + 2, 1 - idx);
  return region.assign_advice(config_.advice[4], offset, Fr::from_u64(odd ? odd_bits : even_bits));
}

AssignedNative Sha256Chip::assign_add_mod_2_32(Region& region,
                                               std::span<const AssignedNative> given,
                                               const AssignedNative& zero) {
  NIGHTJAR_CHECK(given.size() <= 7);
  region.enable_selector(config_.q_add_mod_2_32, 1);
  std::array<AssignedNative, 7> s;
  for (size_t i = 0; i < 7; ++i) s[i] = i < given.size() ? given[i] : zero;
  uint64_t sum = 0;
  for (const AssignedNative& x : s) sum += u64_of(x);
  const uint32_t carry = static_cast<uint32_t>(sum >> 32);
  const uint64_t low = sum & 0xffffffffull;
  copy_advice(region, s[0], 5, 0);
  copy_advice(region, s[1], 6, 0);
  copy_advice(region, s[2], 5, 1);
  copy_advice(region, s[3], 6, 1);
  copy_advice(region, s[4], 4, 2);
  copy_advice(region, s[5], 5, 2);
  copy_advice(region, s[6], 6, 2);
  assign_plain_and_spreaded(region, 3, carry, 2, 1);
  return region.assign_advice(config_.advice[4], 0, Fr::from_u64(low));
}

Sha256Chip::LimbsOfA Sha256Chip::prepare_a(std::span<const AssignedNative> summands) {
  AssignedNative zero = fixed_word(0);
  return gadget_.layouter().assign_region([&](Region& region) {
    region.enable_selector(config_.q_10_9_11_2, 1);
    AssignedNative plain = assign_add_mod_2_32(region, summands, zero);
    const uint32_t a = static_cast<uint32_t>(u64_of(plain));
    AssignedNative spreaded =
        region.assign_advice(config_.advice[4], 1, Fr::from_u64(sha256_spread(a)));
    const auto l = be_limbs<4>(a, {10, 9, 11, 2});
    LimbsOfA out;
    out.combined = {plain, spreaded};
    out.l10 = assign_plain_and_spreaded(region, 10, l[0], 0, 0).spreaded;
    out.l09 = assign_plain_and_spreaded(region, 9, l[1], 0, 1).spreaded;
    out.l11 = assign_plain_and_spreaded(region, 11, l[2], 1, 0).spreaded;
    out.l02 = assign_plain_and_spreaded(region, 2, l[3], 1, 1).spreaded;
    assign_plain_and_spreaded(region, 0, 0, 2, 0);
    return out;
  });
}

Sha256Chip::LimbsOfE Sha256Chip::prepare_e(std::span<const AssignedNative> summands) {
  AssignedNative zero = fixed_word(0);
  return gadget_.layouter().assign_region([&](Region& region) {
    region.enable_selector(config_.q_7_12_2_5_6, 1);
    AssignedNative plain = assign_add_mod_2_32(region, summands, zero);
    const uint32_t e = static_cast<uint32_t>(u64_of(plain));
    AssignedNative spreaded =
        region.assign_advice(config_.advice[4], 1, Fr::from_u64(sha256_spread(e)));
    const auto l = be_limbs<5>(e, {7, 12, 2, 5, 6});
    LimbsOfE out;
    out.combined = {plain, spreaded};
    out.l07 = assign_plain_and_spreaded(region, 7, l[0], 0, 0).spreaded;
    out.l12 = assign_plain_and_spreaded(region, 12, l[1], 0, 1).spreaded;
    out.l02 = assign_plain_and_spreaded(region, 2, l[2], 1, 0).spreaded;
    out.l05 = assign_plain_and_spreaded(region, 5, l[3], 1, 1).spreaded;
    out.l06 = assign_plain_and_spreaded(region, 6, l[4], 2, 0).spreaded;
    return out;
  });
}

Sha256Chip::MessageWord Sha256Chip::prepare_message_word(std::span<const AssignedNative> summands) {
  AssignedNative zero = fixed_word(0);
  return gadget_.layouter().assign_region([&](Region& region) {
    region.enable_selector(config_.q_12_1x3_7_3_4_3, 1);
    MessageWord out;
    out.plain = assign_add_mod_2_32(region, summands, zero);
    const uint32_t w = static_cast<uint32_t>(u64_of(out.plain));
    const auto l = be_limbs<8>(w, {12, 1, 1, 1, 7, 3, 4, 3});
    out.w12 = assign_plain_and_spreaded(region, 12, l[0], 0, 0).spreaded;
    out.w07 = assign_plain_and_spreaded(region, 7, l[4], 0, 1).spreaded;
    out.w3a = assign_plain_and_spreaded(region, 3, l[5], 1, 0).spreaded;
    out.w04 = assign_plain_and_spreaded(region, 4, l[6], 1, 1).spreaded;
    out.w3b = assign_plain_and_spreaded(region, 3, l[7], 2, 0).spreaded;
    // The spread form of a bit is the bit.
    out.w1a = region.assign_advice(config_.advice[7], 0, Fr::from_u64(l[1]));
    out.w1b = region.assign_advice(config_.advice[7], 1, Fr::from_u64(l[2]));
    out.w1c = region.assign_advice(config_.advice[7], 2, Fr::from_u64(l[3]));
    return out;
  });
}

AssignedNative Sha256Chip::maj(const AssignedNative& a, const AssignedNative& b,
                               const AssignedNative& c) {
  return gadget_.layouter().assign_region([&](Region& region) {
    region.enable_selector(config_.q_maj, 1);
    copy_advice(region, a, 5, 0);
    copy_advice(region, b, 6, 0);
    copy_advice(region, c, 5, 1);
    return assign_sprdd_11_11_10(region, u64_of(a) + u64_of(b) + u64_of(c), true, 0);
  });
}

AssignedNative Sha256Chip::ch(const AssignedNative& e, const AssignedNative& f,
                              const AssignedNative& g) {
  const uint64_t se = u64_of(e);
  const uint64_t sne = se ^ kMaskEven64;
  const uint64_t e_plus_f = se + u64_of(f);
  const uint64_t ne_plus_g = sne + u64_of(g);
  AssignedNative mask = gadget_.native().assign_fixed(Fr::from_u64(kMaskEven64));
  return gadget_.layouter().assign_region([&](Region& region) {
    region.enable_selector(config_.q_half_ch, 1);
    region.enable_selector(config_.q_half_ch, 4);
    copy_advice(region, e, 5, 0);
    copy_advice(region, e, 4, 4);
    copy_advice(region, f, 6, 0);
    copy_advice(region, g, 6, 3);
    AssignedNative ne = region.assign_advice(config_.advice[5], 3, Fr::from_u64(sne));
    copy_advice(region, ne, 5, 4);
    copy_advice(region, mask, 6, 4);
    AssignedNative odd_ef = assign_sprdd_11_11_10(region, e_plus_f, true, 0);
    copy_advice(region, odd_ef, 4, 1);
    AssignedNative odd_neg = assign_sprdd_11_11_10(region, ne_plus_g, true, 3);
    copy_advice(region, odd_neg, 5, 1);
    return region.assign_advice(config_.advice[6], 1, odd_ef.value + odd_neg.value);
  });
}

AssignedNative Sha256Chip::big_sigma_0(const LimbsOfA& a) {
  return gadget_.layouter().assign_region([&](Region& region) {
    region.enable_selector(config_.q_big_sigma_0, 1);
    copy_advice(region, a.l10, 5, 0);
    copy_advice(region, a.l09, 6, 0);
    copy_advice(region, a.l11, 5, 1);
    copy_advice(region, a.l02, 6, 1);
    const uint64_t s10 = u64_of(a.l10), s09 = u64_of(a.l09), s11 = u64_of(a.l11),
                   s02 = u64_of(a.l02);
    const uint64_t v = pow4_ip({30, 20, 11, 0}, {s02, s10, s09, s11}) +
                       pow4_ip({21, 19, 9, 0}, {s11, s02, s10, s09}) +
                       pow4_ip({23, 12, 10, 0}, {s09, s11, s02, s10});
    return assign_sprdd_11_11_10(region, v, false, 0);
  });
}

AssignedNative Sha256Chip::big_sigma_1(const LimbsOfE& e) {
  return gadget_.layouter().assign_region([&](Region& region) {
    region.enable_selector(config_.q_big_sigma_1, 1);
    copy_advice(region, e.l07, 5, 0);
    copy_advice(region, e.l12, 6, 0);
    copy_advice(region, e.l02, 5, 1);
    copy_advice(region, e.l05, 6, 1);
    copy_advice(region, e.l06, 5, 2);
    const uint64_t s07 = u64_of(e.l07), s12 = u64_of(e.l12), s02 = u64_of(e.l02),
                   s05 = u64_of(e.l05), s06 = u64_of(e.l06);
    const uint64_t v = pow4_ip({26, 19, 7, 5, 0}, {s06, s07, s12, s02, s05}) +
                       pow4_ip({27, 21, 14, 2, 0}, {s05, s06, s07, s12, s02}) +
                       pow4_ip({20, 18, 13, 7, 0}, {s12, s02, s05, s06, s07});
    return assign_sprdd_11_11_10(region, v, false, 0);
  });
}

AssignedNative Sha256Chip::small_sigma(const MessageWord& w, bool one) {
  return gadget_.layouter().assign_region([&](Region& region) {
    region.enable_selector(one ? config_.q_sigma_1 : config_.q_sigma_0, 1);
    copy_advice(region, w.w12, 5, 0);
    copy_advice(region, w.w1a, 6, 0);
    copy_advice(region, w.w1b, 4, 1);
    copy_advice(region, w.w1c, 5, 1);
    copy_advice(region, w.w07, 6, 1);
    copy_advice(region, w.w3a, 4, 2);
    copy_advice(region, w.w04, 5, 2);
    copy_advice(region, w.w3b, 6, 2);
    const uint64_t s12 = u64_of(w.w12), s1a = u64_of(w.w1a), s1b = u64_of(w.w1b),
                   s1c = u64_of(w.w1c), s07 = u64_of(w.w07), s3a = u64_of(w.w3a),
                   s04 = u64_of(w.w04), s3b = u64_of(w.w3b);
    uint64_t v;
    if (one) {
      v = pow4_ip({10, 9, 8, 7, 0}, {s12, s1a, s1b, s1c, s07}) +
          pow4_ip({25, 22, 18, 15, 3, 2, 1, 0}, {s07, s3a, s04, s3b, s12, s1a, s1b, s1c}) +
          pow4_ip({31, 30, 23, 20, 16, 13, 1, 0}, {s1b, s1c, s07, s3a, s04, s3b, s12, s1a});
    } else {
      v = pow4_ip({17, 16, 15, 14, 7, 4, 0}, {s12, s1a, s1b, s1c, s07, s3a, s04}) +
          pow4_ip({28, 25, 13, 12, 11, 10, 3, 0}, {s04, s3b, s12, s1a, s1b, s1c, s07, s3a}) +
          pow4_ip({31, 24, 21, 17, 14, 2, 1, 0}, {s1c, s07, s3a, s04, s3b, s12, s1a, s1b});
    }
    return assign_sprdd_11_11_10(region, v, false, 0);
  });
}

std::vector<AssignedByte> Sha256Chip::pad(std::span<const AssignedByte> bytes) {
  const uint64_t l = 8 * bytes.size();
  const uint64_t k = 512 - (l + 65) % 512;
  std::vector<AssignedByte> padded(bytes.begin(), bytes.end());
  padded.push_back({gadget_.native().assign_fixed(Fr::from_u64(128))});
  AssignedByte zero{gadget_.native().assign_fixed(Fr::zero())};
  padded.insert(padded.end(), k / 8, zero);
  for (int i = 7; i >= 0; --i) {
    padded.push_back({gadget_.native().assign_fixed(Fr::from_u64((l >> (8 * i)) & 0xff))});
  }
  return padded;
}

std::array<Sha256Chip::MessageWord, 64> Sha256Chip::message_schedule(
    std::span<const AssignedByte, 64> block) {
  std::array<AssignedNative, 16> words;
  for (size_t w = 0; w < 16; ++w) {
    // assigned_from_be_bytes: the bytes' bounds are recorded, then one linear combination.
    std::vector<Term> terms;
    Fr coeff = Fr::one();
    for (size_t i = 0; i < 4; ++i) {
      terms.push_back({coeff, gadget_.byte_to_native(block[4 * w + 3 - i])});
      coeff = Fr::from_u64(256) * coeff;
    }
    words[w] = gadget_.native().linear_combination(terms, Fr::zero());
  }
  std::array<MessageWord, 64> out;
  for (size_t i = 0; i < 16; ++i) {
    const AssignedNative summand[] = {words[i]};
    out[i] = prepare_message_word(summand);
  }
  for (size_t i = 16; i < 64; ++i) {
    AssignedNative s0 = small_sigma(out[i - 15], false);
    AssignedNative s1 = small_sigma(out[i - 2], true);
    const AssignedNative summands[] = {out[i - 16].plain, out[i - 7].plain, s0, s1};
    out[i] = prepare_message_word(summands);
  }
  return out;
}

Sha256Chip::State Sha256Chip::compression_round(const State& s, uint32_t round_k,
                                                const AssignedNative& round_w) {
  AssignedNative k = fixed_word(round_k);
  AssignedNative sigma0 = big_sigma_0(s.a);
  AssignedNative majority = maj(s.a.combined.spreaded, s.b.spreaded, s.c.spreaded);
  AssignedNative sigma1 = big_sigma_1(s.e);
  AssignedNative choice = ch(s.e.combined.spreaded, s.f.spreaded, s.g.spreaded);
  const AssignedNative next_a[] = {s.h, sigma1, choice, k, round_w, sigma0, majority};
  const AssignedNative next_e[] = {s.d, s.h, sigma1, choice, k, round_w};
  State out;
  out.a = prepare_a(next_a);
  out.b = s.a.combined;
  out.c = s.b;
  out.d = s.c.plain;
  out.e = prepare_e(next_e);
  out.f = s.e.combined;
  out.g = s.f;
  out.h = s.g.plain;
  return out;
}

Sha256Chip::State Sha256Chip::add_states(const State& x, const State& y) {
  auto pair = [](const AssignedNative& a, const AssignedNative& b) {
    return std::array<AssignedNative, 2>{a, b};
  };
  State out;
  out.a = prepare_a(pair(x.a.combined.plain, y.a.combined.plain));
  out.b = prepare_a(pair(x.b.plain, y.b.plain)).combined;
  out.c = prepare_a(pair(x.c.plain, y.c.plain)).combined;
  out.d = prepare_a(pair(x.d, y.d)).combined.plain;
  out.e = prepare_e(pair(x.e.combined.plain, y.e.combined.plain));
  out.f = prepare_e(pair(x.f.plain, y.f.plain)).combined;
  out.g = prepare_e(pair(x.g.plain, y.g.plain)).combined;
  out.h = prepare_e(pair(x.h, y.h)).combined.plain;
  return out;
}

std::array<AssignedNative, 8> Sha256Chip::digest_words(std::span<const AssignedByte> input) {
  State state = fixed_state(kIv);
  const std::vector<AssignedByte> padded = pad(input);
  for (size_t start = 0; start < padded.size(); start += 64) {
    const std::array<MessageWord, 64> w =
        message_schedule(std::span<const AssignedByte, 64>(padded.data() + start, 64));
    State round = state;
    for (size_t i = 0; i < 64; ++i)
      round = compression_round(round, kRoundConstants[i], w[i].plain);
    state = add_states(state, round);
  }
  return {state.a.combined.plain, state.b.plain, state.c.plain, state.d,
          state.e.combined.plain, state.f.plain, state.g.plain, state.h};
}

std::array<AssignedByte, 32> Sha256Chip::hash(std::span<const AssignedByte> input) {
  used_ = true;
  std::array<AssignedByte, 32> out;
  size_t i = 0;
  for (const AssignedNative& word : digest_words(input)) {
    std::vector<AssignedByte> le = gadget_.assigned_to_le_bytes(word, 4);
    for (size_t j = 4; j-- > 0;) out[i++] = le[j];
  }
  return out;
}

void Sha256Chip::load_table() {
  const std::vector<Sha256SpreadRow> rows = sha256_spread_table();
  gadget_.layouter().assign_table([&](Table& table) {
    for (size_t i = 0; i < rows.size(); ++i) {
      table.assign_cell(config_.table.nbits, i, Fr::from_u64(rows[i].nbits));
      table.assign_cell(config_.table.plain, i, Fr::from_u64(rows[i].plain));
      table.assign_cell(config_.table.spread, i, Fr::from_u64(rows[i].spread));
    }
  });
}

}  // namespace nightjar::circuits
