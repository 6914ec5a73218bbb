// The HTTP layer on a real loopback socket: keep-alive, limits (413 unread, 431), malformed
// requests, timeouts, 100-continue, and a disconnect cancelling its queued job.
#include "server/session.h"

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <boost/asio/io_context.hpp>
#include <condition_variable>
#include <optional>
#include <string>
#include <thread>

#include "server/listener.h"

namespace nightjar::server {
namespace {

using namespace std::chrono_literals;
namespace net = boost::asio;

// A blocking client socket with a receive timeout, so no test can hang.
class Client {
 public:
  explicit Client(uint16_t port) {
    fd_ = socket(AF_INET, SOCK_STREAM, 0);
    timeval tv{5, 0};
    setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(port);
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    EXPECT_EQ(connect(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr), 0);
  }
  ~Client() { close_now(); }

  void send_all(std::string_view data) {
    while (!data.empty()) {
      const ssize_t n = ::send(fd_, data.data(), data.size(), MSG_NOSIGNAL);
      if (n <= 0) return;  // the server may have closed; the test checks what it read
      data.remove_prefix(static_cast<size_t>(n));
    }
  }

  // One response: the status code and the body (by Content-Length). nullopt on close/timeout.
  std::optional<std::pair<int, std::string>> read_response() {
    size_t header_end;
    while ((header_end = buffer_.find("\r\n\r\n")) == std::string::npos) {
      if (!fill()) return std::nullopt;
    }
    const std::string head = buffer_.substr(0, header_end);
    size_t length = 0;
    if (size_t p = head.find("Content-Length: "); p != std::string::npos) {
      length = std::stoul(head.substr(p + 16));
    }
    while (buffer_.size() < header_end + 4 + length) {
      if (!fill()) return std::nullopt;
    }
    const int status = std::stoi(head.substr(9, 3));
    std::string body = buffer_.substr(header_end + 4, length);
    buffer_.erase(0, header_end + 4 + length);
    last_head_ = head;
    return std::make_pair(status, body);
  }

  // True when the server closes the connection (EOF) within the receive timeout.
  bool closed_by_server() {
    char c;
    for (;;) {
      const ssize_t n = ::recv(fd_, &c, 1, 0);
      if (n == 0) return true;
      if (n < 0) return errno == ECONNRESET;
    }
  }

  void close_now() {
    if (fd_ >= 0) ::close(fd_);
    fd_ = -1;
  }

  const std::string& last_head() const { return last_head_; }

 private:
  bool fill() {
    char buf[4096];
    const ssize_t n = ::recv(fd_, buf, sizeof buf, 0);
    if (n <= 0) return false;
    buffer_.append(buf, static_cast<size_t>(n));
    return true;
  }

  int fd_ = -1;
  std::string buffer_;
  std::string last_head_;
};

class SessionTest : public ::testing::Test {
 protected:
  SessionTest()
      : jobs_({1, 0, std::chrono::seconds(60)}),
        fetches_({1, 0, std::chrono::seconds(0)}),
        logger_(LogLevel::kError, [](std::string_view) {}),
        app_(RouterConfig{false}, jobs_, fetches_, nullptr, prover_, metrics_, logger_) {
    SessionLimits limits;
    limits.max_body_bytes = 1 << 20;
    limits.max_header_bytes = 8 * 1024;
    limits.header_timeout = 300ms;
    limits.body_timeout = 500ms;
    auto listener =
        Listener::open(io_, {net::ip::make_address("127.0.0.1"), 0}, nullptr, limits, app_, stats_);
    EXPECT_TRUE(listener.is_ok());
    listener_ = *listener;
    port_ = listener_->local_endpoint().port();
    listener_->run();
    for (int i = 0; i < 2; ++i) threads_.emplace_back([this] { io_.run(); });
  }

  ~SessionTest() override {
    listener_->stop();
    io_.stop();
    for (std::thread& t : threads_) t.join();
  }

  Metrics metrics_;
  Prover prover_{nullptr, 0};
  JobQueue jobs_;
  JobQueue fetches_;
  Logger logger_;
  App app_;
  std::shared_ptr<ConnectionStats> stats_ = std::make_shared<ConnectionStats>();
  net::io_context io_;
  std::shared_ptr<Listener> listener_;
  std::vector<std::thread> threads_;
  uint16_t port_ = 0;
};

constexpr std::string_view kGetHealth = "GET /health HTTP/1.1\r\nHost: t\r\n\r\n";

TEST_F(SessionTest, KeepAliveAnswersInOrder) {
  Client c(port_);
  c.send_all(kGetHealth);
  auto first = c.read_response();
  ASSERT_TRUE(first.has_value());
  EXPECT_EQ(first->first, 200);
  EXPECT_NE(c.last_head().find("X-Request-Id: "), std::string::npos);
  // Two pipelined requests on the same connection.
  c.send_all(std::string("GET /version HTTP/1.1\r\nHost: t\r\n\r\n") +
             "GET /nope HTTP/1.1\r\nHost: t\r\n\r\n");
  auto second = c.read_response();
  auto third = c.read_response();
  ASSERT_TRUE(second && third);
  EXPECT_EQ(second->second, "8.1.0");
  EXPECT_EQ(third->first, 404);
}

TEST_F(SessionTest, DeclaredBodyOverTheLimitIs413Unread) {
  Client c(port_);
  c.send_all("POST /check HTTP/1.1\r\nHost: t\r\nContent-Length: 1073741824\r\n\r\nabc");
  auto r = c.read_response();
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->first, 413);
  EXPECT_NE(r->second.find("1048576"), std::string::npos);
  EXPECT_NE(c.last_head().find("Connection: close"), std::string::npos);
  EXPECT_TRUE(c.closed_by_server());
}

TEST_F(SessionTest, ChunkedBodyOverTheLimitIs413) {
  Client c(port_);
  c.send_all("POST /check HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n");
  const std::string chunk = "10000\r\n" + std::string(0x10000, 'x') + "\r\n";
  std::thread sender([&] {
    for (int i = 0; i < 40; ++i) c.send_all(chunk);  // 2.5 MiB, over the 1 MiB limit
  });
  auto r = c.read_response();
  sender.join();
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->first, 413);
}

TEST_F(SessionTest, OversizedHeadersAre431) {
  Client c(port_);
  c.send_all("GET /health HTTP/1.1\r\nHost: t\r\nX-Big: " + std::string(20'000, 'a') + "\r\n\r\n");
  auto r = c.read_response();
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->first, 431);
}

TEST_F(SessionTest, MalformedRequestsAre400AndTheServerCarriesOn) {
  for (std::string_view junk : {"GARBAGE\r\n\r\n", "GET / HTTP/9.9\r\n\r\n",
                                "POST /check HTTP/1.1\r\nContent-Length: x\r\n\r\n"}) {
    Client c(port_);
    c.send_all(junk);
    auto r = c.read_response();
    ASSERT_TRUE(r.has_value()) << junk;
    EXPECT_EQ(r->first, 400) << junk;
  }
  Client c(port_);
  c.send_all(kGetHealth);
  auto r = c.read_response();
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->first, 200);
}

TEST_F(SessionTest, IdleAndSlowClientsAreDisconnected) {
  Client idle(port_);
  EXPECT_TRUE(idle.closed_by_server());  // nothing sent within the header timeout
  Client slow(port_);
  slow.send_all("POST /check HTTP/1.1\r\nHost: t\r\nContent-Length: 100\r\n\r\n0123456789");
  EXPECT_TRUE(slow.closed_by_server());  // body incomplete at the body timeout
  Client partial(port_);
  partial.send_all("GET /health HTTP/1.1\r\n");
  EXPECT_TRUE(partial.closed_by_server());
}

TEST_F(SessionTest, ExpectContinue) {
  Client c(port_);
  c.send_all(
      "POST /check HTTP/1.1\r\nHost: t\r\nContent-Length: 3\r\nExpect: 100-continue\r\n\r\n");
  auto interim = c.read_response();
  ASSERT_TRUE(interim.has_value());
  EXPECT_EQ(interim->first, 100);
  c.send_all("abc");
  auto r = c.read_response();
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->first, 400);  // not a tagged request
}

TEST_F(SessionTest, DisconnectCancelsTheQueuedJob) {
  // Hold the only worker so the client's /check waits in the queue.
  std::mutex m;
  std::condition_variable cv;
  bool release = false;
  ASSERT_TRUE(std::holds_alternative<std::shared_ptr<Job>>(jobs_.submit(
      [&](const CancelToken&) {
        std::unique_lock<std::mutex> lock(m);
        cv.wait(lock, [&] { return release; });
        return ok_response("t", "x");
      },
      [](Response, const JobTiming&) {})));
  {
    Client c(port_);
    c.send_all("POST /check HTTP/1.1\r\nHost: t\r\nContent-Length: 3\r\n\r\nabc");
    for (int i = 0; i < 500 && jobs_.gauges().pending == 0; ++i) std::this_thread::sleep_for(10ms);
    EXPECT_EQ(jobs_.gauges().pending, 1u);
  }  // the client hangs up
  for (int i = 0; i < 500 && jobs_.gauges().pending != 0; ++i) std::this_thread::sleep_for(10ms);
  EXPECT_EQ(jobs_.gauges().pending, 0u);
  {
    std::lock_guard<std::mutex> lock(m);
    release = true;
  }
  cv.notify_all();
  EXPECT_TRUE(jobs_.wait_idle(std::chrono::steady_clock::now() + 10s));
  const std::string text = metrics_.render(jobs_.gauges());
  EXPECT_NE(text.find("nightjar_errors_total{reason=\"client_gone\"} 1"), std::string::npos);
}

}  // namespace
}  // namespace nightjar::server
