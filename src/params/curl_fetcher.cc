#include "params/curl_fetcher.h"

#include <curl/curl.h>

#include <memory>
#include <mutex>

namespace nightjar::params {
namespace {

struct Transfer {
  const ByteSink* sink;
  Status sink_status;
};

size_t on_data(char* data, size_t size, size_t count, void* user) {
  auto* transfer = static_cast<Transfer*>(user);
  const size_t n = size * count;
  transfer->sink_status =
      (*transfer->sink)(std::span<const uint8_t>(reinterpret_cast<const uint8_t*>(data), n));
  // Returning less than n makes curl abort with CURLE_WRITE_ERROR.
  return transfer->sink_status.is_ok() ? n : 0;
}

}  // namespace

CurlFetcher::CurlFetcher(std::string user_agent) : user_agent_(std::move(user_agent)) {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

Status CurlFetcher::fetch(const std::string& url, const ByteSink& sink) {
  std::unique_ptr<CURL, decltype(&curl_easy_cleanup)> curl(curl_easy_init(), curl_easy_cleanup);
  if (!curl) return Status(StatusCode::kInternal, "curl_easy_init failed");
  Transfer transfer{&sink, Status::ok()};
  char error[CURL_ERROR_SIZE] = {};
  CURL* h = curl.get();
  curl_easy_setopt(h, CURLOPT_URL, url.c_str());
  curl_easy_setopt(h, CURLOPT_ERRORBUFFER, error);
  curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, on_data);
  curl_easy_setopt(h, CURLOPT_WRITEDATA, &transfer);
  curl_easy_setopt(h, CURLOPT_USERAGENT, user_agent_.c_str());
  curl_easy_setopt(h, CURLOPT_FAILONERROR, 1L);
  curl_easy_setopt(h, CURLOPT_FOLLOWLOCATION, 1L);
  curl_easy_setopt(h, CURLOPT_MAXREDIRS, 5L);
  curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http,https,file");
  curl_easy_setopt(h, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT, 30L);
  curl_easy_setopt(h, CURLOPT_LOW_SPEED_LIMIT, 1024L);
  curl_easy_setopt(h, CURLOPT_LOW_SPEED_TIME, 60L);
  // Signals cannot be used for timeouts in a multi-threaded process.
  curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
  const CURLcode rc = curl_easy_perform(h);
  if (rc == CURLE_OK) return Status::ok();
  if (rc == CURLE_WRITE_ERROR && !transfer.sink_status.is_ok()) return transfer.sink_status;
  std::string message = error[0] != '\0' ? error : curl_easy_strerror(rc);
  return Status(StatusCode::kInternal, "GET " + url + ": " + message);
}

}  // namespace nightjar::params
