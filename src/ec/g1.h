// G1 of BLS12-381: y^2 = x^3 + 4 over Fp, the group of KZG commitments and the SRS.
#pragma once

#include "ec/short_weierstrass.h"
#include "ff/fp.h"

namespace nightjar::ec {

struct G1Config {
  using Field = ff::Fp;
  static Field b();
  static Affine<G1Config> generator();
  // Scott's test ("A note on group membership tests for G1, G2 and GT on BLS pairing-friendly
  // curves", 2021): P is in G1 iff φ(P) = [-u^2]P, where φ(x, y) = (βx, y) for the cube root
  // of unity β whose eigenvalue on G1 is -u^2, a root of λ^2 + λ + 1 modulo r = u^4 - u^2 + 1
  // (u = -0xd201000000010000 is the curve parameter). About 2.5x faster than [r]P = O, which
  // the tests compare it with.
  static bool is_torsion_free(const Affine<G1Config>& p);
};

using G1Affine = Affine<G1Config>;
using G1 = Jacobian<G1Config>;

}  // namespace nightjar::ec
