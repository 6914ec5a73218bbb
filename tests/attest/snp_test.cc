#include <gtest/gtest.h>

#include <random>

#include "attest/binding.h"
#include "attest/snp_report.h"
#include "attest/snp_verifier.h"
#include "attest/x509.h"
#include "base/hex.h"
#include "tests/attest/attest_vectors.h"
#include "tests/attest/snp_forge.h"

namespace nightjar::attest {
namespace {

using testing::check_failed;
using testing::check_ok;
using testing::reason;
using testing::utc;
using testing::vector_path;

constexpr const char* kReport = "sev-snp/attestation.bin";
constexpr const char* kVcek = "sev-snp/vcek.testcer";
// Inside the VCEK's validity (2022-09-24 to 2029-09-24).
constexpr const char* kWithinValidity = "2025-03-01T00:00:00Z";

std::vector<Certificate> pem_file(const char* name) {
  std::vector<uint8_t> bytes = testing::read_bytes(vector_path(name));
  Result<std::vector<Certificate>> certs = certificates_from_pem(
      std::string_view(reinterpret_cast<const char*>(bytes.data()), bytes.size()));
  NIGHTJAR_CHECK(certs.is_ok());
  return std::move(certs).value();
}

// VCEK, then the product's ASK and ARK, as the evidence carries them.
std::vector<Certificate> chain_with(const char* ask_ark) {
  Result<Certificate> vcek = Certificate::from_der(testing::read_bytes(vector_path(kVcek)));
  NIGHTJAR_CHECK(vcek.is_ok());
  std::vector<Certificate> chain = {*vcek};
  for (Certificate& c : pem_file(ask_ark)) chain.push_back(std::move(c));
  return chain;
}

Policy offline_policy() {
  Policy policy;
  policy.require_binding = false;
  return policy;
}

VerifyContext at(const char* time) { return VerifyContext{.now = utc(time)}; }

class SnpVectors : public ::testing::Test {
 protected:
  void SetUp() override {
    NIGHTJAR_REQUIRE_VECTOR(vector_path(kReport));
    NIGHTJAR_REQUIRE_VECTOR(vector_path(kVcek));
    NIGHTJAR_REQUIRE_VECTOR(vector_path("sev-snp/ask_ark_milan.pem"));
    report_ = testing::read_bytes(vector_path(kReport));
    milan_ = chain_with("sev-snp/ask_ark_milan.pem");
  }

  std::vector<uint8_t> report_;
  std::vector<Certificate> milan_;
};

TEST_F(SnpVectors, ParsesTheRealReport) {
  Result<SnpReport> r = parse_snp_report(report_);
  ASSERT_TRUE(r.is_ok()) << r.status().message();
  EXPECT_EQ(r->version, 2u);
  EXPECT_EQ(r->policy, 0xB0000u);
  EXPECT_TRUE(r->debug());
  EXPECT_EQ(r->vmpl, 0u);
  EXPECT_EQ(r->signature_algo, 1u);
  EXPECT_EQ(r->signing_key, SnpSigningKey::kVcek);
  EXPECT_EQ(to_hex(std::span(r->report_data).first(6)), "010203040500");
  EXPECT_EQ(r->reported_tcb, 0x4405000000000002u);
  SnpTcb tcb = decode_snp_tcb(r->reported_tcb, AmdProduct::kMilan);
  EXPECT_EQ(tcb, (SnpTcb{.fmc = 0, .bootloader = 2, .tee = 0, .snp = 5, .microcode = 0x44}));
}

TEST_F(SnpVectors, SignatureChainAndTcbVerifyButDebugIsRefused) {
  Verdict v = verify_snp(report_, milan_, offline_policy(), at(kWithinValidity));
  EXPECT_TRUE(check_ok(v, "signature")) << verdict_json(v);
  EXPECT_TRUE(check_ok(v, "root"));
  EXPECT_TRUE(check_ok(v, "chain"));
  EXPECT_TRUE(check_ok(v, "chip_id"));
  EXPECT_TRUE(check_ok(v, "tcb"));
  EXPECT_TRUE(check_ok(v, "vmpl"));
  EXPECT_TRUE(check_ok(v, "guest_policy"));
  EXPECT_EQ(v.debug, DebugState::kOn);
  EXPECT_TRUE(check_failed(v, "debug"));
  EXPECT_FALSE(v.accepted());

  Policy lenient = offline_policy();
  lenient.allow_debug = true;
  EXPECT_TRUE(verify_snp(report_, milan_, lenient, at(kWithinValidity)).accepted());
}

TEST_F(SnpVectors, OtherGenerationsChainsDoNotEndorseAMilanVcek) {
  for (const char* other : {"sev-snp/ask_ark_genoa.pem", "sev-snp/ask_ark_turin_vcek.pem"}) {
    NIGHTJAR_REQUIRE_VECTOR(vector_path(other));
    Verdict v = verify_snp(report_, chain_with(other), offline_policy(), at(kWithinValidity));
    EXPECT_TRUE(check_ok(v, "root")) << other;
    EXPECT_TRUE(check_failed(v, "chain")) << other;
    EXPECT_FALSE(v.accepted());
  }
}

TEST_F(SnpVectors, PinnedArksAreTheVendorsAndSelfSigned) {
  TrustAnchors anchors = TrustAnchors::production();
  for (const auto& [file, product] :
       {std::pair{"sev-snp/ask_ark_milan.pem", AmdProduct::kMilan},
        std::pair{"sev-snp/ask_ark_genoa.pem", AmdProduct::kGenoa},
        std::pair{"sev-snp/ask_ark_turin_vcek.pem", AmdProduct::kTurin}}) {
    std::vector<Certificate> ask_ark = pem_file(file);
    ASSERT_EQ(ask_ark.size(), 2u);
    EXPECT_EQ(anchors.amd_product_of(ask_ark[1].sha256()), product) << file;
    EXPECT_FALSE(anchors.amd_product_of(ask_ark[0].sha256()).has_value());
    EXPECT_TRUE(verify_chain(ask_ark[1], {}, ask_ark[1], utc(kWithinValidity)).is_ok());
    EXPECT_TRUE(verify_chain(ask_ark[0], {}, ask_ark[1], utc(kWithinValidity)).is_ok());
  }
}

TEST_F(SnpVectors, RefusedOutsideTheVcekValidity) {
  Verdict v = verify_snp(report_, milan_, offline_policy(), at("2030-01-01T00:00:00Z"));
  EXPECT_TRUE(check_failed(v, "chain"));
  EXPECT_NE(testing::reason(v, "chain").find("expired"), std::string::npos);
}

TEST_F(SnpVectors, FlippedSignatureByteIsRefused) {
  report_[0x2A0 + 5] ^= 0x01;
  Verdict v = verify_snp(report_, milan_, offline_policy(), at(kWithinValidity));
  EXPECT_TRUE(check_failed(v, "signature"));
  EXPECT_TRUE(check_ok(v, "chain"));
}

TEST_F(SnpVectors, ClearingTheDebugBitBreaksTheSignature) {
  report_[0x00A] &= static_cast<uint8_t>(~0x08);  // POLICY bit 19
  Policy lenient = offline_policy();
  Verdict v = verify_snp(report_, milan_, lenient, at(kWithinValidity));
  EXPECT_EQ(v.debug, DebugState::kOff);
  EXPECT_TRUE(check_failed(v, "signature"));
  EXPECT_FALSE(v.accepted());
}

TEST_F(SnpVectors, ChangedTcbOrChipIdIsCaughtByTheirOwnChecks) {
  std::vector<uint8_t> tcb = report_;
  tcb[0x180 + 6] = 6;  // REPORTED_TCB.SNP 5 -> 6
  Verdict v = verify_snp(tcb, milan_, offline_policy(), at(kWithinValidity));
  EXPECT_TRUE(check_failed(v, "tcb"));
  EXPECT_NE(reason(v, "tcb").find("snp 6"), std::string::npos) << reason(v, "tcb");
  EXPECT_TRUE(check_ok(v, "chip_id"));

  std::vector<uint8_t> chip = report_;
  chip[0x1A0] ^= 0xff;
  v = verify_snp(chip, milan_, offline_policy(), at(kWithinValidity));
  EXPECT_TRUE(check_failed(v, "chip_id"));
  EXPECT_TRUE(check_ok(v, "tcb"));
}

TEST_F(SnpVectors, TamperedAskBreaksTheChain) {
  std::vector<uint8_t> ask = milan_[1].der();
  ask[ask.size() - 3] ^= 0x01;
  Result<Certificate> bad = Certificate::from_der(ask);
  ASSERT_TRUE(bad.is_ok());
  std::vector<Certificate> chain = {milan_[0], *bad, milan_[2]};
  Verdict v = verify_snp(report_, chain, offline_policy(), at(kWithinValidity));
  EXPECT_TRUE(check_failed(v, "chain"));
  EXPECT_TRUE(check_ok(v, "signature"));
}

TEST_F(SnpVectors, MissingArkOrVcekIsRefused) {
  std::vector<Certificate> no_ark = {milan_[0], milan_[1]};
  Verdict v = verify_snp(report_, no_ark, offline_policy(), at(kWithinValidity));
  EXPECT_TRUE(check_failed(v, "root"));
  EXPECT_TRUE(check_failed(v, "chain"));
  v = verify_snp(report_, {}, offline_policy(), at(kWithinValidity));
  EXPECT_TRUE(check_failed(v, "signature"));
  EXPECT_FALSE(v.accepted());
}

TEST_F(SnpVectors, ReportDataIsNotOurBinding) {
  VerifyContext context = at(kWithinValidity);
  context.binding = binding_digest(Nonce{1}, Sha256Digest{2});
  Verdict v = verify_snp(report_, milan_, Policy{}, context);
  EXPECT_TRUE(check_failed(v, "binding"));
}

TEST_F(SnpVectors, EveryOtherSizeAndRandomFlipsAreHandled) {
  for (size_t n = 0; n < report_.size() + 8; n += 7) {
    std::vector<uint8_t> resized = report_;
    resized.resize(n);
    if (n != kSnpReportSize) EXPECT_FALSE(parse_snp_report(resized).is_ok());
  }
  std::mt19937 rng(19);
  for (int i = 0; i < 500; ++i) {
    std::vector<uint8_t> mutated = report_;
    size_t at_byte = rng() % kSnpSignedSize;
    mutated[at_byte] ^= static_cast<uint8_t>(1 + rng() % 255);
    Policy lenient = offline_policy();
    lenient.allow_debug = true;
    Verdict v = verify_snp(mutated, milan_, lenient, at(kWithinValidity));
    EXPECT_FALSE(v.accepted()) << "flip at " << at_byte;
  }
}

// Reports signed by a test chain, so each check can be the only one failing.
class ForgedSnp : public ::testing::Test {
 protected:
  static constexpr SnpTcb kTcb{.fmc = 0, .bootloader = 3, .tee = 0, .snp = 8, .microcode = 0x48};

  ForgedSnp() : now_(utc("2025-06-01T12:00:00Z")) {}

  void make(AmdProduct product, size_t hwid_size) {
    std::vector<uint8_t> hwid(hwid_size);
    for (size_t i = 0; i < hwid.size(); ++i) hwid[i] = static_cast<uint8_t>(0x40 + i);
    SnpTcb tcb = kTcb;
    if (product == AmdProduct::kTurin) tcb.fmc = 1;
    pki_.emplace(testing::make_snp_pki(now_, product, tcb, hwid));
    anchors_.amd_arks = {{product, pki_->ark.sha256()}};
    report_ = testing::snp_report_template(testing::encode_snp_tcb(tcb, product), hwid);
    Sha256Digest bind = binding_digest(nonce_, spki_);
    std::copy(bind.begin(), bind.end(), report_.begin() + 0x50);
  }

  Verdict verify(const Policy& policy = {}) {
    testing::sign_snp_report(&report_, pki_->vcek_key);
    VerifyContext context{
        .now = now_, .binding = binding_digest(nonce_, spki_), .anchors = anchors_};
    return verify_snp(report_, pki_->chain(), policy, context);
  }

  TimePoint now_;
  std::optional<testing::SnpTestPki> pki_;
  TrustAnchors anchors_;
  std::vector<uint8_t> report_;
  Nonce nonce_{7, 7, 7};
  Sha256Digest spki_ = sha256(std::vector<uint8_t>{1, 2, 3});
};

TEST_F(ForgedSnp, AGoodReportIsAcceptedOnlyUnderItsOwnPin) {
  make(AmdProduct::kMilan, 64);
  Verdict v = verify();
  EXPECT_TRUE(v.accepted()) << verdict_json(v);
  anchors_ = TrustAnchors::production();
  v = verify();
  EXPECT_FALSE(v.accepted());
  EXPECT_TRUE(check_failed(v, "root"));
}

TEST_F(ForgedSnp, TurinUsesItsOwnTcbLayoutAndShortHwid) {
  make(AmdProduct::kTurin, 8);
  Verdict v = verify();
  EXPECT_TRUE(v.accepted()) << verdict_json(v);
  // Read with the Milan layout, the same TCB would not match.
  anchors_.amd_arks[0].product = AmdProduct::kMilan;
  EXPECT_FALSE(verify().accepted());
}

TEST_F(ForgedSnp, TcbDifferentFromTheVcekIsRefusedDespiteAValidSignature) {
  make(AmdProduct::kGenoa, 64);
  testing::store_le64(
      &report_, 0x180,
      testing::encode_snp_tcb({.fmc = 0, .bootloader = 3, .tee = 0, .snp = 9, .microcode = 0x48},
                              AmdProduct::kGenoa));
  Verdict v = verify();
  EXPECT_TRUE(check_ok(v, "signature"));
  EXPECT_TRUE(check_failed(v, "tcb"));
  EXPECT_FALSE(v.accepted());
}

TEST_F(ForgedSnp, AnotherChipsVcekIsRefused) {
  make(AmdProduct::kMilan, 64);
  report_[0x1A0 + 63] ^= 1;
  Verdict v = verify();
  EXPECT_TRUE(check_ok(v, "signature"));
  EXPECT_TRUE(check_failed(v, "chip_id"));
}

TEST_F(ForgedSnp, MaskedChipIdIsRefused) {
  make(AmdProduct::kMilan, 64);
  testing::store_le32(&report_, 0x048, 2);
  EXPECT_TRUE(check_failed(verify(), "chip_id"));
}

TEST_F(ForgedSnp, DebugPolicyBitIsRefusedUnlessAllowed) {
  make(AmdProduct::kMilan, 64);
  testing::store_le64(&report_, 0x008, 0x30000 | (1u << 19));
  Verdict v = verify();
  EXPECT_EQ(v.debug, DebugState::kOn);
  EXPECT_TRUE(check_failed(v, "debug"));
  Policy lenient;
  lenient.allow_debug = true;
  EXPECT_TRUE(verify(lenient).accepted());
}

TEST_F(ForgedSnp, VmplMustMatchThePolicy) {
  make(AmdProduct::kMilan, 64);
  testing::store_le32(&report_, 0x030, 2);
  EXPECT_TRUE(check_failed(verify(), "vmpl"));
  Policy svsm;
  svsm.snp_vmpl = 2;
  EXPECT_TRUE(verify(svsm).accepted());
  svsm.snp_vmpl.reset();
  EXPECT_TRUE(verify(svsm).accepted());
}

TEST_F(ForgedSnp, MalformedGuestPolicyIsRefused) {
  make(AmdProduct::kMilan, 64);
  testing::store_le64(&report_, 0x008, 0x10000);  // bit 17 clear
  EXPECT_TRUE(check_failed(verify(), "guest_policy"));
  testing::store_le64(&report_, 0x008, 0x30000 | (uint64_t{1} << 40));
  EXPECT_TRUE(check_failed(verify(), "guest_policy"));
}

TEST_F(ForgedSnp, VlekSignedReportsAreNotAcceptedAsVcek) {
  make(AmdProduct::kMilan, 64);
  testing::store_le32(&report_, 0x048, 1 << 2);
  EXPECT_TRUE(check_failed(verify(), "signature"));
}

TEST_F(ForgedSnp, RelayedOrReplayedReportDoesNotBind) {
  make(AmdProduct::kMilan, 64);
  EXPECT_TRUE(verify().accepted());
  spki_ = sha256(std::vector<uint8_t>{9, 9, 9});  // the relay's TLS key
  Verdict v = verify();
  EXPECT_TRUE(check_failed(v, "binding"));
  EXPECT_TRUE(check_ok(v, "signature"));
}

TEST_F(ForgedSnp, ExpectedMeasurementIsEnforced) {
  make(AmdProduct::kMilan, 64);
  Policy policy;
  policy.expected_measurements["MEASUREMENT"] = std::vector<uint8_t>(48, 0x4d);
  EXPECT_TRUE(verify(policy).accepted());
  policy.expected_measurements["MEASUREMENT"][0] = 0;
  EXPECT_TRUE(check_failed(verify(policy), "measurement MEASUREMENT"));
}

}  // namespace
}  // namespace nightjar::attest
