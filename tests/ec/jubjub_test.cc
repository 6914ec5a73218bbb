#include "ec/jubjub.h"

#include <gtest/gtest.h>

#include <array>
#include <random>
#include <string_view>
#include <vector>

#include "base/hex.h"

namespace nightjar::ec {
namespace {

using ff::Fr;
using Bytes32 = std::array<uint8_t, 32>;

Fr fr(const std::array<uint64_t, 4>& canonical) { return *Fr::from_canonical(canonical); }

JubjubAffine point(const std::array<uint64_t, 4>& u, const std::array<uint64_t, 4>& v) {
  return *JubjubAffine::from_coordinates(fr(u), fr(v));
}

Bytes32 bytes32(std::string_view hex) {
  Result<std::vector<uint8_t>> decoded = from_hex(hex);
  EXPECT_TRUE(decoded.is_ok());
  EXPECT_EQ(decoded.value().size(), 32u);
  Bytes32 out{};
  for (size_t i = 0; i < 32 && i < decoded.value().size(); ++i) out[i] = decoded.value()[i];
  return out;
}

Bytes32 limbs_to_bytes(const JubjubExtended::Limbs& limbs) {
  Bytes32 out;
  for (size_t i = 0; i < 32; ++i) out[i] = static_cast<uint8_t>(limbs[i / 8] >> (8 * (i % 8)));
  return out;
}

// Seeded so that failures reproduce.
class Rng {
 public:
  explicit Rng(uint64_t seed) : engine_(seed) {}

  Bytes32 bytes32() {
    Bytes32 out;
    for (auto& b : out) b = static_cast<uint8_t>(engine_());
    return out;
  }
  JubjubScalar scalar() {
    std::array<uint8_t, 64> wide;
    for (auto& b : wide) b = static_cast<uint8_t>(engine_());
    return JubjubScalar::from_uniform_bytes(wide);
  }
  // A random curve point, in the prime-order subgroup with probability about 1/8.
  JubjubExtended curve_point() {
    for (;;) {
      Bytes32 b = bytes32();
      b[31] &= 0xbf;  // v < 2^254 < r; bit 255 stays a random sign
      if (auto p = JubjubAffine::from_bytes(b)) return JubjubExtended(*p);
    }
  }
  JubjubExtended subgroup_point() { return JubjubExtended::generator() * scalar(); }

 private:
  std::mt19937_64 engine_;
};

// Double-and-add over all 256 bits, independent of the windowed code under test.
JubjubExtended reference_mul(const JubjubExtended& p, const JubjubExtended::Limbs& k) {
  JubjubExtended acc;
  for (size_t i = 256; i-- > 0;) {
    acc = acc.dbl();
    if ((k[i / 64] >> (i % 64)) & 1) acc = acc + p;
  }
  return acc;
}

// Generator of the whole group given by midnight-curves, curves/src/jubjub/curve.rs
// (full_generator() / JubjubAffine::generator()).
JubjubExtended full_generator() {
  return JubjubExtended(
      point({0xe4b3d35df1a7adfe, 0xcaf55d1b29bf81af, 0x8b0f03ddd60a8187, 0x62edcbb8bf3787c8},
            {0xb, 0, 0, 0}));
}

// midnight-curves, curves/src/jubjub/curve.rs, eight_torsion(): T, 2T, ..., 8T = O for
// T = [s]·full_generator().
std::array<JubjubAffine, 8> eight_torsion() {
  const std::array<uint64_t, 4> u_a = {0xd92e6a7927200d43, 0x7aa41ac43dae8582, 0xeaaae086a16618d1,
                                       0x71d4df38ba9e7973};
  const std::array<uint64_t, 4> u_b = {0x26d19585d8dff2be, 0xd919893ec24fd67c, 0x488ef781683bbf33,
                                       0x0218c81a6eff03d4};
  const std::array<uint64_t, 4> v_a = {0xff0d2068eff496dd, 0x9106ee90f384a4a1, 0x16a13035ad4d7266,
                                       0x4958bdb21966982e};
  const std::array<uint64_t, 4> v_b = {0x00f2df96100b6924, 0xc2b6b5720c79b75d, 0x1c98a7d25c54659e,
                                       0x2a94e9a11036e51a};
  return {
      point(u_a, v_a),
      point({0xfffeffff00000001, 0x67baa40089fb5bfe, 0xa5e80b39939ed334, 0x73eda753299d7d47},
            {0, 0, 0, 0}),
      point(u_a, v_b),
      point({0, 0, 0, 0},
            {0xffffffff00000000, 0x53bda402fffe5bfe, 0x3339d80809a1d805, 0x73eda753299d7d48}),
      point(u_b, v_b),
      point({0x0001000000000000, 0xec03000276030000, 0x8d51ccce760304d0, 0}, {0, 0, 0, 0}),
      point(u_b, v_a),
      point({0, 0, 0, 0}, {1, 0, 0, 0}),
  };
}

TEST(Jubjub, GeneratorIsMidnights) {
  JubjubExtended g = JubjubExtended::generator();
  EXPECT_TRUE(g.is_on_curve());
  EXPECT_TRUE(g.to_affine().is_on_curve());
  EXPECT_TRUE(g.is_prime_order());
  EXPECT_FALSE(g.is_small_order());
  // JubjubSubgroup::generator() = JubjubExtended::generator().clear_cofactor() in midnight-curves.
  EXPECT_EQ(g, full_generator().clear_cofactor());
  EXPECT_FALSE(full_generator().is_torsion_free());
  EXPECT_FALSE(full_generator().is_small_order());
}

TEST(Jubjub, GeneratorHasOrderS) {
  JubjubExtended g = JubjubExtended::generator();
  const JubjubExtended::Limbs& s = JubjubScalarParams::kModulus;
  EXPECT_TRUE(g.mul_limbs(s).is_identity());
  EXPECT_TRUE(g.mul_limbs_vartime(s).is_identity());
  EXPECT_TRUE(g.mul_bytes(limbs_to_bytes(s)).is_identity());
  EXPECT_TRUE(reference_mul(g, s).is_identity());
  JubjubExtended::Limbs s_minus_1 = s;
  s_minus_1[0] -= 1;
  EXPECT_EQ(g.mul_limbs(s_minus_1), -g);
  EXPECT_EQ(g * (-JubjubScalar::one()), -g);
}

TEST(Jubjub, GroupLawsOnRandomPoints) {
  Rng rng(1);
  for (int i = 0; i < 100; ++i) {
    // Curve points, mostly outside the subgroup, and subgroup points.
    JubjubExtended a = rng.curve_point(), b = rng.curve_point(), c = rng.subgroup_point();
    ASSERT_TRUE(a.is_on_curve());
    ASSERT_TRUE(c.is_on_curve());
    ASSERT_EQ(a + b, b + a);
    ASSERT_EQ((a + b) + c, a + (b + c));
    ASSERT_EQ(a + JubjubExtended::identity(), a);
    ASSERT_EQ(JubjubExtended::identity() + a, a);
    ASSERT_TRUE((a + (-a)).is_identity());
    ASSERT_TRUE((c - c).is_identity());
    ASSERT_EQ(a + a, a.dbl());
    ASSERT_EQ((a - b) + b, a);
    ASSERT_NE(a + b, a);
    ASSERT_TRUE((a + b).is_on_curve());
    ASSERT_TRUE(a.dbl().is_on_curve());
    ASSERT_TRUE((a + b).to_affine().is_on_curve());
    ASSERT_EQ(JubjubExtended((a + b).to_affine()), a + b);
  }
}

TEST(Jubjub, CompleteFormulasOnEdgeCases) {
  JubjubExtended o = JubjubExtended::identity();
  EXPECT_TRUE(o.is_on_curve());
  EXPECT_TRUE((o + o).is_identity());
  EXPECT_TRUE(o.dbl().is_identity());
  EXPECT_TRUE((-o).is_identity());
  EXPECT_TRUE(o.is_small_order());
  EXPECT_TRUE(o.is_torsion_free());
  EXPECT_FALSE(o.is_prime_order());
  EXPECT_TRUE(o.to_affine().is_identity());

  // Every point of order dividing 8: (0, -1) of order 2, the two with v = 0 of order 4 and the
  // four of order 8.
  std::array<JubjubAffine, 8> torsion = eight_torsion();
  JubjubExtended t = full_generator().mul_limbs(JubjubScalarParams::kModulus);
  Rng rng(2);
  JubjubExtended p = rng.curve_point();
  for (size_t i = 0; i < 8; ++i) {
    JubjubExtended ti(torsion[i]);
    ASSERT_EQ(ti, t.mul_limbs({i + 1, 0, 0, 0})) << i;
    ASSERT_EQ(ti.to_affine(), torsion[i]) << i;
    ASSERT_TRUE(ti.is_small_order()) << i;
    ASSERT_EQ(ti.is_torsion_free(), i == 7) << i;
    ASSERT_TRUE((ti + (-ti)).is_identity()) << i;
    ASSERT_EQ(ti + ti, ti.dbl()) << i;
    ASSERT_TRUE(ti.mul_by_cofactor().is_identity()) << i;
    for (size_t j = 0; j < 8; ++j) {
      JubjubExtended sum = ti + JubjubExtended(torsion[j]);
      ASSERT_TRUE(sum.is_on_curve()) << i << " " << j;
      ASSERT_EQ(sum, JubjubExtended(torsion[(i + j + 1) % 8])) << i << " " << j;
    }
    // Mixing a torsion component into a generic point and taking it out again.
    ASSERT_EQ((p + ti) - ti, p) << i;
    ASSERT_EQ((p + ti).mul_by_cofactor(), p.mul_by_cofactor()) << i;
  }
  ASSERT_TRUE(t.dbl().dbl().dbl().is_identity());
  ASSERT_FALSE(t.dbl().dbl().is_identity());
}

TEST(Jubjub, ScalarMultiplication) {
  Rng rng(3);
  JubjubExtended g = JubjubExtended::generator();
  EXPECT_TRUE((g * JubjubScalar::zero()).is_identity());
  EXPECT_EQ(g * JubjubScalar::one(), g);
  EXPECT_EQ(g * JubjubScalar::from_u64(2), g.dbl());
  EXPECT_TRUE((JubjubExtended::identity() * JubjubScalar::from_u64(5)).is_identity());
  for (int i = 0; i < 20; ++i) {
    JubjubScalar a = rng.scalar(), b = rng.scalar();
    JubjubExtended p = rng.curve_point();
    JubjubExtended pa = p * a;
    ASSERT_EQ(pa, reference_mul(p, a.to_canonical()));
    ASSERT_EQ(pa, p.mul_vartime(a));
    ASSERT_EQ(pa, p.mul_bytes(a.to_bytes_le()));
    ASSERT_EQ(pa, p.mul_bytes_vartime(a.to_bytes_le()));
    ASSERT_EQ((g * a) * b, g * (a * b));
    ASSERT_EQ(g * a + g * b, g * (a + b));
    // Scalars act modulo s only on the subgroup; elsewhere [s]P is not the identity.
    JubjubExtended q = rng.subgroup_point();
    ASSERT_EQ(q * a + q * b, q * (a + b));
    // Full 256-bit scalars, beyond s: not reduced, so the torsion part of p still counts.
    Bytes32 k = rng.bytes32();
    JubjubExtended pk = p.mul_bytes(k);
    ASSERT_EQ(pk, p.mul_bytes_vartime(k));
    JubjubExtended::Limbs k_limbs{};
    for (size_t j = 0; j < 32; ++j) k_limbs[j / 8] |= static_cast<uint64_t>(k[j]) << (8 * (j % 8));
    ASSERT_EQ(pk, reference_mul(p, k_limbs));
  }
  const Bytes32 all_ones =
      bytes32("ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff");
  JubjubExtended p = rng.curve_point();
  EXPECT_EQ(p.mul_bytes(all_ones), p.mul_bytes_vartime(all_ones));
  EXPECT_EQ(p.mul_bytes(all_ones), reference_mul(p, {~0ull, ~0ull, ~0ull, ~0ull}));
}

TEST(Jubjub, CofactorClearingAndSubgroupChecks) {
  Rng rng(4);
  int outside_subgroup = 0;
  for (int i = 0; i < 40; ++i) {
    JubjubExtended p = rng.curve_point();
    bool torsion_free = reference_mul(p, JubjubScalarParams::kModulus).is_identity();
    ASSERT_EQ(p.is_torsion_free(), torsion_free);
    outside_subgroup += !torsion_free;
    ASSERT_FALSE(p.is_small_order());
    JubjubExtended cleared = p.clear_cofactor();
    ASSERT_EQ(cleared, p.dbl().dbl().dbl());
    ASSERT_EQ(cleared, p.mul_by_cofactor());
    ASSERT_TRUE(cleared.is_torsion_free());
    ASSERT_TRUE(cleared.is_prime_order());
    ASSERT_TRUE(rng.subgroup_point().is_torsion_free());
  }
  // A uniform point lies outside the subgroup with probability 7/8.
  EXPECT_GT(outside_subgroup, 20);
}

TEST(Jubjub, EncodingRoundTrips) {
  Rng rng(5);
  for (int i = 0; i < 50; ++i) {
    JubjubAffine p = (i % 2 ? rng.curve_point() : rng.subgroup_point()).to_affine();
    JubjubAffine::Encoding e = p.to_bytes();
    ASSERT_EQ(e[31] >> 7, p.u().is_odd());
    std::optional<JubjubAffine> back = JubjubAffine::from_bytes(e);
    ASSERT_TRUE(back.has_value());
    ASSERT_EQ(*back, p);
    ASSERT_EQ((-p).to_bytes()[31] >> 7, !p.u().is_odd());
    ASSERT_EQ(*JubjubAffine::from_bytes((-p).to_bytes()), -p);
  }
  for (const JubjubAffine& t : eight_torsion()) {
    ASSERT_EQ(*JubjubAffine::from_bytes(t.to_bytes()), t);
  }
  EXPECT_EQ(to_hex(JubjubAffine::identity().to_bytes()),
            "0100000000000000000000000000000000000000000000000000000000000000");
}

// midnight-curves, curves/src/jubjub/curve.rs, test_serialization_consistency: the encodings
// of [1]G, [2]G, ..., [16]G for G = full_generator().mul_by_cofactor(), Midnight's generator.
TEST(Jubjub, KnownEncodingsOfGeneratorMultiples) {
  const std::array<Bytes32, 16> expected = {{
      {203, 85,  12, 213, 56, 234, 12,  193, 19, 132, 128, 64,  142, 110, 170, 185,
       179, 108, 97, 63,  13, 211, 247, 120, 79, 219, 110, 234, 131, 123, 19,  215},
      {113, 154, 240, 230, 224, 198, 208, 170, 104, 15,  59, 126, 151, 222, 233, 195,
       203, 195, 167, 129, 89,  121, 240, 142, 51,  166, 64, 250, 184, 202, 154, 177},
      {197, 41, 93, 209, 203, 55,  164, 174, 88,  0,   90,  199, 1,   156, 149, 141,
       240, 29, 14, 82,  86,  225, 126, 129, 186, 157, 148, 162, 219, 51,  156, 199},
      {182, 117, 250, 241, 81,  196, 199, 227, 151, 74,  243, 17,  221, 97, 200, 139,
       192, 83,  231, 35,  214, 14,  95,  69,  130, 201, 4,   116, 177, 19, 179, 0},
      {118, 41,  29, 200, 60, 189, 119, 252, 78,  40,  230, 18, 208, 221, 38,  214,
       176, 250, 4,  10,  77, 101, 26,  216, 193, 198, 226, 84, 25,  177, 230, 185},
      {226, 189, 227, 208, 112, 117, 136, 98,  72,  38,  211, 167, 254, 82, 174, 113,
       112, 166, 138, 171, 166, 113, 52,  251, 129, 197, 138, 45,  195, 7,  61,  140},
      {38, 198, 156, 196, 146, 225, 55,  163, 138, 178, 157, 128, 115, 135, 204, 215,
       0,  33,  171, 20,  60,  32,  142, 209, 33,  233, 125, 146, 207, 12,  16,  24},
      {17, 187, 231, 83, 165, 36, 232, 184, 140, 205, 195, 252, 166, 85, 59,  86,
       3,  226, 211, 67, 179, 29, 238, 181, 102, 142, 58,  63,  57,  89, 174, 138},
      {210, 159, 80, 16,  181, 39,  221, 204, 224, 144, 145, 79,  54,  231, 8,   140,
       142, 216, 93, 190, 183, 116, 174, 63,  33,  242, 177, 118, 148, 40,  241, 203},
      {0,  143, 107, 102, 149, 187, 27, 124, 18,  10,  98,  28, 113, 123, 121, 185,
       29, 152, 14,  130, 149, 28,  87, 35,  135, 135, 153, 54, 112, 53,  54,  68},
      {178, 131, 85, 160, 214, 51,  208, 157, 196, 152, 247, 93, 202, 56,  81, 239,
       155, 122, 59, 188, 237, 253, 11,  169, 208, 236, 12,  4,  163, 211, 88, 97},
      {246, 194, 231, 195, 159, 101, 180, 133, 80,  21, 185, 220, 195, 115, 144, 12,
       90,  150, 44,  117, 8,   156, 168, 248, 206, 41, 60,  82,  67,  75,  57,  67},
      {212, 205, 171, 153, 113, 16,  194, 241, 224, 43,  177, 110, 190, 248, 22, 201,
       208, 166, 2,   83,  134, 130, 85,  129, 166, 136, 185, 191, 163, 38,  54, 10},
      {8,   60, 190, 39, 153, 222, 119, 23,  142, 237, 12,  110, 146, 9,   19,  219,
       143, 64, 161, 99, 199, 77,  39,  148, 70,  213, 246, 227, 150, 178, 237, 178},
      {11,  114, 217, 160, 101, 37, 100, 220, 56, 114, 42,  31, 138, 33,  84,  157,
       214, 167, 73,  233, 115, 81, 124, 134, 15, 31,  181, 60, 184, 130, 175, 159},
      {141, 238, 235, 202, 241, 32, 210, 10, 127, 230, 54,  31, 146, 80,  247, 9,
       107, 124, 0,   26,  203, 16, 237, 34, 214, 147, 133, 15, 29,  236, 37,  88},
  }};
  JubjubExtended g = JubjubExtended::generator();
  JubjubExtended acc = g;
  for (size_t i = 0; i < expected.size(); ++i) {
    ASSERT_EQ(acc.to_bytes(), expected[i]) << i;
    ASSERT_EQ(g * JubjubScalar::from_u64(i + 1), acc) << i;
    std::optional<JubjubAffine> decoded = JubjubAffine::from_bytes_subgroup(expected[i]);
    ASSERT_TRUE(decoded.has_value()) << i;
    ASSERT_EQ(JubjubExtended(*decoded), acc) << i;
    acc += g;
  }
}

// Sapling key components from zcash-test-vectors (test-vectors/json/sapling_key_components.json,
// first five rows): ak = [ask]·G and nk = [nsk]·H, with the generators G and H encoded as in
// test-vectors/json/sapling_generators.json (skb, pkb) and given as coordinates in
// zcash/sapling-crypto src/constants.rs (SPENDING_KEY_GENERATOR, PROOF_GENERATION_KEY_GENERATOR).
// Sapling uses the same curve and encoding, so these pin scalar multiplication independently of
// Midnight's code.
TEST(Jubjub, SaplingKeyComponentVectors) {
  std::optional<JubjubAffine> g = JubjubAffine::from_bytes(
      bytes32("30b5f2aaad325630bcdddbce4d67656d05fd1cc2d037bb5375b6e96d9e01a1d7"));
  std::optional<JubjubAffine> h = JubjubAffine::from_bytes(
      bytes32("e7e85de0f7f97a46d249a1f5ea51df50cc48490f8401c9de7a2adf1807d1b6d4"));
  ASSERT_TRUE(g.has_value() && h.has_value());
  EXPECT_EQ(
      *g, point({0x47bf46920a95a753, 0xd5b9a7d3ef8e2827, 0xd418a7ff26753b6a, 0x0926d4f32059c712},
                {0x305632adaaf2b530, 0x6d65674dcedbddbc, 0x53bb37d0c21cfd05, 0x57a1019e6de9b675}));
  EXPECT_EQ(
      *h, point({0x3af2dbefb96e2571, 0xadf2d038f2fbb820, 0x704303f1e8906081, 0x1457a50231cde2df},
                {0x467af9f7e05de8e7, 0x50df51eaf5a149d2, 0xdec901840f4948cc, 0x54b6d10718df2a7a}));
  struct Row {
    std::string_view ask, nsk, ak, nk;
  };
  const Row rows[] = {
      {"8548a14a473ea547aa2378402044f818cf1911cf5dd2054f678345f00d0e8806",
       "30114ea0dd0bb61cf0eaeab6ec3331f581b0425e27338501262d7eac745e6e05",
       "f344ec380fe1273e3098c2588c5d3a791fd7ba958032760777fd0efa8ef11620",
       "f7cf9e77f2e58683383c1519ac7b062d30040e27a725fb88fb19a978bd3fd6ba"},
      {"c9435629bf8bffe55e7335ec077718ba60ba28d7ac3794b74f512c31af0a5304",
       "11acc2ead07b5f008c1f0f090cc8ddf335236ff4b253c6495695e9d639dacd08",
       "82ff5effc527ae84020bf2d35201c10219131947ff4b96f881a45f2e8ae30518",
       "c4534d848bb918cf4a7f8b98740ab3ccee586795ff4df64547a8888a6c7415d2"},
      {"ee1c3d7efe0a78063d6af3d9d81212af47b7c1b761f85ccb066fc11a6a421703",
       "1d3b713755d74875e8ea38fd166e76c62a4250216e6bbfe48a5e2eabad117f0b",
       "ab83574eb5de859a0ab8629dec34c7bee8c3fc74dfa0b19a3a7468d15dca64c6",
       "95d58053e0592e4a169cc0b7928aaac3de24ef1531aa9eb6f4ab93914da8a06e"},
      {"00c3a1e1ca8f4e0480ee1ee90ca7517879d3fc5c815c0903e5eebc94bb809503",
       "e66285a5e9b65e157ad2fcd543dad98c67a58abdf287e05506bd1c2e59b0720b",
       "3c9cde7e5d0d38a8610faadbcf4c343f5d3cfa3155a5b94661a6753e96e884ea",
       "b77d36f508941dbd61cfd0f159ee05cfaa78a26c9492903806d83b598d3c1c2a"},
      {"8236d19d3205d85543a06811343f827b6563770a49aa4d0ca0081805d4c8ea0d",
       "7ec1ef0bed82718272f0f44f017c484174513d661dd168af02d2092a1d8a0507",
       "55e88389bb7e41de130cfa51a8715fde01ff9c6876647f0175ad34f058dde01a",
       "725d4ad6a15021cd1c48c5ee19de6c1e768a2cc0a9a730a01bb21c95e3d9e43c"},
  };
  JubjubExtended ge(*g), he(*h);
  for (const Row& row : rows) {
    std::optional<JubjubScalar> ask = JubjubScalar::from_bytes_le(bytes32(row.ask));
    std::optional<JubjubScalar> nsk = JubjubScalar::from_bytes_le(bytes32(row.nsk));
    ASSERT_TRUE(ask.has_value() && nsk.has_value()) << row.ask;
    EXPECT_EQ(to_hex((ge * *ask).to_bytes()), row.ak);
    EXPECT_EQ(to_hex(ge.mul_vartime(*ask).to_bytes()), row.ak);
    EXPECT_EQ(to_hex(ge.mul_bytes(bytes32(row.ask)).to_bytes()), row.ak);
    EXPECT_EQ(to_hex((he * *nsk).to_bytes()), row.nk);
    EXPECT_EQ(to_hex(he.mul_bytes_vartime(bytes32(row.nsk)).to_bytes()), row.nk);
    EXPECT_TRUE(JubjubAffine::from_bytes_subgroup(bytes32(row.ak)).has_value());
  }
}

TEST(Jubjub, DecodingRejections) {
  // v = r and the largest 255-bit value: non-canonical, with either sign.
  const auto& r = ff::FrParams::kModulus;
  Bytes32 v_is_r = limbs_to_bytes(r);
  EXPECT_FALSE(JubjubAffine::from_bytes(v_is_r).has_value());
  v_is_r[31] |= 0x80;
  EXPECT_FALSE(JubjubAffine::from_bytes(v_is_r).has_value());
  EXPECT_FALSE(JubjubAffine::from_bytes(
                   bytes32("ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f"))
                   .has_value());
  // v = r + 1 would alias v = 1 if it were reduced instead of rejected.
  Bytes32 v_is_r_plus_1 = limbs_to_bytes({r[0] + 1, r[1], r[2], r[3]});
  EXPECT_FALSE(JubjubAffine::from_bytes(v_is_r_plus_1).has_value());

  // v = 2 has no point: (v^2 - 1) / (1 + d·v^2) is not a square. Checked independently of the
  // decoder with the Legendre symbol.
  Fr two = Fr::from_u64(2);
  Fr d = Fr::from_montgomery_unchecked(JubjubCurveConstants::kEdwardsD);
  EXPECT_EQ(((two.square() - Fr::one()) * (Fr::one() + d * two.square()).inverse()).legendre(), -1);
  EXPECT_FALSE(JubjubAffine::from_bytes(two.to_bytes_le()).has_value());
  // v = 3 is a point, outside the prime-order subgroup.
  std::optional<JubjubAffine> three = JubjubAffine::from_bytes(Fr::from_u64(3).to_bytes_le());
  ASSERT_TRUE(three.has_value());
  EXPECT_FALSE(JubjubExtended(*three).is_torsion_free());
  EXPECT_FALSE(JubjubAffine::from_bytes_subgroup(three->to_bytes()).has_value());

  // midnight-curves, curves/src/jubjub/curve.rs, test_zip_216: (0, 1) and (0, -1) with the sign
  // bit set are rejected (ZIP 216), and accepted once it is cleared.
  Bytes32 non_canonical[] = {
      bytes32("0100000000000000000000000000000000000000000000000000000000000080"),
      bytes32("00000000fffffffffe5bfeff02a4bd5305d8a10908d83933487d9d2953a7edf3"),
  };
  for (Bytes32 e : non_canonical) {
    EXPECT_FALSE(JubjubAffine::from_bytes(e).has_value());
    EXPECT_FALSE(JubjubAffine::from_bytes_subgroup(e).has_value());
    e[31] &= 0x7f;
    std::optional<JubjubAffine> p = JubjubAffine::from_bytes(e);
    ASSERT_TRUE(p.has_value());
    EXPECT_TRUE(p->u().is_zero());
    EXPECT_EQ(p->to_bytes(), e);
  }
  // The identity passes the subgroup check; (0, -1), of order 2, does not.
  EXPECT_TRUE(JubjubAffine::from_bytes_subgroup(JubjubAffine::identity().to_bytes()).has_value());
  non_canonical[1][31] &= 0x7f;
  EXPECT_FALSE(JubjubAffine::from_bytes_subgroup(non_canonical[1]).has_value());

  // Coordinates off the curve.
  EXPECT_FALSE(JubjubAffine::from_coordinates(Fr::one(), Fr::one()).has_value());
  EXPECT_TRUE(JubjubAffine::from_coordinates(Fr::zero(), -Fr::one()).has_value());
}

// midnight-curves, curves/src/jubjub/fr.rs (test_from_bytes_wide_*) and curve.rs
// (test_mul_consistency); the Fr([...]) literals there are Montgomery limbs.
TEST(JubjubScalar, KnownAnswers) {
  std::array<uint8_t, 64> wide;
  wide.fill(0xff);
  EXPECT_EQ(JubjubScalar::from_uniform_bytes(wide),
            *JubjubScalar::from_raw_montgomery(
                {0x8b75c9015ae42a22, 0xe59082e7bf9e38b8, 0x6440c91261da51b3, 0x0a5e07ffb20991cf}));
  wide.fill(0);
  const uint8_t minus_one[] = {182, 44,  247, 214, 94,  14,  151, 208, 130, 16, 200,
                               204, 147, 32,  104, 166, 0,   59,  52,  1,   1,  59,
                               103, 6,   169, 175, 51,  101, 234, 180, 125, 14};
  for (size_t i = 0; i < 32; ++i) wide[i] = minus_one[i];
  EXPECT_EQ(JubjubScalar::from_uniform_bytes(wide), -JubjubScalar::one());

  JubjubScalar a = *JubjubScalar::from_raw_montgomery(
      {0x21e61211d9934f2e, 0xa52c058a693c3e07, 0x9ccb77bfb12d6360, 0x07df2470ec94398e});
  JubjubScalar b = *JubjubScalar::from_raw_montgomery(
      {0x03336d1cbe19dbe0, 0x0153618f6156a536, 0x2604c9e1fc3c6b15, 0x04ae581ceb028720});
  JubjubScalar c = *JubjubScalar::from_raw_montgomery(
      {0xd7abf5bb24683f4c, 0x9d7712cc274b7c03, 0x973293db9683789f, 0x0b677e29380a97a7});
  EXPECT_EQ(a * b, c);
  JubjubExtended p =
      JubjubExtended(
          point({0x81c571e5d883cfb0, 0x049f7a686f147029, 0xf539c860bc3ea21f, 0x4284715b7ccc8162},
                {0xbf096275684bb8ca, 0xc7ba245890af256d, 0x59119f3e86380eb0, 0x3793de182f9fb1d2}))
          .mul_by_cofactor();
  EXPECT_EQ(p * c, (p * a) * b);
}

TEST(JubjubScalar, WideReductionAndFromFr) {
  Rng rng(6);
  const JubjubScalar two_64 = JubjubScalar::from_u64(1ull << 32).square();
  for (int i = 0; i < 50; ++i) {
    std::array<uint8_t, 64> wide;
    Bytes32 lo = rng.bytes32(), hi = rng.bytes32();
    for (size_t j = 0; j < 32; ++j) {
      wide[j] = lo[j];
      wide[32 + j] = hi[j];
    }
    if (i == 0) wide.fill(0xff);
    // Horner over 64-bit words as the reference.
    JubjubScalar expected = JubjubScalar::zero();
    for (size_t w = 8; w-- > 0;) {
      uint64_t word = 0;
      for (size_t j = 0; j < 8; ++j) word |= static_cast<uint64_t>(wide[8 * w + j]) << (8 * j);
      expected = expected * two_64 + JubjubScalar::from_u64(word);
    }
    ASSERT_EQ(JubjubScalar::from_uniform_bytes(wide), expected);
  }
  EXPECT_TRUE(jubjub_scalar_from_fr(Fr::zero()).is_zero());
  EXPECT_EQ(jubjub_scalar_from_fr(Fr::from_u64(12345)), JubjubScalar::from_u64(12345));
  // s itself, as an Fr, reduces to zero; s + 7 to 7.
  Fr s = *Fr::from_canonical(JubjubScalarParams::kModulus);
  EXPECT_TRUE(jubjub_scalar_from_fr(s).is_zero());
  EXPECT_EQ(jubjub_scalar_from_fr(s + Fr::from_u64(7)), JubjubScalar::from_u64(7));
  // On the subgroup, reducing an Fr mod s first does not change the product.
  JubjubExtended g = JubjubExtended::generator();
  for (int i = 0; i < 10; ++i) {
    Bytes32 bytes = rng.bytes32();
    bytes[31] &= 0x3f;
    Fr x = i == 0 ? -Fr::one() : *Fr::from_bytes_le(bytes);
    ASSERT_EQ(g * jubjub_scalar_from_fr(x), g.mul_bytes(x.to_bytes_le()));
  }
}

}  // namespace
}  // namespace nightjar::ec
