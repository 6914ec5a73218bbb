#include <gtest/gtest.h>

#include <random>

#include "attest/binding.h"
#include "attest/tdx_quote.h"
#include "attest/tdx_verifier.h"
#include "base/hex.h"
#include "tests/attest/attest_vectors.h"
#include "tests/attest/test_pki.h"

namespace nightjar::attest {
namespace {

using testing::check_failed;
using testing::check_ok;
using testing::utc;
using testing::vector_path;

constexpr const char* kQuote = "tdx/tdx_prod_quote_SPR_E4.dat";
// Inside the PCK leaf's validity (2022-09-20 to 2029-09-20).
constexpr const char* kWithinValidity = "2025-03-01T00:00:00Z";
constexpr size_t kTdAttributes = 0x30 + 0x78;
constexpr size_t kSignatureData = 0x27C;

Policy offline_policy() {
  Policy policy;
  policy.require_binding = false;
  return policy;
}

VerifyContext at(const char* time) { return VerifyContext{.now = utc(time)}; }

class TdxVectors : public ::testing::Test {
 protected:
  void SetUp() override {
    NIGHTJAR_REQUIRE_VECTOR(vector_path(kQuote));
    quote_ = testing::read_bytes(vector_path(kQuote));
  }

  // Replaces the attestation key with a fresh one and signs header and body with it.
  void resign_with_own_key() {
    testing::KeyPair key = testing::generate_ec_key(Curve::kP256);
    std::vector<uint8_t> sig =
        testing::sign_ecdsa_raw(key, HashAlg::kSha256, std::span(quote_).first(kTdxSignedSize), 32);
    std::copy(sig.begin(), sig.end(), quote_.begin() + kSignatureData);
    std::vector<uint8_t> point = testing::p256_point(key);
    std::copy(point.begin(), point.end(), quote_.begin() + kSignatureData + 64);
  }

  std::vector<uint8_t> quote_;
};

TEST_F(TdxVectors, ParsesTheQuote) {
  Result<TdxQuote> q = parse_tdx_quote(quote_);
  ASSERT_TRUE(q.is_ok()) << q.status().message();
  EXPECT_EQ(quote_.size(), 4974u);
  EXPECT_EQ(q->version, 4);
  EXPECT_EQ(q->attestation_key_type, 2);
  EXPECT_EQ(q->tee_type, 0x81u);
  EXPECT_EQ(to_hex(std::span(quote_).subspan(kTdAttributes, 8)), "0000004000000000");
  EXPECT_EQ(q->td_attributes, 0x40000000u);
  EXPECT_FALSE(q->debug());
  EXPECT_EQ(q->qe_auth_data.size(), 32u);
  ASSERT_EQ(q->pck_chain.size(), 3u);
  EXPECT_NE(q->pck_chain[0].subject().find("Intel SGX PCK Certificate"), std::string::npos);
  EXPECT_NE(q->pck_chain[2].subject().find("Intel SGX Root CA"), std::string::npos);
  EXPECT_EQ(q->pck_chain[2].sha256(), TrustAnchors::production().intel_sgx_root);
  EXPECT_EQ(q->trailing_bytes, 39u);
  EXPECT_FALSE(std::all_of(q->mr_td.begin(), q->mr_td.end(), [](uint8_t b) { return b == 0; }));
}

TEST_F(TdxVectors, VerifiesWithTheEmbeddedAttestationKey) {
  Verdict v = verify_tdx(quote_, offline_policy(), at(kWithinValidity));
  EXPECT_TRUE(v.accepted()) << verdict_json(v);
  for (const char* check :
       {"signature", "attestation_key", "qe_report", "root", "chain", "debug"}) {
    EXPECT_TRUE(check_ok(v, check)) << check;
  }
  EXPECT_EQ(v.debug, DebugState::kOff);
  EXPECT_EQ(v.measurement("MRTD").size(), 96u);
  EXPECT_FALSE(v.measurement("RTMR3").empty());
}

TEST_F(TdxVectors, RefusedAfterThePckExpires) {
  Verdict v = verify_tdx(quote_, offline_policy(), at("2030-01-01T00:00:00Z"));
  EXPECT_TRUE(check_failed(v, "chain"));
  EXPECT_TRUE(check_ok(v, "signature"));
}

TEST_F(TdxVectors, ChangedBodyOrSignatureIsRefused) {
  std::vector<uint8_t> body = quote_;
  body[0x30 + 0x88] ^= 1;  // MRTD
  EXPECT_TRUE(check_failed(verify_tdx(body, offline_policy(), at(kWithinValidity)), "signature"));
  std::vector<uint8_t> sig = quote_;
  sig[kSignatureData + 3] ^= 1;
  EXPECT_TRUE(check_failed(verify_tdx(sig, offline_policy(), at(kWithinValidity)), "signature"));
}

TEST_F(TdxVectors, SettingDebugBreaksTheSignature) {
  quote_[kTdAttributes] |= 1;
  Verdict v = verify_tdx(quote_, offline_policy(), at(kWithinValidity));
  EXPECT_EQ(v.debug, DebugState::kOn);
  EXPECT_TRUE(check_failed(v, "debug"));
  EXPECT_TRUE(check_failed(v, "signature"));
}

TEST_F(TdxVectors, AQuoteResignedWithAnUnvouchedKeyIsRefused) {
  quote_[kTdAttributes] |= 1;
  resign_with_own_key();
  Verdict v = verify_tdx(quote_, offline_policy(), at(kWithinValidity));
  EXPECT_TRUE(check_ok(v, "signature"));
  EXPECT_TRUE(check_failed(v, "attestation_key"));
  EXPECT_TRUE(check_failed(v, "debug"));
  Policy lenient = offline_policy();
  lenient.allow_debug = true;
  EXPECT_FALSE(verify_tdx(quote_, lenient, at(kWithinValidity)).accepted());
}

TEST_F(TdxVectors, ChangedQeReportIsRefused) {
  quote_[kSignatureData + 128 + 6 + 10] ^= 1;  // inside the QE report's CPUSVN
  Verdict v = verify_tdx(quote_, offline_policy(), at(kWithinValidity));
  EXPECT_TRUE(check_failed(v, "qe_report"));
  EXPECT_TRUE(check_ok(v, "signature"));
}

TEST_F(TdxVectors, AnotherRootIsRefused) {
  VerifyContext context = at(kWithinValidity);
  context.anchors.intel_sgx_root = Sha256Digest{1};
  Verdict v = verify_tdx(quote_, offline_policy(), context);
  EXPECT_TRUE(check_failed(v, "root"));
  EXPECT_FALSE(v.accepted());
}

TEST_F(TdxVectors, ReportDataIsNotOurBinding) {
  VerifyContext context = at(kWithinValidity);
  context.binding = binding_digest(Nonce{3}, Sha256Digest{4});
  EXPECT_TRUE(check_failed(verify_tdx(quote_, Policy{}, context), "binding"));
}

TEST_F(TdxVectors, ExpectedMeasurementsAreEnforced) {
  Result<TdxQuote> q = parse_tdx_quote(quote_);
  ASSERT_TRUE(q.is_ok());
  Policy policy = offline_policy();
  policy.expected_measurements["MRTD"] = std::vector<uint8_t>(q->mr_td.begin(), q->mr_td.end());
  policy.expected_measurements["RTMR0"] =
      std::vector<uint8_t>(q->rtmr[0].begin(), q->rtmr[0].end());
  EXPECT_TRUE(verify_tdx(quote_, policy, at(kWithinValidity)).accepted());
  policy.expected_measurements["RTMR0"][5] ^= 1;
  EXPECT_TRUE(check_failed(verify_tdx(quote_, policy, at(kWithinValidity)), "measurement RTMR0"));
}

TEST_F(TdxVectors, OtherVersionsAndTeeTypesAreRefused) {
  std::vector<uint8_t> v5 = quote_;
  v5[0] = 5;
  EXPECT_FALSE(parse_tdx_quote(v5).is_ok());
  std::vector<uint8_t> sgx = quote_;
  sgx[4] = 0;
  EXPECT_FALSE(parse_tdx_quote(sgx).is_ok());
}

TEST_F(TdxVectors, EveryTruncationIsRefused) {
  size_t declared_end = kSignatureData + 4299;
  for (size_t n = 0; n < declared_end; n += (n < kSignatureData + 200 ? 1 : 13)) {
    EXPECT_FALSE(parse_tdx_quote(std::span(quote_).first(n)).is_ok()) << n;
  }
  EXPECT_TRUE(parse_tdx_quote(std::span(quote_).first(declared_end)).is_ok());
}

TEST_F(TdxVectors, RandomFlipsAreRefused) {
  std::mt19937 rng(5);
  for (int i = 0; i < 400; ++i) {
    std::vector<uint8_t> mutated = quote_;
    size_t at_byte = rng() % (kSignatureData + 128 + 6 + kTdxQeReportSize + 64 + 2 + 32);
    if (at_byte >= kTdxSignedSize && at_byte < kTdxSignedSize + 4) continue;  // the size field
    mutated[at_byte] ^= static_cast<uint8_t>(1 + rng() % 255);
    EXPECT_FALSE(verify_tdx(mutated, offline_policy(), at(kWithinValidity)).accepted())
        << "flip at " << at_byte;
  }
}

}  // namespace
}  // namespace nightjar::attest
