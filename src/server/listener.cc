#include "server/listener.h"

#include <boost/asio/dispatch.hpp>
#include <boost/asio/strand.hpp>

namespace nightjar::server {

namespace net = boost::asio;
using tcp = net::ip::tcp;

Listener::Listener(net::io_context& io, net::ssl::context* tls, const SessionLimits& limits,
                   App& app, std::shared_ptr<ConnectionStats> stats)
    : io_(io),
      acceptor_(net::make_strand(io)),
      retry_(acceptor_.get_executor()),
      tls_(tls),
      limits_(limits),
      app_(app),
      stats_(std::move(stats)) {}

Result<std::shared_ptr<Listener>> Listener::open(net::io_context& io, const tcp::endpoint& endpoint,
                                                 net::ssl::context* tls,
                                                 const SessionLimits& limits, App& app,
                                                 std::shared_ptr<ConnectionStats> stats) {
  std::shared_ptr<Listener> listener(new Listener(io, tls, limits, app, std::move(stats)));
  boost::system::error_code ec;
  tcp::acceptor& a = listener->acceptor_;
  const std::string where = endpoint.address().to_string() + ":" + std::to_string(endpoint.port());
  if (a.open(endpoint.protocol(), ec); ec) {
    return Status(StatusCode::kInternal, "cannot open a socket for " + where + ": " + ec.message());
  }
  a.set_option(net::socket_base::reuse_address(true), ec);
  if (a.bind(endpoint, ec); ec) {
    return Status(StatusCode::kInternal, "cannot bind " + where + ": " + ec.message());
  }
  if (a.listen(net::socket_base::max_listen_connections, ec); ec) {
    return Status(StatusCode::kInternal, "cannot listen on " + where + ": " + ec.message());
  }
  return listener;
}

tcp::endpoint Listener::local_endpoint() const {
  boost::system::error_code ec;
  return acceptor_.local_endpoint(ec);
}

void Listener::run() { accept(); }

void Listener::stop() {
  net::dispatch(acceptor_.get_executor(), [self = shared_from_this()] {
    boost::system::error_code ignored;
    self->acceptor_.close(ignored);
    self->retry_.cancel();
  });
}

void Listener::accept() {
  acceptor_.async_accept(
      net::make_strand(io_),
      [self = shared_from_this()](boost::system::error_code ec, tcp::socket socket) {
        if (ec == net::error::operation_aborted || !self->acceptor_.is_open()) return;
        if (!ec) {
          start_session(std::move(socket), self->tls_, self->limits_, self->app_, self->stats_);
          return self->accept();
        }
        // Other errors (EMFILE, a connection reset before accept) must not stop the loop.
        self->retry_.expires_after(std::chrono::milliseconds(50));
        self->retry_.async_wait([self](boost::system::error_code) { self->accept(); });
      });
}

}  // namespace nightjar::server
