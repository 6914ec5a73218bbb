// The curve coefficients and the standard generators of G1 and G2 (as in the BLS12-381
// specification and the ZCash/IETF pairing-friendly-curves drafts).
#include "ec/g1.h"
#include "ec/g2.h"
#include "ff/hex_literal.h"

namespace nightjar::ec {

using ff::fp_from_hex;

ff::Fp G1Config::b() {
  static const ff::Fp kB = ff::Fp::from_u64(4);
  return kB;
}

G1Affine G1Config::generator() {
  static const G1Affine kGenerator{
      fp_from_hex("17f1d3a73197d7942695638c4fa9ac0fc3688c4f9774b905a14e3a3f171bac586c55e83ff97a1ae"
                  "ffb3af00adb22c6bb"),
      fp_from_hex("08b3f481e3aaa0f1a09e30ed741d8ae4fcf5e095d5d00af600db18cb2c04b3edd03cc744a2888ae"
                  "40caa232946c5e7e1"),
      false};
  return kGenerator;
}

ff::Fp2 G2Config::b() {
  static const ff::Fp2 kB{ff::Fp::from_u64(4), ff::Fp::from_u64(4)};
  return kB;
}

G2Affine G2Config::generator() {
  static const G2Affine kGenerator{
      {fp_from_hex("024aa2b2f08f0a91260805272dc51051c6e47ad4fa403b02b4510b647ae3d1770bac0326a805bbe"
                   "fd48056c8c121bdb8"),
       fp_from_hex("13e02b6052719f607dacd3a088274f65596bd0d09920b61ab5da61bbdc7f5049334cf11213945d5"
                   "7e5ac7d055d042b7e")},
      {fp_from_hex("0ce5d527727d6e118cc9cdc6da2e351aadfd9baa8cbdd3a76d429a695160d12c923ac9cc3baca28"
                   "9e193548608b82801"),
       fp_from_hex("0606c4a02ea734cc32acd2b02bc28b99cb3e287e85a763af267492ab572e99ab3f370d275cec1da"
                   "1aaa9075ff05f79be")},
      false};
  return kGenerator;
}

}  // namespace nightjar::ec
