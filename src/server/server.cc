#include "server/server.h"

#include <unistd.h>

#include <boost/asio/ip/address.hpp>
#include <csignal>
#include <future>

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

}  // namespace

Server::Server(const Options& options, Logger& logger, std::unique_ptr<params::Store> store)
    : options_(options),
      logger_(logger),
      store_(std::move(store)),
      jobs_(std::make_unique<JobQueue>(
          JobQueue::Options{options.num_workers, options.job_capacity,
                            std::chrono::duration<double>(options.job_timeout_seconds)})),
      // Downloads are IO, not math, and are never refused: the official server runs them inline.
      fetches_(std::make_unique<JobQueue>(
          JobQueue::Options{options.fetch_workers, 0, std::chrono::duration<double>(0)})),
      app_(std::make_unique<App>(RouterConfig{!options.no_fetch_params}, *jobs_, *fetches_,
                                 store_.get(), metrics_, logger)),
      signals_(io_, SIGINT, SIGTERM) {}

Server::~Server() {
  // The queues answer what they still hold through App, so they go first.
  jobs_.reset();
  fetches_.reset();
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
  }
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
  const Clock::time_point deadline = Clock::now() + millis(options_.drain_timeout_seconds);
  const bool drained = jobs_->wait_idle(deadline) && fetches_->wait_idle(deadline);
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
