#include "server/session.h"

#include <sys/socket.h>

#include <array>
#include <boost/asio/dispatch.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/strand.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <cerrno>
#include <ctime>
#include <optional>
#include <string>
#include <type_traits>

#include "base/secure_zero.h"
#include "server/request_id.h"

namespace nightjar::server {
namespace {

namespace beast = boost::beast;
namespace http = beast::http;
namespace net = boost::asio;
namespace ssl = net::ssl;
using tcp = net::ip::tcp;

using Body = http::vector_body<uint8_t>;

// After an error that leaves request bytes unread, keep reading (and dropping) them this long
// and this much, so the client sees the response instead of a connection reset.
constexpr std::chrono::seconds kLingerTime{2};
constexpr size_t kLingerBytes = size_t{64} << 20;
constexpr std::chrono::seconds kTlsShutdownTime{5};

std::string http_date() {
  const std::time_t now = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&now, &tm);
  char buf[64];
  std::strftime(buf, sizeof buf, "%a, %d %b %Y %H:%M:%S GMT", &tm);
  return buf;
}

bool is_http_parse_error(const beast::error_code& ec) {
  return ec.category() == http::make_error_code(http::error::bad_target).category();
}

template <class Stream>
class Session : public std::enable_shared_from_this<Session<Stream>> {
 public:
  static constexpr bool kTls = !std::is_same_v<Stream, beast::tcp_stream>;

  template <class... StreamArgs>
  Session(const SessionLimits& limits, App& app, std::shared_ptr<ConnectionStats> stats,
          StreamArgs&&... stream_args)
      : stream_(std::forward<StreamArgs>(stream_args)...),
        limits_(limits),
        app_(app),
        stats_(std::move(stats)) {
    ++stats_->open;
    beast::error_code ec;
    const tcp::endpoint remote = lowest().socket().remote_endpoint(ec);
    if (!ec) remote_ = remote.address().to_string() + ":" + std::to_string(remote.port());
  }

  ~Session() { --stats_->open; }

  void start() {
    net::dispatch(stream_.get_executor(), [self = this->shared_from_this()] { self->begin(); });
  }

 private:
  beast::tcp_stream& lowest() { return beast::get_lowest_layer(stream_); }

  void begin() {
    if constexpr (kTls) {
      lowest().expires_after(limits_.header_timeout);
      // A failed handshake (a scanner, a plain-HTTP client) gets no answer.
      stream_.async_handshake(ssl::stream_base::server,
                              [self = this->shared_from_this()](beast::error_code ec) {
                                if (!ec) self->read_header();
                              });
    } else {
      read_header();
    }
  }

  void read_header() {
    parser_.emplace();
    parser_->header_limit(limits_.max_header_bytes);
    parser_->body_limit(limits_.max_body_bytes);
    lowest().expires_after(limits_.header_timeout);
    http::async_read_header(
        stream_, buffer_, *parser_,
        [self = this->shared_from_this()](beast::error_code ec, size_t) { self->on_header(ec); });
  }

  void on_header(beast::error_code ec) {
    received_ = std::chrono::steady_clock::now();
    if (ec) return on_read_error(ec);
    if (boost::optional<uint64_t> length = parser_->content_length();
        length && *length > limits_.max_body_bytes) {
      return on_read_error(http::error::body_limit);
    }
    const auto& req = parser_->get();
    if (req.version() >= 11 && beast::iequals(req[http::field::expect], "100-continue") &&
        !parser_->is_done()) {
      static constexpr std::string_view kContinue = "HTTP/1.1 100 Continue\r\n\r\n";
      net::async_write(stream_, net::buffer(kContinue.data(), kContinue.size()),
                       [self = this->shared_from_this()](beast::error_code ec, size_t) {
                         if (ec) return self->close_now();
                         self->read_body();
                       });
      return;
    }
    read_body();
  }

  void read_body() {
    if (parser_->is_done()) return dispatch();
    lowest().expires_after(limits_.body_timeout);
    http::async_read(stream_, buffer_, *parser_,
                     [self = this->shared_from_this()](beast::error_code ec, size_t) {
                       if (ec) return self->on_read_error(ec);
                       self->dispatch();
                     });
  }

  void on_read_error(beast::error_code ec) {
    if (ec == http::error::body_limit) {
      return reply_local(
          error_response(Error::kBodyTooLarge, "request body exceeds the limit of " +
                                                   std::to_string(limits_.max_body_bytes) +
                                                   " bytes (--max-body)"));
    }
    if (ec == http::error::header_limit) {
      return reply_local(error_response(Error::kHeadersTooLarge, "request headers too large"));
    }
    // A timeout has already closed the socket; a client that went away, even mid-request, needs
    // no answer; a connection closed between requests is the normal end of keep-alive.
    if (ec == beast::error::timeout || ec == http::error::end_of_stream ||
        ec == http::error::partial_message || !is_http_parse_error(ec)) {
      return close_now();
    }
    reply_local(
        error_response(Error::kMalformedRequest, "malformed HTTP request: " + ec.message()));
  }

  void dispatch() {
    lowest().expires_never();
    http::request<Body> req = parser_->release();
    wipe_spare_buffer();
    keep_alive_ = req.keep_alive();
    version_ = req.version();

    Request request;
    request.method = std::string(req.method_string());
    request.target = std::string(req.target());
    request.request_id = assign_request_id(req["X-Request-Id"]);
    request.origin = std::string(req[http::field::origin]);
    request.cors_request_method = std::string(req[http::field::access_control_request_method]);
    request.cors_request_headers = std::string(req[http::field::access_control_request_headers]);
    request.remote = remote_;
    request.received = received_;
    request.body = SecretBytes(std::move(req.body()));

    ++stats_->in_flight;
    counted_ = true;
    job_ = app_.handle(std::move(request), [self = this->shared_from_this()](Response response) {
      // Any thread: hop onto the session's strand. Never inline, so App::handle returns first.
      net::post(self->stream_.get_executor(), [self, response = std::move(response)]() mutable {
        self->on_reply(std::move(response));
      });
    });
    if (job_) watch_disconnect();
  }

  // The read buffer held the body on its way into the request; zero what is not still unread
  // (pipelined bytes stay). Asking for all the spare room makes flat_buffer move the unread
  // bytes to its start, so the span covers every byte already consumed.
  void wipe_spare_buffer() {
    const net::mutable_buffer spare = buffer_.prepare(buffer_.capacity() - buffer_.size());
    secure_zero(spare.data(), spare.size());
  }

  // While a job runs nothing else reads the socket; readable with no data means the peer closed.
  void watch_disconnect() {
    lowest().socket().async_wait(
        tcp::socket::wait_read,
        [self = this->shared_from_this()](beast::error_code ec) { self->on_readable(ec); });
  }

  void on_readable(beast::error_code ec) {
    if (ec || !job_) return;
    char byte;
    const ssize_t n = ::recv(lowest().socket().native_handle(), &byte, 1, MSG_PEEK | MSG_DONTWAIT);
    if (n == 0 || (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR)) {
      std::shared_ptr<Job> job = job_;
      job->cancel(Error::kClientGone, "client disconnected");
      return;
    }
    // n > 0: the client sent more (a pipelined request, a TLS alert), so it is still there;
    // that data stays unread until the reply is out. n < 0: a spurious wake-up.
    if (n < 0) watch_disconnect();
  }

  void on_reply(Response response) {
    job_.reset();
    beast::error_code ignored;
    lowest().socket().cancel(ignored);  // ends watch_disconnect
    if (response.error == Error::kClientGone) {
      request_done();
      return close_now();
    }
    write(std::move(response), false);
  }

  // Answers a request the session could not read completely, then closes with a linger.
  void reply_local(Response response) {
    RequestInfo info;
    if (parser_ && parser_->is_header_done()) {
      info.method = std::string(parser_->get().method_string());
      info.target = std::string(parser_->get().target());
      info.origin = std::string(parser_->get()[http::field::origin]);
      info.request_id = assign_request_id(parser_->get()["X-Request-Id"]);
    } else {
      info.request_id = assign_request_id({});
    }
    info.remote = remote_;
    info.received = received_;
    ++stats_->in_flight;
    counted_ = true;
    write(app_.finish_local(info, std::move(response)), true);
  }

  void write(Response response, bool linger) {
    auto msg = std::make_shared<http::response<http::string_body>>();
    msg->version(version_);
    msg->result(response.status);
    if (!response.content_type.empty()) msg->set(http::field::content_type, response.content_type);
    for (auto& [name, value] : response.headers) msg->insert(name, value);
    msg->set(http::field::date, http_date());
    msg->body() = std::move(response.body);
    const bool close = linger || response.close || !keep_alive_;
    msg->keep_alive(!close);
    msg->prepare_payload();
    lowest().expires_after(limits_.body_timeout);
    http::async_write(
        stream_, *msg,
        [self = this->shared_from_this(), msg, close, linger](beast::error_code ec, size_t) {
          self->request_done();
          if (ec) return self->close_now();
          if (linger) return self->linger_close();
          if (close) return self->graceful_close();
          self->read_header();
        });
  }

  void request_done() {
    if (counted_) --stats_->in_flight;
    counted_ = false;
  }

  void graceful_close() {
    if constexpr (kTls) {
      lowest().expires_after(kTlsShutdownTime);
      stream_.async_shutdown(
          [self = this->shared_from_this()](beast::error_code) { self->close_now(); });
    } else {
      beast::error_code ignored;
      lowest().socket().shutdown(tcp::socket::shutdown_send, ignored);
    }
  }

  void linger_close() {
    beast::error_code ignored;
    lowest().socket().shutdown(tcp::socket::shutdown_send, ignored);
    linger_left_ = kLingerBytes;
    lowest().expires_after(kLingerTime);
    linger_read();
  }

  void linger_read() {
    lowest().async_read_some(net::buffer(linger_buffer_),
                             [self = this->shared_from_this()](beast::error_code ec, size_t n) {
                               if (ec || n >= self->linger_left_) return self->close_now();
                               self->linger_left_ -= n;
                               self->linger_read();
                             });
  }

  void close_now() {
    beast::error_code ignored;
    lowest().socket().close(ignored);
  }

  Stream stream_;
  const SessionLimits limits_;
  App& app_;
  const std::shared_ptr<ConnectionStats> stats_;
  std::string remote_;
  beast::flat_buffer buffer_;
  std::optional<http::request_parser<Body>> parser_;
  std::chrono::steady_clock::time_point received_ = std::chrono::steady_clock::now();
  unsigned version_ = 11;
  bool keep_alive_ = true;
  bool counted_ = false;
  std::shared_ptr<Job> job_;
  size_t linger_left_ = 0;
  std::array<char, 16 * 1024> linger_buffer_;
};

}  // namespace

void start_session(tcp::socket socket, ssl::context* tls, const SessionLimits& limits, App& app,
                   const std::shared_ptr<ConnectionStats>& stats) {
  if (tls != nullptr) {
    std::make_shared<Session<beast::ssl_stream<beast::tcp_stream>>>(limits, app, stats,
                                                                    std::move(socket), *tls)
        ->start();
  } else {
    std::make_shared<Session<beast::tcp_stream>>(limits, app, stats, std::move(socket))->start();
  }
}

}  // namespace nightjar::server
