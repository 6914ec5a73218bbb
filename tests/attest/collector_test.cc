// The server's evidence collectors against software devices (soft_devices.h), each checked by
// the client verifier end to end: what a collector produces for a nonce and TLS key must be
// accepted for exactly that nonce and key.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <nlohmann/json.hpp>

#include "attest/attestation_document.h"
#include "attest/azure_collector.h"
#include "attest/document_verifier.h"
#include "attest/gcp_collector.h"
#include "attest/nitro_collector.h"
#include "attest/none_collector.h"
#include "attest/platform_detect.h"
#include "attest/snp_collector.h"
#include "attest/thim.h"
#include "attest/tpm_collector.h"
#include "attest/tpm_evidence.h"
#include "attest/tpm_quoter.h"
#include "attest/tpm_verifier.h"
#include "attest/tsm_report.h"
#include "base/hex.h"
#include "tests/attest/attest_vectors.h"
#include "tests/attest/azure_forge.h"
#include "tests/attest/snp_forge.h"
#include "tests/attest/soft_devices.h"

namespace nightjar::attest {
namespace {

using testing::check_failed;
using testing::check_ok;

WorkloadMeasurement workload() {
  WorkloadMeasurement m;
  m.executable = sha256(std::vector<uint8_t>{1, 2, 3});
  m.executable_path = "/usr/bin/nightjar-server";
  m.manifest = sha256(std::vector<uint8_t>{4, 5, 6});
  m.manifest_path = "/etc/nightjar/image-manifest.json";
  return m;
}

// Collects for one nonce and TLS key, as the server does, and returns the document.
AttestationDocument collect(EvidenceCollector& c, const Nonce& nonce, const Sha256Digest& spki,
                            const std::vector<WorkloadEvent>& events) {
  Result<CollectedEvidence> e = c.collect(binding_digest(nonce, spki), nonce);
  EXPECT_TRUE(e.is_ok()) << e.status().message();
  AttestationDocument d;
  d.platform = c.platform();
  d.nonce = nonce;
  d.tls_public_key_sha256 = spki;
  d.timestamp = std::chrono::system_clock::now();
  if (e.is_ok()) {
    d.debug = e->debug;
    d.measurements = e->measurements;
    d.evidence = e->evidence;
    d.certificates = e->certificates;
  }
  d.event_log = events;
  // What the client receives is the JSON text.
  Result<AttestationDocument> parsed = parse_attestation_document(attestation_document_json(d));
  EXPECT_TRUE(parsed.is_ok()) << parsed.status().message();
  return parsed.is_ok() ? *parsed : d;
}

Verdict verify(const AttestationDocument& d, const Nonce& nonce, const Sha256Digest& spki,
               const Policy& policy, const TrustAnchors& anchors = TrustAnchors::production()) {
  VerifyContext context{.now = std::chrono::system_clock::now(), .binding = {}, .anchors = anchors};
  return verify_attestation_document(d, {}, Expectations{nonce, spki}, policy, context);
}

Policy dev_tpm_policy() {
  Policy p;
  p.allowed_platforms.insert(Platform::kTpm);
  p.allow_unpinned_ak = true;
  return p;
}

class TpmCollectorTest : public ::testing::Test {
 protected:
  void SetUp() override {
    Result<std::unique_ptr<TpmCollector>> c = TpmCollector::open(tpm_);
    ASSERT_TRUE(c.is_ok()) << c.status().message();
    collector_ = std::move(c).value();
    Result<std::vector<WorkloadEvent>> events = collector_->measure_workload(workload());
    ASSERT_TRUE(events.is_ok());
    events_ = *events;
  }

  testing::SoftTpm tpm_;
  std::unique_ptr<TpmCollector> collector_;
  std::vector<WorkloadEvent> events_;
  Nonce nonce_{0x11, 0x22};
  Sha256Digest spki_ = sha256(std::vector<uint8_t>{0x42});
};

TEST_F(TpmCollectorTest, QuotesTheMipPcrsWithTheBindingAndIsAccepted) {
  AttestationDocument d = collect(*collector_, nonce_, spki_, events_);
  Result<TpmEvidence> e = parse_tpm_evidence(d.evidence);
  ASSERT_TRUE(e.is_ok());
  EXPECT_EQ(e->pcrs.size(), 4u);
  EXPECT_TRUE(e->pcrs.count(0) && e->pcrs.count(4) && e->pcrs.count(9) && e->pcrs.count(13));
  EXPECT_EQ(events_.size(), 2u);
  EXPECT_EQ(events_[0].pcr, kDefaultWorkloadPcr);

  Verdict v = verify(d, nonce_, spki_, dev_tpm_policy());
  EXPECT_TRUE(v.accepted()) << verdict_json(v);
  EXPECT_TRUE(check_ok(v, "event_log"));
  EXPECT_EQ(v.measurement("EXECUTABLE"), to_hex(workload().executable));
  EXPECT_EQ(v.measurement("IMAGE_MANIFEST"), to_hex(*workload().manifest));
}

TEST_F(TpmCollectorTest, RefusedWithoutAnUnpinnedAkLeaveOrForAnotherRequest) {
  AttestationDocument d = collect(*collector_, nonce_, spki_, events_);
  Policy strict = dev_tpm_policy();
  strict.allow_unpinned_ak = false;
  EXPECT_TRUE(check_failed(verify(d, nonce_, spki_, strict), "ak_trust"));
  Policy defaults;
  defaults.allow_unpinned_ak = true;
  EXPECT_TRUE(check_failed(verify(d, nonce_, spki_, defaults), "platform"));

  Nonce other{0x33};
  Verdict wrong_nonce = verify(d, other, spki_, dev_tpm_policy());
  EXPECT_TRUE(check_failed(wrong_nonce, "nonce"));
  EXPECT_TRUE(check_failed(wrong_nonce, "binding"));
  Verdict wrong_key = verify(d, nonce_, sha256(std::vector<uint8_t>{0x43}), dev_tpm_policy());
  EXPECT_TRUE(check_failed(wrong_key, "tls_key"));
  EXPECT_TRUE(check_failed(wrong_key, "binding"));
}

TEST_F(TpmCollectorTest, PinnedAkIsAcceptedAndAnotherIsNot) {
  AttestationDocument d = collect(*collector_, nonce_, spki_, events_);
  Result<TpmEvidence> e = parse_tpm_evidence(d.evidence);
  ASSERT_TRUE(e.is_ok());
  Result<TpmPublic> ak = parse_tpmt_public(e->ak_public);
  ASSERT_TRUE(ak.is_ok());
  Policy pinned = dev_tpm_policy();
  pinned.allow_unpinned_ak = false;
  pinned.pinned_attestation_keys.insert(spki_sha256(*tpm_public_key(*ak)));
  EXPECT_TRUE(verify(d, nonce_, spki_, pinned).accepted());

  testing::SoftTpm other_tpm;
  Result<std::unique_ptr<TpmCollector>> other = TpmCollector::open(other_tpm);
  ASSERT_TRUE(other.is_ok());
  ASSERT_TRUE((*other)->measure_workload(workload()).is_ok());
  AttestationDocument from_other = collect(**other, nonce_, spki_, events_);
  Verdict v = verify(from_other, nonce_, spki_, pinned);
  EXPECT_TRUE(check_failed(v, "ak_trust")) << verdict_json(v);
  EXPECT_TRUE(check_ok(v, "quote.signature"));
}

TEST_F(TpmCollectorTest, QuotesAgainWhenAPcrChangesUnderneath) {
  int changes = 1;
  tpm_.after_quote = [&changes](testing::SoftTpm& t) {
    if (changes-- > 0) t.extend(9, std::vector<uint8_t>(32, 0x99));
  };
  AttestationDocument d = collect(*collector_, nonce_, spki_, events_);
  EXPECT_EQ(tpm_.quotes, 2);
  EXPECT_TRUE(verify(d, nonce_, spki_, dev_tpm_policy()).accepted());

  tpm_.after_quote = [](testing::SoftTpm& t) { t.extend(4, std::vector<uint8_t>(32, 1)); };
  Result<CollectedEvidence> never = collector_->collect(binding_digest(nonce_, spki_), nonce_);
  EXPECT_FALSE(never.is_ok());
}

TEST_F(TpmCollectorTest, AnEventLogThatDoesNotReplayIsRefused) {
  tpm_.extend(13, std::vector<uint8_t>(32, 0x77));  // someone else extended the workload PCR
  AttestationDocument d = collect(*collector_, nonce_, spki_, events_);
  Verdict v = verify(d, nonce_, spki_, dev_tpm_policy());
  EXPECT_TRUE(check_failed(v, "event_log")) << verdict_json(v);
  EXPECT_TRUE(v.measurement("EXECUTABLE").empty());
}

TEST_F(TpmCollectorTest, ExpectedExecutableIsEnforced) {
  AttestationDocument d = collect(*collector_, nonce_, spki_, events_);
  Policy p = dev_tpm_policy();
  p.expected_measurements["EXECUTABLE"] = std::vector<uint8_t>(32, 0xee);
  EXPECT_TRUE(check_failed(verify(d, nonce_, spki_, p), "measurement EXECUTABLE"));
  const Sha256Digest executable = workload().executable;
  p.expected_measurements["EXECUTABLE"].assign(executable.begin(), executable.end());
  EXPECT_TRUE(verify(d, nonce_, spki_, p).accepted());
}

TEST(TpmQuoter, WorkloadPcrMustBeQuoted) {
  testing::SoftTpm tpm;
  std::vector<AkSource> sources = default_ak_sources();
  EXPECT_FALSE(TpmQuoter::open(tpm, sources, {0, 4, 9}, 13).is_ok());
  EXPECT_FALSE(TpmQuoter::open(tpm, sources, mip_pcrs(24), 24).is_ok());
  EXPECT_EQ(mip_pcrs(9), (std::vector<uint32_t>{0, 4, 9}));
}

// A GCE-like vTPM: the AK template and its certificate in NV, the certificate issued by a test
// "EK/AK CA" the verifier pins.
TEST(GceAk, CertifiedAkIsTrustedThroughItsChain) {
  using std::chrono::hours;
  TimePoint now = std::chrono::system_clock::now();
  testing::SoftTpm tpm;
  TpmPublic tmpl = default_ecc_ak_template();
  tpm.nv[kGceAkTemplateEccNv] = marshal_tpmt_public(tmpl);
  Result<std::vector<uint8_t>> ak_area = tpm.create_endorsement_ak(tpm.nv[kGceAkTemplateEccNv]);
  ASSERT_TRUE(ak_area.is_ok());

  testing::KeyPair root_key = testing::generate_ec_key(Curve::kP384);
  Certificate root =
      testing::make_certificate({"test EK/AK CA Root", now - hours(1), now + hours(1), true, {}},
                                root_key, nullptr, root_key);
  testing::KeyPair intermediate_key = testing::generate_ec_key(Curve::kP384);
  Certificate intermediate = testing::make_certificate(
      {"test EK/AK CA Intermediate", now - hours(1), now + hours(1), true, {}}, intermediate_key,
      &root, root_key);
  Result<PublicKey> ak = tpm_public_key(*parse_tpmt_public(*ak_area));
  ASSERT_TRUE(ak.is_ok());
  // make_certificate wants the subject's key pair; only its public half goes into the
  // certificate, so the AK's public key stands in.
  Certificate ak_cert = testing::make_certificate(
      {"test AK", now - hours(1), now + hours(1), false, {}}, *ak, &intermediate, intermediate_key);
  std::vector<uint8_t> padded = ak_cert.der();
  padded.resize(padded.size() + 100, 0);  // NV indices are larger than the certificate
  tpm.nv[kGceAkCertEccNv] = padded;

  std::vector<AkSource> sources = gce_ak_sources();
  Result<std::unique_ptr<TpmQuoter>> quoter = TpmQuoter::open(tpm, sources, mip_pcrs(13), 13);
  ASSERT_TRUE(quoter.is_ok());
  ASSERT_EQ((*quoter)->certificates().size(), 1u);
  Nonce nonce{7};
  Sha256Digest spki = sha256(std::vector<uint8_t>{8});
  Result<TpmEvidence> e = (*quoter)->quote(binding_digest(nonce, spki));
  ASSERT_TRUE(e.is_ok());

  TrustAnchors anchors;
  anchors.tpm_ak_roots = {root.sha256()};
  Policy policy;
  policy.allowed_platforms.insert(Platform::kTpm);
  Result<std::vector<Certificate>> from_nv = certificates_from_pem((*quoter)->certificates()[0]);
  ASSERT_TRUE(from_nv.is_ok());
  std::vector<Certificate> certs = {from_nv->front(), intermediate, root};
  VerifyContext context{.now = now, .binding = binding_digest(nonce, spki), .anchors = anchors};
  Verdict v = verify_tpm_evidence(*e, certs, policy, context);
  EXPECT_TRUE(v.accepted()) << verdict_json(v);
  EXPECT_NE(testing::reason(v, "ak_trust").find("chains to a pinned AK root"), std::string::npos);

  // The same chain without its root pinned proves nothing.
  context.anchors = TrustAnchors::production();
  EXPECT_TRUE(check_failed(verify_tpm_evidence(*e, certs, policy, context), "ak_trust"));
}

TEST(GceAk, FallsBackToTheDefaultTemplate) {
  testing::SoftTpm tpm;
  std::vector<AkSource> sources = gce_ak_sources();
  Result<std::unique_ptr<TpmQuoter>> quoter = TpmQuoter::open(tpm, sources, mip_pcrs(13), 13);
  ASSERT_TRUE(quoter.is_ok());
  EXPECT_TRUE((*quoter)->certificates().empty());
  EXPECT_EQ((*quoter)->ak_description(), "ECC AK from the default template");
}

class SnpPlatforms : public ::testing::Test {
 protected:
  static constexpr SnpTcb kTcb{.fmc = 0, .bootloader = 3, .tee = 0, .snp = 8, .microcode = 0x48};

  // RSA key generation dominates these tests (and is slower still under qemu): one PKI for all.
  static void SetUpTestSuite() {
    shared_pki_ = new testing::SnpTestPki(testing::make_snp_pki(std::chrono::system_clock::now(),
                                                                AmdProduct::kMilan, kTcb,
                                                                std::vector<uint8_t>(64, 0x42)));
  }
  static void TearDownTestSuite() {
    delete shared_pki_;
    shared_pki_ = nullptr;
  }

  SnpPlatforms() : now_(std::chrono::system_clock::now()), pki_(*shared_pki_) {
    anchors_.amd_arks = {{AmdProduct::kMilan, pki_.ark.sha256()}};
    tsm_.make_report = [this](const std::array<uint8_t, 64>& inblob) {
      std::vector<uint8_t> r = testing::snp_report_template(
          testing::encode_snp_tcb(kTcb, AmdProduct::kMilan), std::vector<uint8_t>(64, 0x42));
      std::copy(inblob.begin(), inblob.end(), r.begin() + 0x50);
      if (debug_) r[0x08 + 2] |= 0x08;  // POLICY bit 19
      testing::sign_snp_report(&r, pki_.vcek_key);
      return r;
    };
    tsm_.auxblob = testing::snp_certificate_table(pki_.chain());
  }

  // An Azure vTPM: its HCL report holds an SNP report signed by pki_'s VCEK over runtime data
  // naming the persistent AK.
  std::unique_ptr<testing::SoftTpm> azure_tpm() const {
    auto tpm = std::make_unique<testing::SoftTpm>();
    testing::KeyPair ak = testing::generate_rsa_key(2048);
    std::string runtime = testing::hcl_runtime_json(ak, true);
    std::vector<uint8_t> snp = testing::snp_report_template(
        testing::encode_snp_tcb(kTcb, AmdProduct::kMilan), std::vector<uint8_t>(64, 0x42));
    Sha256Digest runtime_hash =
        sha256(std::span(reinterpret_cast<const uint8_t*>(runtime.data()), runtime.size()));
    std::copy(runtime_hash.begin(), runtime_hash.end(), snp.begin() + 0x50);
    testing::sign_snp_report(&snp, pki_.vcek_key);
    tpm->nv[kAzureHclReportNv] = testing::hcl_report(snp, runtime);
    tpm->add_persistent_ak(kAzureAkHandle, std::move(ak));
    return tpm;
  }

  static inline testing::SnpTestPki* shared_pki_ = nullptr;
  TimePoint now_;
  const testing::SnpTestPki& pki_;
  TrustAnchors anchors_;
  testing::FakeTsm tsm_;
  bool debug_ = false;
  Nonce nonce_{0x5a};
  Sha256Digest spki_ = sha256(std::vector<uint8_t>{0x77});
};

TEST_F(SnpPlatforms, BareSnpReportIsBoundAndAccepted) {
  TsmReporter reporter(tsm_, "/tsm");
  SnpCollector collector(reporter);
  Result<std::vector<WorkloadEvent>> events = collector.measure_workload(workload());
  ASSERT_TRUE(events.is_ok());
  EXPECT_FALSE((*events)[0].pcr.has_value());
  AttestationDocument d = collect(collector, nonce_, spki_, *events);
  EXPECT_EQ(d.certificates.size(), 3u);
  EXPECT_EQ(d.debug, DebugState::kOff);
  EXPECT_TRUE(tsm_.live_dirs.empty()) << "every configfs entry is removed";
  Verdict v = verify(d, nonce_, spki_, Policy{}, anchors_);
  EXPECT_TRUE(v.accepted()) << verdict_json(v);
  EXPECT_TRUE(check_failed(verify(d, Nonce{1}, spki_, Policy{}, anchors_), "binding"));
}

TEST_F(SnpPlatforms, DebugGuestIsRefused) {
  debug_ = true;
  TsmReporter reporter(tsm_, "/tsm");
  SnpCollector collector(reporter);
  AttestationDocument d = collect(collector, nonce_, spki_, {});
  EXPECT_EQ(d.debug, DebugState::kOn);
  EXPECT_TRUE(check_failed(verify(d, nonce_, spki_, Policy{}, anchors_), "debug"));
}

TEST_F(SnpPlatforms, ConcurrentWriterMakesItAskAgain) {
  tsm_.interfere = 1;
  TsmReporter reporter(tsm_, "/tsm");
  SnpCollector collector(reporter);
  AttestationDocument d = collect(collector, nonce_, spki_, {});
  EXPECT_EQ(tsm_.made, 2);
  EXPECT_TRUE(verify(d, nonce_, spki_, Policy{}, anchors_).accepted());
  tsm_.interfere = 10;
  EXPECT_FALSE(collector.collect(binding_digest(nonce_, spki_), nonce_).is_ok());
}

TEST_F(SnpPlatforms, TdxProviderIsNotTakenForSnp) {
  tsm_.provider = "tdx_guest";
  TsmReporter reporter(tsm_, "/tsm");
  SnpCollector collector(reporter);
  EXPECT_FALSE(collector.collect(binding_digest(nonce_, spki_), nonce_).is_ok());
}

TEST_F(SnpPlatforms, GcpBindsTheSameRequestIntoTheSnpReportAndTheQuote) {
  testing::SoftTpm tpm;
  TsmReporter reporter(tsm_, "/tsm");
  Result<std::unique_ptr<GcpCollector>> c = GcpCollector::open(tpm, reporter);
  ASSERT_TRUE(c.is_ok()) << c.status().message();
  Result<std::vector<WorkloadEvent>> events = (*c)->measure_workload(workload());
  ASSERT_TRUE(events.is_ok());
  AttestationDocument d = collect(**c, nonce_, spki_, *events);
  EXPECT_EQ(d.platform, Platform::kGcp);
  Policy policy;
  policy.allow_unpinned_ak = true;  // the soft vTPM has no Google certificate
  Verdict v = verify(d, nonce_, spki_, policy, anchors_);
  EXPECT_TRUE(v.accepted()) << verdict_json(v);
  EXPECT_TRUE(check_ok(v, "snp.binding"));
  EXPECT_TRUE(check_ok(v, "event_log"));
  EXPECT_EQ(v.debug, DebugState::kOff);

  // An SNP report made for another request, paired with this quote, is refused.
  Result<TpmEvidence> e = parse_tpm_evidence(d.evidence);
  ASSERT_TRUE(e.is_ok());
  Result<TsmReport> other = reporter.report(std::array<uint8_t, 64>{9}, 0);
  ASSERT_TRUE(other.is_ok());
  e->snp_report = other->outblob;
  d.evidence = encode_tpm_evidence(*e);
  Verdict mixed = verify(d, nonce_, spki_, policy, anchors_);
  EXPECT_TRUE(check_failed(mixed, "snp.binding")) << verdict_json(mixed);
  EXPECT_TRUE(check_ok(mixed, "binding"));
}

TEST_F(SnpPlatforms, AzureQuotesAllPcrsWithTheAkTheHclReportNames) {
  std::unique_ptr<testing::SoftTpm> tpm = azure_tpm();
  testing::FakeMetadata imds;
  imds.answer = testing::thim_json(pki_.chain(), testing::encode_snp_tcb(kTcb, AmdProduct::kMilan));
  Result<std::unique_ptr<AzureCollector>> c = AzureCollector::open(*tpm, imds);
  ASSERT_TRUE(c.is_ok()) << c.status().message();
  EXPECT_TRUE((*c)->startup_warnings().empty());
  Result<std::vector<WorkloadEvent>> events = (*c)->measure_workload(workload());
  ASSERT_TRUE(events.is_ok());
  AttestationDocument d = collect(**c, nonce_, spki_, *events);
  Result<TpmEvidence> e = parse_tpm_evidence(d.evidence);
  ASSERT_TRUE(e.is_ok());
  EXPECT_EQ(e->pcrs.size(), 24u);
  EXPECT_TRUE(e->hcl_report.has_value());

  // The VCEK chain came from THIM with the collector: the client needs no --certs.
  EXPECT_EQ(d.certificates.size(), 3u);
  Verdict v = verify(d, nonce_, spki_, Policy{}, anchors_);
  EXPECT_TRUE(v.accepted()) << verdict_json(v);
  EXPECT_TRUE(check_ok(v, "snp.chain"));
  EXPECT_TRUE(check_ok(v, "snp.signature"));
  EXPECT_TRUE(check_ok(v, "event_log"));

  collect(**c, Nonce{0x5b}, spki_, *events);
  EXPECT_EQ(imds.paths, std::vector<std::string>{std::string(kThimCertificationPath)})
      << "fetched once, at start-up";
}

TEST_F(SnpPlatforms, AzureStartsWithoutAVcekWhenThimFails) {
  const std::string good =
      testing::thim_json(pki_.chain(), testing::encode_snp_tcb(kTcb, AmdProduct::kMilan));
  nlohmann::json bad_pem = nlohmann::json::parse(good);
  bad_pem["vcekCert"] = "-----BEGIN CERTIFICATE-----\nnot base64\n-----END CERTIFICATE-----\n";
  struct Case {
    const char* name;
    Result<std::string> answer;
    const char* reason;
  };
  const Case cases[] = {
      {"timeout",
       Status(StatusCode::kInternal,
              "GET http://169.254.169.254:80/metadata/THIM/amd/certification: receive timed out "
              "after 2000 ms"),
       "timed out after 2000 ms"},
      {"malformed JSON", std::string("{\"vcekCert\": "), "not a JSON object"},
      {"bad PEM", bad_pem.dump(), "\"vcekCert\": PEM: bad certificate"},
      {"oversize", good + std::string(kMaxThimResponseBytes, ' '), "longer than"},
      {"chain out of order", testing::thim_json({pki_.vcek, pki_.ark, pki_.ask}, std::nullopt),
       "VCEK <- ASK <- ARK does not verify"},
  };
  for (const Case& test : cases) {
    SCOPED_TRACE(test.name);
    std::unique_ptr<testing::SoftTpm> tpm = azure_tpm();
    testing::FakeMetadata imds;
    imds.answer = test.answer;
    Result<std::unique_ptr<AzureCollector>> c = AzureCollector::open(*tpm, imds);
    ASSERT_TRUE(c.is_ok()) << c.status().message();
    const std::vector<std::string> warnings = (*c)->startup_warnings();
    ASSERT_EQ(warnings.size(), 1u);
    EXPECT_TRUE(warnings[0].starts_with(
        "Azure: documents carry no VCEK chain, clients need --certs: THIM: "))
        << warnings[0];
    EXPECT_NE(warnings[0].find(test.reason), std::string::npos) << warnings[0];

    AttestationDocument d = collect(**c, nonce_, spki_, {});
    EXPECT_TRUE(d.certificates.empty());
    Verdict without_chain = verify(d, nonce_, spki_, Policy{}, anchors_);
    EXPECT_TRUE(check_failed(without_chain, "snp.signature"));
    EXPECT_EQ(testing::reason(without_chain, "snp.signature"), "not verified: no VCEK");
    // As before THIM: the chain the client brings (--certs) completes the evidence.
    VerifyContext context{.now = now_, .binding = {}, .anchors = anchors_};
    std::vector<Certificate> chain = pki_.chain();
    Verdict with_chain =
        verify_attestation_document(d, chain, Expectations{nonce_, spki_}, Policy{}, context);
    EXPECT_TRUE(with_chain.accepted()) << verdict_json(with_chain);
  }
}

TEST_F(SnpPlatforms, AzureKeepsAChainWhoseTcbmIsNotTheReportsButSaysSo) {
  std::unique_ptr<testing::SoftTpm> tpm = azure_tpm();
  testing::FakeMetadata imds;
  const uint64_t tcb = testing::encode_snp_tcb(kTcb, AmdProduct::kMilan);
  imds.answer = testing::thim_json(pki_.chain(), tcb + 1);
  Result<std::unique_ptr<AzureCollector>> c = AzureCollector::open(*tpm, imds);
  ASSERT_TRUE(c.is_ok()) << c.status().message();
  const std::vector<std::string> warnings = (*c)->startup_warnings();
  ASSERT_EQ(warnings.size(), 1u);
  EXPECT_NE(warnings[0].find("REPORTED_TCB is " + hex_u64(tcb)), std::string::npos) << warnings[0];
  // tcbm is THIM's word only; the VCEK's own extensions are what the client compares.
  AttestationDocument d = collect(**c, nonce_, spki_, {});
  EXPECT_EQ(d.certificates.size(), 3u);
  EXPECT_TRUE(verify(d, nonce_, spki_, Policy{}, anchors_).accepted());
}

TEST_F(SnpPlatforms, AzureChainThatExpiredBeforeStartUpIsLeftOut) {
  std::unique_ptr<testing::SoftTpm> tpm = azure_tpm();
  testing::FakeMetadata imds;
  imds.answer = testing::thim_json(pki_.chain(), std::nullopt);
  Result<std::unique_ptr<AzureCollector>> c =
      AzureCollector::open(*tpm, imds, kDefaultWorkloadPcr, now_ + std::chrono::hours(24 * 3650));
  ASSERT_TRUE(c.is_ok()) << c.status().message();
  ASSERT_EQ((*c)->startup_warnings().size(), 1u);
  EXPECT_NE((*c)->startup_warnings()[0].find("expired"), std::string::npos)
      << (*c)->startup_warnings()[0];
}

TEST(AzureCollectorOpen, NeedsTheHclReport) {
  testing::SoftTpm tpm;
  tpm.add_persistent_ak(kAzureAkHandle, testing::generate_ec_key(Curve::kP256));
  testing::FakeMetadata imds;
  EXPECT_FALSE(AzureCollector::open(tpm, imds).is_ok());
  EXPECT_TRUE(imds.paths.empty()) << "not an Azure CVM: nothing to ask the metadata service";
}

// Azure's own VCEK chain (vectors azure/certs.pem), served by THIM, reaches the client's pinned
// Milan ARK with no --certs. It belongs to another chip than the recorded HCL report (the
// vectors' README), which the client must notice; no test can sign as that VCEK.
TEST(AzureCollectorThim, CarriesARealAzureVcekChainToThePinnedArk) {
  NIGHTJAR_REQUIRE_VECTOR(testing::vector_path("azure/hcl-report-snp.bin"));
  NIGHTJAR_REQUIRE_VECTOR(testing::vector_path("azure/certs.pem"));
  const std::vector<uint8_t> pem = testing::read_bytes(testing::vector_path("azure/certs.pem"));
  Result<std::vector<Certificate>> certs = certificates_from_pem(
      std::string_view(reinterpret_cast<const char*>(pem.data()), pem.size()));
  ASSERT_TRUE(certs.is_ok() && certs->size() == 3);
  testing::SoftTpm tpm;
  tpm.nv[kAzureHclReportNv] = testing::read_bytes(testing::vector_path("azure/hcl-report-snp.bin"));
  tpm.add_persistent_ak(kAzureAkHandle, testing::generate_rsa_key(2048));
  testing::FakeMetadata imds;
  // The recorded report's REPORTED_TCB, which this VCEK endorses.
  imds.answer = testing::thim_json(*certs, 0x7308000000000003);
  const TimePoint at = testing::utc("2025-01-01T00:00:00Z");
  Result<std::unique_ptr<AzureCollector>> c =
      AzureCollector::open(tpm, imds, kDefaultWorkloadPcr, at);
  ASSERT_TRUE(c.is_ok()) << c.status().message();
  EXPECT_TRUE((*c)->startup_warnings().empty()) << (*c)->startup_warnings()[0];

  Nonce nonce{0x31};
  Sha256Digest spki = sha256(std::vector<uint8_t>{0x32});
  AttestationDocument d = collect(**c, nonce, spki, {});
  ASSERT_EQ(d.certificates.size(), 3u);
  for (size_t i = 0; i < 3; ++i) {
    Result<std::vector<Certificate>> carried = certificates_from_pem(d.certificates[i]);
    ASSERT_TRUE(carried.is_ok() && carried->size() == 1);
    EXPECT_EQ((*carried)[0].sha256(), (*certs)[i].sha256()) << i;
  }
  VerifyContext context{.now = at, .binding = {}, .anchors = TrustAnchors::production()};
  Verdict v = verify_attestation_document(d, {}, Expectations{nonce, spki}, Policy{}, context);
  EXPECT_TRUE(check_ok(v, "snp.root")) << verdict_json(v);
  EXPECT_NE(std::find(v.claims.begin(), v.claims.end(),
                      std::pair<std::string, std::string>("snp.product", "Milan")),
            v.claims.end());
  EXPECT_TRUE(check_ok(v, "snp.chain"));
  EXPECT_TRUE(check_ok(v, "snp.tcb"));
  EXPECT_TRUE(check_failed(v, "snp.chip_id"));
  EXPECT_FALSE(v.accepted());
}

TEST(NitroCollectorTest, DocumentCarriesTheBindingAndTheWorkloadPcr) {
  TimePoint now = std::chrono::system_clock::now();
  testing::FakeNsm nsm(now);
  NitroCollector collector(nsm);
  Result<std::vector<WorkloadEvent>> events = collector.measure_workload(workload());
  ASSERT_TRUE(events.is_ok());
  EXPECT_EQ((*events)[0].pcr, kNitroWorkloadPcr);
  Nonce nonce{0xc0};
  Sha256Digest spki = sha256(std::vector<uint8_t>{0xc1});
  AttestationDocument d = collect(collector, nonce, spki, *events);
  EXPECT_EQ(d.debug, DebugState::kOff);
  TrustAnchors anchors = TrustAnchors::production();
  anchors.aws_nitro_root = nsm.pki.root.sha256();
  Verdict v = verify(d, nonce, spki, Policy{}, anchors);
  EXPECT_TRUE(v.accepted()) << verdict_json(v);
  EXPECT_TRUE(check_ok(v, "event_log"));
  EXPECT_EQ(v.measurement("EXECUTABLE"), to_hex(workload().executable));

  nsm.image_byte = 0;  // a debug enclave
  AttestationDocument debug = collect(collector, nonce, spki, *events);
  EXPECT_EQ(debug.debug, DebugState::kOn);
  EXPECT_TRUE(check_failed(verify(debug, nonce, spki, Policy{}, anchors), "debug"));

  nsm.error = "InternalError";
  Result<CollectedEvidence> failed = collector.collect(binding_digest(nonce, spki), nonce);
  ASSERT_FALSE(failed.is_ok());
  EXPECT_NE(failed.status().message().find("InternalError"), std::string::npos);
}

TEST(NsmCodec, RequestsAreSerdeShaped) {
  std::vector<uint8_t> user = {1, 2};
  std::vector<uint8_t> request = nsm_attestation_request(user, std::nullopt, std::nullopt);
  // {"Attestation": {"user_data": h'0102', "nonce": null, "public_key": null}}
  EXPECT_EQ(to_hex(request),
            "a16b4174746573746174696f6ea369757365725f64617461420102656e6f6e6365f66a7075626c69635f6b"
            "6579f6");
  EXPECT_EQ(to_hex(nsm_extend_pcr_request(16, user)),
            "a169457874656e64504352a265696e646578106464617461420102");
  EXPECT_FALSE(parse_nsm_attestation_response(std::vector<uint8_t>{0xa0}).is_ok());
  EXPECT_FALSE(parse_nsm_extend_pcr_response(std::vector<uint8_t>{0x00}).is_ok());
}

TEST(NoneCollectorTest, SaysSoAndIsRefusedUnlessAllowed) {
  NoneCollector collector;
  Nonce nonce{1};
  Sha256Digest spki = sha256(std::vector<uint8_t>{2});
  Result<std::vector<WorkloadEvent>> events = collector.measure_workload(workload());
  ASSERT_TRUE(events.is_ok());
  AttestationDocument d = collect(collector, nonce, spki, *events);
  EXPECT_EQ(d.platform, Platform::kNone);
  EXPECT_TRUE(d.evidence.empty());
  Verdict refused = verify(d, nonce, spki, Policy{});
  EXPECT_TRUE(check_failed(refused, "platform"));
  Policy allow;
  allow.allowed_platforms.insert(Platform::kNone);
  Verdict accepted = verify(d, nonce, spki, allow);
  EXPECT_TRUE(accepted.accepted()) << verdict_json(accepted);
  EXPECT_TRUE(accepted.measurement("EXECUTABLE").empty()) << "unbound events prove nothing";
}

TEST(PlatformDetection, EveryRule) {
  EXPECT_EQ(detect_platform({}), Platform::kNone);
  EXPECT_EQ(detect_platform({.nsm_device = true, .tpm = true}), Platform::kNitro);
  EXPECT_EQ(detect_platform({.tpm = true, .dmi_sys_vendor = "Microsoft Corporation"}),
            Platform::kAzure);
  EXPECT_EQ(detect_platform({.snp_guest = true, .tpm = true, .dmi_sys_vendor = "Google"}),
            Platform::kGcp);
  EXPECT_EQ(detect_platform({.tpm = true, .dmi_sys_vendor = "Google"}), Platform::kTpm);
  EXPECT_EQ(detect_platform({.snp_guest = true}), Platform::kSevSnp);
  EXPECT_EQ(detect_platform({.tpm = true, .tcti_configured = true}), Platform::kTpm);
  // A laptop's own TPM is not extended unless asked for.
  EXPECT_EQ(detect_platform({.tpm = true, .dmi_sys_vendor = "LENOVO"}), Platform::kNone);
}

TEST(SnpCertificateTable, ParsesAndBoundsEntries) {
  // The table does not care what the certificates say: quick EC ones stand in for AMD's.
  testing::NitroTestPki pki = testing::make_nitro_pki(std::chrono::system_clock::now());
  std::vector<uint8_t> table = testing::snp_certificate_table({pki.leaf, pki.root, pki.root});
  Result<std::vector<Certificate>> certs = parse_snp_certificate_table(table);
  ASSERT_TRUE(certs.is_ok()) << certs.status().message();
  ASSERT_EQ(certs->size(), 3u);
  EXPECT_EQ((*certs)[0].der(), pki.leaf.der());
  EXPECT_EQ((*certs)[2].der(), pki.root.der());

  std::vector<uint8_t> outside = table;
  outside[16] = 0xff;
  outside[17] = 0xff;
  EXPECT_FALSE(parse_snp_certificate_table(outside).is_ok());
  EXPECT_FALSE(parse_snp_certificate_table(std::span(table).first(30)).is_ok());
}

}  // namespace
}  // namespace nightjar::attest
