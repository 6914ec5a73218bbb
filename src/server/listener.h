// Listener: the accept loop. Each accepted connection gets its own strand and a Session.
// stop() closes the acceptor (on its strand): connections already open carry on.
// Thread safety: construct and run() on one thread; stop() from any thread.
#pragma once

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <memory>

#include "base/status.h"
#include "server/app.h"
#include "server/connection_stats.h"
#include "server/session.h"

namespace nightjar::server {

class Listener : public std::enable_shared_from_this<Listener> {
 public:
  // Binds and listens, or says why not (address in use, permission, bad address).
  static Result<std::shared_ptr<Listener>> open(boost::asio::io_context& io,
                                                const boost::asio::ip::tcp::endpoint& endpoint,
                                                boost::asio::ssl::context* tls,
                                                const SessionLimits& limits, App& app,
                                                std::shared_ptr<ConnectionStats> stats);

  boost::asio::ip::tcp::endpoint local_endpoint() const;
  void run();
  void stop();

 private:
  Listener(boost::asio::io_context& io, boost::asio::ssl::context* tls, const SessionLimits& limits,
           App& app, std::shared_ptr<ConnectionStats> stats);
  void accept();

  boost::asio::io_context& io_;
  boost::asio::ip::tcp::acceptor acceptor_;
  // Paces retries after a failed accept (EMFILE), which would otherwise spin.
  boost::asio::steady_timer retry_;
  boost::asio::ssl::context* const tls_;
  const SessionLimits limits_;
  App& app_;
  const std::shared_ptr<ConnectionStats> stats_;
};

}  // namespace nightjar::server
