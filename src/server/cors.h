// Permissive CORS, as the official server's actix-cors `Cors::permissive()`: any origin is
// echoed back (never "*", so credentials work), credentials allowed, preflights answered for
// any path with the requested method and headers echoed and a one-hour max age, and every
// response header exposed. Requests without an Origin header get no CORS headers.
// Pure functions; thread-safe.
#pragma once

#include <string_view>

#include "server/response.h"

namespace nightjar::server {

struct CorsRequest {
  std::string_view origin;
  std::string_view request_method;   // Access-Control-Request-Method (preflight)
  std::string_view request_headers;  // Access-Control-Request-Headers (preflight)

  bool is_preflight() const { return !origin.empty() && !request_method.empty(); }
};

Response preflight_response(const CorsRequest& request);

// Adds the headers of an actual (non-preflight) cross-origin response.
void add_cors_headers(const CorsRequest& request, Response& response);

}  // namespace nightjar::server
