// MontField<P>: an element of the prime field described by P (fp_params.h, fr_params.h).
//
// Representation: N little-endian 64-bit limbs holding x·R mod p (Montgomery form, R = 2^(64N)),
// always fully reduced (< p), so equality is limb equality and the raw limbs are exactly what
// Midnight's prover keys store. Arithmetic is constant-time in the element values unless the name
// ends in _vartime; exponents passed to pow() are treated as public. Values are plain data: copy
// freely; concurrent reads are safe.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>

#include "ff/backend.h"
#include "ff/portable_kernels.h"

namespace nightjar::ff {

template <class P>
class MontField {
 public:
  static constexpr size_t kLimbs = P::kLimbs;
  static constexpr size_t kBytes = (P::kBits + 7) / 8;
  using Params = P;
  using Limbs = std::array<uint64_t, kLimbs>;

  constexpr MontField() = default;

  static constexpr MontField zero() { return MontField(); }
  static constexpr MontField one() { return from_montgomery_unchecked(P::kOne); }

  static MontField from_u64(uint64_t v) {
    Limbs canonical{};
    canonical[0] = v;
    return from_canonical_unchecked(canonical);
  }

  // From a plain integer; nullopt unless it is below p.
  static std::optional<MontField> from_canonical(const Limbs& canonical) {
    if (!less_than_modulus(canonical)) return std::nullopt;
    return from_canonical_unchecked(canonical);
  }

  // From limbs already in Montgomery form (prover keys); nullopt unless they are below p.
  static std::optional<MontField> from_raw_montgomery(const Limbs& raw) {
    if (!less_than_modulus(raw)) return std::nullopt;
    return from_montgomery_unchecked(raw);
  }

  static constexpr MontField from_montgomery_unchecked(const Limbs& raw) {
    MontField f;
    f.v_ = raw;
    return f;
  }

  Limbs to_canonical() const {
    Limbs one_plain{};
    one_plain[0] = 1;
    Limbs out;
    mul_mont<kLimbs>(out, v_, one_plain, P::kModulus, P::kN0);
    return out;
  }

  const Limbs& raw_montgomery() const { return v_; }

  // Canonical encodings of exactly kBytes bytes; decoding rejects values >= p.
  static std::optional<MontField> from_bytes_le(std::span<const uint8_t, kBytes> bytes) {
    Limbs limbs{};
    for (size_t i = 0; i < kBytes; ++i)
      limbs[i / 8] |= static_cast<uint64_t>(bytes[i]) << (8 * (i % 8));
    return from_canonical(limbs);
  }
  static std::optional<MontField> from_bytes_be(std::span<const uint8_t, kBytes> bytes) {
    std::array<uint8_t, kBytes> le;
    for (size_t i = 0; i < kBytes; ++i) le[i] = bytes[kBytes - 1 - i];
    return from_bytes_le(le);
  }
  std::array<uint8_t, kBytes> to_bytes_le() const {
    Limbs c = to_canonical();
    std::array<uint8_t, kBytes> out;
    for (size_t i = 0; i < kBytes; ++i) out[i] = static_cast<uint8_t>(c[i / 8] >> (8 * (i % 8)));
    return out;
  }
  std::array<uint8_t, kBytes> to_bytes_be() const {
    std::array<uint8_t, kBytes> le = to_bytes_le();
    std::array<uint8_t, kBytes> out;
    for (size_t i = 0; i < kBytes; ++i) out[i] = le[kBytes - 1 - i];
    return out;
  }

  // Interprets 2·8·kLimbs little-endian bytes as an integer and reduces it mod p (the wide
  // reduction Midnight's transcript uses to turn 64 BLAKE2b bytes into an Fr challenge).
  static MontField from_uniform_bytes(std::span<const uint8_t, 16 * kLimbs> bytes) {
    Limbs lo{}, hi{};
    for (size_t i = 0; i < 8 * kLimbs; ++i) {
      lo[i / 8] |= static_cast<uint64_t>(bytes[i]) << (8 * (i % 8));
      hi[i / 8] |= static_cast<uint64_t>(bytes[8 * kLimbs + i]) << (8 * (i % 8));
    }
    reduce_fully(lo);
    reduce_fully(hi);
    // lo·R2/R = lo·R and hi·R3/R = hi·2^(64N)·R: the Montgomery form of lo + hi·2^(64N).
    MontField a, b;
    mul_mont<kLimbs>(a.v_, lo, P::kR2, P::kModulus, P::kN0);
    mul_mont<kLimbs>(b.v_, hi, P::kR3, P::kModulus, P::kN0);
    return a + b;
  }

  bool is_zero() const {
    uint64_t acc = 0;
    for (uint64_t limb : v_) acc |= limb;
    return acc == 0;
  }
  bool is_one() const { return v_ == P::kOne; }
  // Parity of the canonical integer (Jubjub's sign bit).
  bool is_odd() const { return to_canonical()[0] & 1; }
  // True when the canonical integer exceeds (p-1)/2: the ZCash encodings' sign flag.
  bool lexicographically_largest() const {
    Limbs c = to_canonical();
    Limbs diff;
    uint64_t borrow = portable::sub_borrow<kLimbs>(diff, P::kPMinus1Over2, c);
    return borrow != 0;
  }

  // choose_a ? a : b without a data-dependent branch.
  static MontField select(bool choose_a, const MontField& a, const MontField& b) {
    MontField r;
    portable::select<kLimbs>(r.v_, 0 - static_cast<uint64_t>(choose_a), a.v_, b.v_);
    return r;
  }

  friend bool operator==(const MontField& a, const MontField& b) {
    uint64_t acc = 0;
    for (size_t i = 0; i < kLimbs; ++i) acc |= a.v_[i] ^ b.v_[i];
    return acc == 0;
  }

  friend MontField operator+(const MontField& a, const MontField& b) {
    MontField r;
    portable::add_mod<kLimbs>(r.v_, a.v_, b.v_, P::kModulus);
    return r;
  }
  friend MontField operator-(const MontField& a, const MontField& b) {
    MontField r;
    portable::sub_mod<kLimbs>(r.v_, a.v_, b.v_, P::kModulus);
    return r;
  }
  friend MontField operator*(const MontField& a, const MontField& b) {
    MontField r;
    mul_mont<kLimbs>(r.v_, a.v_, b.v_, P::kModulus, P::kN0);
    return r;
  }
  MontField operator-() const { return zero() - *this; }
  MontField& operator+=(const MontField& b) { return *this = *this + b; }
  MontField& operator-=(const MontField& b) { return *this = *this - b; }
  MontField& operator*=(const MontField& b) { return *this = *this * b; }

  MontField square() const {
    MontField r;
    sqr_mont<kLimbs>(r.v_, v_, P::kModulus, P::kN0);
    return r;
  }
  MontField dbl() const { return *this + *this; }

  // a^e for a public exponent e (little-endian limbs of any count), 4-bit fixed window: the
  // sequence of operations depends only on e.
  template <size_t M>
  MontField pow(const std::array<uint64_t, M>& e) const {
    std::array<MontField, 16> table;
    table[0] = one();
    for (size_t i = 1; i < 16; ++i) table[i] = table[i - 1] * *this;
    MontField acc = one();
    for (size_t i = M * 16; i-- > 0;) {
      acc = acc.square().square().square().square();
      unsigned nibble = (e[i / 16] >> (4 * (i % 16))) & 15;
      // Scanning the whole table keeps the memory access pattern independent of the exponent
      // too, so secret exponents are also safe.
      MontField chosen;
      for (unsigned j = 0; j < 16; ++j) {
        uint64_t mask = 0 - static_cast<uint64_t>(j == nibble);
        for (size_t k = 0; k < kLimbs; ++k) chosen.v_[k] |= table[j].v_[k] & mask;
      }
      acc *= chosen;
    }
    return acc;
  }
  MontField pow_u64(uint64_t e) const { return pow(std::array<uint64_t, 1>{e}); }

  // Fermat inversion a^(p-2): constant-time; zero maps to zero.
  MontField inverse() const { return pow(P::kPMinus2); }

  // Binary extended Euclid on the Montgomery limbs; faster, but its running time depends on the
  // value. Zero maps to zero.
  MontField inverse_vartime() const {
    if (is_zero()) return zero();
    Limbs u = v_, v = P::kModulus, x1{}, x2{};
    x1[0] = 1;
    auto is_one = [](const Limbs& a) {
      if (a[0] != 1) return false;
      for (size_t i = 1; i < kLimbs; ++i)
        if (a[i] != 0) return false;
      return true;
    };
    // Keeps x1·v_ ≡ u and x2·v_ ≡ v (mod p), halving the even one of u, v each step.
    auto halve = [](Limbs& u_or_v, Limbs& x) {
      shift_right_one(u_or_v, 0);
      uint64_t carry = 0;
      if (x[0] & 1) carry = portable::add_carry<kLimbs>(x, x, P::kModulus);
      shift_right_one(x, carry);
    };
    while (!is_one(u) && !is_one(v)) {
      while ((u[0] & 1) == 0) halve(u, x1);
      while ((v[0] & 1) == 0) halve(v, x2);
      Limbs d;
      if (portable::sub_borrow<kLimbs>(d, u, v) == 0) {
        u = d;
        portable::sub_mod<kLimbs>(x1, x1, x2, P::kModulus);
      } else {
        portable::sub_borrow<kLimbs>(v, v, u);
        portable::sub_mod<kLimbs>(x2, x2, x1, P::kModulus);
      }
    }
    // y = (aR)^-1 as an integer; the Montgomery form of a^-1 is y·R^2 = mont(y, R^3).
    const Limbs& y = is_one(u) ? x1 : x2;
    MontField r;
    mul_mont<kLimbs>(r.v_, y, P::kR3, P::kModulus, P::kN0);
    return r;
  }

  // Inverts every nonzero element in place with one inversion (Montgomery's trick); zeros stay
  // zero. `scratch` must hold as many elements as `values`.
  static void batch_inverse(std::span<MontField> values, std::span<MontField> scratch) {
    MontField acc = one();
    for (size_t i = 0; i < values.size(); ++i) {
      scratch[i] = acc;
      if (!values[i].is_zero()) acc *= values[i];
    }
    acc = acc.inverse_vartime();
    for (size_t i = values.size(); i-- > 0;) {
      if (values[i].is_zero()) continue;
      MontField inv = acc * scratch[i];
      acc *= values[i];
      values[i] = inv;
    }
  }

  // 1 for a nonzero square, -1 for a non-square, 0 for zero.
  int legendre() const {
    MontField s = pow(P::kPMinus1Over2);
    if (s.is_zero()) return 0;
    return s.is_one() ? 1 : -1;
  }

  // A square root, or nullopt for a non-square. For p ≡ 3 (mod 4) it is a^((p+1)/4); otherwise
  // Tonelli–Shanks, whose loop count depends on the value (hence _vartime; the roots Midnight
  // takes are of public values).
  std::optional<MontField> sqrt_vartime() const {
    if (is_zero()) return zero();
    if constexpr (P::kTwoAdicity == 1) {
      // (p+1)/4 = ((p-1)/2 + 1) / 2
      Limbs e = P::kPMinus1Over2;
      Limbs one_plain{};
      one_plain[0] = 1;
      portable::add_carry<kLimbs>(e, e, one_plain);
      shift_right_one(e, 0);
      MontField root = pow(e);
      if (root.square() == *this) return root;
      return std::nullopt;
    } else {
      // a = 2^S·T form: x = a^((T+1)/2), b = a^T, z = primitive 2^S-th root.
      MontField w = pow(P::kTMinus1Over2);
      MontField x = *this * w;
      MontField b = x * w;
      MontField z = from_montgomery_unchecked(P::kRootOfUnity);
      unsigned m = P::kTwoAdicity;
      while (!b.is_one()) {
        unsigned i = 0;
        MontField t = b;
        while (!t.is_one()) {
          t = t.square();
          if (++i == m) return std::nullopt;
        }
        MontField c = z;
        for (unsigned j = 0; j + 1 < m - i; ++j) c = c.square();
        z = c.square();
        x *= c;
        b *= z;
        m = i;
      }
      return x;
    }
  }

  // Primitive 2^kTwoAdicity-th root of unity, derived from the field's multiplicative generator.
  static constexpr MontField root_of_unity() { return from_montgomery_unchecked(P::kRootOfUnity); }
  static constexpr MontField multiplicative_generator() {
    return from_montgomery_unchecked(P::kGenerator);
  }

 private:
  static bool less_than_modulus(const Limbs& x) {
    Limbs d;
    return portable::sub_borrow<kLimbs>(d, x, P::kModulus) != 0;
  }

  static MontField from_canonical_unchecked(const Limbs& canonical) {
    MontField f;
    mul_mont<kLimbs>(f.v_, canonical, P::kR2, P::kModulus, P::kN0);
    return f;
  }

  // x mod p for any N-limb x, with a fixed number of masked subtractions: x / p < 2^(64N) / p
  // <= 2^64 / (top limb of p), so that many plus one always suffice.
  static constexpr uint64_t kWideReductionSteps = ~uint64_t{0} / P::kModulus[kLimbs - 1] + 1;
  static void reduce_fully(Limbs& x) {
    for (uint64_t i = 0; i < kWideReductionSteps; ++i)
      portable::reduce_once<kLimbs>(x, P::kModulus);
  }

  static void shift_right_one(Limbs& x, uint64_t top_bit) {
    for (size_t i = 0; i + 1 < kLimbs; ++i) x[i] = (x[i] >> 1) | (x[i + 1] << 63);
    x[kLimbs - 1] = (x[kLimbs - 1] >> 1) | (top_bit << 63);
  }

  Limbs v_{};
};

}  // namespace nightjar::ff
