// The /attestation document, the TPM evidence bundle, TPMT_PUBLIC, base64 and the policy file:
// round trips, and refusal of malformed input with a reason. Plus recognition of every
// platform's real evidence.
#include <gtest/gtest.h>

#include "attest/attestation_document.h"
#include "attest/base64.h"
#include "attest/document_verifier.h"
#include "attest/evidence_file.h"
#include "attest/https_client.h"
#include "attest/policy_file.h"
#include "attest/tpm_attest.h"
#include "attest/tpm_evidence.h"
#include "attest/tpm_public.h"
#include "base/hex.h"
#include "tests/attest/attest_vectors.h"
#include "tests/attest/soft_devices.h"

namespace nightjar::attest {
namespace {

using testing::check_failed;
using testing::check_ok;
using testing::utc;
using testing::vector_path;

TEST(Base64, RoundTripsAndIsStrict) {
  for (size_t n = 0; n < 10; ++n) {
    std::vector<uint8_t> bytes(n);
    for (size_t i = 0; i < n; ++i) bytes[i] = static_cast<uint8_t>(0xf0 + i);
    Result<std::vector<uint8_t>> back = base64_decode(base64_encode(bytes), 100);
    ASSERT_TRUE(back.is_ok());
    EXPECT_EQ(*back, bytes);
  }
  EXPECT_EQ(base64_encode(std::vector<uint8_t>{'f', 'o', 'o', 'b'}), "Zm9vYg==");
  for (const char* bad : {"Zm9vYg=", "Zm9v\nYg==", "Zm=vYg==", "Zm9vYg=A", "Zm9v*g=="}) {
    EXPECT_FALSE(base64_decode(bad, 100).is_ok()) << bad;
  }
  EXPECT_FALSE(base64_decode("Zm9vYmFy", 5).is_ok());
}

TEST(TpmPublic, TemplatesRoundTripAndHaveAttestationKeyAttributes) {
  for (const TpmPublic& t : {default_ecc_ak_template(), default_rsa_ak_template()}) {
    std::vector<uint8_t> bytes = marshal_tpmt_public(t);
    Result<TpmPublic> parsed = parse_tpmt_public(bytes);
    ASSERT_TRUE(parsed.is_ok()) << parsed.status().message();
    EXPECT_EQ(marshal_tpmt_public(*parsed), bytes);
    EXPECT_EQ(parsed->attributes & kTpmaAttestationKey, kTpmaAttestationKey);
    Result<std::vector<uint8_t>> name = tpm_object_name(bytes);
    ASSERT_TRUE(name.is_ok());
    EXPECT_EQ(name->size(), 34u);
  }
  // The ECC template as tpm2-tss marshals it: go-tpm-tools' AKTemplateECC.
  EXPECT_EQ(to_hex(marshal_tpmt_public(default_ecc_ak_template())).substr(0, 40),
            "0023000b00050072000000100018000b00030010");
}

TEST(TpmPublic, KeysBecomeOpenSslKeys) {
  testing::KeyPair ec = testing::generate_ec_key(Curve::kP256);
  Result<TpmPublic> p = parse_tpmt_public(testing::ak_public_area(ec, kTpmaAttestationKey));
  ASSERT_TRUE(p.is_ok());
  Result<PublicKey> key = tpm_public_key(*p);
  ASSERT_TRUE(key.is_ok());
  EXPECT_EQ(spki_sha256(*key), spki_sha256(ec));

  TpmPublic wrong_curve = *p;
  wrong_curve.curve = 0x0004;
  EXPECT_FALSE(tpm_public_key(wrong_curve).is_ok());
  std::vector<uint8_t> keyed_hash = marshal_tpmt_public(*p);
  keyed_hash[1] = 0x08;
  EXPECT_FALSE(parse_tpmt_public(keyed_hash).is_ok());
  std::vector<uint8_t> trailing = marshal_tpmt_public(*p);
  trailing.push_back(0);
  EXPECT_FALSE(parse_tpmt_public(trailing).is_ok());
}

TpmEvidence sample_evidence() {
  TpmEvidence e;
  e.quote = {1, 2, 3};
  e.signature = {4, 5};
  e.ak_public = {6};
  e.pcr_bank = kTpmAlgSha256;
  e.pcrs[0] = std::vector<uint8_t>(32, 0xa0);
  e.pcrs[13] = std::vector<uint8_t>(32, 0xad);
  return e;
}

TEST(TpmEvidenceBundle, RoundTripsAndNamesItsPlatform) {
  TpmEvidence e = sample_evidence();
  std::vector<uint8_t> bytes = encode_tpm_evidence(e);
  EXPECT_TRUE(looks_like_tpm_evidence(bytes));
  Result<TpmEvidence> back = parse_tpm_evidence(bytes);
  ASSERT_TRUE(back.is_ok()) << back.status().message();
  EXPECT_EQ(back->pcrs, e.pcrs);
  EXPECT_EQ(back->platform(), Platform::kTpm);
  EXPECT_EQ(recognise_evidence(bytes), Platform::kTpm);
  e.snp_report = std::vector<uint8_t>(1184, 2);
  EXPECT_EQ(parse_tpm_evidence(encode_tpm_evidence(e))->platform(), Platform::kGcp);
  e.hcl_report = std::vector<uint8_t>(10, 3);
  EXPECT_FALSE(parse_tpm_evidence(encode_tpm_evidence(e)).is_ok()) << "both reports";
  e.snp_report.reset();
  EXPECT_EQ(parse_tpm_evidence(encode_tpm_evidence(e))->platform(), Platform::kAzure);
}

TEST(TpmEvidenceBundle, RefusesMalformedBundles) {
  std::vector<uint8_t> good = encode_tpm_evidence(sample_evidence());
  std::vector<uint8_t> wrong_format = good;
  wrong_format[8 + 1] ^= 1;  // inside "nightjar-tpm-v1"
  EXPECT_FALSE(parse_tpm_evidence(wrong_format).is_ok());
  EXPECT_FALSE(parse_tpm_evidence(std::span(good).first(good.size() - 1)).is_ok());
  TpmEvidence too_many = sample_evidence();
  for (uint32_t i = 0; i < 25; ++i) too_many.pcrs[i % 32] = std::vector<uint8_t>(32);
  too_many.pcrs[31] = std::vector<uint8_t>(32);
  EXPECT_FALSE(parse_tpm_evidence(encode_tpm_evidence(too_many)).is_ok());
  TpmEvidence bad_bank = sample_evidence();
  bad_bank.pcr_bank = 0x1234;
  EXPECT_FALSE(parse_tpm_evidence(encode_tpm_evidence(bad_bank)).is_ok());
}

AttestationDocument sample_document() {
  AttestationDocument d;
  d.platform = Platform::kTpm;
  d.nonce = Nonce{9, 8, 7};
  d.tls_public_key_sha256 = sha256(std::vector<uint8_t>{1});
  d.timestamp = utc("2026-05-20T10:09:32.123Z");
  d.measurements = {{"PCR0", "00"}, {"PCR13", "ab"}};
  d.evidence = encode_tpm_evidence(sample_evidence());
  d.certificates = {};
  d.event_log = workload_events(13, kTpmAlgSha256, sha256(std::vector<uint8_t>{2}), "/bin/x",
                                std::nullopt, "");
  return d;
}

TEST(Document, RoundTripsThroughJson) {
  AttestationDocument d = sample_document();
  std::string json = attestation_document_json(d);
  Result<AttestationDocument> back = parse_attestation_document(json);
  ASSERT_TRUE(back.is_ok()) << back.status().message();
  EXPECT_EQ(back->nonce, d.nonce);
  EXPECT_EQ(back->tls_public_key_sha256, d.tls_public_key_sha256);
  EXPECT_EQ(back->timestamp, d.timestamp);
  EXPECT_EQ(back->debug, DebugState::kUnknown);
  EXPECT_EQ(back->evidence, d.evidence);
  EXPECT_EQ(back->measurements, d.measurements);
  ASSERT_EQ(back->event_log.size(), 1u);
  EXPECT_EQ(back->event_log[0].pcr, 13u);
  EXPECT_EQ(back->event_log[0].digest, d.event_log[0].digest);
  EXPECT_NE(json.find("\"debug\":\"unknown\""), std::string::npos);
  d.debug = DebugState::kOff;
  EXPECT_NE(attestation_document_json(d).find("\"debug\":false"), std::string::npos);
}

TEST(Document, RefusesMalformedDocumentsWithAReason) {
  std::string good = attestation_document_json(sample_document());
  auto without = [&good](const std::string& key) {
    std::string s = good;
    size_t at = s.find("\"" + key + "\"");
    s.replace(at, key.size() + 2, "\"x" + key + "\"");
    return s;
  };
  for (const char* key : {"platform", "nonce", "tls_public_key_sha256", "timestamp", "debug",
                          "measurements", "evidence", "certificates", "event_log"}) {
    Result<AttestationDocument> d = parse_attestation_document(without(key));
    ASSERT_FALSE(d.is_ok()) << key;
    EXPECT_NE(d.status().message().find(key), std::string::npos) << d.status().message();
  }
  EXPECT_FALSE(parse_attestation_document("[]").is_ok());
  EXPECT_FALSE(parse_attestation_document(std::string(100, '[')).is_ok());
  std::string short_nonce = good;
  short_nonce.replace(short_nonce.find("\"nonce\":\"") + 9, 2, "");
  EXPECT_FALSE(parse_attestation_document(short_nonce).is_ok());
  std::string platform = good;
  platform.replace(platform.find("\"tpm\""), 5, "\"sgx\"");
  EXPECT_FALSE(parse_attestation_document(platform).is_ok());
}

TEST(Document, VerifierComparesItsClaimsWithTheEvidenceAndTheClock) {
  AttestationDocument d = sample_document();
  d.platform = Platform::kNitro;
  VerifyContext context{.now = d.timestamp};
  Verdict v = verify_attestation_document(d, {}, Expectations{}, Policy{}, context);
  EXPECT_TRUE(check_failed(v, "platform_claim"));
  context.now = d.timestamp + std::chrono::minutes(6);
  v = verify_attestation_document(d, {}, Expectations{}, Policy{}, context);
  EXPECT_TRUE(check_failed(v, "freshness"));
  d.evidence = {0xde, 0xad};
  v = verify_attestation_document(d, {}, Expectations{}, Policy{}, context);
  EXPECT_TRUE(check_failed(v, "parse"));
  EXPECT_FALSE(v.accepted());
}

TEST(Recognise, EveryPlatformsRealEvidence) {
  NIGHTJAR_REQUIRE_VECTOR(vector_path("nitro/nitro_attestation.b64"));
  auto bytes = [](const char* path) {
    return *decode_if_base64(testing::read_bytes(vector_path(path)));
  };
  EXPECT_EQ(recognise_evidence(bytes("nitro/nitro_attestation.b64")), Platform::kNitro);
  EXPECT_EQ(recognise_evidence(bytes("sev-snp/attestation.bin")), Platform::kSevSnp);
  EXPECT_EQ(recognise_evidence(bytes("azure/hcl-report-snp.bin")), Platform::kAzure);
  EXPECT_EQ(recognise_evidence(bytes("tdx/tdx_prod_quote_SPR_E4.dat")), Platform::kTdx);
  EXPECT_FALSE(recognise_evidence(std::vector<uint8_t>(100, 0)).has_value());
}

TEST(Recognise, OfflineContentsAreJudgedByTheirOwnPlatform) {
  NIGHTJAR_REQUIRE_VECTOR(vector_path("nitro/nitro_attestation.b64"));
  Policy policy;
  policy.require_binding = false;
  VerifyContext at_its_time{.now = utc("2024-09-07T14:37:39.545Z")};
  std::vector<uint8_t> nitro = testing::read_bytes(vector_path("nitro/nitro_attestation.b64"));
  Verdict v = verify_evidence_contents(nitro, {}, Expectations{}, policy, at_its_time);
  EXPECT_EQ(v.platform, Platform::kNitro);
  EXPECT_TRUE(v.accepted()) << verdict_json(v);

  // The SNP report with its chain given separately (--certs) rather than appended.
  std::vector<uint8_t> report = testing::read_bytes(vector_path("sev-snp/attestation.bin"));
  std::vector<uint8_t> pem = testing::read_bytes(vector_path("sev-snp/ask_ark_milan.pem"));
  Result<std::vector<Certificate>> chain = certificates_from_pem(
      std::string_view(reinterpret_cast<const char*>(pem.data()), pem.size()));
  Result<Certificate> vcek =
      Certificate::from_der(testing::read_bytes(vector_path("sev-snp/vcek.testcer")));
  ASSERT_TRUE(chain.is_ok() && vcek.is_ok());
  std::vector<Certificate> certs = {chain->front(), *vcek, chain->back()};  // any order
  VerifyContext in_validity{.now = utc("2025-01-01T00:00:00Z")};
  Verdict snp = verify_evidence_contents(report, certs, Expectations{}, policy, in_validity);
  EXPECT_TRUE(check_ok(snp, "signature"));
  EXPECT_TRUE(check_ok(snp, "chain"));
  EXPECT_TRUE(check_failed(snp, "debug"));
}

TEST(PolicyFile, ReadsEverySettingAndRefusesUnknownOnes) {
  Result<Policy> p = parse_policy(R"({
    "allowed_platforms": ["tpm", "gcp"], "allow_debug": true, "allow_unpinned_ak": true,
    "measurements": {"PCR0": "00ff", "EXECUTABLE": "ab"}, "max_age_seconds": 60,
    "snp_vmpl": null,
    "pinned_attestation_keys": ["0000000000000000000000000000000000000000000000000000000000000001"]
  })");
  ASSERT_TRUE(p.is_ok()) << p.status().message();
  EXPECT_EQ(p->allowed_platforms, (std::set<Platform>{Platform::kTpm, Platform::kGcp}));
  EXPECT_TRUE(p->allow_debug);
  EXPECT_TRUE(p->allow_unpinned_ak);
  EXPECT_EQ(p->expected_measurements["PCR0"], (std::vector<uint8_t>{0x00, 0xff}));
  EXPECT_EQ(p->max_age, std::chrono::seconds(60));
  EXPECT_FALSE(p->snp_vmpl.has_value());
  EXPECT_EQ(p->pinned_attestation_keys.size(), 1u);

  Result<Policy> defaults = parse_policy("{}");
  ASSERT_TRUE(defaults.is_ok());
  EXPECT_FALSE(defaults->allow_debug);
  EXPECT_EQ(defaults->allowed_platforms.count(Platform::kTpm), 0u);

  for (const char* bad : {R"({"allow_debg": true})", R"({"allowed_platforms": ["sgx"]})",
                          R"({"measurements": {"PCR0": "xyz"}})", R"({"snp_vmpl": 9})",
                          R"({"pinned_attestation_keys": ["00"]})", "[", "[]"}) {
    EXPECT_FALSE(parse_policy(bad).is_ok()) << bad;
  }
}

TEST(HttpsUrl, HostPortAndPath) {
  Result<HttpsUrl> u = parse_https_url("https://prover.example:6300/base/");
  ASSERT_TRUE(u.is_ok());
  EXPECT_EQ(u->host, "prover.example");
  EXPECT_EQ(u->port, 6300);
  EXPECT_EQ(u->path, "/base");
  Result<HttpsUrl> v6 = parse_https_url("https://[::1]:8443");
  ASSERT_TRUE(v6.is_ok());
  EXPECT_EQ(v6->host, "::1");
  EXPECT_EQ(v6->port, 8443);
  EXPECT_EQ(parse_https_url("https://h")->port, 443);
  for (const char* bad : {"http://h:6300", "https://", "https://h:0", "https://h:70000",
                          "https://h:6x", "https://[::1"}) {
    EXPECT_FALSE(parse_https_url(bad).is_ok()) << bad;
  }
}

}  // namespace
}  // namespace nightjar::attest
