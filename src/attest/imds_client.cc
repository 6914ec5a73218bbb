#include "attest/imds_client.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <climits>
#include <cstring>
#include <optional>

namespace nightjar::attest {
namespace {

using Clock = std::chrono::steady_clock;

// A chunk-size line longer than this is not a size.
constexpr size_t kMaxChunkLineBytes = 1024;

Status failed(std::string message) { return Status(StatusCode::kInternal, std::move(message)); }

Status too_large(std::string message) {
  return Status(StatusCode::kOutOfRange, std::move(message));
}

std::string lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string_view trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

// Digits only: no sign, prefix or spaces, which from_chars also refuses for unsigned types.
std::optional<uint64_t> parse_number(std::string_view text, int base) {
  uint64_t value = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value, base);
  if (text.empty() || error != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

struct Head {
  std::optional<uint64_t> content_length;
  bool chunked = false;
};

Result<Head> parse_head(std::string_view head) {
  size_t end = head.find("\r\n");
  std::string_view status_line = head.substr(0, end);
  if (status_line.size() < 12 || !status_line.starts_with("HTTP/1.") || status_line[8] != ' ') {
    return failed("not an HTTP/1.x answer");
  }
  std::optional<uint64_t> status = parse_number(status_line.substr(9, 3), 10);
  if (!status || (status_line.size() > 12 && status_line[12] != ' ')) {
    return failed("bad HTTP status line");
  }
  if (*status != 200) return failed("answered HTTP " + std::to_string(*status));
  Head out;
  while (end != std::string_view::npos) {
    size_t start = end + 2;
    end = head.find("\r\n", start);
    std::string_view line = head.substr(start, end == std::string_view::npos ? end : end - start);
    size_t colon = line.find(':');
    if (colon == std::string_view::npos) continue;
    const std::string name = lower(trim(line.substr(0, colon)));
    const std::string_view value = trim(line.substr(colon + 1));
    if (name == "content-length") {
      std::optional<uint64_t> length = parse_number(value, 10);
      if (!length || (out.content_length && *out.content_length != *length)) {
        return failed("bad Content-Length");
      }
      out.content_length = length;
    } else if (name == "transfer-encoding") {
      if (lower(value) != "chunked") {
        return failed("unsupported Transfer-Encoding " + std::string(value.substr(0, 40)));
      }
      out.chunked = true;
    }
  }
  return out;
}

// The body once `raw` holds all of it; nullopt while more bytes are needed and can come.
using Partial = Result<std::optional<std::string>>;

Partial chunked_body(std::string_view body, size_t max_bytes, bool closed) {
  std::string out;
  size_t pos = 0;
  for (;;) {
    size_t eol = body.find("\r\n", pos);
    if (eol == std::string_view::npos) {
      if (body.size() - pos > kMaxChunkLineBytes) return failed("bad chunk size line");
      if (closed) return failed("closed inside the chunked body");
      return std::optional<std::string>();
    }
    std::string_view line = body.substr(pos, eol - pos);
    std::optional<uint64_t> size = parse_number(trim(line.substr(0, line.find(';'))), 16);
    if (!size) return failed("bad chunk size line");
    if (*size > max_bytes - out.size()) {
      return too_large("body longer than " + std::to_string(max_bytes) + " bytes");
    }
    // A zero chunk ends the body; trailers, if any, say nothing this client needs.
    if (*size == 0) return std::optional<std::string>(std::move(out));
    const size_t data = eol + 2;
    if (body.size() - data < *size + 2) {
      if (closed) return failed("closed inside the chunked body");
      return std::optional<std::string>();
    }
    if (body.substr(data + *size, 2) != "\r\n") return failed("chunk not followed by CRLF");
    out.append(body.substr(data, *size));
    pos = data + *size + 2;
  }
}

Partial response_body(std::string_view raw, size_t max_bytes, bool closed) {
  const size_t head_end = raw.find("\r\n\r\n");
  if (head_end == std::string_view::npos || head_end > kMaxMetadataHeadBytes) {
    if (raw.size() > kMaxMetadataHeadBytes) {
      return too_large("head longer than " + std::to_string(kMaxMetadataHeadBytes) + " bytes");
    }
    if (closed) return failed("closed before the end of the head");
    return std::optional<std::string>();
  }
  Result<Head> head = parse_head(raw.substr(0, head_end));
  if (!head.is_ok()) return head.status();
  const std::string_view body = raw.substr(head_end + 4);
  if (head->chunked) return chunked_body(body, max_bytes, closed);
  if (head->content_length) {
    const uint64_t length = *head->content_length;
    if (length > max_bytes) {
      return too_large("body of " + std::to_string(length) + " bytes, more than " +
                       std::to_string(max_bytes));
    }
    if (body.size() >= length) return std::optional<std::string>(body.substr(0, length));
    if (closed) {
      return failed("closed after " + std::to_string(body.size()) + " of " +
                    std::to_string(length) + " body bytes");
    }
    return std::optional<std::string>();
  }
  if (body.size() > max_bytes) {
    return too_large("body longer than " + std::to_string(max_bytes) + " bytes");
  }
  if (closed) return std::optional<std::string>(body);
  return std::optional<std::string>();
}

class Socket {
 public:
  explicit Socket(int fd) : fd_(fd) {}
  ~Socket() {
    if (fd_ >= 0) ::close(fd_);
  }
  Socket(const Socket&) = delete;
  Socket& operator=(const Socket&) = delete;
  int get() const { return fd_; }

 private:
  int fd_;
};

class Deadline {
 public:
  explicit Deadline(std::chrono::milliseconds budget)
      : budget_(budget), at_(Clock::now() + budget) {}

  // Until `fd` is ready for `events` (or has an error, which the next call on it reports).
  Status wait(int fd, short events, const char* phase) const {
    for (;;) {
      const int64_t left =
          std::chrono::duration_cast<std::chrono::milliseconds>(at_ - Clock::now()).count();
      if (left <= 0) {
        return failed(std::string(phase) + " timed out after " + std::to_string(budget_.count()) +
                      " ms");
      }
      pollfd p{fd, events, 0};
      int rc = ::poll(&p, 1, static_cast<int>(std::min<int64_t>(left, INT_MAX)));
      if (rc > 0) return Status::ok();
      if (rc < 0 && errno != EINTR) return failed(std::string("poll: ") + std::strerror(errno));
    }
  }

 private:
  std::chrono::milliseconds budget_;
  Clock::time_point at_;
};

Status connect_to(int fd, const sockaddr_in& address, const Deadline& deadline) {
  if (::connect(fd, reinterpret_cast<const sockaddr*>(&address), sizeof address) == 0) {
    return Status::ok();
  }
  if (errno != EINPROGRESS) return failed(std::string("connect: ") + std::strerror(errno));
  if (Status s = deadline.wait(fd, POLLOUT, "connect"); !s.is_ok()) return s;
  int error = 0;
  socklen_t size = sizeof error;
  if (::getsockopt(fd, SOL_SOCKET, SO_ERROR, &error, &size) != 0) error = errno;
  if (error != 0) return failed(std::string("connect: ") + std::strerror(error));
  return Status::ok();
}

Status send_all(int fd, std::string_view data, const Deadline& deadline) {
  while (!data.empty()) {
    ssize_t n = ::send(fd, data.data(), data.size(), MSG_NOSIGNAL);
    if (n > 0) {
      data.remove_prefix(static_cast<size_t>(n));
    } else if (errno == EAGAIN || errno == EWOULDBLOCK) {
      if (Status s = deadline.wait(fd, POLLOUT, "send"); !s.is_ok()) return s;
    } else if (errno != EINTR) {
      return failed(std::string("send: ") + std::strerror(errno));
    }
  }
  return Status::ok();
}

Result<std::string> receive(int fd, size_t max_bytes, const Deadline& deadline) {
  // Chunk framing may add to the body; beyond this the answer is not a body of max_bytes.
  const size_t max_raw = kMaxMetadataHeadBytes + 2 * max_bytes + kMaxChunkLineBytes;
  std::string raw;
  char buffer[4096];
  for (;;) {
    ssize_t n = ::recv(fd, buffer, sizeof buffer, 0);
    if (n > 0) {
      raw.append(buffer, static_cast<size_t>(n));
      Partial body = response_body(raw, max_bytes, false);
      if (!body.is_ok()) return body.status();
      if (*body) return std::move(**body);
      if (raw.size() > max_raw) return too_large("answer longer than " + std::to_string(max_raw));
    } else if (n == 0) {
      Partial body = response_body(raw, max_bytes, true);
      if (!body.is_ok()) return body.status();
      return std::move(**body);
    } else if (errno == EAGAIN || errno == EWOULDBLOCK) {
      if (Status s = deadline.wait(fd, POLLIN, "receive"); !s.is_ok()) return s;
    } else if (errno != EINTR) {
      return failed(std::string("recv: ") + std::strerror(errno));
    }
  }
}

class HttpMetadataGetter final : public MetadataGetter {
 public:
  explicit HttpMetadataGetter(MetadataEndpoint endpoint) : endpoint_(std::move(endpoint)) {}

  Result<std::string> get(std::string_view path, size_t max_bytes) override {
    const std::string where =
        "GET http://" + endpoint_.ipv4 + ":" + std::to_string(endpoint_.port) + std::string(path);
    Result<std::string> body = exchange(path, max_bytes);
    if (!body.is_ok()) return Status(body.status().code(), where + ": " + body.status().message());
    return body;
  }

 private:
  Result<std::string> exchange(std::string_view path, size_t max_bytes) const {
    // The path goes into the request line as is: nothing in it may end or split that line.
    if (!path.starts_with('/') ||
        std::any_of(path.begin(), path.end(), [](char c) { return c <= ' ' || c == 0x7f; })) {
      return invalid_argument("bad path");
    }
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(endpoint_.port);
    if (::inet_pton(AF_INET, endpoint_.ipv4.c_str(), &address.sin_addr) != 1) {
      return invalid_argument("not an IPv4 address");
    }
    const Deadline deadline(endpoint_.timeout);
    Socket socket(::socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0));
    if (socket.get() < 0) return failed(std::string("socket: ") + std::strerror(errno));
    if (Status s = connect_to(socket.get(), address, deadline); !s.is_ok()) return s;
    const std::string request = "GET " + std::string(path) +
                                " HTTP/1.1\r\nHost: " + endpoint_.ipv4 +
                                "\r\nMetadata: true\r\nConnection: close\r\n"
                                "User-Agent: nightjar\r\n\r\n";
    if (Status s = send_all(socket.get(), request, deadline); !s.is_ok()) return s;
    return receive(socket.get(), max_bytes, deadline);
  }

  MetadataEndpoint endpoint_;
};

}  // namespace

std::unique_ptr<MetadataGetter> http_metadata_getter(MetadataEndpoint endpoint) {
  return std::make_unique<HttpMetadataGetter>(std::move(endpoint));
}

Result<std::string> metadata_response_body(std::string_view response, size_t max_bytes) {
  Partial body = response_body(response, max_bytes, true);
  if (!body.is_ok()) return body.status();
  return std::move(**body);
}

}  // namespace nightjar::attest
