#include "server/app.h"

#include <variant>

#include "params/catalog.h"
#include "server/check.h"
#include "server/k.h"
#include "server/timestamp.h"

namespace nightjar::server {
namespace {

constexpr std::string_view kJson = "application/json";
constexpr std::string_view kText = "text/plain; charset=utf-8";

std::string now_timestamp() { return official_timestamp(std::chrono::system_clock::now()); }

double seconds_since(std::chrono::steady_clock::time_point t) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t).count();
}

RequestInfo info_of(const Request& r) {
  return RequestInfo{r.method, r.target, r.request_id, r.origin, r.remote, r.received};
}

}  // namespace

App::App(RouterConfig routes, JobQueue& jobs, JobQueue& fetches, params::Store* store,
         Prover& prover, Metrics& metrics, Logger& logger, Attestation* attestation)
    : routes_(routes),
      jobs_(jobs),
      fetches_(fetches),
      store_(store),
      prover_(prover),
      attestation_(attestation),
      metrics_(metrics),
      logger_(logger) {
  NIGHTJAR_CHECK(routes.attestation == (attestation != nullptr));
}

std::shared_ptr<Job> App::handle(Request request, Reply reply) {
  const RequestInfo info = info_of(request);
  const CorsRequest cors{request.origin, request.cors_request_method, request.cors_request_headers};
  const Route route = resolve_route(request.method, request.target, cors.is_preflight(), routes_);
  const std::string_view label = route.label;
  switch (route.endpoint) {
    case Endpoint::kPreflight:
      reply(complete(info, label, preflight_response(cors)));
      return nullptr;
    case Endpoint::kHealth:
      reply(complete(info, label,
                     ok_response(std::string(kJson),
                                 "{\"status\":\"ok\",\"timestamp\":\"" + now_timestamp() + "\"}")));
      return nullptr;
    case Endpoint::kReady:
      reply(complete(info, label, ready()));
      return nullptr;
    case Endpoint::kVersion:
      reply(complete(info, label, ok_response(std::string(kText), std::string(kApiVersion))));
      return nullptr;
    case Endpoint::kProofVersions:
      // The official answer is the Debug text of ProofVersioned's variants minus Dummy.
      reply(complete(info, label, ok_response(std::string(kText), "[\"V2\"]")));
      return nullptr;
    case Endpoint::kMetrics:
      reply(complete(info, label,
                     ok_response("text/plain; version=0.0.4; charset=utf-8",
                                 metrics_.render(jobs_.gauges()))));
      return nullptr;
    case Endpoint::kProveTx:
      reply(complete(info, label,
                     error_response(Error::kGone,
                                    "/prove-tx (whole-transaction proving) is deprecated and not "
                                    "supported; prove each call with POST /prove")));
      return nullptr;
    case Endpoint::kNotFound:
      reply(complete(info, label, error_response(Error::kNotFound)));
      return nullptr;
    case Endpoint::kCheck: {
      // std::function needs a copyable closure; the body stays single-owner behind the pointer.
      auto body = std::make_shared<SecretBytes>(std::move(request.body));
      params::Store* store = store_;
      return submit(
          jobs_, info, label,
          [body, store](const CancelToken& token) {
            return run_check(body->bytes(), token, store);
          },
          reply);
    }
    case Endpoint::kProve: {
      auto body = std::make_shared<SecretBytes>(std::move(request.body));
      Prover* prover = &prover_;
      return submit(
          jobs_, info, label,
          [body, prover](const CancelToken& token) { return prover->prove(body->bytes(), token); },
          reply);
    }
    case Endpoint::kK: {
      auto body = std::make_shared<SecretBytes>(std::move(request.body));
      return submit(
          jobs_, info, label,
          [body](const CancelToken& token) { return run_k(body->bytes(), token); }, reply);
    }
    case Endpoint::kFetchParams:
      return fetch_params(info, label, route.k, reply);
    case Endpoint::kAttestation: {
      std::variant<attest::Nonce, Response> admitted = attestation_->admit(request.target);
      if (Response* refused = std::get_if<Response>(&admitted)) {
        reply(complete(info, label, std::move(*refused)));
        return nullptr;
      }
      Attestation* attestation = attestation_;
      const attest::Nonce nonce = std::get<attest::Nonce>(admitted);
      return submit(
          attestation->queue(), info, label,
          [attestation, nonce](const CancelToken&) { return attestation->answer(nonce); }, reply);
    }
  }
  reply(complete(info, label, error_response(Error::kNotFound)));
  return nullptr;
}

Response App::ready() const {
  const QueueGauges g = jobs_.gauges();
  const bool busy = g.busy() || draining();
  Response r = ok_response(std::string(kJson), {});
  // Busy is a state, not a failed request: the status changes, the error stays kNone.
  if (busy) r.status = http_status(Error::kNotReady);
  r.body = std::string("{\"status\":\"") + (busy ? "busy" : "ok") +
           "\",\"jobsProcessing\":" + std::to_string(g.processing) +
           ",\"jobsPending\":" + std::to_string(g.pending) +
           ",\"jobCapacity\":" + std::to_string(g.capacity) + ",\"timestamp\":\"" +
           now_timestamp() + "\"}";
  return r;
}

std::shared_ptr<Job> App::fetch_params(const RequestInfo& info, std::string_view label, uint32_t k,
                                       const Reply& reply) {
  if (k > params::kMaxSrsK) {
    reply(complete(info, label,
                   error_response(Error::kOutOfRange, "k=" + std::to_string(k) + " out of range")));
    return nullptr;
  }
  if (store_ == nullptr) {
    reply(complete(info, label,
                   error_response(Error::kParamsUnavailable, "no parameter store configured")));
    return nullptr;
  }
  if (store_->is_verified(params::srs_artifact_name(k))) {
    reply(complete(info, label, ok_response(std::string(kText), "success")));
    return nullptr;
  }
  params::Store* store = store_;
  return submit(
      fetches_, info, label,
      [store, k](const CancelToken&) {
        Result<std::shared_ptr<const kzg::Params>> srs = store->srs(k);
        if (!srs.is_ok()) return error_response(Error::kParamsUnavailable, srs.status().message());
        return ok_response(std::string(kText), "success");
      },
      reply);
}

std::shared_ptr<Job> App::submit(JobQueue& queue, const RequestInfo& info, std::string_view label,
                                 JobQueue::Work work, const Reply& reply) {
  if (draining()) {
    reply(complete(info, label, error_response(Error::kShuttingDown, "server shutting down")));
    return nullptr;
  }
  auto submitted = queue.submit(std::move(work), [this, info, label, reply](
                                                     Response response, const JobTiming& timing) {
    metrics_.record_job(label, response.error == Error::kNone ? "ok" : error_label(response.error),
                        timing.wait_seconds, timing.run_seconds, response.k);
    reply(complete(info, label, std::move(response)));
  });
  if (auto* job = std::get_if<std::shared_ptr<Job>>(&submitted)) return *job;
  const Error error = std::get<Error>(submitted);
  std::string detail;
  if (error == Error::kQueueFull) {
    const QueueGauges g = queue.gauges();
    detail = std::to_string(g.pending) + " jobs pending, capacity " + std::to_string(g.capacity);
  } else {
    detail = "server shutting down";
  }
  reply(complete(info, label, error_response(error, std::move(detail))));
  return nullptr;
}

Response App::finish_local(const RequestInfo& info, Response response) {
  // Label it by the route it was meant for (a 413 on /check counts as /check).
  return complete(info, resolve_route(info.method, info.target, false, routes_).label,
                  std::move(response));
}

Response App::complete(const RequestInfo& info, std::string_view label, Response response) {
  response.headers.emplace_back("X-Request-Id", info.request_id);
  add_cors_headers(CorsRequest{info.origin, {}, {}}, response);
  if (draining()) response.close = true;

  const double seconds = seconds_since(info.received);
  metrics_.record_request(label, response.status, seconds);
  if (response.error != Error::kNone) metrics_.record_error(error_label(response.error));

  // Probes are frequent and uninteresting: log them at debug, failures at warn.
  LogLevel level = LogLevel::kInfo;
  if (response.status >= 500) {
    level = LogLevel::kWarn;
  } else if (label == "/health" || label == "/" || label == "/ready" || label == "/metrics") {
    level = LogLevel::kDebug;
  }
  if (logger_.enabled(level)) {
    LogFields fields;
    fields.request_id = info.request_id;
    fields.method = info.method;
    // Unknown paths are logged without their query string, which is the client's business.
    fields.endpoint = label == "unmatched"
                          ? std::string_view(info.target).substr(0, info.target.find_first_of("?#"))
                          : label;
    fields.status = response.status;
    fields.k = response.k;
    fields.duration_ms = seconds * 1000;
    fields.queue_depth = jobs_.gauges().pending;
    fields.remote = info.remote;
    std::string detail;
    if (response.error != Error::kNone) {
      fields.error = error_label(response.error);
      // An error body is its reason; the values it may quote stay out of the log (json_log.h).
      detail = elide_values(response.body);
      fields.detail = detail;
    }
    logger_.log(level, "request", fields);
  }
  return response;
}

}  // namespace nightjar::server
