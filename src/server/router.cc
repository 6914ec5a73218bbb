#include "server/router.h"

#include <optional>

namespace nightjar::server {
namespace {

// Rust's u8::from_str: an optional '+', then 1+ decimal digits, value <= 255 (leading zeros
// allowed).
std::optional<uint32_t> parse_u8(std::string_view s) {
  if (!s.empty() && s.front() == '+') s.remove_prefix(1);
  if (s.empty()) return std::nullopt;
  uint32_t v = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return std::nullopt;
    v = v * 10 + static_cast<uint32_t>(c - '0');
    if (v > 255) return std::nullopt;
  }
  return v;
}

}  // namespace

Route resolve_route(std::string_view method, std::string_view target, bool cors_preflight,
                    const RouterConfig& config) {
  const std::string_view path = target.substr(0, target.find_first_of("?#"));
  if (cors_preflight && method == "OPTIONS") return {Endpoint::kPreflight, 0, "preflight"};
  if (method == "GET") {
    if (path == "/") return {Endpoint::kHealth, 0, "/"};
    if (path == "/health") return {Endpoint::kHealth, 0, "/health"};
    if (path == "/ready") return {Endpoint::kReady, 0, "/ready"};
    if (path == "/version") return {Endpoint::kVersion, 0, "/version"};
    if (path == "/proof-versions") return {Endpoint::kProofVersions, 0, "/proof-versions"};
    if (path == "/metrics") return {Endpoint::kMetrics, 0, "/metrics"};
    if (config.attestation && path == "/attestation") {
      return {Endpoint::kAttestation, 0, "/attestation"};
    }
    constexpr std::string_view kFetch = "/fetch-params/";
    if (config.fetch_params && path.starts_with(kFetch)) {
      if (std::optional<uint32_t> k = parse_u8(path.substr(kFetch.size()))) {
        return {Endpoint::kFetchParams, *k, "/fetch-params"};
      }
    }
  } else if (method == "POST") {
    if (path == "/check") return {Endpoint::kCheck, 0, "/check"};
    if (path == "/prove") return {Endpoint::kProve, 0, "/prove"};
    if (path == "/k") return {Endpoint::kK, 0, "/k"};
    if (path == "/prove-tx") return {Endpoint::kProveTx, 0, "/prove-tx"};
  }
  return {Endpoint::kNotFound, 0, "unmatched"};
}

}  // namespace nightjar::server
