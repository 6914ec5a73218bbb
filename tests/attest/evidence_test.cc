#include <gtest/gtest.h>

#include "attest/cbor.h"
#include "attest/evidence_file.h"
#include "attest/utc_time.h"
#include "attest/verify_evidence.h"
#include "base/hex.h"
#include "tests/attest/attest_vectors.h"
#include "tests/attest/test_pki.h"

namespace nightjar::attest {
namespace {

using testing::check_failed;
using testing::utc;
using testing::vector_path;

std::vector<uint8_t> bytes_of(std::string_view s) { return {s.begin(), s.end()}; }

TEST(UtcTime, ParsesAndFormats) {
  Result<TimePoint> t = parse_utc_time("2024-09-07T14:37:39.545Z");
  ASSERT_TRUE(t.is_ok());
  EXPECT_EQ(std::chrono::duration_cast<std::chrono::milliseconds>(t->time_since_epoch()).count(),
            1725719859545);
  EXPECT_EQ(format_utc_time(*t), "2024-09-07T14:37:39.545Z");
  EXPECT_EQ(*parse_utc_time("2024-04-17T18:51:46Z"), *parse_utc_time("2024-04-17 18:51:46+00:00"));
  EXPECT_EQ(format_utc_time(from_unix_millis(0)), "1970-01-01T00:00:00.000Z");
  EXPECT_EQ(format_utc_time(*parse_utc_time("2000-02-29T23:59:59.999999999Z")),
            "2000-02-29T23:59:59.999Z");
  for (const char* bad :
       {"", "2024-09-07", "2024-13-01T00:00:00Z", "2024-09-07T14:37:39+02:00",
        "2024-09-07T14:37:39.Z", "9999-01-01T00:00:00Z", "2024-09-07T25:00:00Z"}) {
    EXPECT_FALSE(parse_utc_time(bad).is_ok()) << bad;
  }
}

TEST(EvidenceFile, DecodesBase64OnlyWhenItIsBase64) {
  EXPECT_EQ(*decode_if_base64(bytes_of("aGVsbG8=\n")), bytes_of("hello"));
  EXPECT_EQ(*decode_if_base64(bytes_of("aGVs\nbG8h")), bytes_of("hello!"));
  std::vector<uint8_t> binary = {0x84, 0x44, 0x00};
  EXPECT_EQ(*decode_if_base64(binary), binary);
  EXPECT_FALSE(decode_if_base64(bytes_of("aGVsbG8")).is_ok());
}

TEST(EvidenceFile, SplitsTrailingPem) {
  TimePoint now = utc("2025-01-01T00:00:00Z");
  testing::KeyPair key = testing::generate_ec_key(Curve::kP256);
  Certificate cert = testing::make_certificate(
      {.common_name = "x", .not_before = now, .not_after = now, .is_ca = false, .extensions = {}},
      key, nullptr, key);
  std::vector<uint8_t> contents = {1, 2, 3};
  std::string pem = testing::to_pem(cert) + testing::to_pem(cert);
  contents.insert(contents.end(), pem.begin(), pem.end());
  Result<EvidenceWithCertificates> parts = split_trailing_pem(contents, 0);
  ASSERT_TRUE(parts.is_ok()) << parts.status().message();
  EXPECT_EQ(parts->evidence, (std::vector<uint8_t>{1, 2, 3}));
  EXPECT_EQ(parts->certificates.size(), 2u);
  contents.push_back('x');
  EXPECT_FALSE(split_trailing_pem(contents, 0).is_ok());
  // A marker inside the evidence is not looked for before `search_from`.
  Result<EvidenceWithCertificates> whole = split_trailing_pem(bytes_of(pem), pem.size());
  ASSERT_TRUE(whole.is_ok());
  EXPECT_TRUE(whole->certificates.empty());
}

TEST(VerifyEvidence, EachPlatformFromItsFileForm) {
  NIGHTJAR_REQUIRE_VECTOR(vector_path("nitro/nitro_attestation.b64"));
  Policy policy;
  policy.require_binding = false;
  Verdict nitro = verify_evidence(Platform::kNitro,
                                  testing::read_bytes(vector_path("nitro/nitro_attestation.b64")),
                                  policy, {.now = utc("2024-09-07T14:37:39.545Z")});
  EXPECT_TRUE(nitro.accepted()) << verdict_json(nitro);
  EXPECT_EQ(nitro.platform, Platform::kNitro);

  NIGHTJAR_REQUIRE_VECTOR(vector_path("tdx/tdx_prod_quote_SPR_E4.dat"));
  Verdict tdx = verify_evidence(Platform::kTdx,
                                testing::read_bytes(vector_path("tdx/tdx_prod_quote_SPR_E4.dat")),
                                policy, {.now = utc("2025-01-01T00:00:00Z")});
  EXPECT_TRUE(tdx.accepted()) << verdict_json(tdx);

  NIGHTJAR_REQUIRE_VECTOR(vector_path("sev-snp/attestation.bin"));
  std::vector<uint8_t> snp = testing::read_bytes(vector_path("sev-snp/attestation.bin"));
  Result<Certificate> vcek =
      Certificate::from_der(testing::read_bytes(vector_path("sev-snp/vcek.testcer")));
  ASSERT_TRUE(vcek.is_ok());
  std::string vcek_pem = testing::to_pem(*vcek);
  snp.insert(snp.end(), vcek_pem.begin(), vcek_pem.end());
  std::vector<uint8_t> ask_ark = testing::read_bytes(vector_path("sev-snp/ask_ark_milan.pem"));
  snp.insert(snp.end(), ask_ark.begin(), ask_ark.end());
  VerifyContext in_validity{.now = utc("2025-01-01T00:00:00Z")};
  Verdict refused = verify_evidence(Platform::kSevSnp, snp, policy, in_validity);
  EXPECT_FALSE(refused.accepted());
  EXPECT_TRUE(check_failed(refused, "debug"));
  EXPECT_TRUE(testing::check_ok(refused, "chain"));
  policy.allow_debug = true;
  EXPECT_TRUE(verify_evidence(Platform::kSevSnp, snp, policy, in_validity).accepted());

  NIGHTJAR_REQUIRE_VECTOR(vector_path("azure/hcl-report-snp.bin"));
  Verdict azure = verify_evidence(Platform::kAzure,
                                  testing::read_bytes(vector_path("azure/hcl-report-snp.bin")),
                                  policy, in_validity);
  EXPECT_TRUE(testing::check_ok(azure, "runtime_data"));
  EXPECT_FALSE(azure.accepted());
}

TEST(VerifyEvidence, NoneIsAcceptedOnlyWhenThePolicyListsIt) {
  Policy policy;
  policy.require_binding = false;
  VerifyContext context{.now = utc("2025-01-01T00:00:00Z")};
  Verdict refused = verify_evidence(Platform::kNone, {}, policy, context);
  EXPECT_FALSE(refused.accepted());
  EXPECT_TRUE(check_failed(refused, "platform"));
  policy.allowed_platforms.insert(Platform::kNone);
  policy.allow_debug = true;
  EXPECT_TRUE(verify_evidence(Platform::kNone, {}, policy, context).accepted());
}

TEST(VerifyEvidence, GarbageIsRefusedForEveryPlatform) {
  std::vector<uint8_t> garbage(3000, 0xa5);
  Policy policy;
  VerifyContext context{.now = utc("2025-01-01T00:00:00Z")};
  for (Platform p : {Platform::kNitro, Platform::kSevSnp, Platform::kAzure, Platform::kTdx}) {
    Verdict v = verify_evidence(p, garbage, policy, context);
    EXPECT_FALSE(v.accepted()) << platform_name(p);
    EXPECT_EQ(v.platform, p);
    EXPECT_FALSE(verify_evidence(p, {}, policy, context).accepted());
  }
}

TEST(VerdictJson, ReportsEveryCheck) {
  Verdict v;
  v.platform = Platform::kSevSnp;
  v.debug = DebugState::kOff;
  v.add_measurement("MEASUREMENT", std::vector<uint8_t>{0xab});
  v.pass("signature", "fine");
  v.fail("debug", "bad \xff byte");
  std::string json = verdict_json(v, -1);
  EXPECT_NE(json.find(R"("platform":"sev-snp")"), std::string::npos) << json;
  EXPECT_NE(json.find(R"("accepted":false)"), std::string::npos);
  EXPECT_NE(json.find(R"("MEASUREMENT":"ab")"), std::string::npos);
  EXPECT_NE(json.find(R"({"name":"debug","result":"failed")"), std::string::npos);
  EXPECT_FALSE(Verdict{}.accepted());
}

}  // namespace
}  // namespace nightjar::attest
