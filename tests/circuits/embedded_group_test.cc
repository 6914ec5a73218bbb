#include "circuits/embedded_group.h"

#include <gtest/gtest.h>

#include "tests/circuits/test_util.h"

namespace nightjar::circuits {
namespace {

using ff::Fr;
using testing::fr_le;

const Fr kGeneratorU = fr_le("e56fd518a3fe2d515f37be7f655c3104eef572b1e37ed35ea31c123a67c4a53e");
const Fr kGeneratorV = fr_le("cb550cd538ea0cc1138480408e6eaab9b36c613f0dd3f7784fdb6eea837b1357");

Fr subgroup_order_as_fr() {
  // s = 0x0e7db4ea6533afa906673b0101343b00a6682093ccc81082d0970e5ed6f72cb7.
  return fr_le("b72cf7d65e0e97d08210c8cc932068a6003b3401013b6706a9af3365eab47d0e");
}

TEST(EmbeddedGroup, GeneratorTimesOne) {
  EXPECT_EQ(ec_mul_generator(Fr::one()), (Coordinates{kGeneratorU, kGeneratorV}));
}

TEST(EmbeddedGroup, IdentityIsZeroOne) {
  EXPECT_EQ(ec_mul_generator(Fr::zero()), (Coordinates{Fr::zero(), Fr::one()}));
  Result<ec::JubjubExtended> identity = embedded_point(Fr::zero(), Fr::one());
  ASSERT_TRUE(identity.is_ok());
  EXPECT_TRUE(identity->is_identity());
}

// The ledger reduces any field element mod s before multiplying (EmbeddedGroupAffine * Fr).
TEST(EmbeddedGroup, ScalarsAreReducedModS) {
  const Fr s = subgroup_order_as_fr();
  const Fr k = Fr::from_u64(123456789);
  EXPECT_EQ(ec_mul_generator(s), ec_mul_generator(Fr::zero()));
  EXPECT_EQ(ec_mul_generator(s + k), ec_mul_generator(k));
  ec::JubjubExtended g = *embedded_point(kGeneratorU, kGeneratorV);
  EXPECT_EQ(ec_mul(g, s + s + k), ec_mul_generator(k));
  EXPECT_EQ(ec_mul(g, -Fr::one()), ec_mul_generator(-Fr::one()));
}

TEST(EmbeddedGroup, AddMatchesScalarMultiplication) {
  ec::JubjubExtended g = *embedded_point(kGeneratorU, kGeneratorV);
  EXPECT_EQ(ec_add(g, g), ec_mul_generator(Fr::from_u64(2)));
  ec::JubjubExtended minus_g = *embedded_point(-kGeneratorU, kGeneratorV);
  EXPECT_EQ(ec_add(g, minus_g), (Coordinates{Fr::zero(), Fr::one()}));
}

// Only the parity of x is read (midnight-circuits' from_xy goes through the point encoding).
TEST(EmbeddedGroup, XContributesOnlyItsParity) {
  Fr lax = kGeneratorU + Fr::from_u64(2);
  ASSERT_EQ(lax.is_odd(), kGeneratorU.is_odd());
  Result<ec::JubjubExtended> p = embedded_point(lax, kGeneratorV);
  ASSERT_TRUE(p.is_ok());
  EXPECT_EQ(coordinates(*p), (Coordinates{kGeneratorU, kGeneratorV}));
  Result<ec::JubjubExtended> flipped = embedded_point(lax + Fr::one(), kGeneratorV);
  ASSERT_TRUE(flipped.is_ok());
  EXPECT_EQ(coordinates(*flipped), (Coordinates{-kGeneratorU, kGeneratorV}));
}

TEST(EmbeddedGroup, RejectsPointsTheLedgerCannotRead) {
  // A v with no point on the curve.
  Fr y = Fr::from_u64(2);
  while (embedded_point(Fr::zero(), y).is_ok()) y += Fr::one();
  EXPECT_EQ(embedded_point(Fr::zero(), y).status().message(), "Elliptic curve point not on curve");
  // (0, -1) has order 2: on the curve, outside the prime-order subgroup.
  Result<ec::JubjubExtended> two_torsion = embedded_point(Fr::zero(), -Fr::one());
  ASSERT_FALSE(two_torsion.is_ok());
  EXPECT_NE(two_torsion.status().message().find("subgroup"), std::string::npos);
  // u = 0 with the sign bit set (x odd) is no encoding (ZIP 216).
  EXPECT_FALSE(embedded_point(Fr::one(), Fr::one()).is_ok());
}

}  // namespace
}  // namespace nightjar::circuits
