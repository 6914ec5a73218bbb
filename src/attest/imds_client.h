// GET from a cloud's instance metadata service (Azure IMDS at 169.254.169.254): plain HTTP/1.1
// to an IPv4 literal, one request per connection ("Connection: close"), with the `Metadata:
// true` header Azure requires (it refuses requests without it, so a page that tricks something
// else on the VM into a plain GET cannot read it). No DNS, proxy, redirect or TLS: the address
// is reachable only from inside the VM, and what is fetched carries its own signatures
// (thim.h), so the channel needs no authentication.
//
// Bounds: one deadline covers connect, send and receive; a head over kMaxMetadataHeadBytes or a
// body over the caller's `max_bytes` is refused as soon as it is seen. A body may be sized by
// Content-Length, chunked or closed by the server; a non-200 answer is refused from its status
// line alone.
//
// MetadataGetter is the injectable seam: collectors take one, tests answer for the service.
// Thread safety: implementations are called from one thread at a time; the one
// http_metadata_getter() returns keeps no state between calls.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "base/status.h"

namespace nightjar::attest {

inline constexpr size_t kMaxMetadataHeadBytes = 16 * 1024;

class MetadataGetter {
 public:
  virtual ~MetadataGetter() = default;

  // The body of a 200 answer to GET `path`. kOutOfRange when it is longer than `max_bytes`;
  // kInternal for no connection, a timeout or another status, the message saying which.
  virtual Result<std::string> get(std::string_view path, size_t max_bytes) = 0;
};

struct MetadataEndpoint {
  std::string ipv4 = "169.254.169.254";
  uint16_t port = 80;
  // The service answers from the host in milliseconds; when it does not, start-up should not
  // wait long for certificates the client can also be given.
  std::chrono::milliseconds timeout{2000};
};

std::unique_ptr<MetadataGetter> http_metadata_getter(MetadataEndpoint endpoint = {});

// The body of a complete HTTP/1.1 response (the bytes up to the server's close), by the rules
// above; what http_metadata_getter() applies as the bytes arrive.
Result<std::string> metadata_response_body(std::string_view response, size_t max_bytes);

}  // namespace nightjar::attest
