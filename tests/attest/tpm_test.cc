#include <gtest/gtest.h>

#include <cstring>

#include "attest/azure_hcl_report.h"
#include "attest/azure_vtpm_quote.h"
#include "attest/tpm_attest.h"
#include "attest/tpm_quote_verifier.h"
#include "attest/tpm_signature.h"
#include "base/hex.h"
#include "tests/attest/attest_vectors.h"
#include "tests/attest/tpm_forge.h"

namespace nightjar::attest {
namespace {

using testing::check_failed;
using testing::check_ok;
using testing::vector_path;

std::span<const uint8_t> text(const char* s) {
  return std::span(reinterpret_cast<const uint8_t*>(s), std::strlen(s));
}

// azure-cvm-tooling's quote.bin, with akpub.pem: the AK that signed it.
class TpmVectors : public ::testing::Test {
 protected:
  void SetUp() override {
    NIGHTJAR_REQUIRE_VECTOR(vector_path("azure/quote.bin"));
    NIGHTJAR_REQUIRE_VECTOR(vector_path("azure/akpub.pem"));
    Result<AzureVtpmQuote> q =
        parse_azure_vtpm_quote(testing::read_bytes(vector_path("azure/quote.bin")));
    ASSERT_TRUE(q.is_ok()) << q.status().message();
    quote_ = std::move(q).value();
    std::vector<uint8_t> pem = testing::read_bytes(vector_path("azure/akpub.pem"));
    Result<PublicKey> ak = public_key_from_pem(
        std::string_view(reinterpret_cast<const char*>(pem.data()), pem.size()));
    ASSERT_TRUE(ak.is_ok());
    ak_ = std::move(ak).value();
    signature_ = {kTpmAlgRsassa, kTpmAlgSha256, quote_.signature, {}, {}};
    for (size_t i = 0; i < quote_.pcrs.size(); ++i) {
      pcrs_.values[static_cast<uint32_t>(i)].assign(quote_.pcrs[i].begin(), quote_.pcrs[i].end());
    }
  }

  Verdict verify(const TpmPcrBank& pcrs, const char* extra = "challenge") {
    Verdict v;
    check_tpm_quote(quote_.attest, signature_, ak_, {pcrs}, text(extra), "", &v);
    return v;
  }

  AzureVtpmQuote quote_;
  PublicKey ak_;
  TpmtSignature signature_;
  TpmPcrBank pcrs_;
};

TEST_F(TpmVectors, ParsesTheQuote) {
  EXPECT_EQ(quote_.signature.size(), 256u);
  EXPECT_EQ(quote_.pcrs.size(), 24u);
  Result<TpmsAttest> a = parse_tpms_attest(quote_.attest);
  ASSERT_TRUE(a.is_ok()) << a.status().message();
  EXPECT_EQ(a->magic, kTpmGeneratedValue);
  EXPECT_EQ(a->type, kTpmStAttestQuote);
  EXPECT_EQ(std::string(a->extra_data.begin(), a->extra_data.end()), "challenge");
  EXPECT_EQ(a->clock, 3131573u);
  EXPECT_EQ(a->reset_count, 3u);
  EXPECT_EQ(a->restart_count, 0u);
  EXPECT_EQ(a->safe, 1);
  ASSERT_EQ(a->pcr_select.size(), 1u);
  EXPECT_EQ(a->pcr_select[0].hash_alg, kTpmAlgSha256);
  EXPECT_EQ(a->pcr_select[0].pcrs().size(), 24u);
  EXPECT_EQ(a->pcr_digest.size(), 32u);
}

TEST_F(TpmVectors, VerifiesWithItsAkAndItsPcrs) {
  Verdict v = verify(pcrs_);
  EXPECT_TRUE(v.accepted()) << verdict_json(v);
  for (const char* check :
       {"signature", "magic", "type", "pcr_selection", "pcr_digest", "extra_data"}) {
    EXPECT_TRUE(check_ok(v, check)) << check;
  }
}

TEST_F(TpmVectors, TpmtSignatureRoundTripsAndVerifies) {
  std::vector<uint8_t> wire = marshal_tpmt_signature(signature_);
  EXPECT_EQ(to_hex(std::span(wire).first(6)), "0014000b0100");
  Result<TpmtSignature> parsed = parse_tpmt_signature(wire);
  ASSERT_TRUE(parsed.is_ok());
  Verdict v;
  check_tpm_quote(quote_.attest, *parsed, ak_, {pcrs_}, text("challenge"), "", &v);
  EXPECT_TRUE(v.accepted());
  for (size_t n = 0; n < wire.size(); ++n) {
    EXPECT_FALSE(parse_tpmt_signature(std::span(wire).first(n)).is_ok());
  }
}

TEST_F(TpmVectors, WrongNonceIsRefused) {
  Verdict v = verify(pcrs_, "challenge2");
  EXPECT_TRUE(check_failed(v, "extra_data"));
  EXPECT_TRUE(check_ok(v, "signature"));
}

TEST_F(TpmVectors, ChangedPcrValueIsRefused) {
  TpmPcrBank changed = pcrs_;
  changed.values[7][0] ^= 1;
  Verdict v = verify(changed);
  EXPECT_TRUE(check_failed(v, "pcr_digest"));
  EXPECT_TRUE(check_ok(v, "pcr_selection"));
}

TEST_F(TpmVectors, FewerPcrsThanQuotedAreRefused) {
  TpmPcrBank fewer = pcrs_;
  fewer.values.erase(23);
  EXPECT_TRUE(check_failed(verify(fewer), "pcr_selection"));
}

TEST_F(TpmVectors, FlippedSignatureOrAttestIsRefused) {
  signature_.rsa_signature[100] ^= 1;
  EXPECT_TRUE(check_failed(verify(pcrs_), "signature"));
  SetUp();
  quote_.attest[40] ^= 1;  // inside clockInfo
  EXPECT_TRUE(check_failed(verify(pcrs_), "signature"));
}

TEST_F(TpmVectors, AnotherVmsAkIsRefused) {
  NIGHTJAR_REQUIRE_VECTOR(vector_path("azure/hcl-report-snp.bin"));
  Result<HclReport> hcl =
      parse_hcl_report(testing::read_bytes(vector_path("azure/hcl-report-snp.bin")));
  ASSERT_TRUE(hcl.is_ok());
  Result<HclRuntimeData> runtime = parse_hcl_runtime_data(hcl->runtime_data);
  ASSERT_TRUE(runtime.is_ok());
  Verdict v;
  check_tpm_quote(quote_.attest, signature_, runtime->attestation_key, {pcrs_}, text("challenge"),
                  "", &v);
  EXPECT_TRUE(check_failed(v, "signature"));
}

TEST_F(TpmVectors, EveryTruncationIsRefused) {
  std::vector<uint8_t> file = testing::read_bytes(vector_path("azure/quote.bin"));
  for (size_t n = 0; n < file.size(); ++n) {
    EXPECT_FALSE(parse_azure_vtpm_quote(std::span(file).first(n)).is_ok()) << n;
  }
  for (size_t n = 0; n < quote_.attest.size(); ++n) {
    EXPECT_FALSE(parse_tpms_attest(std::span(quote_.attest).first(n)).is_ok()) << n;
  }
  std::vector<uint8_t> longer = quote_.attest;
  longer.push_back(0);
  EXPECT_FALSE(parse_tpms_attest(longer).is_ok());
}

// Quotes signed by a test key, which unlike a restricted AK signs anything.
class ForgedTpm : public ::testing::Test {
 protected:
  ForgedTpm() : key_(testing::generate_rsa_key(2048)) {
    // The verified-locally swtpm example: PCRs 0, 4 and 9 of the SHA-256 bank.
    for (uint32_t i : {0u, 4u, 9u})
      pcrs_.values[i] = std::vector<uint8_t>(32, static_cast<uint8_t>(i + 0x30));
    fields_.extra_data = std::vector<uint8_t>(32, 0xee);
    fields_.selection = testing::selection_for(pcrs_);
    fields_.pcr_digest = testing::pcr_digest_for(pcrs_, kTpmAlgSha256);
  }

  Verdict verify(const TpmPcrBank& presented, uint16_t hash = kTpmAlgSha256) {
    std::vector<uint8_t> attest = testing::marshal_tpms_attest(fields_);
    TpmtSignature sig = testing::sign_quote(key_, hash, attest);
    Verdict v;
    check_tpm_quote(attest, sig, key_, {presented}, fields_.extra_data, "", &v);
    return v;
  }

  testing::KeyPair key_;
  TpmPcrBank pcrs_;
  testing::QuoteFields fields_;
};

TEST_F(ForgedTpm, AGoodQuoteVerifies) {
  Verdict v = verify(pcrs_);
  EXPECT_TRUE(v.accepted()) << verdict_json(v);
}

TEST_F(ForgedTpm, RelabelledPcrSelectionIsRefused_CVE_2024_29039) {
  // The same values presented as PCRs 1, 5 and 9: their digest still matches the quote's.
  TpmPcrBank relabelled;
  relabelled.values[1] = pcrs_.values[0];
  relabelled.values[5] = pcrs_.values[4];
  relabelled.values[9] = pcrs_.values[9];
  Verdict v = verify(relabelled);
  EXPECT_TRUE(check_ok(v, "pcr_digest"));
  EXPECT_TRUE(check_failed(v, "pcr_selection")) << verdict_json(v);
  EXPECT_FALSE(v.accepted());
}

TEST_F(ForgedTpm, MissingMagicIsRefused_CVE_2024_29038) {
  fields_.magic = 0x00544347;
  Verdict v = verify(pcrs_);
  EXPECT_TRUE(check_ok(v, "signature"));
  EXPECT_TRUE(check_failed(v, "magic"));
  EXPECT_FALSE(v.accepted());
}

TEST_F(ForgedTpm, NonQuoteAttestationIsRefused_GHSA_gwfg_w3jr_xh66) {
  fields_.type = 0x8014;  // TPM_ST_ATTEST_NV
  Verdict v = verify(pcrs_);
  EXPECT_TRUE(check_ok(v, "signature"));
  EXPECT_TRUE(check_failed(v, "type"));
  EXPECT_FALSE(v.accepted());
}

TEST_F(ForgedTpm, Sha1SignaturesAreRefused) {
  std::vector<uint8_t> attest = testing::marshal_tpms_attest(fields_);
  TpmtSignature sig = testing::sign_quote(key_, kTpmAlgSha256, attest);
  sig.hash_alg = kTpmAlgSha1;
  Verdict v;
  check_tpm_quote(attest, sig, key_, {pcrs_}, fields_.extra_data, "", &v);
  EXPECT_TRUE(check_failed(v, "signature"));
}

TEST_F(ForgedTpm, EcdsaAksAndSha384Work) {
  key_ = testing::generate_ec_key(Curve::kP256);
  EXPECT_TRUE(verify(pcrs_).accepted());
  key_ = testing::generate_ec_key(Curve::kP384);
  fields_.pcr_digest = testing::pcr_digest_for(pcrs_, kTpmAlgSha384);
  EXPECT_TRUE(verify(pcrs_, kTpmAlgSha384).accepted());
}

TEST_F(ForgedTpm, WrongSizedPcrValuesAreRefused) {
  TpmPcrBank wrong = pcrs_;
  wrong.values[4].resize(20);
  EXPECT_TRUE(check_failed(verify(wrong), "pcr_digest"));
}

TEST(TpmParse, LimitsAreEnforced) {
  testing::QuoteFields f;
  f.extra_data = std::vector<uint8_t>(65, 1);  // TPM2B_DATA holds at most 64
  EXPECT_FALSE(parse_tpms_attest(testing::marshal_tpms_attest(f)).is_ok());
  f.extra_data.resize(64);
  f.selection = std::vector<TpmPcrSelection>(17, TpmPcrSelection{kTpmAlgSha256, {1, 0, 0}});
  EXPECT_FALSE(parse_tpms_attest(testing::marshal_tpms_attest(f)).is_ok());
  f.selection = {TpmPcrSelection{kTpmAlgSha256, std::vector<uint8_t>(5, 0xff)}};
  EXPECT_FALSE(parse_tpms_attest(testing::marshal_tpms_attest(f)).is_ok());
  f.selection = {TpmPcrSelection{kTpmAlgSha256, {0xff, 0xff, 0xff}}};
  EXPECT_TRUE(parse_tpms_attest(testing::marshal_tpms_attest(f)).is_ok());
}

}  // namespace
}  // namespace nightjar::attest
