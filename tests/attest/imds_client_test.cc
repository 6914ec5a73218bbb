// The instance metadata getter (imds_client.h) against a server on 127.0.0.1 that answers as
// the test says, and the response rules on complete answers.
#include "attest/imds_client.h"

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <string>
#include <thread>

namespace nightjar::attest {
namespace {

constexpr std::string_view kPath = "/metadata/THIM/amd/certification";

// One connection on 127.0.0.1: reads the request head, sends `answer`, then closes, or with
// kHold keeps the connection until the client closes it (as a server that ignores
// "Connection: close", or one that never answers when `answer` is empty).
class LoopbackServer {
 public:
  enum class After { kClose, kHold };

  LoopbackServer(std::string answer, After after) : listener_(::socket(AF_INET, SOCK_STREAM, 0)) {
    NIGHTJAR_CHECK(listener_ >= 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t size = sizeof address;
    NIGHTJAR_CHECK(::bind(listener_, reinterpret_cast<sockaddr*>(&address), size) == 0);
    NIGHTJAR_CHECK(::listen(listener_, 1) == 0);
    NIGHTJAR_CHECK(::getsockname(listener_, reinterpret_cast<sockaddr*>(&address), &size) == 0);
    port_ = ntohs(address.sin_port);
    thread_ = std::thread([this, answer = std::move(answer), after] { serve(answer, after); });
  }

  ~LoopbackServer() { join(); }

  uint16_t port() const { return port_; }

  // What the client sent, once the exchange is over.
  const std::string& request() {
    join();
    return request_;
  }

 private:
  void serve(const std::string& answer, After after) {
    int fd = ::accept(listener_, nullptr, nullptr);
    if (fd < 0) return;
    char buffer[4096];
    while (request_.find("\r\n\r\n") == std::string::npos) {
      ssize_t n = ::recv(fd, buffer, sizeof buffer, 0);
      if (n <= 0) break;
      request_.append(buffer, static_cast<size_t>(n));
    }
    for (size_t sent = 0; sent < answer.size();) {
      ssize_t n = ::send(fd, answer.data() + sent, answer.size() - sent, MSG_NOSIGNAL);
      if (n <= 0) break;
      sent += static_cast<size_t>(n);
    }
    if (after == After::kHold) {
      while (::recv(fd, buffer, sizeof buffer, 0) > 0) {
      }
    }
    ::close(fd);
  }

  void join() {
    if (!thread_.joinable()) return;
    // Wakes accept() when the client never connected.
    ::shutdown(listener_, SHUT_RDWR);
    thread_.join();
    ::close(listener_);
  }

  int listener_;
  uint16_t port_ = 0;
  std::thread thread_;
  std::string request_;
};

std::unique_ptr<MetadataGetter> getter_for(
    uint16_t port, std::chrono::milliseconds timeout = std::chrono::milliseconds(2000)) {
  return http_metadata_getter({.ipv4 = "127.0.0.1", .port = port, .timeout = timeout});
}

TEST(ImdsClient, SendsTheMetadataHeaderAndReturnsTheBody) {
  // The server keeps the connection open: the client stops at Content-Length.
  LoopbackServer server(
      "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 7\r\n\r\n{\"a\":1}",
      LoopbackServer::After::kHold);
  Result<std::string> body = getter_for(server.port())->get(kPath, 1024);
  ASSERT_TRUE(body.is_ok()) << body.status().message();
  EXPECT_EQ(*body, "{\"a\":1}");
  const std::string& request = server.request();
  EXPECT_TRUE(request.starts_with("GET /metadata/THIM/amd/certification HTTP/1.1\r\n")) << request;
  EXPECT_NE(request.find("\r\nMetadata: true\r\n"), std::string::npos) << request;
  EXPECT_NE(request.find("\r\nHost: 127.0.0.1\r\n"), std::string::npos) << request;
  EXPECT_NE(request.find("\r\nConnection: close\r\n"), std::string::npos) << request;
}

TEST(ImdsClient, ReadsChunkedAndCloseDelimitedBodies) {
  {
    LoopbackServer server(
        "HTTP/1.1 200 OK\r\nTransfer-Encoding: Chunked\r\n\r\n4\r\n{\"a\"\r\n3;x=y\r\n:1}\r\n"
        "0\r\n\r\n",
        LoopbackServer::After::kHold);
    Result<std::string> body = getter_for(server.port())->get(kPath, 1024);
    ASSERT_TRUE(body.is_ok()) << body.status().message();
    EXPECT_EQ(*body, "{\"a\":1}");
  }
  LoopbackServer server("HTTP/1.0 200 OK\r\n\r\nhello", LoopbackServer::After::kClose);
  Result<std::string> body = getter_for(server.port())->get(kPath, 1024);
  ASSERT_TRUE(body.is_ok()) << body.status().message();
  EXPECT_EQ(*body, "hello");
}

TEST(ImdsClient, AnotherStatusIsAnErrorNamingTheRequest) {
  LoopbackServer server("HTTP/1.1 404 Not Found\r\nContent-Length: 9\r\n\r\nnot found",
                        LoopbackServer::After::kClose);
  Result<std::string> body = getter_for(server.port())->get(kPath, 1024);
  ASSERT_FALSE(body.is_ok());
  EXPECT_EQ(body.status().code(), StatusCode::kInternal);
  EXPECT_EQ(body.status().message(), "GET http://127.0.0.1:" + std::to_string(server.port()) +
                                         std::string(kPath) + ": answered HTTP 404");
}

TEST(ImdsClient, OversizeBodiesAreRefused) {
  {
    // Refused from the head: the body is never awaited.
    LoopbackServer server("HTTP/1.1 200 OK\r\nContent-Length: 2000\r\n\r\n",
                          LoopbackServer::After::kHold);
    Result<std::string> body = getter_for(server.port())->get(kPath, 1024);
    ASSERT_FALSE(body.is_ok());
    EXPECT_EQ(body.status().code(), StatusCode::kOutOfRange) << body.status().message();
  }
  {
    LoopbackServer server("HTTP/1.1 200 OK\r\n\r\n" + std::string(2000, 'x'),
                          LoopbackServer::After::kHold);
    Result<std::string> body = getter_for(server.port())->get(kPath, 1024);
    ASSERT_FALSE(body.is_ok());
    EXPECT_EQ(body.status().code(), StatusCode::kOutOfRange) << body.status().message();
  }
  LoopbackServer server("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n400\r\n" +
                            std::string(1024, 'x') + "\r\n1\r\nx\r\n0\r\n\r\n",
                        LoopbackServer::After::kHold);
  Result<std::string> body = getter_for(server.port())->get(kPath, 1024);
  ASSERT_FALSE(body.is_ok());
  EXPECT_EQ(body.status().code(), StatusCode::kOutOfRange) << body.status().message();
}

TEST(ImdsClient, SilentServerTimesOut) {
  LoopbackServer server("", LoopbackServer::After::kHold);
  Result<std::string> body =
      getter_for(server.port(), std::chrono::milliseconds(200))->get(kPath, 1024);
  ASSERT_FALSE(body.is_ok());
  EXPECT_NE(body.status().message().find("receive timed out after 200 ms"), std::string::npos)
      << body.status().message();
}

TEST(ImdsClient, NoServerIsAConnectError) {
  uint16_t port;
  {
    // A port that was just free; nothing listens on it now.
    LoopbackServer gone("", LoopbackServer::After::kClose);
    port = gone.port();
  }
  Result<std::string> body = getter_for(port)->get(kPath, 1024);
  ASSERT_FALSE(body.is_ok());
  EXPECT_NE(body.status().message().find("connect"), std::string::npos) << body.status().message();
}

TEST(ImdsClient, PathsThatWouldSplitTheRequestAreRefused) {
  std::unique_ptr<MetadataGetter> getter = getter_for(9);
  for (std::string_view path : {"metadata", "/a b", "/a\r\nX: y", ""}) {
    Result<std::string> body = getter->get(path, 1024);
    ASSERT_FALSE(body.is_ok());
    EXPECT_EQ(body.status().code(), StatusCode::kInvalidArgument) << path;
  }
  EXPECT_EQ(http_metadata_getter({.ipv4 = "localhost"})->get(kPath, 1024).status().code(),
            StatusCode::kInvalidArgument);
}

TEST(ImdsResponse, CompleteAnswersByTheRules) {
  auto body = [](std::string_view response, size_t max = 64) {
    Result<std::string> r = metadata_response_body(response, max);
    return r.is_ok() ? "ok:" + *r : r.status().message();
  };
  EXPECT_EQ(body("HTTP/1.1 200\r\nContent-Length: 2\r\n\r\nabcd"), "ok:ab");
  EXPECT_EQ(body("HTTP/1.1 200 OK\r\ncontent-length:  3 \r\n\r\nabc"), "ok:abc");
  EXPECT_EQ(body("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nabc"),
            "closed after 3 of 5 body bytes");
  EXPECT_EQ(body("HTTP/1.1 200 OK\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\nabc"),
            "bad Content-Length");
  EXPECT_EQ(body("HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\nabc"), "bad Content-Length");
  EXPECT_EQ(body("HTTP/1.1 200 OK\r\nContent-Length: 3"), "closed before the end of the head");
  EXPECT_EQ(body("SSH-2.0-OpenSSH\r\n\r\n"), "not an HTTP/1.x answer");
  EXPECT_EQ(body("HTTP/1.1 2x0 OK\r\n\r\n"), "bad HTTP status line");
  EXPECT_EQ(body("HTTP/1.1 500 Internal Server Error\r\n\r\n"), "answered HTTP 500");
  EXPECT_EQ(body("HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip\r\n\r\n"),
            "unsupported Transfer-Encoding gzip");
  EXPECT_EQ(body("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nabc\r\n0\r\n\r\n"),
            "chunk not followed by CRLF");
  EXPECT_EQ(body("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n"),
            "bad chunk size line");
  EXPECT_EQ(body("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nab"),
            "closed inside the chunked body");
  EXPECT_EQ(
      body("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\nX: y\r\n\r\n"),
      "ok:abc");
  EXPECT_EQ(body("HTTP/1.1 200 OK\r\n" + std::string(kMaxMetadataHeadBytes, 'h')),
            "head longer than " + std::to_string(kMaxMetadataHeadBytes) + " bytes");
  EXPECT_EQ(body("HTTP/1.1 200 OK\r\n\r\nabc", 2), "body longer than 2 bytes");
}

}  // namespace
}  // namespace nightjar::attest
