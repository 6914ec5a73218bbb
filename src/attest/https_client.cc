#include "attest/https_client.h"

#include <netdb.h>
#include <openssl/err.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <cstring>

namespace nightjar::attest {
namespace {

Status io_error(const std::string& what) {
  char detail[256] = "";
  if (unsigned long e = ERR_get_error(); e != 0) ERR_error_string_n(e, detail, sizeof detail);
  ERR_clear_error();
  return Status(StatusCode::kInternal, what + (detail[0] ? std::string(": ") + detail : ""));
}

Result<int> connect_tcp(const HttpsUrl& url, std::chrono::milliseconds timeout) {
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  addrinfo* found = nullptr;
  const std::string port = std::to_string(url.port);
  if (int rc = getaddrinfo(url.host.c_str(), port.c_str(), &hints, &found); rc != 0) {
    return Status(StatusCode::kNotFound, url.host + ": " + gai_strerror(rc));
  }
  timeval tv{static_cast<time_t>(timeout.count() / 1000),
             static_cast<suseconds_t>(timeout.count() % 1000 * 1000)};
  std::string why = "no address";
  for (addrinfo* a = found; a != nullptr; a = a->ai_next) {
    int fd = ::socket(a->ai_family, a->ai_socktype | SOCK_CLOEXEC, a->ai_protocol);
    if (fd < 0) continue;
    // Linux applies the send timeout to connect() too.
    ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    ::setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
    if (::connect(fd, a->ai_addr, a->ai_addrlen) == 0) {
      freeaddrinfo(found);
      return fd;
    }
    why = std::strerror(errno);
    ::close(fd);
  }
  freeaddrinfo(found);
  return Status(StatusCode::kInternal,
                "cannot connect to " + url.host + ":" + std::to_string(url.port) + ": " + why);
}

}  // namespace

Result<HttpsUrl> parse_https_url(std::string_view url) {
  constexpr std::string_view kScheme = "https://";
  if (!url.starts_with(kScheme)) return invalid_argument("URL: want https://host[:port]");
  url.remove_prefix(kScheme.size());
  HttpsUrl out;
  size_t slash = url.find('/');
  std::string_view authority = url.substr(0, slash);
  if (slash != std::string_view::npos) {
    out.path = std::string(url.substr(slash));
    while (!out.path.empty() && out.path.back() == '/') out.path.pop_back();
  }
  std::string_view port;
  if (authority.starts_with("[")) {
    size_t close = authority.find(']');
    if (close == std::string_view::npos) return invalid_argument("URL: unclosed [");
    out.host = std::string(authority.substr(1, close - 1));
    std::string_view rest = authority.substr(close + 1);
    if (!rest.empty()) {
      if (rest.front() != ':') return invalid_argument("URL: junk after ]");
      port = rest.substr(1);
    }
  } else {
    size_t colon = authority.rfind(':');
    out.host = std::string(authority.substr(0, colon));
    if (colon != std::string_view::npos) port = authority.substr(colon + 1);
  }
  if (out.host.empty()) return invalid_argument("URL: no host");
  if (!port.empty()) {
    uint32_t p = 0;
    for (char c : port) {
      if (c < '0' || c > '9' || (p = p * 10 + static_cast<uint32_t>(c - '0')) > 65535) {
        return invalid_argument("URL: bad port");
      }
    }
    if (p == 0) return invalid_argument("URL: bad port");
    out.port = static_cast<uint16_t>(p);
  }
  return out;
}

Result<std::unique_ptr<HttpsConnection>> HttpsConnection::open(const HttpsUrl& url,
                                                               std::chrono::milliseconds timeout) {
  Result<int> fd = connect_tcp(url, timeout);
  if (!fd.is_ok()) return fd.status();
  SSL_CTX* ctx = SSL_CTX_new(TLS_client_method());
  NIGHTJAR_CHECK(ctx != nullptr);
  SSL_CTX_set_min_proto_version(ctx, TLS1_2_VERSION);
  // The server is authenticated by its attestation, bound to the key checked after the
  // handshake (header comment), not by a CA.
  SSL_CTX_set_verify(ctx, SSL_VERIFY_NONE, nullptr);
  SSL* ssl = SSL_new(ctx);
  NIGHTJAR_CHECK(ssl != nullptr);
  std::unique_ptr<HttpsConnection> c(new HttpsConnection(*fd, ctx, ssl, url));
  static const unsigned char kAlpn[] = "\x08http/1.1";
  SSL_set_alpn_protos(ssl, kAlpn, sizeof kAlpn - 1);
  SSL_set_tlsext_host_name(ssl, url.host.c_str());
  SSL_set_fd(ssl, *fd);
  if (SSL_connect(ssl) != 1) return io_error("TLS handshake with " + url.host);
  X509* peer = SSL_get0_peer_certificate(ssl);
  if (peer == nullptr) return io_error("TLS: the server presented no certificate");
  unsigned char* spki = nullptr;
  int length = i2d_PUBKEY(X509_get0_pubkey(peer), &spki);
  if (length <= 0) return io_error("TLS: the server's key cannot be encoded");
  c->peer_spki_sha256_ = sha256(std::span<const uint8_t>(spki, static_cast<size_t>(length)));
  OPENSSL_free(spki);
  return c;
}

HttpsConnection::~HttpsConnection() {
  SSL_shutdown(ssl_);
  SSL_free(ssl_);
  SSL_CTX_free(ctx_);
  ::close(fd_);
}

Status HttpsConnection::write_all(std::string_view data) {
  while (!data.empty()) {
    size_t written = 0;
    if (SSL_write_ex(ssl_, data.data(), data.size(), &written) != 1) {
      return io_error("TLS write");
    }
    data.remove_prefix(written);
  }
  return Status::ok();
}

Status HttpsConnection::fill(size_t size) {
  char chunk[16384];
  while (buffer_.size() < size) {
    if (buffer_.size() > kMaxResponseBytes + 64 * 1024) {
      return Status(StatusCode::kOutOfRange, "HTTP: response too large");
    }
    size_t n = 0;
    if (SSL_read_ex(ssl_, chunk, sizeof chunk, &n) != 1) {
      return io_error("TLS read (closed or timed out)");
    }
    buffer_.append(chunk, n);
  }
  return Status::ok();
}

Result<std::string> HttpsConnection::read_line() {
  size_t end;
  while ((end = buffer_.find("\r\n")) == std::string::npos) {
    if (buffer_.size() > 64 * 1024) return Status(StatusCode::kOutOfRange, "HTTP: line too long");
    Status s = fill(buffer_.size() + 1);
    if (!s.is_ok()) return s;
  }
  std::string line = buffer_.substr(0, end);
  buffer_.erase(0, end + 2);
  return line;
}

Result<HttpResponse> HttpsConnection::request(std::string_view method, std::string_view target,
                                              std::span<const uint8_t> body) {
  const std::string host =
      url_.host.find(':') == std::string::npos ? url_.host : "[" + url_.host + "]";
  std::string head = std::string(method) + " " + url_.path + std::string(target) +
                     " HTTP/1.1\r\nHost: " + host +
                     (url_.port == 443 ? "" : ":" + std::to_string(url_.port)) +
                     "\r\nUser-Agent: nightjar-attest\r\n";
  if (!body.empty() || method == "POST") {
    head += "Content-Length: " + std::to_string(body.size()) + "\r\n";
  }
  head += "\r\n";
  Status sent = write_all(head);
  if (sent.is_ok() && !body.empty()) {
    sent = write_all(std::string_view(reinterpret_cast<const char*>(body.data()), body.size()));
  }
  if (!sent.is_ok()) return sent;

  Result<std::string> status_line = read_line();
  if (!status_line.is_ok()) return status_line.status();
  HttpResponse response;
  if (status_line->size() < 12 || !status_line->starts_with("HTTP/1.")) {
    return invalid_argument("HTTP: bad status line");
  }
  response.status = std::atoi(status_line->c_str() + 9);
  size_t content_length = 0;
  bool chunked = false;
  for (;;) {
    Result<std::string> line = read_line();
    if (!line.is_ok()) return line.status();
    if (line->empty()) break;
    size_t colon = line->find(':');
    if (colon == std::string::npos) continue;
    std::string name = line->substr(0, colon);
    for (char& ch : name) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    std::string value = line->substr(colon + 1);
    value.erase(0, value.find_first_not_of(" \t"));
    if (name == "content-length") {
      content_length = std::strtoull(value.c_str(), nullptr, 10);
      if (content_length > kMaxResponseBytes) {
        return Status(StatusCode::kOutOfRange, "HTTP: response too large");
      }
    } else if (name == "transfer-encoding") {
      chunked = value.find("chunked") != std::string::npos;
    } else if (name == "content-type") {
      response.content_type = value;
    }
  }
  if (!chunked) {
    Status s = fill(content_length);
    if (!s.is_ok()) return s;
    response.body = buffer_.substr(0, content_length);
    buffer_.erase(0, content_length);
    return response;
  }
  for (;;) {
    Result<std::string> size_line = read_line();
    if (!size_line.is_ok()) return size_line.status();
    size_t size = std::strtoull(size_line->c_str(), nullptr, 16);
    if (size > kMaxResponseBytes || response.body.size() + size > kMaxResponseBytes) {
      return Status(StatusCode::kOutOfRange, "HTTP: response too large");
    }
    Status s = fill(size + 2);
    if (!s.is_ok()) return s;
    response.body.append(buffer_, 0, size);
    buffer_.erase(0, size + 2);
    if (size == 0) break;
  }
  // Trailers end with an empty line; a well-formed server sends none.
  return response;
}

}  // namespace nightjar::attest
