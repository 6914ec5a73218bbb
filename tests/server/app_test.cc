// App without sockets: routing to the endpoints, /check against the official responses,
// admission (429), readiness, draining, CORS, request ids, metrics, and log redaction.
#include "server/app.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <condition_variable>
#include <filesystem>
#include <fstream>
#include <future>
#include <iterator>
#include <nlohmann/json.hpp>
#include <sstream>
#include <vector>

#include "base/hex.h"
#include "midnight/requests.h"
#include "midnight/tagged.h"
#include "tests/testing/vectors.h"
#include "zkir/fr_format.h"

namespace nightjar::server {
namespace {

namespace fs = std::filesystem;
using Json = nlohmann::json;
using namespace std::chrono_literals;

fs::path midnight_dir() { return testing::midnight_vectors_dir(); }

using testing::read_file;

std::string as_string(const std::vector<uint8_t>& v) { return std::string(v.begin(), v.end()); }

class AppTest : public ::testing::Test {
 protected:
  explicit AppTest(JobQueue::Options options = {2, 0, std::chrono::seconds(60)})
      : jobs_(options),
        fetches_({1, 0, std::chrono::seconds(0)}),
        logger_(LogLevel::kDebug,
                [this](std::string_view line) {
                  std::lock_guard<std::mutex> lock(log_mutex_);
                  log_ += line;
                }),
        app_(RouterConfig{true}, jobs_, fetches_, nullptr, prover_, metrics_, logger_) {}

  Response call(std::string method, std::string target, std::vector<uint8_t> body = {},
                std::string origin = {}) {
    Request r;
    r.method = std::move(method);
    r.target = std::move(target);
    r.request_id = "test-1";
    r.origin = std::move(origin);
    r.body = SecretBytes(std::move(body));
    auto promise = std::make_shared<std::promise<Response>>();
    std::future<Response> future = promise->get_future();
    app_.handle(std::move(r), [promise](Response res) { promise->set_value(std::move(res)); });
    EXPECT_EQ(future.wait_for(30s), std::future_status::ready);
    return future.get();
  }

  std::string log() {
    std::lock_guard<std::mutex> lock(log_mutex_);
    return log_;
  }

  // The shared SRS files, read in place: /prove's parameters without a download.
  params::Store srs_store_{
      params::StoreOptions{.dir = midnight_dir() / "srs", .allow_download = false}, nullptr};
  Prover prover_{&srs_store_, size_t{1} << 30};
  Metrics metrics_;
  JobQueue jobs_;
  JobQueue fetches_;
  std::mutex log_mutex_;
  std::string log_;
  Logger logger_;
  App app_;
};

TEST_F(AppTest, HealthReadyVersionProofVersions) {
  Response health = call("GET", "/health");
  EXPECT_EQ(health.status, 200u);
  EXPECT_EQ(health.content_type, "application/json");
  Json h = Json::parse(health.body);
  EXPECT_EQ(h["status"], "ok");
  EXPECT_TRUE(h["timestamp"].get<std::string>().ends_with(" +00:00:00"));
  EXPECT_TRUE(call("GET", "/").body.starts_with("{\"status\":\"ok\","));

  Response ready = call("GET", "/ready");
  EXPECT_EQ(ready.status, 200u);
  Json r = Json::parse(ready.body);
  EXPECT_EQ(r["status"], "ok");
  EXPECT_EQ(r["jobsProcessing"], 0);
  EXPECT_EQ(r["jobsPending"], 0);
  EXPECT_EQ(r["jobCapacity"], 0);
  // The official field order (serde follows the struct).
  EXPECT_LT(ready.body.find("jobsProcessing"), ready.body.find("jobsPending"));
  EXPECT_LT(ready.body.find("jobCapacity"), ready.body.find("timestamp"));

  EXPECT_EQ(call("GET", "/version").body, "8.1.0");
  EXPECT_EQ(call("GET", "/proof-versions").body, "[\"V2\"]");
}

// /prove and /k are jobs whose lines and metrics carry the circuit's k.
TEST_F(AppTest, ProveAndKAreJobsLabelledByK) {
  NIGHTJAR_REQUIRE_VECTOR(midnight_dir() / "cases" / "counter-increment");
  Response proof =
      call("POST", "/prove",
           read_file(midnight_dir() / "cases" / "counter-increment" / "prove-request.bin"));
  EXPECT_EQ(proof.status, 200u) << proof.body;
  EXPECT_TRUE(proof.body.starts_with("midnight:proof-versioned:\x01"));
  Response k =
      call("POST", "/k", read_file(midnight_dir() / "circuits" / "counter" / "increment.bzkir"));
  EXPECT_EQ(k.status, 200u);
  EXPECT_EQ(k.body, "5");
  Response bad = call("POST", "/k", {1, 2, 3});
  EXPECT_EQ(bad.status, 400u);
  EXPECT_TRUE(bad.body.starts_with("Unsupported ZKIR version: ")) << bad.body;

  const std::string text = call("GET", "/metrics").body;
  for (const char* endpoint : {"/prove", "/k"}) {
    EXPECT_NE(text.find("nightjar_circuit_job_seconds_count{endpoint=\"" + std::string(endpoint) +
                        "\",k=\"5\"} 1"),
              std::string::npos)
        << endpoint;
  }
  size_t lines_with_k = 0;
  std::istringstream lines(log());
  for (std::string line; std::getline(lines, line);) {
    const Json j = Json::parse(line);
    if (j.value("endpoint", "") == "/prove" || j.value("endpoint", "") == "/k") {
      EXPECT_EQ(j.contains("k"), j["status"] == 200) << line;
      lines_with_k += j.contains("k") && j["k"] == 5;
    }
  }
  EXPECT_EQ(lines_with_k, 2u);
}

TEST_F(AppTest, ProveTxIsGone) {
  Response gone = call("POST", "/prove-tx", {1});
  EXPECT_EQ(gone.status, 410u);
  EXPECT_NE(gone.body.find("/prove"), std::string::npos);
  EXPECT_EQ(call("GET", "/check").status, 404u);
}

TEST_F(AppTest, CheckAnswersEveryCaseLikeTheOfficialServer) {
  NIGHTJAR_REQUIRE_VECTOR(midnight_dir() / "cases");
  size_t cases = 0;
  for (const auto& entry : fs::directory_iterator(midnight_dir() / "cases")) {
    if (!entry.is_directory()) continue;
    SCOPED_TRACE(entry.path().filename().string());
    Response r = call("POST", "/check", read_file(entry.path() / "check-request.bin"));
    EXPECT_EQ(r.status, 200u) << r.body;
    EXPECT_EQ(r.body, as_string(read_file(entry.path() / "check-response.bin")));
    ++cases;
  }
  EXPECT_GE(cases, 15u);
}

TEST_F(AppTest, RejectedChecksKeep400AndSayWhy) {
  const fs::path dir = midnight_dir() / "negative";
  NIGHTJAR_REQUIRE_VECTOR(dir / "expected.json");
  std::ifstream in(dir / "expected.json");
  size_t checked = 0;
  for (const Json& e : Json::parse(in)) {
    if (!e.contains("http") || e["http"]["endpoint"] != "/check") continue;
    SCOPED_TRACE(e["name"].get<std::string>());
    Response r = call("POST", "/check", read_file(dir / e["http"]["request"].get<std::string>()));
    EXPECT_EQ(r.status, e["http"]["expected_status"].get<unsigned>());
    EXPECT_EQ(r.body, "bad input: " + e["expected_check_error"].get<std::string>());
    ++checked;
  }
  EXPECT_EQ(checked, 4u);
  for (const char* name : {"check-request-trailing-byte.bin", "check-request-wrong-tag.bin",
                           "check-request-bad-option.bin"}) {
    Response r = call("POST", "/check", read_file(dir / name));
    EXPECT_EQ(r.status, 400u) << name;
    EXPECT_EQ(r.error, Error::kDecode) << name;
    EXPECT_FALSE(r.body.empty()) << name;
  }
  EXPECT_EQ(call("POST", "/check", {}).status, 400u);
}

TEST_F(AppTest, CheckWithoutIrNeedsABuiltInKey) {
  // The wallet-sdk exchange sends no IR; "increment" is not built in.
  const fs::path request = midnight_dir() / "http-dump" / "001-check.request.bin";
  NIGHTJAR_REQUIRE_VECTOR(request);
  Response r = call("POST", "/check", read_file(request));
  EXPECT_EQ(r.status, 400u);
  EXPECT_EQ(r.body, "bad input: couldn't find built-in key increment");
}

TEST_F(AppTest, CorsAndRequestIds) {
  Response r = call("GET", "/health", {}, "https://dapp.example");
  auto header = [&](std::string_view name) -> std::string {
    for (const auto& [k, v] : r.headers) {
      if (k == name) return v;
    }
    return "<absent>";
  };
  EXPECT_EQ(header("Access-Control-Allow-Origin"), "https://dapp.example");
  EXPECT_EQ(header("Access-Control-Allow-Credentials"), "true");
  EXPECT_EQ(header("X-Request-Id"), "test-1");
  r = call("GET", "/health");
  EXPECT_EQ(header("Access-Control-Allow-Origin"), "<absent>");

  Request pre;
  pre.method = "OPTIONS";
  pre.target = "/check";
  pre.origin = "https://dapp.example";
  pre.cors_request_method = "POST";
  pre.cors_request_headers = "content-type";
  std::promise<Response> p;
  app_.handle(std::move(pre), [&](Response res) { p.set_value(std::move(res)); });
  r = p.get_future().get();
  EXPECT_EQ(r.status, 200u);
  EXPECT_EQ(header("Access-Control-Allow-Methods"), "POST");
  EXPECT_EQ(header("Access-Control-Allow-Headers"), "content-type");
  size_t origins = 0;
  for (const auto& [k, v] : r.headers) origins += k == "Access-Control-Allow-Origin";
  EXPECT_EQ(origins, 1u);
}

TEST_F(AppTest, FetchParamsRangeAndMissingStore) {
  Response r = call("GET", "/fetch-params/26");
  EXPECT_EQ(r.status, 400u);
  EXPECT_EQ(r.body, "k=26 out of range");
  r = call("GET", "/fetch-params/10");
  EXPECT_EQ(r.status, 500u);
}

TEST_F(AppTest, MetricsCountRequests) {
  call("GET", "/health");
  call("POST", "/check", {});
  const std::string text = call("GET", "/metrics").body;
  EXPECT_NE(text.find("nightjar_http_requests_total{endpoint=\"/health\",status=\"200\"} 1"),
            std::string::npos);
  EXPECT_NE(text.find("nightjar_errors_total{reason=\"decode\"} 1"), std::string::npos);
  EXPECT_NE(text.find("nightjar_jobs_total{endpoint=\"/check\",outcome=\"decode\"} 1"),
            std::string::npos);
}

TEST_F(AppTest, DrainingRefusesNewWorkAndIsNotReady) {
  app_.start_draining();
  Response check = call("POST", "/check", {1});
  EXPECT_EQ(check.status, 503u);
  EXPECT_TRUE(check.close);
  Response ready = call("GET", "/ready");
  EXPECT_EQ(ready.status, 503u);
  EXPECT_EQ(Json::parse(ready.body)["status"], "busy");
  EXPECT_EQ(call("GET", "/health").status, 200u);
}

// At any verbosity, a log line carries no byte of a request body, in hex (how the official
// server leaks witnesses at DEBUG) or raw.
TEST_F(AppTest, LogsNeverContainRequestBytes) {
  NIGHTJAR_REQUIRE_VECTOR(midnight_dir() / "negative");
  const std::vector<std::vector<uint8_t>> bodies = {
      read_file(midnight_dir() / "cases" / "counter-increment-bound" / "check-request.bin"),
      read_file(midnight_dir() / "negative" / "counter-bound-bad-commitment.check-request.bin"),
      read_file(midnight_dir() / "negative" / "check-request-wrong-tag.bin"),
  };
  for (const auto& body : bodies) call("POST", "/check", body);
  // A proof, and a /prove whose preimage is refused (its reason is logged).
  const std::vector<std::vector<uint8_t>> proves = {
      read_file(midnight_dir() / "cases" / "counter-increment-bound" / "prove-request.bin"),
      read_file(midnight_dir() / "http-dump" / "002-prove.request.bin"),
  };
  for (const auto& body : proves) call("POST", "/prove", body);
  const std::string text = log();
  ASSERT_FALSE(text.empty());
  std::vector<std::vector<uint8_t>> all = bodies;
  all.insert(all.end(), proves.begin(), proves.end());
  for (const auto& body : all) {
    // Skip the public tag; every 12-byte window of the rest, hex and raw.
    const size_t start = as_string(body).find("):") + 2;
    for (size_t i = start; i + 12 <= body.size(); ++i) {
      std::span<const uint8_t> window(body.data() + i, 12);
      ASSERT_EQ(text.find(to_hex(window)), std::string::npos) << "hex of body bytes at " << i;
      const std::string raw(window.begin(), window.end());
      // Key locations are public names and may be quoted in a reason; field data is not text.
      if (std::all_of(raw.begin(), raw.end(), [](char c) { return c >= 0x20 && c < 0x7f; })) {
        continue;
      }
      ASSERT_EQ(text.find(raw), std::string::npos) << "raw body bytes at " << i;
    }
  }
}

// A refused preimage's reason quotes the transcript values compared: the client gets them, the
// log line does not.
TEST_F(AppTest, ReasonsKeepTheirValuesOutOfTheLog) {
  NIGHTJAR_REQUIRE_VECTOR(midnight_dir() / "cases" / "bboard-post");
  Result<midnight::CheckRequest> request = midnight::decode_tagged<midnight::CheckRequest>(
      read_file(midnight_dir() / "cases" / "bboard-post" / "check-request.bin"));
  ASSERT_TRUE(request.is_ok());
  // The first transcript entry that prints long (a hash, not a small opcode), made one larger.
  std::vector<ff::Fr>& transcript = request->preimage.preimage.public_transcript_inputs;
  auto big = std::find_if(transcript.begin(), transcript.end(),
                          [](const ff::Fr& v) { return zkir::format_fr(v).size() >= 48; });
  ASSERT_NE(big, transcript.end());
  const std::string original = zkir::format_fr(*big);
  *big = *big + ff::Fr::from_u64(1);
  Response r = call("POST", "/check", midnight::encode_tagged(*request));
  EXPECT_EQ(r.status, 400u);
  EXPECT_NE(r.body.find("computed: Some(" + original + ")"), std::string::npos) << r.body;
  const std::string text = log();
  EXPECT_NE(text.find("Public transcript input mismatch"), std::string::npos);
  EXPECT_EQ(text.find(original.substr(0, 24)), std::string::npos) << text;
  EXPECT_EQ(text.find(zkir::format_fr(*big).substr(0, 24)), std::string::npos) << text;
}

class AppAdmissionTest : public AppTest {
 protected:
  AppAdmissionTest() : AppTest({1, 1, std::chrono::seconds(60)}) {}
};

TEST_F(AppAdmissionTest, FullQueueAnswers429AndReadyIsBusy) {
  NIGHTJAR_REQUIRE_VECTOR(midnight_dir() / "cases");
  const std::vector<uint8_t> body =
      read_file(midnight_dir() / "cases" / "counter-increment" / "check-request.bin");
  // Occupy the only worker.
  std::mutex m;
  std::condition_variable cv;
  bool release = false, running = false;
  ASSERT_TRUE(std::holds_alternative<std::shared_ptr<Job>>(jobs_.submit(
      [&](const CancelToken&) {
        std::unique_lock<std::mutex> lock(m);
        running = true;
        cv.notify_all();
        cv.wait(lock, [&] { return release; });
        return ok_response("t", "x");
      },
      [](Response, const JobTiming&) {})));
  {
    std::unique_lock<std::mutex> lock(m);
    cv.wait(lock, [&] { return running; });
  }
  // One /check waits in the queue (capacity 1)...
  Request queued;
  queued.method = "POST";
  queued.target = "/check";
  queued.request_id = "queued";
  queued.body = SecretBytes(body);
  std::promise<Response> queued_reply;
  std::shared_ptr<Job> job =
      app_.handle(std::move(queued), [&](Response r) { queued_reply.set_value(std::move(r)); });
  ASSERT_NE(job, nullptr);
  // ...so the next is refused with the official status and says why.
  Response full = call("POST", "/check", body);
  EXPECT_EQ(full.status, 429u);
  EXPECT_EQ(full.body, "Job Queue full: 1 jobs pending, capacity 1");
  Response ready = call("GET", "/ready");
  EXPECT_EQ(ready.status, 503u);
  Json r = Json::parse(ready.body);
  EXPECT_EQ(r["status"], "busy");
  EXPECT_EQ(r["jobsPending"], 1);
  EXPECT_EQ(r["jobsProcessing"], 1);
  EXPECT_EQ(r["jobCapacity"], 1);
  {
    std::lock_guard<std::mutex> lock(m);
    release = true;
  }
  cv.notify_all();
  Response done = queued_reply.get_future().get();
  EXPECT_EQ(done.status, 200u);
  EXPECT_EQ(done.body, as_string(read_file(midnight_dir() / "cases" / "counter-increment" /
                                           "check-response.bin")));
  EXPECT_EQ(call("GET", "/ready").status, 200u);
}

}  // namespace
}  // namespace nightjar::server
