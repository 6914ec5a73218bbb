// G2 of BLS12-381: the sextic M-twist y^2 = x^3 + 4(u + 1) over Fp2, home of the SRS's g2 and
// s·g2 and the second argument of the pairing.
#pragma once

#include "ec/short_weierstrass.h"
#include "ff/fp2.h"

namespace nightjar::ec {

struct G2Config {
  using Field = ff::Fp2;
  static Field b();
  static Affine<G2Config> generator();
  static bool is_torsion_free(const Affine<G2Config>& p) { return has_order_dividing_r(p); }
};

using G2Affine = Affine<G2Config>;
using G2 = Jacobian<G2Config>;

}  // namespace nightjar::ec
