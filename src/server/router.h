// Routing: (method, target) -> endpoint, with the official server's rules (proof-server 8.1.0
// lib.rs): exact paths, the query string ignored, a wrong method answered like an unknown path
// (404), /fetch-params/{k} registered only when fetching is on and matched only for a u8 k.
// CORS preflights (OPTIONS with Origin and Access-Control-Request-Method) are answered for
// every path before routing, as actix-cors does.
//
// GET /attestation (nightjar's, from the TEE standard) exists only when the server attests (TLS
// on, a platform opened). Pure functions; thread-safe.
#pragma once

#include <cstdint>
#include <string_view>

namespace nightjar::server {

enum class Endpoint {
  kHealth,
  kReady,
  kVersion,
  kProofVersions,
  kCheck,
  kProve,
  kK,
  kFetchParams,
  kProveTx,
  kMetrics,
  kAttestation,
  kPreflight,
  kNotFound,
};

struct Route {
  Endpoint endpoint = Endpoint::kNotFound;
  // The {k} of /fetch-params/{k}, not yet range-checked (0..255).
  uint32_t k = 0;
  // The path for logs and metric labels; fixed strings, so unknown paths cannot blow up the
  // label set.
  std::string_view label;
};

struct RouterConfig {
  bool fetch_params = true;
  bool attestation = false;
};

Route resolve_route(std::string_view method, std::string_view target, bool cors_preflight,
                    const RouterConfig& config);

}  // namespace nightjar::server
