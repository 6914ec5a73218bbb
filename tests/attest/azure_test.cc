#include <gtest/gtest.h>
#include <openssl/evp.h>

#include <random>

#include "attest/azure_hcl_report.h"
#include "attest/azure_verifier.h"
#include "attest/azure_vtpm_quote.h"
#include "attest/binding.h"
#include "attest/snp_report.h"
#include "base/hex.h"
#include "tests/attest/attest_vectors.h"
#include "tests/attest/azure_forge.h"
#include "tests/attest/snp_forge.h"
#include "tests/attest/tpm_forge.h"

namespace nightjar::attest {
namespace {

using testing::check_failed;
using testing::check_ok;
using testing::utc;
using testing::vector_path;

std::vector<Certificate> pem_certificates(const std::vector<uint8_t>& pem) {
  Result<std::vector<Certificate>> certs = certificates_from_pem(
      std::string_view(reinterpret_cast<const char*>(pem.data()), pem.size()));
  NIGHTJAR_CHECK(certs.is_ok());
  return std::move(certs).value();
}

// The azure-cvm-tooling files come from different VMs: these tests check parsing and the runtime
// data binding, and that the mismatched parts are refused.
class AzureVectors : public ::testing::Test {
 protected:
  void SetUp() override {
    NIGHTJAR_REQUIRE_VECTOR(vector_path("azure/hcl-report-snp.bin"));
    hcl_ = testing::read_bytes(vector_path("azure/hcl-report-snp.bin"));
  }

  std::vector<uint8_t> hcl_;
};

TEST_F(AzureVectors, ParsesTheHclReportAndItsSnpReport) {
  Result<HclReport> hcl = parse_hcl_report(hcl_);
  ASSERT_TRUE(hcl.is_ok()) << hcl.status().message();
  EXPECT_EQ(hcl->report_type, kHclReportTypeSnp);
  EXPECT_EQ(hcl->report_data_hash_type, kHclHashSha256);
  EXPECT_EQ(hcl->runtime_data.size(), 583u);
  EXPECT_EQ(hcl->runtime_data.front(), '{');
  Result<SnpReport> snp = parse_snp_report(hcl->hardware_report);
  ASSERT_TRUE(snp.is_ok()) << snp.status().message();
  EXPECT_EQ(snp->policy, 0x3001fu);
  EXPECT_FALSE(snp->debug());
  EXPECT_EQ(snp->vmpl, 0u);
}

TEST_F(AzureVectors, RuntimeDataHashIsTheReportData) {
  Result<HclReport> hcl = parse_hcl_report(hcl_);
  ASSERT_TRUE(hcl.is_ok());
  Sha256Digest digest = sha256(hcl->runtime_data);
  std::array<uint8_t, 64> report_data = hcl->hardware_report_data();
  EXPECT_TRUE(std::equal(digest.begin(), digest.end(), report_data.begin()));
  EXPECT_TRUE(
      std::all_of(report_data.begin() + 32, report_data.end(), [](uint8_t b) { return b == 0; }));
  Verdict v =
      verify_azure({hcl_, {}, std::nullopt}, Policy{}, {.now = utc("2025-01-01T00:00:00Z")});
  EXPECT_TRUE(check_ok(v, "runtime_data")) << verdict_json(v);
  EXPECT_TRUE(check_ok(v, "vm_configuration"));
  EXPECT_EQ(v.debug, DebugState::kOff);
  // Without its VCEK and a quote, nothing vouches for it or makes it fresh.
  EXPECT_TRUE(check_failed(v, "snp.signature"));
  EXPECT_TRUE(check_failed(v, "quote.signature"));
  EXPECT_FALSE(v.accepted());
}

TEST_F(AzureVectors, HclAkPubIsAnRsaKey) {
  Result<HclReport> hcl = parse_hcl_report(hcl_);
  ASSERT_TRUE(hcl.is_ok());
  Result<HclRuntimeData> runtime = parse_hcl_runtime_data(hcl->runtime_data);
  ASSERT_TRUE(runtime.is_ok()) << runtime.status().message();
  EXPECT_EQ(EVP_PKEY_get_bits(runtime->attestation_key.get()), 2048);
  EXPECT_TRUE(runtime->secure_boot);
  EXPECT_TRUE(runtime->tpm_enabled);
  EXPECT_EQ(runtime->vm_unique_id, "BAEFD3E1-184B-4C4C-AB88-0BDAD260505F");
  NIGHTJAR_REQUIRE_VECTOR(vector_path("azure/var-data.bin"));
  EXPECT_TRUE(
      parse_hcl_runtime_data(testing::read_bytes(vector_path("azure/var-data.bin"))).is_ok());
}

TEST_F(AzureVectors, ChangedRuntimeDataIsRefused) {
  std::string_view id = "BAEFD3E1";
  auto at = std::search(hcl_.begin(), hcl_.end(), id.begin(), id.end());
  ASSERT_NE(at, hcl_.end());
  *at = 'C';
  Verdict v =
      verify_azure({hcl_, {}, std::nullopt}, Policy{}, {.now = utc("2025-01-01T00:00:00Z")});
  EXPECT_TRUE(check_failed(v, "runtime_data"));
}

TEST_F(AzureVectors, NonZeroReportDataTailIsRefused) {
  hcl_[0x20 + 0x50 + 40] = 1;
  Verdict v =
      verify_azure({hcl_, {}, std::nullopt}, Policy{}, {.now = utc("2025-01-01T00:00:00Z")});
  EXPECT_TRUE(check_failed(v, "runtime_data"));
}

TEST_F(AzureVectors, WrongMagicIsRefused) {
  hcl_[3] = 'B';
  EXPECT_FALSE(parse_hcl_report(hcl_).is_ok());
}

TEST_F(AzureVectors, QuoteFromAnotherVmAndVcekFromAnotherChipAreRefused) {
  NIGHTJAR_REQUIRE_VECTOR(vector_path("azure/quote.bin"));
  NIGHTJAR_REQUIRE_VECTOR(vector_path("azure/certs.pem"));
  Result<AzureVtpmQuote> q =
      parse_azure_vtpm_quote(testing::read_bytes(vector_path("azure/quote.bin")));
  ASSERT_TRUE(q.is_ok());
  AzureEvidence evidence{
      hcl_, pem_certificates(testing::read_bytes(vector_path("azure/certs.pem"))),
      AzureQuote{q->attest, {kTpmAlgRsassa, kTpmAlgSha256, q->signature, {}, {}}, q->pcrs}};
  Policy policy;
  policy.require_binding = false;
  Verdict v = verify_azure(evidence, policy, {.now = utc("2025-01-01T00:00:00Z")});
  EXPECT_TRUE(check_ok(v, "snp.root")) << verdict_json(v);
  EXPECT_TRUE(check_ok(v, "snp.chain"));
  EXPECT_TRUE(check_failed(v, "snp.chip_id"));
  EXPECT_TRUE(check_failed(v, "snp.signature"));
  EXPECT_TRUE(check_ok(v, "runtime_data"));
  // quote.bin was signed by akpub.pem, not this report's HCLAkPub.
  EXPECT_TRUE(check_failed(v, "quote.signature"));
  EXPECT_TRUE(check_ok(v, "quote.pcr_digest"));
  EXPECT_EQ(v.measurement("PCR0").size(), 64u);
  EXPECT_FALSE(v.accepted());
}

TEST_F(AzureVectors, TdxVariantParsesAndBindsItsRuntimeData) {
  NIGHTJAR_REQUIRE_VECTOR(vector_path("azure/hcl-report-tdx.bin"));
  std::vector<uint8_t> bytes = testing::read_bytes(vector_path("azure/hcl-report-tdx.bin"));
  Result<HclReport> hcl = parse_hcl_report(bytes);
  ASSERT_TRUE(hcl.is_ok()) << hcl.status().message();
  EXPECT_EQ(hcl->report_type, kHclReportTypeTdx);
  Sha256Digest digest = sha256(hcl->runtime_data);
  std::array<uint8_t, 64> report_data = hcl->hardware_report_data();
  EXPECT_TRUE(std::equal(digest.begin(), digest.end(), report_data.begin()));
  EXPECT_TRUE(parse_hcl_runtime_data(hcl->runtime_data).is_ok());
  Verdict v =
      verify_azure({bytes, {}, std::nullopt}, Policy{}, {.now = utc("2025-01-01T00:00:00Z")});
  EXPECT_TRUE(check_failed(v, "parse"));
}

TEST_F(AzureVectors, TruncationsAndFlipsAreHandled) {
  for (size_t n = 0; n < 0x4D4 + 583; n += 3) {
    EXPECT_FALSE(parse_hcl_report(std::span(hcl_).first(n)).is_ok()) << n;
  }
  std::mt19937 rng(4);
  for (int i = 0; i < 300; ++i) {
    std::vector<uint8_t> mutated = hcl_;
    mutated[rng() % (0x4D4 + 583)] ^= static_cast<uint8_t>(1 + rng() % 255);
    Verdict v =
        verify_azure({mutated, {}, std::nullopt}, Policy{}, {.now = utc("2025-01-01T00:00:00Z")});
    EXPECT_FALSE(v.accepted());
  }
}

// Whole Azure evidence made by the test: SNP PKI, HCL report, vTPM AK and quote.
class ForgedAzure : public ::testing::Test {
 protected:
  static constexpr SnpTcb kTcb{.fmc = 0, .bootloader = 3, .tee = 0, .snp = 8, .microcode = 0x48};

  ForgedAzure()
      : now_(utc("2025-06-01T12:00:00Z")),
        pki_(testing::make_snp_pki(now_, AmdProduct::kMilan, kTcb, std::vector<uint8_t>(64, 0x42))),
        ak_(testing::generate_rsa_key(2048)) {
    anchors_.amd_arks = {{AmdProduct::kMilan, pki_.ark.sha256()}};
    runtime_ = testing::hcl_runtime_json(ak_, true);
    pcrs_ = testing::sha256_pcrs(24);
    Sha256Digest bind = binding_digest(nonce_, spki_);
    quote_fields_.extra_data.assign(bind.begin(), bind.end());
    quote_fields_.selection = testing::selection_for(pcrs_);
    quote_fields_.pcr_digest = testing::pcr_digest_for(pcrs_, kTpmAlgSha256);
  }

  AzureEvidence evidence(const testing::KeyPair& quote_key) const {
    std::vector<uint8_t> snp = testing::snp_report_template(
        testing::encode_snp_tcb(kTcb, AmdProduct::kMilan), std::vector<uint8_t>(64, 0x42));
    Sha256Digest runtime_hash =
        sha256(std::span(reinterpret_cast<const uint8_t*>(runtime_.data()), runtime_.size()));
    std::copy(runtime_hash.begin(), runtime_hash.end(), snp.begin() + 0x50);
    testing::sign_snp_report(&snp, pki_.vcek_key);
    std::vector<uint8_t> attest = testing::marshal_tpms_attest(quote_fields_);
    AzureQuote quote{attest, testing::sign_quote(quote_key, kTpmAlgSha256, attest), {}};
    for (const auto& [index, value] : pcrs_.values) {
      std::array<uint8_t, 32> v;
      std::copy(value.begin(), value.end(), v.begin());
      quote.pcrs.push_back(v);
    }
    return {testing::hcl_report(snp, runtime_), pki_.chain(), quote};
  }

  Verdict verify(const AzureEvidence& e, const Sha256Digest& spki, const Policy& policy = {}) {
    return verify_azure(
        e, policy, {.now = now_, .binding = binding_digest(nonce_, spki), .anchors = anchors_});
  }

  TimePoint now_;
  testing::SnpTestPki pki_;
  testing::KeyPair ak_;
  TrustAnchors anchors_;
  std::string runtime_;
  TpmPcrBank pcrs_;
  testing::QuoteFields quote_fields_;
  Nonce nonce_{0xab};
  Sha256Digest spki_ = sha256(std::vector<uint8_t>{0x01});
};

TEST_F(ForgedAzure, TheWholeChainVerifies) {
  Verdict v = verify(evidence(ak_), spki_);
  EXPECT_TRUE(v.accepted()) << verdict_json(v);
  EXPECT_EQ(v.measurement("PCR23"), to_hex(pcrs_.values[23]));
}

TEST_F(ForgedAzure, QuoteSignedByAKeyTheReportDoesNotNameIsRefused) {
  testing::KeyPair other = testing::generate_rsa_key(2048);
  Verdict v = verify(evidence(other), spki_);
  EXPECT_TRUE(check_failed(v, "quote.signature"));
  EXPECT_TRUE(check_ok(v, "runtime_data"));
  EXPECT_FALSE(v.accepted());
}

TEST_F(ForgedAzure, RelayedQuoteIsNotBoundToTheClientsTlsKey) {
  Verdict v = verify(evidence(ak_), sha256(std::vector<uint8_t>{0x02}));
  EXPECT_TRUE(check_failed(v, "binding"));
  EXPECT_TRUE(check_ok(v, "quote.signature"));
}

TEST_F(ForgedAzure, QuoteWithAnotherNonceIsRefused) {
  quote_fields_.extra_data = std::vector<uint8_t>{'c', 'h', 'a', 'l', 'l', 'e', 'n', 'g', 'e'};
  EXPECT_TRUE(check_failed(verify(evidence(ak_), spki_), "binding"));
}

TEST_F(ForgedAzure, SecureBootOffIsRefused) {
  runtime_ = testing::hcl_runtime_json(ak_, false);
  EXPECT_TRUE(check_failed(verify(evidence(ak_), spki_), "vm_configuration"));
}

TEST_F(ForgedAzure, QuoteOverFewerPcrsIsRefused) {
  pcrs_.values.erase(23);
  quote_fields_.selection = testing::selection_for(pcrs_);
  quote_fields_.pcr_digest = testing::pcr_digest_for(pcrs_, kTpmAlgSha256);
  Verdict v = verify(evidence(ak_), spki_);
  EXPECT_TRUE(check_failed(v, "quote.pcr_count"));
  EXPECT_FALSE(v.accepted());
}

TEST_F(ForgedAzure, ExpectedPcrIsEnforced) {
  Policy policy;
  policy.expected_measurements["PCR7"] = pcrs_.values[7];
  EXPECT_TRUE(verify(evidence(ak_), spki_, policy).accepted());
  policy.expected_measurements["PCR7"][0] ^= 1;
  EXPECT_TRUE(check_failed(verify(evidence(ak_), spki_, policy), "measurement PCR7"));
}

}  // namespace
}  // namespace nightjar::attest
