// nightjar-server: the proof server. Flags and environment variables follow the official
// midnight-proof-server 8.1.0 (a flag wins over its variable); nightjar's own settings are
// NIGHTJAR_*. Logs are JSON lines on stderr (json_log.h).
#include <CLI/CLI.hpp>
#include <csignal>
#include <cstdio>
#include <fstream>
#include <memory>
#include <string>

#include "ff/backend.h"
#include "params/cache_dir.h"
#include "params/curl_fetcher.h"
#include "params/store.h"
#include "server/json_log.h"
#include "server/options.h"
#include "server/server.h"

namespace {

using nightjar::server::LogFields;
using nightjar::server::Logger;
using nightjar::server::LogLevel;

int fail(Logger& logger, const std::string& what) {
  LogFields fields;
  fields.detail = what;
  logger.log(LogLevel::kError, "startup failed", fields);
  return 1;
}

}  // namespace

int main(int argc, char** argv) {
  nightjar::server::Options o;
  std::string tls_cert_out;
  CLI::App app{"nightjar-server: a Midnight proof server (API of midnight-proof-server " +
               std::string(nightjar::server::kApiVersion) + ")"};
  app.set_version_flag("--version", std::string("nightjar ") + NIGHTJAR_VERSION);

  app.add_option("-p,--port", o.port, "Port to listen on")
      ->envname("MIDNIGHT_PROOF_SERVER_PORT")
      ->capture_default_str();
  app.add_flag("-v,--verbose", o.verbose, "Debug-level logs (bodies are never logged)")
      ->envname("MIDNIGHT_PROOF_SERVER_VERBOSE");
  app.add_option("--job-capacity", o.job_capacity,
                 "Queued jobs before new ones get 429 (0 = no limit)")
      ->envname("MIDNIGHT_PROOF_SERVER_JOB_CAPACITY")
      ->capture_default_str();
  app.add_option("--num-workers", o.num_workers, "Jobs that run at once")
      ->envname("MIDNIGHT_PROOF_SERVER_NUM_WORKERS")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  app.add_option("--job-timeout", o.job_timeout_seconds,
                 "Seconds a job may take from submission before it is cancelled (504); <= 0: "
                 "never")
      ->envname("MIDNIGHT_PROOF_SERVER_JOB_TIMEOUT")
      ->capture_default_str();
  app.add_flag("--no-fetch-params", o.no_fetch_params,
               "Skip the start-up download of SRS k=10..15 and the built-in keys, and disable "
               "/fetch-params")
      ->envname("MIDNIGHT_PROOF_SERVER_NO_FETCH_PARAMS");

  app.add_option("--bind", o.bind_address, "Address to listen on")
      ->envname("NIGHTJAR_BIND")
      ->capture_default_str();
  app.add_option("--io-threads", o.io_threads, "Threads for network IO (never for math)")
      ->envname("NIGHTJAR_IO_THREADS")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  app.add_option("--max-body", o.max_body_bytes,
                 "Largest request body; larger ones get 413 unread (e.g. 512MiB)")
      ->envname("NIGHTJAR_MAX_BODY")
      ->transform(CLI::AsSizeValue(false))
      ->capture_default_str();
  app.add_option("--header-timeout", o.header_timeout_seconds,
                 "Seconds to receive request headers; also the keep-alive idle limit")
      ->envname("NIGHTJAR_HEADER_TIMEOUT")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  app.add_option("--body-timeout", o.body_timeout_seconds,
                 "Seconds to receive a request body or write a response")
      ->envname("NIGHTJAR_BODY_TIMEOUT")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  app.add_option("--drain-timeout", o.drain_timeout_seconds,
                 "On SIGTERM, seconds jobs may run before they are cancelled")
      ->envname("NIGHTJAR_DRAIN_TIMEOUT")
      ->check(CLI::NonNegativeNumber)
      ->capture_default_str();
  CLI::Option* cert = app.add_option("--tls-cert", o.tls_cert_file, "TLS certificate chain (PEM)")
                          ->envname("NIGHTJAR_TLS_CERT");
  CLI::Option* key = app.add_option("--tls-key", o.tls_key_file, "TLS private key (PEM)")
                         ->envname("NIGHTJAR_TLS_KEY");
  CLI::Option* self_signed =
      app.add_flag("--tls-self-signed", o.tls_self_signed,
                   "TLS with a P-256 certificate generated in memory at start-up")
          ->envname("NIGHTJAR_TLS_SELF_SIGNED");
  app.add_option("--tls-cert-out", tls_cert_out,
                 "Write the server certificate (PEM, public) here, for clients to trust")
      ->envname("NIGHTJAR_TLS_CERT_OUT");
  cert->needs(key);
  key->needs(cert);
  self_signed->excludes(cert);
  app.add_option("--key-cache", o.key_cache_bytes,
                 "Memory for proving keys kept between /prove requests, least recently used "
                 "evicted first (e.g. 2GiB)")
      ->envname("NIGHTJAR_KEY_CACHE")
      ->transform(CLI::AsSizeValue(false))
      ->capture_default_str();
  app.add_flag("--offline", o.offline,
               "Never download: parameters and keys come only from the cache directory")
      ->envname("NIGHTJAR_OFFLINE");
  app.add_option("--tee", o.tee,
                 "Attestation platform for GET /attestation (needs TLS): auto (detect), none, "
                 "tpm, gcp, azure, nitro, sev-snp. The TPM is reached through the tpm2-tss TCTI "
                 "in NIGHTJAR_TPM_TCTI (default device:/dev/tpmrm0)")
      ->envname("NIGHTJAR_TEE")
      ->capture_default_str();
  app.add_option("--workload-pcr", o.workload_pcr,
                 "TPM PCR extended at start-up with the SHA-256 of this executable and the image "
                 "manifest, and quoted with PCRs 0, 4 and 9")
      ->envname("NIGHTJAR_WORKLOAD_PCR")
      ->check(CLI::Range(0, 23))
      ->capture_default_str();
  app.add_option("--image-manifest", o.image_manifest,
                 "Image manifest measured after the executable, if the file exists")
      ->envname("NIGHTJAR_IMAGE_MANIFEST")
      ->capture_default_str();
  CLI11_PARSE(app, argc, argv);

  Logger logger(o.verbose ? LogLevel::kDebug : LogLevel::kInfo);
  if (const nightjar::Status& cpu = nightjar::ff::startup_status(); !cpu.is_ok()) {
    return fail(logger, cpu.message());
  }
  // Writes to a closed socket must fail with EPIPE, not kill the process.
  std::signal(SIGPIPE, SIG_IGN);

  nightjar::Result<std::filesystem::path> dir =
      nightjar::params::default_cache_dir(nightjar::params::process_env());
  if (!dir.is_ok()) return fail(logger, dir.status().message());
  nightjar::params::StoreOptions store_options;
  store_options.dir = *dir;
  if (const char* source = std::getenv("MIDNIGHT_PARAM_SOURCE"); source != nullptr) {
    store_options.source_url = source;
  }
  store_options.allow_download = !o.offline;
  auto store = std::make_unique<nightjar::params::Store>(
      store_options,
      std::make_shared<nightjar::params::CurlFetcher>(std::string("nightjar/") + NIGHTJAR_VERSION +
                                                      " (Midnight Data Provider)"));

  char timeout[32];
  std::snprintf(timeout, sizeof timeout, "%g", o.job_timeout_seconds);
  const std::string settings =
      "workers=" + std::to_string(o.num_workers) +
      " job_capacity=" + std::to_string(o.job_capacity) + " job_timeout_s=" + timeout +
      " max_body=" + std::to_string(o.max_body_bytes) +
      " key_cache=" + std::to_string(o.key_cache_bytes) + " params=" + store_options.dir.string() +
      " source=" + store_options.source_url + (o.offline ? " offline" : "") +
      (o.tls() ? " tls tee=" + o.tee : "");
  LogFields config;
  config.detail = settings;
  logger.log(LogLevel::kInfo, std::string("nightjar ") + NIGHTJAR_VERSION, config);

  if (!o.no_fetch_params && !o.offline) {
    // As the official server: everything common proofs need is local before the port opens.
    logger.log(LogLevel::kInfo, "ensuring SRS k=10..15 and built-in keys are cached");
    nightjar::Status fetched = store->ensure_all(nightjar::params::Store::startup_artifacts());
    if (!fetched.is_ok()) return fail(logger, fetched.message());
  }

  nightjar::Result<std::unique_ptr<nightjar::server::Server>> server =
      nightjar::server::Server::create(o, logger, std::move(store));
  if (!server.is_ok()) return fail(logger, server.status().message());
  if (!tls_cert_out.empty()) {
    std::ofstream out(tls_cert_out, std::ios::trunc);
    out << (*server)->certificate_pem();
    if (!out) return fail(logger, "cannot write " + tls_cert_out);
  }
  return (*server)->run();
}
