// Session: one HTTP/1.1 connection, plain or TLS (Stream = beast::tcp_stream or
// beast::ssl_stream<beast::tcp_stream>), in the style of Beast's advanced server: every handler
// of a session runs on the session's strand, so a session is never touched by two threads.
//
// Per request: read the headers within header_timeout (also the keep-alive idle limit), refuse a
// declared or chunked body over max_body with 413 before buffering it, answer
// "Expect: 100-continue", read the body within body_timeout, hand the request to App, and while
// a job works watch the socket so that a client that hangs up cancels its job (a half-close
// counts as hanging up, as in nginx). The body is zeroed once handed over: the request's copy
// by SecretBytes, the read buffer's here. Exactly one
// response per request; requests on one connection are answered in order. After an error that
// leaves the request unread (413, 431, malformed HTTP) the response is followed by a lingering
// close, so the client reads the answer instead of a reset.
//
// Thread safety: start() once; everything else runs on the strand.
#pragma once

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/context.hpp>
#include <chrono>
#include <cstdint>
#include <memory>

#include "server/app.h"
#include "server/connection_stats.h"

namespace nightjar::server {

struct SessionLimits {
  uint64_t max_body_bytes = uint64_t{512} << 20;
  uint32_t max_header_bytes = 16 * 1024;
  std::chrono::milliseconds header_timeout{30'000};
  std::chrono::milliseconds body_timeout{300'000};
};

// Starts a session on an accepted socket (whose executor is a strand). `tls` null: plain HTTP.
void start_session(boost::asio::ip::tcp::socket socket, boost::asio::ssl::context* tls,
                   const SessionLimits& limits, App& app,
                   const std::shared_ptr<ConnectionStats>& stats);

}  // namespace nightjar::server
