#include "server/server.h"

#include <unistd.h>

#include <boost/asio/ip/address.hpp>
#include <csignal>
#include <cstdlib>
#include <future>

#include "attest/esys_tpm_device.h"
#include "attest/open_collector.h"
#include "attest/platform_detect.h"
#include "attest/workload.h"
#include "base/hex.h"

namespace nightjar::server {
namespace {

namespace net = boost::asio;
using Clock = std::chrono::steady_clock;

// After the drain deadline and the cancellation, how long answers may take to be written and
// cancelled jobs to return their worker.
constexpr std::chrono::seconds kFlushTime{5};

std::chrono::milliseconds millis(double seconds) {
  return std::chrono::milliseconds(static_cast<int64_t>(seconds * 1000));
}

// The platform named by --tee, or found on this host; its devices opened and the workload
// measured into its register before anything is served. A named platform that cannot be opened
// stops the server; a detected one falls back to `none`, which the server logs and every
// client's default policy refuses.
Result<std::unique_ptr<Attestation>> open_attestation(const Options& options,
                                                      const Sha256Digest& tls_spki_sha256,
                                                      Logger& logger) {
  attest::Platform platform;
  const bool detected = options.tee == "auto";
  if (detected) {
    platform =
        attest::detect_platform(attest::probe_host(std::getenv("NIGHTJAR_TPM_TCTI") != nullptr));
  } else if (std::optional<attest::Platform> named = attest::platform_from_name(options.tee)) {
    platform = *named;
  } else {
    return invalid_argument("--tee: unknown platform '" + options.tee +
                            "' (auto, none, tpm, gcp, azure, nitro, sev-snp)");
  }
  attest::CollectorConfig config;
  config.tcti = attest::tcti_from_environment();
  config.workload_pcr = options.workload_pcr;
  Result<std::unique_ptr<attest::EvidenceCollector>> collector =
      attest::open_collector(platform, config);
  if (!collector.is_ok()) {
    const std::string why = std::string(attest::platform_name(platform)) +
                            " attestation: " + collector.status().message();
    if (!detected) return Status(collector.status().code(), why);
    const std::string detail = why + "; falling back to none (--tee names a platform to insist)";
    LogFields fields;
    fields.detail = detail;
    logger.log(LogLevel::kWarn, "attestation platform unavailable", fields);
    platform = attest::Platform::kNone;
    collector = attest::open_collector(platform, config);
    if (!collector.is_ok()) return collector.status();
  }
  for (const std::string& warning : (*collector)->startup_warnings()) {
    LogFields fields;
    fields.detail = warning;
    logger.log(LogLevel::kWarn, "attestation degraded", fields);
  }
  Result<attest::WorkloadMeasurement> workload =
      attest::measure_workload_files(attest::kSelfExecutable, options.image_manifest);
  if (!workload.is_ok()) return workload.status();
  Result<std::unique_ptr<Attestation>> attestation = Attestation::start(
      std::move(collector).value(), *workload, tls_spki_sha256, Attestation::Options{});
  if (!attestation.is_ok()) return attestation.status();

  std::string detail = "platform " + std::string(attest::platform_name(platform));
  for (const attest::WorkloadEvent& e : (*attestation)->events()) {
    detail += "; " + e.type + " " + to_hex(e.digest) +
              (e.pcr ? " extended into PCR" + std::to_string(*e.pcr) : " (no register)");
  }
  LogFields fields;
  fields.detail = detail;
  logger.log(platform == attest::Platform::kNone ? LogLevel::kWarn : LogLevel::kInfo,
             platform == attest::Platform::kNone ? "attestation: no TEE, nothing is attested"
                                                 : "attestation",
             fields);
  return attestation;
}

}  // namespace

Server::Server(const Options& options, Logger& logger, std::unique_ptr<params::Store> store)
    : options_(options),
      logger_(logger),
      store_(std::move(store)),
      prover_(std::make_unique<Prover>(store_.get(), options.key_cache_bytes)),
      jobs_(std::make_unique<JobQueue>(
          JobQueue::Options{options.num_workers, options.job_capacity,
                            std::chrono::duration<double>(options.job_timeout_seconds)})),
      // Downloads are IO, not math, and are never refused: the official server runs them inline.
      fetches_(std::make_unique<JobQueue>(
          JobQueue::Options{options.fetch_workers, 0, std::chrono::duration<double>(0)})),
      signals_(io_, SIGINT, SIGTERM) {}

Server::~Server() {
  // The queues answer what they still hold through App, so they go first.
  jobs_.reset();
  fetches_.reset();
  attestation_.reset();
  listener_.reset();
}

Result<std::unique_ptr<Server>> Server::create(const Options& options, Logger& logger,
                                               std::unique_ptr<params::Store> store) {
  std::unique_ptr<Server> server(new Server(options, logger, std::move(store)));
  if (options.tls()) {
    Result<TlsContext> tls = options.tls_self_signed
                                 ? tls_self_signed()
                                 : tls_from_files(options.tls_cert_file, options.tls_key_file);
    if (!tls.is_ok()) return tls.status();
    server->tls_.emplace(std::move(tls).value());
    Result<std::unique_ptr<Attestation>> attestation =
        open_attestation(options, server->tls_->spki_sha256, logger);
    if (!attestation.is_ok()) return attestation.status();
    server->attestation_ = std::move(attestation).value();
  } else if (options.tee != "auto") {
    return invalid_argument("--tee " + options.tee +
                            ": attestation binds the TLS key, so it needs TLS (--tls-cert and "
                            "--tls-key, or --tls-self-signed)");
  }
  server->app_ =
      std::make_unique<App>(RouterConfig{!options.no_fetch_params, server->attestation_ != nullptr},
                            *server->jobs_, *server->fetches_, server->store_.get(),
                            *server->prover_, server->metrics_, logger, server->attestation_.get());
  boost::system::error_code ec;
  const net::ip::address address = net::ip::make_address(options.bind_address, ec);
  if (ec) {
    return Status(StatusCode::kInvalidArgument,
                  "bad bind address '" + options.bind_address + "': " + ec.message());
  }
  SessionLimits limits;
  limits.max_body_bytes = options.max_body_bytes;
  limits.header_timeout = millis(options.header_timeout_seconds);
  limits.body_timeout = millis(options.body_timeout_seconds);
  Result<std::shared_ptr<Listener>> listener = Listener::open(
      server->io_, net::ip::tcp::endpoint(address, options.port),
      server->tls_ ? server->tls_->context.get() : nullptr, limits, *server->app_, server->stats_);
  if (!listener.is_ok()) return listener.status();
  server->listener_ = std::move(listener).value();
  return server;
}

int Server::run() {
  std::promise<int> stop;
  signals_.async_wait([&stop](boost::system::error_code ec, int signal_number) {
    if (!ec) stop.set_value(signal_number);
  });
  work_.emplace(io_.get_executor());
  listener_->run();
  const size_t threads = options_.io_threads == 0 ? 1 : options_.io_threads;
  for (size_t i = 0; i < threads; ++i) io_threads_.emplace_back([this] { io_.run(); });

  const net::ip::tcp::endpoint local = listener_->local_endpoint();
  LogFields fields;
  const std::string where = std::string(tls_ ? "https://" : "http://") +
                            local.address().to_string() + ":" + std::to_string(local.port());
  fields.detail = where;
  logger_.log(LogLevel::kInfo, "listening", fields);
  if (tls_) {
    const std::string fingerprint = "certificate sha256 " + tls_->certificate_sha256;
    LogFields tls_fields;
    tls_fields.detail = fingerprint;
    logger_.log(LogLevel::kInfo, "tls", tls_fields);
  }

  drain(stop.get_future().get());
  return 0;
}

void Server::drain(int signal_number) {
  LogFields fields;
  fields.detail = signal_number == SIGTERM ? "SIGTERM" : "SIGINT";
  fields.queue_depth = jobs_->gauges().pending;
  logger_.log(LogLevel::kInfo, "shutting down", fields);

  listener_->stop();
  app_->start_draining();
  jobs_->stop_accepting();
  fetches_->stop_accepting();
  if (attestation_) attestation_->queue().stop_accepting();
  const Clock::time_point deadline = Clock::now() + millis(options_.drain_timeout_seconds);
  const bool drained = jobs_->wait_idle(deadline) && fetches_->wait_idle(deadline) &&
                       (!attestation_ || attestation_->queue().wait_idle(deadline));
  if (!drained) {
    const QueueGauges g = jobs_->gauges();
    const std::string what = std::to_string(g.processing) + " running and " +
                             std::to_string(g.pending) +
                             " queued jobs cancelled at the drain deadline";
    LogFields late;
    late.detail = what;
    logger_.log(LogLevel::kWarn, "drain deadline passed", late);
    jobs_->cancel_all(Error::kShuttingDown, "server shutting down");
    fetches_->cancel_all(Error::kShuttingDown, "server shutting down");
    if (attestation_)
      attestation_->queue().cancel_all(Error::kShuttingDown, "server shutting down");
  }

  const Clock::time_point flush_deadline = Clock::now() + kFlushTime;
  while (stats_->in_flight.load() > 0 && Clock::now() < flush_deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  if (!jobs_->wait_idle(flush_deadline) || !fetches_->wait_idle(flush_deadline)) {
    // A job ignoring its cancel flag (or a download) still holds a worker; joining it could
    // take forever, and everything it could answer has been answered.
    logger_.log(LogLevel::kError, "workers still busy after cancellation; exiting without them");
    _exit(0);
  }

  work_.reset();
  io_.stop();
  for (std::thread& t : io_threads_) t.join();
  logger_.log(LogLevel::kInfo, "stopped");
}

}  // namespace nightjar::server
