// A small blocking HTTPS/1.1 client for the verifier: one TLS connection (OpenSSL), requests in
// sequence on it, Content-Length or chunked responses, socket timeouts, a response-size limit.
//
// It deliberately does not judge the server's certificate by a CA: a TEE server's key is made
// inside the TEE and is typically self-signed. Trust comes from the attestation instead, which
// binds the evidence to peer_spki_sha256(), the key this very connection presented; a client
// that verified /attestation on a connection keeps using that connection (for /prove) so the
// witness goes where the evidence was made.
// Thread safety: one thread at a time per connection.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>

#include "base/sha256.h"
#include "base/status.h"

typedef struct ssl_st SSL;
typedef struct ssl_ctx_st SSL_CTX;

namespace nightjar::attest {

struct HttpsUrl {
  std::string host;
  uint16_t port = 443;
  std::string path;  // "" or "/prefix", never ending in '/'
};

// "https://host[:port][/path]"; IPv6 literals in brackets.
Result<HttpsUrl> parse_https_url(std::string_view url);

struct HttpResponse {
  int status = 0;
  std::string content_type;
  std::string body;
};

inline constexpr size_t kMaxResponseBytes = 1 << 20;

class HttpsConnection {
 public:
  static Result<std::unique_ptr<HttpsConnection>> open(const HttpsUrl& url,
                                                       std::chrono::milliseconds timeout);
  ~HttpsConnection();
  HttpsConnection(const HttpsConnection&) = delete;
  HttpsConnection& operator=(const HttpsConnection&) = delete;

  // SHA-256 of the DER SubjectPublicKeyInfo of the certificate the server presented.
  const Sha256Digest& peer_spki_sha256() const { return peer_spki_sha256_; }

  // `target` is appended to the URL's path ("/attestation?nonce=...").
  Result<HttpResponse> request(std::string_view method, std::string_view target,
                               std::span<const uint8_t> body = {});

 private:
  HttpsConnection(int fd, SSL_CTX* ctx, SSL* ssl, HttpsUrl url)
      : fd_(fd), ctx_(ctx), ssl_(ssl), url_(std::move(url)) {}
  Status write_all(std::string_view data);
  // Reads until `buffer_` holds at least `size` bytes.
  Status fill(size_t size);
  Result<std::string> read_line();

  int fd_;
  SSL_CTX* ctx_;
  SSL* ssl_;
  HttpsUrl url_;
  Sha256Digest peer_spki_sha256_{};
  std::string buffer_;
};

}  // namespace nightjar::attest
