#include "server/cors.h"

#include <string>

namespace nightjar::server {

Response preflight_response(const CorsRequest& request) {
  Response r = ok_response({}, {});
  r.headers.emplace_back("Access-Control-Allow-Origin", std::string(request.origin));
  r.headers.emplace_back("Access-Control-Allow-Credentials", "true");
  r.headers.emplace_back("Access-Control-Allow-Methods", std::string(request.request_method));
  if (!request.request_headers.empty()) {
    r.headers.emplace_back("Access-Control-Allow-Headers", std::string(request.request_headers));
  }
  r.headers.emplace_back("Access-Control-Max-Age", "3600");
  r.headers.emplace_back("Vary",
                         "Origin, Access-Control-Request-Method, Access-Control-Request-Headers");
  return r;
}

void add_cors_headers(const CorsRequest& request, Response& response) {
  if (request.origin.empty()) return;
  for (const auto& [name, value] : response.headers) {
    if (name == "Access-Control-Allow-Origin") return;  // a preflight answer is complete
  }
  std::string exposed;
  for (const auto& [name, value] : response.headers) {
    if (!exposed.empty()) exposed += ", ";
    exposed += name;
  }
  if (!response.content_type.empty())
    exposed += exposed.empty() ? "content-type" : ", content-type";
  response.headers.emplace_back("Access-Control-Allow-Origin", std::string(request.origin));
  response.headers.emplace_back("Access-Control-Allow-Credentials", "true");
  if (!exposed.empty()) response.headers.emplace_back("Access-Control-Expose-Headers", exposed);
  response.headers.emplace_back("Vary", "Origin");
}

}  // namespace nightjar::server
