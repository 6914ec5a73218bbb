#include "server/response.h"

namespace nightjar::server {

Response ok_response(std::string content_type, std::string body) {
  Response r;
  r.content_type = std::move(content_type);
  r.body = std::move(body);
  return r;
}

Response error_response(Error error, std::string detail) {
  Response r;
  r.status = http_status(error);
  r.error = error;
  // 404 stays empty, as actix answers it; every other error says why.
  if (error != Error::kNotFound) {
    std::string_view text = official_text(error);
    r.content_type = "text/plain; charset=utf-8";
    if (text.empty()) {
      r.body = std::move(detail);
    } else if (detail.empty()) {
      r.body = std::string(text);
    } else {
      r.body = std::string(text) + ": " + detail;
    }
  }
  return r;
}

}  // namespace nightjar::server
