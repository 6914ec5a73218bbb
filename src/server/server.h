// Server: wires the layers together and owns their lifetimes — IO threads on one io_context,
// the listener, App, the job queue (/check, /prove, /k), the prover's caches (prove.h), the fetch
// queue (/fetch-params downloads), attestation (with TLS: the platform detected or named by --tee,
// its workload measurement taken before the port opens), metrics and the key store — and runs the
// phases of Bitcoin Core's HTTP server:
//
//   create   bind the port (errors are reported before anything runs)
//   run      accept, serve, until SIGINT or SIGTERM
//   drain    close the listener; /ready says busy and new jobs get 503; running and queued
//            jobs may finish until --drain-timeout, then are cancelled (503); answers in
//            flight are written; the IO threads stop
//   exit     0. A job that ignores its cancel flag for 5 s more does not hold the process: it
//            exits without waiting for it.
//
// Thread safety: create and run on the main thread.
#pragma once

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "base/status.h"
#include "params/store.h"
#include "server/app.h"
#include "server/attestation.h"
#include "server/connection_stats.h"
#include "server/job_queue.h"
#include "server/json_log.h"
#include "server/listener.h"
#include "server/metrics.h"
#include "server/options.h"
#include "server/prove.h"
#include "server/tls.h"

namespace nightjar::server {

class Server {
 public:
  // `store` may be null (no built-in keys, no /fetch-params).
  static Result<std::unique_ptr<Server>> create(const Options& options, Logger& logger,
                                                std::unique_ptr<params::Store> store);
  ~Server();

  // Blocks until a signal has been handled and the server drained; returns the exit status.
  int run();

  // The TLS certificate (PEM), empty without TLS.
  std::string certificate_pem() const { return tls_ ? tls_->certificate_pem : std::string(); }

 private:
  Server(const Options& options, Logger& logger, std::unique_ptr<params::Store> store);
  void drain(int signal_number);

  const Options options_;
  Logger& logger_;
  Metrics metrics_;
  std::optional<TlsContext> tls_;
  std::unique_ptr<params::Store> store_;
  // Outlives the queues, whose jobs use it.
  std::unique_ptr<Prover> prover_;
  std::unique_ptr<JobQueue> jobs_;
  std::unique_ptr<JobQueue> fetches_;
  std::unique_ptr<Attestation> attestation_;
  std::unique_ptr<App> app_;
  std::shared_ptr<ConnectionStats> stats_ = std::make_shared<ConnectionStats>();
  boost::asio::io_context io_;
  boost::asio::signal_set signals_;
  std::optional<boost::asio::executor_work_guard<boost::asio::io_context::executor_type>> work_;
  std::shared_ptr<Listener> listener_;
  std::vector<std::thread> io_threads_;
};

}  // namespace nightjar::server
