// GET /attestation through App, without sockets: the nonce rules (400 with a reason, 409 on
// reuse), the document's shape, and its verification by the client library. The collector is
// NoneCollector (no TEE), whose documents the client accepts only when its policy lists `none`.
#include "server/attestation.h"

#include <gtest/gtest.h>

#include <future>
#include <nlohmann/json.hpp>

#include "attest/attestation_document.h"
#include "attest/document_verifier.h"
#include "attest/none_collector.h"
#include "base/hex.h"
#include "server/app.h"

namespace nightjar::server {
namespace {

using namespace std::chrono_literals;

class AttestationTest : public ::testing::Test {
 protected:
  AttestationTest()
      : jobs_({1, 0, std::chrono::seconds(60)}),
        fetches_({1, 0, std::chrono::seconds(0)}),
        logger_(LogLevel::kError, [](std::string_view) {}) {
    attest::WorkloadMeasurement workload;
    workload.executable = sha256(std::vector<uint8_t>{1});
    workload.executable_path = "/bin/nightjar-server";
    Attestation::Options options;
    options.nonces.capacity = 4;
    Result<std::unique_ptr<Attestation>> a =
        Attestation::start(std::make_unique<attest::NoneCollector>(), workload, spki_, options);
    EXPECT_TRUE(a.is_ok());
    attestation_ = std::move(a).value();
    app_ = std::make_unique<App>(RouterConfig{false, true}, jobs_, fetches_, nullptr, prover_,
                                 metrics_, logger_, attestation_.get());
  }

  Response get(std::string target) {
    Request r;
    r.method = "GET";
    r.target = std::move(target);
    r.request_id = "t";
    auto promise = std::make_shared<std::promise<Response>>();
    std::future<Response> future = promise->get_future();
    app_->handle(std::move(r), [promise](Response res) { promise->set_value(std::move(res)); });
    EXPECT_EQ(future.wait_for(10s), std::future_status::ready);
    return future.get();
  }

  static std::string hex_nonce(uint8_t fill) { return to_hex(std::vector<uint8_t>(32, fill)); }

  Sha256Digest spki_ = sha256(std::vector<uint8_t>{0x5e});
  Metrics metrics_;
  Prover prover_{nullptr, 0};
  JobQueue jobs_;
  JobQueue fetches_;
  Logger logger_;
  std::unique_ptr<Attestation> attestation_;
  std::unique_ptr<App> app_;
};

TEST_F(AttestationTest, AnswersADocumentForTheNonceAndTheTlsKey) {
  Response r = get("/attestation?nonce=" + hex_nonce(0xab));
  ASSERT_EQ(r.status, 200u) << r.body;
  EXPECT_EQ(r.content_type, "application/json");
  bool no_store = false;
  for (const auto& [name, value] : r.headers)
    no_store |= name == "Cache-Control" && value == "no-store";
  EXPECT_TRUE(no_store);
  nlohmann::json j = nlohmann::json::parse(r.body);
  EXPECT_EQ(j["platform"], "none");
  EXPECT_EQ(j["nonce"], hex_nonce(0xab));
  EXPECT_EQ(j["tls_public_key_sha256"], to_hex(spki_));
  EXPECT_EQ(j["event_log"].size(), 1u);
  EXPECT_TRUE(j["event_log"][0]["pcr"].is_null());

  Result<attest::AttestationDocument> d = attest::parse_attestation_document(r.body);
  ASSERT_TRUE(d.is_ok());
  attest::Nonce nonce;
  nonce.fill(0xab);
  attest::VerifyContext context{.now = std::chrono::system_clock::now()};
  attest::Policy policy;
  attest::Expectations expect{nonce, spki_};
  EXPECT_FALSE(attest::verify_attestation_document(*d, {}, expect, policy, context).accepted());
  policy.allowed_platforms.insert(attest::Platform::kNone);
  attest::Verdict v = attest::verify_attestation_document(*d, {}, expect, policy, context);
  EXPECT_TRUE(v.accepted()) << attest::verdict_json(v);
}

TEST_F(AttestationTest, AReusedNonceIs409) {
  EXPECT_EQ(get("/attestation?nonce=" + hex_nonce(1)).status, 200u);
  Response again = get("/attestation?nonce=" + hex_nonce(1));
  EXPECT_EQ(again.status, 409u);
  EXPECT_EQ(again.error, Error::kNonceReused);
  EXPECT_NE(again.body.find("already used"), std::string::npos);
}

TEST_F(AttestationTest, MemoryIsBoundedByForgettingTheOldest) {
  for (uint8_t i = 10; i < 15; ++i)
    EXPECT_EQ(get("/attestation?nonce=" + hex_nonce(i)).status, 200u);
  // Capacity 4: the first of the five was forgotten, the last four are still refused.
  EXPECT_EQ(get("/attestation?nonce=" + hex_nonce(10)).status, 200u);
  EXPECT_EQ(get("/attestation?nonce=" + hex_nonce(14)).status, 409u);
}

TEST_F(AttestationTest, BadNoncesAre400WithTheReason) {
  struct Case {
    std::string target;
    std::string reason;
  };
  for (const Case& c :
       {Case{"/attestation", "missing"}, Case{"/attestation?nonce=abc", "64 hex digits"},
        Case{"/attestation?nonce=" + std::string(64, 'g'), "nonce"},
        Case{"/attestation?nonce=" + hex_nonce(2) + "&nonce=" + hex_nonce(3), "more than once"}}) {
    Response r = get(c.target);
    EXPECT_EQ(r.status, 400u) << c.target;
    EXPECT_NE(r.body.find(c.reason), std::string::npos) << r.body;
  }
  // Other parameters are ignored; the nonce is found among them.
  EXPECT_EQ(get("/attestation?x=1&nonce=" + hex_nonce(4) + "&y").status, 200u);
}

TEST(NonceParameter, FindsTheValue) {
  EXPECT_EQ(*nonce_parameter("/attestation?nonce=ab#frag"), "ab");
  EXPECT_FALSE(nonce_parameter("/attestation?nonces=ab").is_ok());
  EXPECT_FALSE(nonce_parameter("/attestation?").is_ok());
}

}  // namespace
}  // namespace nightjar::server
