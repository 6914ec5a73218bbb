// Response: what the server layer answers to one request, before CORS, request-id and framing
// headers are added by the session. A plain value; not thread-safe to mutate concurrently.
//
// `error` names why a request failed (for metrics and logs); it is kNone on success. `k` is the
// circuit size a /prove or /k job worked on, once known (logs and metrics, never the wire). Every
// status code comes from http_status.h, never from a literal elsewhere.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "server/http_status.h"

namespace nightjar::server {

struct Response {
  unsigned status = 200;
  std::string content_type;
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;
  Error error = Error::kNone;
  std::optional<uint32_t> k;
  // Close the connection after this response (the request body was not read, or shutdown).
  bool close = false;
};

// A success: 200 with `body`.
Response ok_response(std::string content_type, std::string body);

// A failure: the status chosen for `error` with `detail` as a text/plain body. The body keeps
// the official text first ("bad input", "Job Queue full", ...) and appends the reason.
Response error_response(Error error, std::string detail = {});

}  // namespace nightjar::server
