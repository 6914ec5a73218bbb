// The optimal ate pairing e: G1 × G2 -> Gt of BLS12-381 (x = -0xd201000000010000, M-type twist
// y² = x³ + 4(u + 1)). e(P, Q) = final_exponentiation(miller_loop({(P, Q)})) and equals, value for
// value, the pairing of zkcrypto/bls12_381, blst and @noble/curves (tests/ec/pairing_test.cc checks
// e(g1, g2) against their published value).
//
// Inputs must be points of the order-r subgroups (callers check decoded points; the pairing of
// anything else is meaningless). The identity is allowed in either slot: such a term contributes
// 1. The sequence of field operations depends only on the public loop parameter and on which
// terms are the identity. G2Prepared is immutable after construction; every function here is
// reentrant and safe to call concurrently.
#pragma once

#include <array>
#include <functional>
#include <span>
#include <utility>

#include "ec/g1.h"
#include "ec/g2.h"
#include "ff/fp12.h"

namespace nightjar::ec {

// A G2 point with the line coefficients of its Miller loop computed once: a verifier that pairs
// against fixed points (the SRS's g2 and s·g2) skips all G2 arithmetic on every later check.
class G2Prepared {
 public:
  // 63 doubling steps and one addition step per set bit of |x| below its top bit.
  static constexpr size_t kLines = 68;

  // A line a + b·v + c·v·w before evaluation at a G1 point P, which scales b by P.x and c by P.y.
  struct Line {
    ff::Fp2 a, b, c;
  };

  explicit G2Prepared(const G2Affine& q);

  bool is_identity() const { return infinity_; }
  const std::array<Line, kLines>& lines() const { return lines_; }

 private:
  std::array<Line, kLines> lines_;
  bool infinity_;
};

using PairingTerm = std::pair<G1Affine, G2Affine>;
using PreparedPairingTerm = std::pair<G1Affine, std::reference_wrapper<const G2Prepared>>;

// ∏ f_{x,Q}(P) over the terms, sharing one accumulator (one squaring per step for all terms).
// The result is only meaningful after final_exponentiation.
ff::Fp12 miller_loop(std::span<const PairingTerm> terms);
ff::Fp12 multi_miller_loop(std::span<const PreparedPairingTerm> terms);

// f^(3·(p^12 - 1)/r). The factor 3 is coprime to r, so the result is still a non-degenerate
// bilinear pairing; it comes from the hard part's addition chain in x and is the exponent that
// zkcrypto/bls12_381, blst and @noble/curves use, so Gt values agree with theirs.
ff::Fp12 final_exponentiation(const ff::Fp12& f);

ff::Fp12 pairing(const G1Affine& p, const G2Affine& q);

// ∏ e(P_i, Q_i) == 1, with one shared Miller loop and one final exponentiation.
bool pairing_product_is_one(std::span<const PairingTerm> terms);
bool pairing_product_is_one(std::span<const PreparedPairingTerm> terms);

}  // namespace nightjar::ec
