#include "attest/nsm.h"

#include <fcntl.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "attest/cbor.h"

namespace nightjar::attest {
namespace {

struct NsmIovec {
  uint64_t addr;
  uint64_t len;
};
struct NsmRaw {
  NsmIovec request;
  NsmIovec response;
};
static_assert(sizeof(NsmRaw) == 32);
constexpr unsigned long kNsmIoctlRaw = _IOWR(0x0A, 0x0, NsmRaw);

class IoctlNsmDevice : public NsmDevice {
 public:
  explicit IoctlNsmDevice(int fd) : fd_(fd) {}
  ~IoctlNsmDevice() override { ::close(fd_); }

  Result<std::vector<uint8_t>> call(std::span<const uint8_t> request) override {
    if (request.size() > kNsmRequestMax) return invalid_argument("NSM: request too large");
    std::vector<uint8_t> response(kNsmResponseMax);
    NsmRaw raw{{reinterpret_cast<uint64_t>(request.data()), request.size()},
               {reinterpret_cast<uint64_t>(response.data()), response.size()}};
    if (::ioctl(fd_, kNsmIoctlRaw, &raw) != 0) {
      return Status(StatusCode::kInternal, std::string("NSM ioctl: ") + std::strerror(errno));
    }
    // The driver writes back how much of the buffer it filled.
    if (raw.response.len > response.size()) {
      return Status(StatusCode::kInternal, "NSM: response longer than its buffer");
    }
    response.resize(raw.response.len);
    return response;
  }

 private:
  const int fd_;
};

void optional_bytes(CborWriter& w, std::optional<std::span<const uint8_t>> value) {
  if (value) {
    w.bytes(*value);
  } else {
    w.null();
  }
}

// The inner map of a {"<variant>": {...}} response, or the NSM's error.
Result<const cbor_item_t*> variant(const CborItem& root, const char* name) {
  const cbor_item_t* map = root.get();
  if (!cbor_isa_map(map) || cbor_map_size(map) != 1) {
    return invalid_argument("NSM: the response is not a one-entry map");
  }
  if (std::optional<std::string_view> error = cbor_text(cbor_map_get(map, "Error"))) {
    return Status(StatusCode::kInternal, "NSM error: " + std::string(*error));
  }
  const cbor_item_t* inner = cbor_map_get(map, name);
  if (inner == nullptr || !cbor_isa_map(inner)) {
    return invalid_argument(std::string("NSM: the response is not a ") + name + " response");
  }
  return inner;
}

CborLimits nsm_limits() {
  CborLimits limits;
  limits.max_size = kNsmResponseMax;
  limits.max_depth = 3;
  limits.max_items = 16;
  return limits;
}

}  // namespace

Result<std::unique_ptr<NsmDevice>> open_nsm_device(const std::string& path) {
  int fd = ::open(path.c_str(), O_RDWR | O_CLOEXEC);
  if (fd < 0) {
    return Status(errno == ENOENT ? StatusCode::kNotFound : StatusCode::kInternal,
                  "open " + path + ": " + std::strerror(errno));
  }
  return std::unique_ptr<NsmDevice>(new IoctlNsmDevice(fd));
}

std::vector<uint8_t> nsm_attestation_request(std::optional<std::span<const uint8_t>> user_data,
                                             std::optional<std::span<const uint8_t>> nonce,
                                             std::optional<std::span<const uint8_t>> public_key) {
  CborWriter w;
  w.map(1);
  w.text("Attestation");
  w.map(3);
  w.text("user_data");
  optional_bytes(w, user_data);
  w.text("nonce");
  optional_bytes(w, nonce);
  w.text("public_key");
  optional_bytes(w, public_key);
  return w.take();
}

Result<std::vector<uint8_t>> parse_nsm_attestation_response(std::span<const uint8_t> response) {
  Result<CborItem> root = cbor_decode(response, nsm_limits());
  if (!root.is_ok()) return invalid_argument("NSM: " + root.status().message());
  Result<const cbor_item_t*> inner = variant(*root, "Attestation");
  if (!inner.is_ok()) return inner.status();
  std::optional<std::span<const uint8_t>> document = cbor_bytes(cbor_map_get(*inner, "document"));
  if (!document || document->empty()) return invalid_argument("NSM: no attestation document");
  return std::vector<uint8_t>(document->begin(), document->end());
}

std::vector<uint8_t> nsm_extend_pcr_request(uint16_t index, std::span<const uint8_t> data) {
  CborWriter w;
  w.map(1);
  w.text("ExtendPCR");
  w.map(2);
  w.text("index");
  w.integer(index);
  w.text("data");
  w.bytes(data);
  return w.take();
}

Result<std::vector<uint8_t>> parse_nsm_extend_pcr_response(std::span<const uint8_t> response) {
  Result<CborItem> root = cbor_decode(response, nsm_limits());
  if (!root.is_ok()) return invalid_argument("NSM: " + root.status().message());
  Result<const cbor_item_t*> inner = variant(*root, "ExtendPCR");
  if (!inner.is_ok()) return inner.status();
  std::optional<std::span<const uint8_t>> data = cbor_bytes(cbor_map_get(*inner, "data"));
  if (!data) return invalid_argument("NSM: ExtendPCR response without data");
  return std::vector<uint8_t>(data->begin(), data->end());
}

}  // namespace nightjar::attest
