#include "ec/pairing.h"

#include <vector>

namespace nightjar::ec {
namespace {

using ff::Fp12;
using ff::Fp2;
using Line = G2Prepared::Line;

// |x| for the curve parameter x = -0xd201000000010000. The loop runs over |x|; the sign costs one
// conjugation at the end (f_{-n} and 1/f_n agree after the final exponentiation).
constexpr uint64_t kAbsX = 0xd201000000010000;
constexpr int kTopBit = 63;

// Calls step(false) for the doubling and step(true) for the addition of each Miller-loop step,
// in loop order: G2Prepared's line order.
template <class Step>
void for_each_step(Step&& step) {
  for (int bit = kTopBit - 1; bit >= 0; --bit) {
    step(false);
    if ((kAbsX >> bit) & 1) step(true);
  }
}

// A point of the twist E'(Fp2): y² = x³ + b', b' = 4(u + 1), in homogeneous projective coordinates
// (X : Y : Z) = (X/Z, Y/Z), which keep inversions out of the loop.
struct TwistPoint {
  Fp2 x, y, z;
};

// 3b'·c = 12(u + 1)·c, by additions.
Fp2 mul_by_3b(const Fp2& c) {
  Fp2 t = c.mul_by_nonresidue();
  return (t.dbl() + t).dbl().dbl();
}

// Lines are returned up to factors in Fp4 = Fp2[w³], which the final exponentiation sends to 1
// (p^4 - 1 divides (p^12 - 1)/r). Untwisting (x', y') -> (x'/w², y'/w³) and multiplying the line
// through T with slope λ' by w³ leaves (λ'x_T - y_T) - λ'·x_P·v + y_P·v·w: the sparse shape
// Fp12::mul_by_line takes. Projective coordinates then scale it by a further factor in Fp2.

// T <- 2T; returns the tangent at T: (3b'Z² - Y²) + 3X²·x_P·v - 2YZ·y_P·v·w. The doubling formula
// (Costello, Lange and Naehrig, "Faster pairing computations on curves with high-degree twists",
// 2010) is scaled by 4 so that it needs no halving.
Line double_step(TwistPoint& t) {
  Fp2 b = t.y.square();
  Fp2 c = t.z.square();
  Fp2 e = mul_by_3b(c);
  Fp2 f = e.dbl() + e;
  Fp2 h = (t.y + t.z).square() - b - c;
  Fp2 j = t.x.square();
  Fp2 e2 = e.square();
  Line line{e - b, j.dbl() + j, -h};
  t.x = (t.x * t.y * (b - f)).dbl();
  t.y = (b + f).square() - (e2.dbl() + e2).dbl().dbl();
  t.z = (b * h).dbl().dbl();
  return line;
}

// T <- T + Q for an affine Q ≠ ±T (in the loop T = [k]Q with 1 < k < |x| < r); returns the line
// through T and Q with slope θ/λ: (θ·x_Q - λ·y_Q) - θ·x_P·v + λ·y_P·v·w.
Line add_step(TwistPoint& t, const G2Affine& q) {
  Fp2 theta = t.y - q.y * t.z;
  Fp2 lambda = t.x - q.x * t.z;
  Fp2 c = theta.square();
  Fp2 d = lambda.square();
  Fp2 e = lambda * d;
  Fp2 f = t.z * c;
  Fp2 g = t.x * d;
  Fp2 h = e + f - g.dbl();
  Line line{theta * q.x - lambda * q.y, -theta, lambda};
  t.x = lambda * h;
  t.y = theta * (g - h) - e * t.y;
  t.z = t.z * e;
  return line;
}

Fp12 multiply_by_line(const Fp12& f, const Line& line, const G1Affine& p) {
  return f.mul_by_line(line.a, line.b * p.x, line.c * p.y);
}

// The shared loop: one squaring of the accumulator per step for all terms (skipped on the first
// step, where the accumulator is 1); multiply_lines(f, addition) multiplies in every term's line.
template <class MultiplyLines>
Fp12 run_miller_loop(MultiplyLines&& multiply_lines) {
  Fp12 f = Fp12::one();
  bool first = true;
  for_each_step([&](bool addition) {
    if (!addition && !first) f = f.square();
    first = false;
    f = multiply_lines(f, addition);
  });
  return f.conjugate();
}

// m^x on the cyclotomic subgroup, where conjugation is inversion.
Fp12 cyclotomic_pow_x(const Fp12& m) {
  Fp12 acc = m;
  for (int bit = kTopBit - 1; bit >= 0; --bit) {
    acc = acc.cyclotomic_square();
    if ((kAbsX >> bit) & 1) acc *= m;
  }
  return acc.conjugate();
}

}  // namespace

G2Prepared::G2Prepared(const G2Affine& q) : lines_{}, infinity_(q.infinity) {
  if (infinity_) return;
  TwistPoint t{q.x, q.y, Fp2::one()};
  size_t i = 0;
  for_each_step([&](bool addition) { lines_[i++] = addition ? add_step(t, q) : double_step(t); });
}

Fp12 miller_loop(std::span<const PairingTerm> terms) {
  struct State {
    G1Affine p;
    G2Affine q;
    TwistPoint t;
  };
  std::vector<State> active;
  active.reserve(terms.size());
  for (const auto& [p, q] : terms) {
    if (!p.infinity && !q.infinity) active.push_back({p, q, {q.x, q.y, Fp2::one()}});
  }
  return run_miller_loop([&](Fp12 f, bool addition) {
    for (State& s : active) {
      f = multiply_by_line(f, addition ? add_step(s.t, s.q) : double_step(s.t), s.p);
    }
    return f;
  });
}

Fp12 multi_miller_loop(std::span<const PreparedPairingTerm> terms) {
  std::vector<std::pair<const G1Affine*, const G2Prepared*>> active;
  active.reserve(terms.size());
  for (const auto& [p, q] : terms) {
    if (!p.infinity && !q.get().is_identity()) active.emplace_back(&p, &q.get());
  }
  size_t index = 0;
  return run_miller_loop([&](Fp12 f, bool) {
    for (const auto& [p, q] : active) f = multiply_by_line(f, q->lines()[index], *p);
    ++index;
    return f;
  });
}

Fp12 final_exponentiation(const Fp12& f) {
  // Easy part, f^((p^6 - 1)(p^2 + 1)): lands in the cyclotomic subgroup, where the hard part
  // can use cyclotomic squarings and conjugation as inversion.
  Fp12 t = f.conjugate() * f.inverse();
  Fp12 m = t.frobenius_map(2) * t;
  // Hard part, m^(3(p^4 - p^2 + 1)/r), using 3(p^4 - p^2 + 1)/r = (x - 1)²(x + p)(x² + p² - 1) + 3
  // (Hayashida, Hayasaka and Teruya, ePrint 2020/875): five exponentiations by x.
  Fp12 a = cyclotomic_pow_x(m) * m.conjugate();       // m^(x-1)
  Fp12 b = cyclotomic_pow_x(a) * a.conjugate();       // a^(x-1)
  Fp12 c = cyclotomic_pow_x(b) * b.frobenius_map(1);  // b^(x+p)
  // c^(x²+p²-1)
  Fp12 d = cyclotomic_pow_x(cyclotomic_pow_x(c)) * c.frobenius_map(2) * c.conjugate();
  return d * m.cyclotomic_square() * m;
}

Fp12 pairing(const G1Affine& p, const G2Affine& q) {
  PairingTerm term{p, q};
  return final_exponentiation(miller_loop(std::span<const PairingTerm>(&term, 1)));
}

bool pairing_product_is_one(std::span<const PairingTerm> terms) {
  return final_exponentiation(miller_loop(terms)).is_one();
}

bool pairing_product_is_one(std::span<const PreparedPairingTerm> terms) {
  return final_exponentiation(multi_miller_loop(terms)).is_one();
}

}  // namespace nightjar::ec
