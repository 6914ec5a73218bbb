// Options: every setting of nightjar-server, with the official server's defaults for the flags
// it shares (proof-server 8.1.0 main.rs) and nightjar's own for the rest. main.cc fills it from
// flags and environment variables; tests fill it directly. A plain value.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

namespace nightjar::server {

struct Options {
  // Official flags.
  uint16_t port = 6300;  // 0 picks a free port (tests); the log's "listening" line names it
  bool verbose = false;
  size_t job_capacity = 0;  // pending jobs before 429; 0 = no limit
  size_t num_workers = 2;   // jobs that run at once
  double job_timeout_seconds = 600;
  bool no_fetch_params = false;

  // nightjar's.
  // The official server binds every interface; keep that default for drop-in use.
  std::string bind_address = "0.0.0.0";
  size_t io_threads = 2;
  // Room for a /prove body with a k = 20 prover key (about 360 MiB, extrapolated from the k = 13
  // keys in the shared vectors); the official server has no limit.
  uint64_t max_body_bytes = uint64_t{512} << 20;
  // Time to receive a request's headers, and also how long an idle keep-alive connection lives.
  double header_timeout_seconds = 30;
  // Time to receive a request body, and to write a response.
  double body_timeout_seconds = 300;
  // SIGTERM: how long running and queued jobs may take to finish before they are cancelled.
  double drain_timeout_seconds = 30;
  std::string tls_cert_file;
  std::string tls_key_file;
  bool tls_self_signed = false;
  // Never download: parameters and keys come from the cache directory only.
  bool offline = false;
  size_t fetch_workers = 2;  // concurrent /fetch-params downloads
  // Derived proving keys kept between /prove requests (midnight/key_cache.h); the official
  // server keeps five keys whatever their size.
  uint64_t key_cache_bytes = uint64_t{2} << 30;

  // Attestation (GET /attestation, which needs TLS): the TEE platform, "auto" to detect it at
  // start-up, or a platform name (attest/platform.h); the PCR the workload measurement extends
  // on TPM platforms; the image manifest measured after the executable, if the file exists.
  std::string tee = "auto";
  uint32_t workload_pcr = 13;
  std::string image_manifest = "/etc/nightjar/image-manifest.json";

  bool tls() const { return tls_self_signed || !tls_cert_file.empty(); }
};

}  // namespace nightjar::server
