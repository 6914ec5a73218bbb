// The production Fetcher: libcurl, one easy handle per transfer. Follows up to five redirects
// (http and https only), fails on HTTP status >= 400, gives up when the connection takes over
// 30 s or the transfer stays below 1 KiB/s for 60 s, and allows only http, https and file URLs
// (file:// lets an operator point MIDNIGHT_PARAM_SOURCE at a local mirror).
// Thread safety: fetch() is safe from any number of threads; curl_global_init runs once.
#pragma once

#include <string>

#include "params/fetcher.h"

namespace nightjar::params {

class CurlFetcher final : public Fetcher {
 public:
  explicit CurlFetcher(std::string user_agent);

  Status fetch(const std::string& url, const ByteSink& sink) override;

 private:
  std::string user_agent_;
};

}  // namespace nightjar::params
