// Portable multi-precision kernels on N little-endian 64-bit limbs, built on unsigned __int128.
//
// They compile for any 64-bit target with no instruction-set flags and are the reference the
// dispatched fast paths are tested against. Montgomery multiplication is CIOS with the "no final
// carry" shortcut, valid because both BLS12-381 moduli have a top limb below 2^62: the running
// value then never needs an (N+1)-th limb. Every function is constant-time in its data: no
// branch or memory index depends on limb values.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>

namespace nightjar::ff::portable {

using u128 = unsigned __int128;

template <size_t N>
using Limbs = std::array<uint64_t, N>;

// Clang's carry builtins compile to one adc/sbb (x86-64) or adcs/sbcs (arm64) per limb; the
// __int128 fallback is about 3x slower (measured on Fp addition: 7.8 vs 2.2 ns).
#if defined(__has_builtin) && __has_builtin(__builtin_addcll) && __has_builtin(__builtin_subcll)
#define NIGHTJAR_HAVE_CARRY_BUILTINS 1
#endif

// r = a - b, returns the borrow (0 or 1).
template <size_t N>
inline uint64_t sub_borrow(Limbs<N>& r, const Limbs<N>& a, const Limbs<N>& b) {
  unsigned long long borrow = 0;
  for (size_t i = 0; i < N; ++i) {
#ifdef NIGHTJAR_HAVE_CARRY_BUILTINS
    r[i] = __builtin_subcll(a[i], b[i], borrow, &borrow);
#else
    u128 d = static_cast<u128>(a[i]) - b[i] - borrow;
    r[i] = static_cast<uint64_t>(d);
    borrow = static_cast<uint64_t>(d >> 64) & 1;
#endif
  }
  return borrow;
}

// r = a + b, returns the carry (0 or 1).
template <size_t N>
inline uint64_t add_carry(Limbs<N>& r, const Limbs<N>& a, const Limbs<N>& b) {
  unsigned long long carry = 0;
  for (size_t i = 0; i < N; ++i) {
#ifdef NIGHTJAR_HAVE_CARRY_BUILTINS
    r[i] = __builtin_addcll(a[i], b[i], carry, &carry);
#else
    u128 s = static_cast<u128>(a[i]) + b[i] + carry;
    r[i] = static_cast<uint64_t>(s);
    carry = static_cast<uint64_t>(s >> 64);
#endif
  }
  return carry;
}

// r = mask ? a : b, where mask is all ones or zero.
template <size_t N>
inline void select(Limbs<N>& r, uint64_t mask, const Limbs<N>& a, const Limbs<N>& b) {
  for (size_t i = 0; i < N; ++i) r[i] = (a[i] & mask) | (b[i] & ~mask);
}

// t < 2p on entry; t mod p on exit.
template <size_t N>
inline void reduce_once(Limbs<N>& t, const Limbs<N>& p) {
  Limbs<N> d;
  uint64_t borrow = sub_borrow(d, t, p);
  select(t, 0 - borrow, t, d);
}

template <size_t N>
inline void add_mod(Limbs<N>& r, const Limbs<N>& a, const Limbs<N>& b, const Limbs<N>& p) {
  add_carry(r, a, b);  // no carry out: a + b < 2p < 2^(64N)
  reduce_once(r, p);
}

template <size_t N>
inline void sub_mod(Limbs<N>& r, const Limbs<N>& a, const Limbs<N>& b, const Limbs<N>& p) {
  uint64_t borrow = sub_borrow(r, a, b);
  Limbs<N> masked;
  for (size_t i = 0; i < N; ++i) masked[i] = p[i] & (0 - borrow);
  add_carry(r, r, masked);
}

// r = a * b / 2^(64N) mod p for a, b < p.
template <size_t N>
inline void mul_mont(Limbs<N>& r, const Limbs<N>& a, const Limbs<N>& b, const Limbs<N>& p,
                     uint64_t n0) {
  Limbs<N> t{};
#pragma GCC unroll 8
  for (size_t i = 0; i < N; ++i) {
    u128 acc = static_cast<u128>(a[0]) * b[i] + t[0];
    uint64_t carry_a = static_cast<uint64_t>(acc >> 64);
    uint64_t lo = static_cast<uint64_t>(acc);
    uint64_t m = lo * n0;
    u128 red = static_cast<u128>(m) * p[0] + lo;
    uint64_t carry_m = static_cast<uint64_t>(red >> 64);
#pragma GCC unroll 8
    for (size_t j = 1; j < N; ++j) {
      acc = static_cast<u128>(a[j]) * b[i] + t[j] + carry_a;
      carry_a = static_cast<uint64_t>(acc >> 64);
      red = static_cast<u128>(m) * p[j] + static_cast<uint64_t>(acc) + carry_m;
      carry_m = static_cast<uint64_t>(red >> 64);
      t[j - 1] = static_cast<uint64_t>(red);
    }
    t[N - 1] = carry_a + carry_m;
  }
  reduce_once(t, p);
  r = t;
}

}  // namespace nightjar::ff::portable
