#include "ec/g1.h"
#include "ff/hex_literal.h"

namespace nightjar::ec {

bool G1Config::is_torsion_free(const G1Affine& p) {
  if (p.infinity) return true;
  // β = 2^((p-1)/3) mod p: the cube root of unity for which φ acts as [-u^2] on G1 (the other
  // one gives the conjugate eigenvalue u^2 - 1).
  static const ff::Fp kBeta = ff::fp_from_hex(
      "5f19672fdf76ce51ba69c6076a0f77eaddb3a93be6f89688de17d813620a00022e01fffffffefffe");
  constexpr std::array<uint64_t, 1> kAbsU = {0xd201000000010000};
  G1 u_p = G1::from_affine(p).mul_limbs_vartime(kAbsU);
  G1 u2_p = u_p.mul_limbs_vartime(kAbsU);
  G1Affine minus_phi_p{p.x * kBeta, -p.y, false};
  return u2_p == G1::from_affine(minus_phi_p);
}

}  // namespace nightjar::ec
