#include "ff/fp2.h"

namespace nightjar::ff {
namespace {

// (p - 3) / 4 and (p - 1) / 2 as plain integers, derived from FpParams at compile time.
constexpr std::array<uint64_t, 6> shifted_modulus(unsigned subtract, unsigned shift) {
  std::array<uint64_t, 6> e = FpParams::kModulus;
  e[0] -= subtract;  // the low limb of p is ...aaab, so no borrow
  for (unsigned s = 0; s < shift; ++s) {
    for (size_t i = 0; i + 1 < 6; ++i) e[i] = (e[i] >> 1) | (e[i + 1] << 63);
    e[5] >>= 1;
  }
  return e;
}

constexpr std::array<uint64_t, 6> kPMinus3Over4 = shifted_modulus(3, 2);
constexpr std::array<uint64_t, 6> kPMinus1Over2 = shifted_modulus(1, 1);

}  // namespace

std::optional<Fp2> Fp2::sqrt_vartime() const {
  if (is_zero()) return zero();
  // Algorithm 9 of Adj and Rodríguez-Henríquez, "Square root computation over even extension
  // fields" (2012), for q ≡ 3 (mod 4).
  Fp2 a1 = pow(kPMinus3Over4);
  Fp2 alpha = a1.square() * *this;
  Fp2 x0 = a1 * *this;
  Fp2 minus_one = -one();
  Fp2 candidate;
  if (alpha == minus_one) {
    candidate = Fp2{-x0.c1, x0.c0};  // x0 · u
  } else {
    Fp2 b = (alpha + one()).pow(kPMinus1Over2);
    candidate = b * x0;
  }
  if (candidate.square() == *this) return candidate;
  return std::nullopt;
}

}  // namespace nightjar::ff
