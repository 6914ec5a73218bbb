#include "ff/fp12.h"

#include <algorithm>

#include "ff/tower_constants.h"

namespace nightjar::ff {
namespace {

constexpr std::array<Fp2, 12> make_frobenius_table() {
  std::array<Fp2, 12> out;
  for (size_t k = 0; k < 12; ++k) {
    out[k] = {Fp::from_montgomery_unchecked(TowerConstants::kFp12FrobeniusC1[k].c0),
              Fp::from_montgomery_unchecked(TowerConstants::kFp12FrobeniusC1[k].c1)};
  }
  return out;
}

constexpr std::array<Fp2, 12> kFrobeniusC1 = make_frobenius_table();

// (x + y·t)² in Fp4 = Fp2[t]/(t² - ξ), returned as its two Fp2 coordinates.
struct Fp4Square {
  Fp2 lo, hi;
};
Fp4Square fp4_square(const Fp2& x, const Fp2& y) {
  Fp2 x2 = x.square();
  Fp2 y2 = y.square();
  return {x2 + y2.mul_by_nonresidue(), (x + y).square() - x2 - y2};
}

// The coefficient order of to_bytes / from_bytes.
template <class F12, class Visit>
void for_each_coefficient(F12& f, Visit visit) {
  for (auto* half : {&f.c0, &f.c1}) {
    for (auto* fp2 : {&half->c0, &half->c1, &half->c2}) {
      visit(fp2->c0);
      visit(fp2->c1);
    }
  }
}

}  // namespace

Fp12 operator*(const Fp12& a, const Fp12& b) {
  Fp6 t0 = a.c0 * b.c0;
  Fp6 t1 = a.c1 * b.c1;
  return {t0 + t1.mul_by_nonresidue(), (a.c0 + a.c1) * (b.c0 + b.c1) - t0 - t1};
}

Fp12 Fp12::square() const {
  // Complex squaring: (c0 + c1)(c0 + c1·v) = c0² + c1²·v + c0·c1·(1 + v), so two Fp6 products.
  Fp6 ab = c0 * c1;
  return {(c0 + c1) * (c0 + c1.mul_by_nonresidue()) - ab - ab.mul_by_nonresidue(), ab.dbl()};
}

Fp12 Fp12::inverse() const {
  // (c0 + c1 w)(c0 - c1 w) = c0² - c1²·v lies in Fp6.
  Fp6 t = (c0.square() - c1.square().mul_by_nonresidue()).inverse();
  return {c0 * t, -(c1 * t)};
}

Fp12 Fp12::frobenius_map(unsigned power) const {
  unsigned k = power % 12;
  return {c0.frobenius_map(k), c1.frobenius_map(k) * kFrobeniusC1[k]};
}

Fp12 Fp12::cyclotomic_square() const {
  // Granger and Scott, "Faster squaring in the cyclotomic subgroup of sixth degree extensions"
  // (PKC 2010). Over Fp4 = Fp2[t], t = w³, the element is A + B·w + C·w² with
  // A = c0.c0 + c1.c1·t, B = c1.c0 + c0.c2·t, C = c0.c1 + c1.c2·t; on the cyclotomic subgroup its
  // square is (3A² - 2Ā) + (3t·C² + 2B̄)·w + (3B² - 2C̄)·w², where the bar negates t.
  Fp4Square a = fp4_square(c0.c0, c1.c1);
  Fp4Square b = fp4_square(c1.c0, c0.c2);
  Fp4Square c = fp4_square(c0.c1, c1.c2);
  Fp2 tc_lo = c.hi.mul_by_nonresidue();  // t·(lo + hi·t) = ξ·hi + lo·t
  Fp12 r;
  r.c0.c0 = (a.lo - c0.c0).dbl() + a.lo;
  r.c1.c1 = (a.hi + c1.c1).dbl() + a.hi;
  r.c1.c0 = (tc_lo + c1.c0).dbl() + tc_lo;
  r.c0.c2 = (c.lo - c0.c2).dbl() + c.lo;
  r.c0.c1 = (b.lo - c0.c1).dbl() + b.lo;
  r.c1.c2 = (b.hi + c1.c2).dbl() + b.hi;
  return r;
}

Fp12 Fp12::mul_by_line(const Fp2& a, const Fp2& b, const Fp2& c) const {
  // Karatsuba over w with the line's halves a + b·v and c·v.
  Fp6 t0 = c0.mul_by_01(a, b);
  Fp6 t1 = c1.mul_by_1(c);
  return {t0 + t1.mul_by_nonresidue(), (c0 + c1).mul_by_01(a, b + c) - t0 - t1};
}

std::array<uint8_t, Fp12::kBytes> Fp12::to_bytes() const {
  std::array<uint8_t, kBytes> out;
  size_t offset = 0;
  for_each_coefficient(*this, [&](const Fp& x) {
    auto be = x.to_bytes_be();
    std::copy(be.begin(), be.end(), out.begin() + offset);
    offset += Fp::kBytes;
  });
  return out;
}

std::optional<Fp12> Fp12::from_bytes(std::span<const uint8_t, kBytes> bytes) {
  Fp12 out;
  size_t offset = 0;
  bool ok = true;
  for_each_coefficient(out, [&](Fp& x) {
    std::optional<Fp> decoded = Fp::from_bytes_be(bytes.subspan(offset).first<Fp::kBytes>());
    offset += Fp::kBytes;
    if (decoded) {
      x = *decoded;
    } else {
      ok = false;
    }
  });
  if (!ok) return std::nullopt;
  return out;
}

}  // namespace nightjar::ff
