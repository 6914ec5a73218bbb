// Azure THIM answers (thim.h) built from the real AMD certificates in the shared vectors: Azure's
// own VCEK chain (azure/certs.pem, a Milan VCEK with its ASK and ARK) and AMD's other chains.
#include "attest/thim.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "tests/attest/attest_vectors.h"
#include "tests/attest/azure_forge.h"
#include "tests/attest/soft_devices.h"
#include "tests/attest/test_pki.h"

namespace nightjar::attest {
namespace {

using testing::utc;
using testing::vector_path;

// The report this VCEK was fetched for (azure/hcl-report-snp.bin) has this REPORTED_TCB.
constexpr uint64_t kAzureTcb = 0x7308000000000003;

std::vector<Certificate> pem_file(const char* name) {
  std::vector<uint8_t> bytes = testing::read_bytes(vector_path(name));
  Result<std::vector<Certificate>> certs = certificates_from_pem(
      std::string_view(reinterpret_cast<const char*>(bytes.data()), bytes.size()));
  NIGHTJAR_CHECK(certs.is_ok());
  return std::move(certs).value();
}

class ThimTest : public ::testing::Test {
 protected:
  void SetUp() override {
    NIGHTJAR_REQUIRE_VECTOR(vector_path("azure/certs.pem"));
    chain_ = pem_file("azure/certs.pem");
    ASSERT_EQ(chain_.size(), 3u);
    good_ = nlohmann::json::parse(testing::thim_json(chain_, kAzureTcb));
  }

  // The refusal's message, or "" when the answer was accepted.
  std::string refusal(const nlohmann::json& answer, const char* at = "2025-01-01T00:00:00Z") {
    Result<ThimCertification> parsed = parse_thim_certification(answer.dump(), utc(at));
    return parsed.is_ok() ? "" : parsed.status().message();
  }

  std::vector<Certificate> chain_;  // VCEK, ASK, ARK
  nlohmann::json good_;
};

TEST_F(ThimTest, AzuresRealChainParses) {
  Result<ThimCertification> thim =
      parse_thim_certification(good_.dump(), utc("2025-01-01T00:00:00Z"));
  ASSERT_TRUE(thim.is_ok()) << thim.status().message();
  EXPECT_EQ(thim->vcek.sha256(), chain_[0].sha256());
  EXPECT_EQ(thim->ask.sha256(), chain_[1].sha256());
  EXPECT_EQ(thim->ark.sha256(), chain_[2].sha256());
  EXPECT_EQ(thim->tcbm, kAzureTcb);
  // The documents' form: one PEM each, reading back as the same certificates.
  std::vector<std::string> pem = thim->pem();
  ASSERT_EQ(pem.size(), 3u);
  for (size_t i = 0; i < 3; ++i) {
    Result<std::vector<Certificate>> back = certificates_from_pem(pem[i]);
    ASSERT_TRUE(back.is_ok() && back->size() == 1);
    EXPECT_EQ((*back)[0].sha256(), chain_[i].sha256());
  }
}

TEST_F(ThimTest, TcbmIsOptionalHexOfAtMostSixteenDigits) {
  nlohmann::json answer = good_;
  answer.erase("tcbm");
  Result<ThimCertification> without =
      parse_thim_certification(answer.dump(), utc("2025-01-01T00:00:00Z"));
  ASSERT_TRUE(without.is_ok());
  EXPECT_FALSE(without->tcbm.has_value());
  answer["tcbm"] = "7308000000000003";
  EXPECT_EQ(refusal(answer), "");
  for (const char* bad : {"", "0x7308000000000003", "17308000000000003", "73080000000000g3"}) {
    answer["tcbm"] = bad;
    EXPECT_NE(refusal(answer).find("\"tcbm\" is not 1 to 16 hex digits"), std::string::npos) << bad;
  }
  answer["tcbm"] = 3;
  EXPECT_NE(refusal(answer), "");
}

TEST_F(ThimTest, MalformedAnswersAreRefusedWithTheReason) {
  const std::string vcek = testing::to_pem(chain_[0]);
  const std::string ask = testing::to_pem(chain_[1]);
  const std::string ark = testing::to_pem(chain_[2]);
  struct Case {
    const char* name;
    nlohmann::json answer;
    const char* reason;
  };
  auto with = [&](const char* key, nlohmann::json value) {
    nlohmann::json j = good_;
    j[key] = std::move(value);
    return j;
  };
  nlohmann::json no_vcek = good_;
  no_vcek.erase("vcekCert");
  const Case cases[] = {
      {"array", nlohmann::json::array({good_}), "answer is not a JSON object"},
      {"no vcekCert", no_vcek, "\"vcekCert\" is missing or not a string"},
      {"vcekCert not a string", with("vcekCert", 42), "\"vcekCert\" is missing or not a string"},
      {"two certificates as the VCEK", with("vcekCert", vcek + ask),
       "\"vcekCert\" holds 2 certificates, not 1"},
      {"the ARK missing", with("certificateChain", ask), "\"certificateChain\" holds 1"},
      {"the VCEK repeated in the chain", with("certificateChain", vcek + ask + ark),
       "\"certificateChain\" holds 3"},
      {"text around the PEM", with("vcekCert", "VCEK:\n" + vcek), "PEM: unexpected text"},
      {"bad base64",
       with("vcekCert", "-----BEGIN CERTIFICATE-----\nQUJD\n-----END CERTIFICATE-----\n"),
       "\"vcekCert\": PEM: bad certificate"},
      {"the ASK as the VCEK", with("vcekCert", ask), "lacks AMD's VCEK extensions"},
      {"ARK before ASK", with("certificateChain", ark + ask), "does not verify"},
  };
  for (const Case& test : cases) {
    const std::string why = refusal(test.answer);
    EXPECT_NE(why.find(test.reason), std::string::npos) << test.name << ": " << why;
    EXPECT_TRUE(why.starts_with("THIM: ")) << test.name << ": " << why;
  }
  EXPECT_EQ(refusal(good_), "");
}

TEST_F(ThimTest, AnotherProductsAskAndArkDoNotEndorseTheVcek) {
  NIGHTJAR_REQUIRE_VECTOR(vector_path("sev-snp/ask_ark_genoa.pem"));
  std::vector<Certificate> genoa = pem_file("sev-snp/ask_ark_genoa.pem");
  ASSERT_EQ(genoa.size(), 2u);
  nlohmann::json answer = good_;
  answer["certificateChain"] = testing::to_pem(genoa[0]) + testing::to_pem(genoa[1]);
  EXPECT_NE(refusal(answer).find("VCEK <- ASK <- ARK does not verify"), std::string::npos);
}

TEST_F(ThimTest, ExpiredVcekIsRefused) {
  // The VCEK is valid from 2023-01-01 to 2030-01-01.
  EXPECT_EQ(refusal(good_, "2029-12-31T00:00:00Z"), "");
  EXPECT_NE(refusal(good_, "2030-01-02T00:00:00Z").find("expired"), std::string::npos);
}

TEST_F(ThimTest, OversizeAndDeepAnswersAreRefusedBeforeParsing) {
  std::string big = good_.dump();
  big.append(kMaxThimResponseBytes - big.size() + 1, ' ');
  Result<ThimCertification> parsed = parse_thim_certification(big, utc("2025-01-01T00:00:00Z"));
  ASSERT_FALSE(parsed.is_ok());
  EXPECT_NE(parsed.status().message().find("longer than"), std::string::npos);
  std::string deep = std::string(1000, '[') + std::string(1000, ']');
  parsed = parse_thim_certification(deep, utc("2025-01-01T00:00:00Z"));
  ASSERT_FALSE(parsed.is_ok());
  EXPECT_NE(parsed.status().message().find("nested too deeply"), std::string::npos);
}

TEST_F(ThimTest, FetchAsksTheCertificationPathAndKeepsTheGettersReason) {
  testing::FakeMetadata imds;
  imds.answer = good_.dump();
  Result<ThimCertification> fetched = fetch_thim_certification(imds, utc("2025-01-01T00:00:00Z"));
  ASSERT_TRUE(fetched.is_ok()) << fetched.status().message();
  EXPECT_EQ(imds.paths, std::vector<std::string>{"/metadata/THIM/amd/certification"});

  imds.answer = Status(StatusCode::kInternal, "GET http://169.254.169.254:80/x: answered HTTP 404");
  fetched = fetch_thim_certification(imds, utc("2025-01-01T00:00:00Z"));
  ASSERT_FALSE(fetched.is_ok());
  EXPECT_EQ(fetched.status().code(), StatusCode::kInternal);
  EXPECT_EQ(fetched.status().message(), "THIM: GET http://169.254.169.254:80/x: answered HTTP 404");

  imds.answer = good_.dump() + std::string(kMaxThimResponseBytes, ' ');
  fetched = fetch_thim_certification(imds, utc("2025-01-01T00:00:00Z"));
  ASSERT_FALSE(fetched.is_ok());
  EXPECT_EQ(fetched.status().code(), StatusCode::kOutOfRange);
}

}  // namespace
}  // namespace nightjar::attest
