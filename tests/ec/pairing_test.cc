#include "ec/pairing.h"

#include <gtest/gtest.h>

#include <array>
#include <string>
#include <vector>

#include "base/hex.h"
#include "ec/g1.h"
#include "ec/g2.h"
#include "ff/backend.h"
#include "tests/testing/backends.h"
#include "tests/testing/random.h"

namespace nightjar::ec {
namespace {

using ff::Fp12;
using ff::Fr;
using testing::TestRng;

// e(g1, g2) as Fp12.toBytes: the value in @noble/curves' test/bls12-381.test.ts ("pairing" ›
// "zkcrypto vectors", taken from github.com/zkcrypto/pairing, and "killic" › "pairing small",
// which compares Fp12.toBytes). It is also what @noble/curves 2.4.0 prints for
// bytesToHex(Fp12.toBytes(bls12_381.pairing(G1.BASE, G2.BASE))).
// clang-format off
constexpr char kGeneratorPairingHex[] =
    "1250ebd871fc0a92a7b2d83168d0d727272d441befa15c503dd8e90ce98db3e7b6d194f60839c508a84305aaca1789b6"
    "089a1c5b46e5110b86750ec6a532348868a84045483c92b7af5af689452eafabf1a8943e50439f1d59882a98eaa0170f"
    "1368bb445c7c2d209703f239689ce34c0378a68e72a6b3b216da0e22a5031b54ddff57309396b38c881c4c849ec23e87"
    "193502b86edb8857c273fa075a50512937e0794e1e65a7617c90d8bd66065b1fffe51d7a579973b1315021ec3c19934f"
    "01b2f522473d171391125ba84dc4007cfbf2f8da752f7c74185203fcca589ac719c34dffbbaad8431dad1c1fb597aaa5"
    "018107154f25a764bd3c79937a45b84546da634b8f6be14a8061e55cceba478b23f7dacaa35c8ca78beae9624045b4b6"
    "19f26337d205fb469cd6bd15c3d5a04dc88784fbb3d0b2dbdea54d43b2b73f2cbb12d58386a8703e0f948226e47ee89d"
    "06fba23eb7c5af0d9f80940ca771b6ffd5857baaf222eb95a7d2809d61bfe02e1bfd1b68ff02f0b8102ae1c2d5d5ab1a"
    "11b8b424cd48bf38fcef68083b0b0ec5c81a93b330ee1a677d0d15ff7b984e8978ef48881e32fac91b93b47333e2ba57"
    "03350f55a7aefcd3c31b4fcb6ce5771cc6a0e9786ab5973320c806ad360829107ba810c5a09ffdd9be2291a0c25a99a2"
    "04c581234d086a9902249b64728ffd21a189e87935a954051c7cdba7b3872629a4fafc05066245cb9108f0242d0fe3ef"
    "0f41e58663bf08cf068672cbd01a7ec73baca4d72ca93544deff686bfd6df543d48eaa24afe47e1efde449383b676631";
// clang-format on

// The final exponentiation of an arbitrary Fp12 element: @noble/curves test/bls12-381.test.ts,
// "finalExponentiate is correct" (its input is written there in decimal; here in hex).
// clang-format off
constexpr char kFinalExpInputHex[] =
    "047c4e6bd237842488bee79cd03c0d39153fe793c691c036f79dd4af17656acb89144959884cf72c41b250275ed1fcd3"
    "0adf0cbd3fd85b38cef3ae33aa5e89c00337bc3b8b1e9f362826706d952fa10228b907784f01cda52f30277afb6cdd6b"
    "10624245d8fd2bc313a48fcd73149c36889401ddfa77071f239fa4c4f2a2370fdd199008e54bb71f931b96abf44a324f"
    "1607b44f155b758dfd0ebeb084883a36cc8fd936fedc83e6e9fed55980fefce204900563e30ec042ec54b97c1b7bc5fd"
    "131606a2a885b242a5d7dccfb0ad00e66c27f000824b82be649bf249905b5accdc655799c975edea23e3670d3f4f73f8"
    "06c4bf509a637764c723d6c385bde3489b1b8db0c54849c13afa9e1d49c12b052f71d66f804fef0fc6a67d954a49fdac"
    "191c3008ce519f185012b96e4991bfed4cd9c439577b2a01d26bc8b4063e8c220d0df28f8441c633406c1adfc3bc2134"
    "18d8b20e20c0651e0d636df58901281d8030db8b9aa1accc83d81519807b13e8d1720e6bb8ffd25171d63de0619b6b63"
    "15974e35f285bfde4fc0aec8846b86c68e46b91a7a7434307f3e4711804b243f2f7a424aedcc44d51370fcb10df864e0"
    "0692115c8202c589c97df6e1ef872f61109b8544a258d7d77f23e9b089ea9b19e69465a459a6adfbfe615e3016eb3731"
    "0eb48379148a1e35e0cd96650780cd88017550887b15c306269000a863463ef087a7a8d9b1a2ab54d6a24ea51ec234f7"
    "1354baf03dcc67da80d2b232f8dbeb374c16def905ef0c9f91d4f60801f2ddaf75eadb39f74db9ec13fd35d016f31752";
constexpr char kFinalExpOutputHex[] =
    "09d72c189ba2fd4b09b63da857f321b791b45f8ec589858bc6d41c8f4eb05244ad7a22aea1119a958d890a19f6caceda"
    "153f579b44547ee81c5d1603571b4776a065e86b4e3da0bba32afedafcca10f0a40005e63c9408785761da689b4b7338"
    "00bb1efcca23009c3638ae9ec0ee5153fa94b4edca88c3438029bcd5909e838da44483f0bfb5877609dace3bfa7d4ff3"
    "0c0e22bf2d593bc5b7ce484f3ff81a23a0c36725909225c1cf2f277482144951ea3fe425d2a56a91b681e11abc56c7fa"
    "12c99e5152ab314ca6baec31cddbeff18acdac3a91c0e62de63e029bee76d775e0940408447b0fddad84b8dde9b86dee"
    "0fe6a726b7d4947bb7bcb22a06dd4a283ce7113e956bcbb0294883046944312a72536fff08166adcfa08dfd65e4c157f"
    "176bfe03f017f18f7a2af0f178b5f018434ef3623da77e40d7fc78fca08299f81f6879c69026f4a7ba639463893e0708"
    "0282d90ee23efd9a2e0d51af8a2048bbda4517a90a24318a75d0dd6addc29b068d17e7c89a04da84b142996aa29b1516"
    "0c2cdf5de0889c4b55752cf839e61a81feaebf97a812c7581c8f66395868b582cbea067c9d435dabb5722913da709bff"
    "0741ece37d164288d7a590b3d31d9e6f26ce0797f1b99a77cd0b5eba24eae26afcb8b69f39af06e701ceaabf94c3db5e"
    "00c9dea49cc3e1c8be938f707bbb0239e8f960fa46617877f90b3212fc3f5890999082b9c2262c8543a278136f34b5db"
    "08f574e635870b8f4ad8c18d162055ab6136db296ad5f25151244e3b1ce0d81389b9d1752a46af018e8fb1ac01b683e1";
// clang-format on

Fp12 fp12_from_hex(const char* hex) {
  auto bytes = from_hex(hex);
  EXPECT_TRUE(bytes.is_ok());
  EXPECT_EQ(bytes->size(), Fp12::kBytes);
  auto f = Fp12::from_bytes(std::span<const uint8_t, Fp12::kBytes>(bytes->data(), Fp12::kBytes));
  EXPECT_TRUE(f.has_value());
  return f.value_or(Fp12::zero());
}

Fp12 pow_fr(const Fp12& f, const Fr& e) { return f.pow(e.to_canonical()); }

class PairingTest : public testing::PerBackendTest {};
NIGHTJAR_INSTANTIATE_PER_BACKEND(PairingTest);

TEST_P(PairingTest, GeneratorPairingKnownAnswer) {
  Fp12 gt = pairing(G1Affine::generator(), G2Affine::generator());
  EXPECT_EQ(to_hex(gt.to_bytes()), kGeneratorPairingHex);
  EXPECT_EQ(gt, fp12_from_hex(kGeneratorPairingHex));
}

TEST_P(PairingTest, FinalExponentiationKnownAnswer) {
  Fp12 out = final_exponentiation(fp12_from_hex(kFinalExpInputHex));
  EXPECT_EQ(to_hex(out.to_bytes()), kFinalExpOutputHex);
}

TEST_P(PairingTest, NonDegenerateOfOrderR) {
  Fp12 gt = pairing(G1Affine::generator(), G2Affine::generator());
  EXPECT_FALSE(gt.is_one());
  // r is prime, so gt ≠ 1 and gt^r = 1 mean gt has order exactly r.
  EXPECT_TRUE(gt.pow(ff::FrParams::kModulus).is_one());
}

TEST_P(PairingTest, Bilinearity) {
  TestRng rng(71);
  G1 g1 = G1::generator();
  G2 g2 = G2::generator();
  Fp12 base = pairing(g1.to_affine(), g2.to_affine());
  for (int i = 0; i < 4; ++i) {
    Fr a = rng.field<Fr>(), b = rng.field<Fr>();
    G1Affine pa = (g1 * a).to_affine();
    G2Affine qb = (g2 * b).to_affine();
    Fp12 e_ab = pairing(pa, qb);
    ASSERT_EQ(e_ab, pow_fr(base, a * b));
    ASSERT_EQ(pairing((g1 * (a * b)).to_affine(), g2.to_affine()), e_ab);
    ASSERT_EQ(pairing(g1.to_affine(), (g2 * (a * b)).to_affine()), e_ab);
    // Linearity in each slot separately, on random base points.
    G1 p = rng.g1();
    G2 q1 = rng.g2(), q2 = rng.g2();
    ASSERT_EQ(pairing(p.to_affine(), (q1 + q2).to_affine()),
              pairing(p.to_affine(), q1.to_affine()) * pairing(p.to_affine(), q2.to_affine()));
    G1 p2 = rng.g1();
    ASSERT_EQ(pairing((p + p2).to_affine(), q1.to_affine()),
              pairing(p.to_affine(), q1.to_affine()) * pairing(p2.to_affine(), q1.to_affine()));
  }
}

TEST_P(PairingTest, NegationInverts) {
  TestRng rng(72);
  for (int i = 0; i < 3; ++i) {
    G1Affine p = rng.g1().to_affine();
    G2Affine q = rng.g2().to_affine();
    Fp12 e = pairing(p, q);
    ASSERT_TRUE((pairing(p, -q) * e).is_one());
    ASSERT_EQ(pairing(-p, q), e.conjugate());
    ASSERT_EQ(pairing(-p, -q), e);
    std::array<PairingTerm, 2> terms{{{p, q}, {p, -q}}};
    ASSERT_TRUE(pairing_product_is_one(terms));
  }
}

TEST_P(PairingTest, IdentityTermsContributeOne) {
  G1Affine g1 = G1Affine::generator();
  G2Affine g2 = G2Affine::generator();
  EXPECT_TRUE(pairing(G1Affine::identity(), g2).is_one());
  EXPECT_TRUE(pairing(g1, G2Affine::identity()).is_one());
  EXPECT_TRUE(pairing(G1Affine::identity(), G2Affine::identity()).is_one());
  EXPECT_TRUE(miller_loop({}).is_one());
  EXPECT_TRUE(final_exponentiation(Fp12::one()).is_one());
  EXPECT_TRUE(pairing_product_is_one(std::span<const PairingTerm>{}));

  std::array<PairingTerm, 3> with_identities{
      {{G1Affine::identity(), g2}, {g1, g2}, {g1, G2Affine::identity()}}};
  EXPECT_EQ(miller_loop(with_identities), miller_loop(std::span(&with_identities[1], 1)));

  G2Prepared prepared_identity(G2Affine::identity());
  EXPECT_TRUE(prepared_identity.is_identity());
  std::array<PreparedPairingTerm, 1> prepared_terms{{{g1, prepared_identity}}};
  EXPECT_TRUE(multi_miller_loop(prepared_terms).is_one());
  EXPECT_TRUE(pairing_product_is_one(prepared_terms));
}

TEST_P(PairingTest, MultiPairingIsProductOfPairings) {
  TestRng rng(73);
  std::vector<PairingTerm> terms;
  Fp12 product = Fp12::one();
  for (int i = 0; i < 4; ++i) {
    terms.emplace_back(rng.g1().to_affine(), rng.g2().to_affine());
    product *= pairing(terms.back().first, terms.back().second);
  }
  EXPECT_EQ(final_exponentiation(miller_loop(terms)), product);
  EXPECT_FALSE(pairing_product_is_one(terms));
}

TEST_P(PairingTest, PreparedMatchesAffine) {
  TestRng rng(74);
  std::vector<PairingTerm> terms;
  std::vector<G2Prepared> prepared;
  for (int i = 0; i < 3; ++i) {
    terms.emplace_back(rng.g1().to_affine(), rng.g2().to_affine());
    prepared.emplace_back(terms.back().second);
  }
  std::vector<PreparedPairingTerm> prepared_terms;
  for (int i = 0; i < 3; ++i) prepared_terms.emplace_back(terms[i].first, prepared[i]);
  // Same lines in the same order: the Miller values agree exactly, not only after exponentiation.
  EXPECT_EQ(multi_miller_loop(prepared_terms), miller_loop(terms));
  EXPECT_FALSE(pairing_product_is_one(prepared_terms));
}

TEST_P(PairingTest, ProductCheckAcceptsOnlyBalancedProducts) {
  // The KZG shape: e(a·P, Q) · e(-P, a·Q) = 1, with prepared G2 points as the verifier uses them.
  TestRng rng(75);
  Fr a = rng.field<Fr>();
  G1 p = rng.g1();
  G2 q = rng.g2();
  G2Prepared q_prepared(q.to_affine());
  G2Prepared aq_prepared((q * a).to_affine());
  std::array<PreparedPairingTerm, 2> balanced{
      {{(p * a).to_affine(), q_prepared}, {(-p).to_affine(), aq_prepared}}};
  EXPECT_TRUE(pairing_product_is_one(balanced));
  std::array<PairingTerm, 2> balanced_affine{
      {{(p * a).to_affine(), q.to_affine()}, {(-p).to_affine(), (q * a).to_affine()}}};
  EXPECT_TRUE(pairing_product_is_one(balanced_affine));

  std::array<PreparedPairingTerm, 2> unbalanced{
      {{(p * (a + Fr::one())).to_affine(), q_prepared}, {(-p).to_affine(), aq_prepared}}};
  EXPECT_FALSE(pairing_product_is_one(unbalanced));
  std::array<PreparedPairingTerm, 2> swapped{
      {{(p * a).to_affine(), aq_prepared}, {(-p).to_affine(), q_prepared}}};
  EXPECT_FALSE(pairing_product_is_one(swapped));
}

}  // namespace
}  // namespace nightjar::ec
