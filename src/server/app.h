// App: everything between a parsed HTTP request and its Response — routing, the endpoints,
// admission to the job queue, CORS, request ids, metrics and one log line per request. It never
// touches a socket, so it is tested without one (tests/server/app_test.cc); the session feeds
// it requests and writes what it answers.
//
// Endpoints (official semantics, proof-server 8.1.0): GET / and /health, /ready (503 while
// busy or draining), /version ("8.1.0", the API nightjar implements), /proof-versions, POST
// /check, /prove and /k (jobs: check.h, prove.h, k.h), GET /fetch-params/{k} (when fetching is
// on; runs on the fetch queue, never on an IO thread), POST /prove-tx (410), GET /metrics, GET
// /attestation (when the server attests: nonce admitted here, evidence collected on the
// attestation queue; see attestation.h).
//
// Thread safety: handle() is called on IO threads, concurrently; the Reply it is given may run
// on any thread (a job thread, the watchdog, the caller), exactly once per request.
#pragma once

#include <atomic>
#include <chrono>
#include <functional>
#include <memory>
#include <string>

#include "params/store.h"
#include "server/attestation.h"
#include "server/cors.h"
#include "server/job_queue.h"
#include "server/json_log.h"
#include "server/metrics.h"
#include "server/prove.h"
#include "server/response.h"
#include "server/router.h"
#include "server/secret_bytes.h"

namespace nightjar::server {

// The official server's version, which /version reports: nightjar implements its API.
inline constexpr std::string_view kApiVersion = "8.1.0";

struct Request {
  std::string method;
  std::string target;
  std::string request_id;  // assigned by the session (request_id.h)
  std::string origin;
  std::string cors_request_method;
  std::string cors_request_headers;
  std::string remote;
  SecretBytes body;
  std::chrono::steady_clock::time_point received = std::chrono::steady_clock::now();
};

// What a log line and the metrics need about a request whose body is gone.
struct RequestInfo {
  std::string method;
  std::string target;
  std::string request_id;
  std::string origin;
  std::string remote;
  std::chrono::steady_clock::time_point received;
};

class App {
 public:
  using Reply = std::function<void(Response)>;

  // `store` may be null (no built-in keys, no /fetch-params downloads); `prover` answers /prove;
  // `attestation` may be null (no /attestation), and must be when routes.attestation is false.
  App(RouterConfig routes, JobQueue& jobs, JobQueue& fetches, params::Store* store, Prover& prover,
      Metrics& metrics, Logger& logger, Attestation* attestation = nullptr);

  // Answers through `reply`, exactly once, possibly before returning. Returns the job the
  // answer waits for, if any, so the session can cancel it when the client disconnects.
  std::shared_ptr<Job> handle(Request request, Reply reply);

  // Finishes a response the session made itself (413, 431, 408, 400 for unparseable HTTP):
  // adds the common headers, counts and logs it.
  Response finish_local(const RequestInfo& info, Response response);

  // From now on, work-creating requests get 503 and /ready reports busy.
  void start_draining() { draining_.store(true); }
  bool draining() const { return draining_.load(); }

 private:
  Response ready() const;
  std::shared_ptr<Job> fetch_params(const RequestInfo& info, std::string_view label, uint32_t k,
                                    const Reply& reply);
  std::shared_ptr<Job> submit(JobQueue& queue, const RequestInfo& info, std::string_view label,
                              JobQueue::Work work, const Reply& reply);
  // Adds CORS and X-Request-Id, records metrics and logs; every response passes here once.
  Response complete(const RequestInfo& info, std::string_view label, Response response);

  const RouterConfig routes_;
  JobQueue& jobs_;
  JobQueue& fetches_;
  params::Store* const store_;
  Prover& prover_;
  Attestation* const attestation_;
  Metrics& metrics_;
  Logger& logger_;
  std::atomic<bool> draining_{false};
};

}  // namespace nightjar::server
