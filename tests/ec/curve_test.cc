#include <gtest/gtest.h>

#include "base/hex.h"
#include "base/sha256.h"
#include "ec/encoding.h"
#include "ec/g1.h"
#include "ec/g2.h"
#include "tests/testing/random.h"

namespace nightjar::ec {
namespace {

using testing::TestRng;

template <class P>
void check_group_laws(P a, P b, P c) {
  ASSERT_EQ(a + b, b + a);
  ASSERT_EQ((a + b) + c, a + (b + c));
  ASSERT_EQ(a + a, a.dbl());
  ASSERT_EQ(a + P::identity(), a);
  ASSERT_EQ(P::identity() + a, a);
  ASSERT_TRUE((a + (-a)).is_identity());
  ASSERT_TRUE(P::identity().dbl().is_identity());
  ASSERT_EQ(a.add_mixed(b.to_affine()), a + b);
  ASSERT_EQ(a.add_mixed(a.to_affine()), a.dbl());
  ASSERT_TRUE(a.add_mixed((-a).to_affine()).is_identity());
  ASSERT_EQ(a.add_mixed(P::AffinePoint::identity()), a);
  ASSERT_TRUE((a + b).is_on_curve());
  ASSERT_TRUE((a + b).to_affine().is_on_curve());
}

TEST(G1, GroupLaws) {
  TestRng rng(10);
  for (int i = 0; i < 200; ++i) check_group_laws(rng.g1(), rng.g1(), rng.g1());
}

TEST(G2, GroupLaws) {
  TestRng rng(11);
  for (int i = 0; i < 50; ++i) check_group_laws(rng.g2(), rng.g2(), rng.g2());
}

template <class P>
void check_scalar_mul(TestRng& rng) {
  P g = P::generator();
  EXPECT_TRUE(g.is_on_curve());
  EXPECT_TRUE(g.to_affine().is_torsion_free());
  // The generator has order r.
  EXPECT_TRUE(g.mul_limbs_vartime(ff::FrParams::kModulus).is_identity());
  EXPECT_TRUE((g * ff::Fr::zero()).is_identity());
  EXPECT_EQ(g * ff::Fr::one(), g);
  EXPECT_EQ(g * (-ff::Fr::one()), -g);
  EXPECT_TRUE((P::identity() * ff::Fr::from_u64(5)).is_identity());
  for (int i = 0; i < 20; ++i) {
    ff::Fr a = rng.field<ff::Fr>(), b = rng.field<ff::Fr>();
    P pa = g * a;
    ASSERT_EQ(pa, g.mul_vartime(a));
    ASSERT_EQ(pa * b, g * (a * b));
    ASSERT_EQ(g * a + g * b, g * (a + b));
  }
}

TEST(G1, ScalarMultiplication) {
  TestRng rng(12);
  check_scalar_mul<G1>(rng);
}

TEST(G2, ScalarMultiplication) {
  TestRng rng(13);
  check_scalar_mul<G2>(rng);
}

TEST(G1, BatchToAffine) {
  TestRng rng(14);
  std::vector<G1> points(33);
  for (auto& p : points) p = rng.g1();
  points[5] = G1::identity();
  std::vector<G1Affine> affine(points.size());
  G1::batch_to_affine(points, affine);
  for (size_t i = 0; i < points.size(); ++i) EXPECT_EQ(affine[i], points[i].to_affine());
}

// Published encodings of the generators (ZCash serialization format, as in the BLS12-381
// specification and the IETF pairing-friendly-curves draft).
constexpr const char* kG1GeneratorCompressed =
    "97f1d3a73197d7942695638c4fa9ac0fc3688c4f9774b905a14e3a3f171bac586c55e83ff97a1aeffb3af00adb22c6"
    "bb";
constexpr const char* kG2GeneratorCompressed =
    "93e02b6052719f607dacd3a088274f65596bd0d09920b61ab5da61bbdc7f5049334cf11213945d57e5ac7d055d042b"
    "7e024aa2b2f08f0a91260805272dc51051c6e47ad4fa403b02b4510b647ae3d1770bac0326a805bbefd48056c8c121"
    "bdb8";

TEST(Encoding, GeneratorsKnownAnswers) {
  EXPECT_EQ(to_hex(to_compressed(G1Affine::generator())), kG1GeneratorCompressed);
  EXPECT_EQ(to_hex(to_compressed(G2Affine::generator())), kG2GeneratorCompressed);
  EXPECT_EQ(to_hex(to_compressed(G1Affine::identity())), "c0" + std::string(94, '0'));
  EXPECT_EQ(to_hex(to_uncompressed(G1Affine::identity())), "40" + std::string(190, '0'));
  EXPECT_EQ(to_hex(to_compressed(G2Affine::identity())), "c0" + std::string(190, '0'));
  EXPECT_EQ(to_hex(to_uncompressed(G2Affine::identity())), "40" + std::string(382, '0'));
}

template <class Affine, size_t kC, size_t kU, class FromC, class FromU>
void check_round_trips(const Affine& p, FromC from_c, FromU from_u) {
  std::array<uint8_t, kC> c = to_compressed(p);
  std::array<uint8_t, kU> u = to_uncompressed(p);
  auto pc = from_c(std::span<const uint8_t, kC>(c));
  auto pu = from_u(std::span<const uint8_t, kU>(u));
  ASSERT_TRUE(pc.is_ok()) << pc.status().message();
  ASSERT_TRUE(pu.is_ok()) << pu.status().message();
  ASSERT_EQ(*pc, p);
  ASSERT_EQ(*pu, p);
}

TEST(Encoding, RoundTrips) {
  TestRng rng(15);
  for (int i = 0; i < 50; ++i) {
    check_round_trips<G1Affine, 48, 96>(rng.g1().to_affine(), g1_from_compressed,
                                        g1_from_uncompressed);
    check_round_trips<G2Affine, 96, 192>(rng.g2().to_affine(), g2_from_compressed,
                                         g2_from_uncompressed);
  }
  check_round_trips<G1Affine, 48, 96>(G1Affine::identity(), g1_from_compressed,
                                      g1_from_uncompressed);
  check_round_trips<G2Affine, 96, 192>(G2Affine::identity(), g2_from_compressed,
                                       g2_from_uncompressed);
  G1Affine g = rng.g1().to_affine();
  auto raw = to_raw_montgomery(g);
  EXPECT_EQ(*g1_from_raw_montgomery(raw), g);
  EXPECT_EQ(*g1_from_raw_montgomery(to_raw_montgomery(G1Affine::identity())), G1Affine::identity());
}

std::array<uint8_t, 48> g1_bytes(const std::string& hex) {
  auto v = *from_hex(hex);
  std::array<uint8_t, 48> out{};
  std::copy(v.begin(), v.end(), out.begin());
  return out;
}

TEST(Encoding, RejectsMalformedG1) {
  auto good = to_compressed(G1Affine::generator());
  auto bad = good;
  bad[0] &= 0x7f;  // compression flag cleared
  EXPECT_FALSE(g1_from_compressed(bad).is_ok());
  auto uncompressed = to_uncompressed(G1Affine::generator());
  uncompressed[0] |= 0x80;
  EXPECT_FALSE(g1_from_uncompressed(uncompressed).is_ok());
  uncompressed[0] = (uncompressed[0] & 0x1f) | 0x20;  // sort flag on an uncompressed point
  EXPECT_FALSE(g1_from_uncompressed(uncompressed).is_ok());
  // Infinity with the sort flag, or with a nonzero body.
  EXPECT_FALSE(g1_from_compressed(g1_bytes("e0" + std::string(94, '0'))).is_ok());
  EXPECT_FALSE(g1_from_compressed(g1_bytes("c0" + std::string(92, '0') + "01")).is_ok());
  // x = p (not canonical).
  EXPECT_FALSE(
      g1_from_compressed(g1_bytes("9a0111ea397fe69a4b1ba7b6434bacd764774b84f38512bf6730d2a0f6"
                                  "b0f6241eabfffeb153ffffb9feffffffffaaab"))
          .is_ok());
  // x = 0: 0 + 4 = 4 is a square, but (0, ±2) has order 3, outside the r-order subgroup.
  auto zero_x = g1_from_compressed(g1_bytes("80" + std::string(94, '0')));
  ASSERT_FALSE(zero_x.is_ok());
  EXPECT_NE(zero_x.status().message().find("subgroup"), std::string::npos);
  // x = 1: 1 + 4 = 5 is not a square mod p.
  auto off_curve = g1_from_compressed(g1_bytes("80" + std::string(92, '0') + "01"));
  ASSERT_FALSE(off_curve.is_ok());
  EXPECT_NE(off_curve.status().message().find("abscissa"), std::string::npos);
  // A generator with y changed is off the curve.
  auto tweaked = to_uncompressed(G1Affine::generator());
  tweaked[95] ^= 1;
  EXPECT_FALSE(g1_from_uncompressed(tweaked).is_ok());
}

}  // namespace
}  // namespace nightjar::ec

namespace nightjar::ec {
namespace {

// The fast G1 membership test must agree with the definition [r]P = O, on subgroup points and on
// curve points outside it (random x with a square right-hand side, not multiplied by the
// cofactor).
TEST(G1, FastSubgroupTestMatchesDefinition) {
  testing::TestRng rng(16);
  int outside = 0;
  for (int i = 0; i < 40; ++i) {
    G1Affine in = rng.g1().to_affine();
    ASSERT_TRUE(in.is_torsion_free());
    ASSERT_TRUE(has_order_dividing_r(in));
    ff::Fp x = rng.field<ff::Fp>();
    auto y = (x.square() * x + G1Config::b()).sqrt_vartime();
    if (!y) continue;
    G1Affine candidate{x, *y, false};
    ASSERT_TRUE(candidate.is_on_curve());
    ASSERT_EQ(candidate.is_torsion_free(), has_order_dividing_r(candidate));
    outside += !has_order_dividing_r(candidate);
  }
  EXPECT_GT(outside, 5);
  EXPECT_TRUE(G1Affine::identity().is_torsion_free());
}

}  // namespace
}  // namespace nightjar::ec

namespace nightjar::ec {
namespace {

// The ZCash serialization test vectors (zkcrypto/bls12_381, src/tests/*_valid_test_vectors.dat):
// the encodings of [i]G for i = 0..999, concatenated. The files are not copied here; their
// SHA-256 digests are, and the sequence is regenerated and hashed.
template <class P, class Encode>
std::string digest_of_multiples(Encode encode) {
  Sha256 hasher;
  P acc = P::identity();
  for (int i = 0; i < 1000; ++i) {
    auto bytes = encode(acc.to_affine());
    hasher.update(bytes);
    acc = acc + P::generator();
  }
  return to_hex(hasher.finish());
}

TEST(Encoding, ZcashSerializationTestVectors) {
  using G1A = G1Affine;
  using G2A = G2Affine;
  EXPECT_EQ(digest_of_multiples<G1>([](const G1A& p) { return to_compressed(p); }),
            "8acaa1d512b4cf96f4740e4c9afc19ba4618d48fe251c452a19382395bcd0929");
  EXPECT_EQ(digest_of_multiples<G1>([](const G1A& p) { return to_uncompressed(p); }),
            "e25aae8e95c9cd39cdb1eec0100c8245e297510fef0091cbf80b91d49de6b685");
  EXPECT_EQ(digest_of_multiples<G2>([](const G2A& p) { return to_compressed(p); }),
            "b75bc2e41289adda41e448e56a1ea39b11009a27b02e8676c8b86defedc05deb");
  EXPECT_EQ(digest_of_multiples<G2>([](const G2A& p) { return to_uncompressed(p); }),
            "80fd0516c8115b13165589324558649fa94f49e714caa3b735537d073a9cfb65");
}

// Every multiple in those vectors also decodes back to itself.
TEST(Encoding, MultiplesDecodeBack) {
  G1 acc1 = G1::identity();
  G2 acc2 = G2::identity();
  for (int i = 0; i < 100; ++i) {
    G1Affine a1 = acc1.to_affine();
    G2Affine a2 = acc2.to_affine();
    ASSERT_EQ(*g1_from_compressed(to_compressed(a1)), a1);
    ASSERT_EQ(*g2_from_compressed(to_compressed(a2)), a2);
    acc1 = acc1 + G1::generator();
    acc2 = acc2 + G2::generator();
  }
}

}  // namespace
}  // namespace nightjar::ec
