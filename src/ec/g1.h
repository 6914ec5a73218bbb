// G1 of BLS12-381: y^2 = x^3 + 4 over Fp, the group of KZG commitments and the SRS.
#pragma once

#include "ec/short_weierstrass.h"
#include "ff/fp.h"

namespace nightjar::ec {

struct G1Config {
  using Field = ff::Fp;
  static Field b();
  static Affine<G1Config> generator();
};

using G1Affine = Affine<G1Config>;
using G1 = Jacobian<G1Config>;

}  // namespace nightjar::ec
