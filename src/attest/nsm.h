// The AWS Nitro Security Module (/dev/nsm) from inside an enclave: requests and responses are
// CBOR maps encoding aws-nitro-enclaves-nsm-api's Request and Response enums (serde's external
// tagging), passed through one ioctl (attestation.md §3.1):
//
//   NSM_IOCTL_RAW = _IOWR(0x0A, 0, struct nsm_raw {iovec request; iovec response}) = 0xC0200A00
//   {"Attestation": {"user_data": bstr|null, "nonce": bstr|null, "public_key": bstr|null}}
//       -> {"Attestation": {"document": bstr}}
//   {"ExtendPCR": {"index": uint, "data": bstr}} -> {"ExtendPCR": {"data": bstr}}
//   failures -> {"Error": "<ErrorCode>"}
//
// Requests are at most 0x1000 bytes, responses 0x3000. NsmDevice is the transport, so tests
// replay recorded answers; open_nsm_device() is the real ioctl.
// Thread safety: an NsmDevice is used by one thread at a time; the codec is pure.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "base/status.h"

namespace nightjar::attest {

inline constexpr const char* kNsmDevicePath = "/dev/nsm";
inline constexpr size_t kNsmRequestMax = 0x1000;
inline constexpr size_t kNsmResponseMax = 0x3000;

class NsmDevice {
 public:
  virtual ~NsmDevice() = default;
  // One request, one response (CBOR both).
  virtual Result<std::vector<uint8_t>> call(std::span<const uint8_t> request) = 0;
};

Result<std::unique_ptr<NsmDevice>> open_nsm_device(const std::string& path = kNsmDevicePath);

std::vector<uint8_t> nsm_attestation_request(std::optional<std::span<const uint8_t>> user_data,
                                             std::optional<std::span<const uint8_t>> nonce,
                                             std::optional<std::span<const uint8_t>> public_key);
// The attestation document (COSE_Sign1 bytes), or the NSM's error.
Result<std::vector<uint8_t>> parse_nsm_attestation_response(std::span<const uint8_t> response);

std::vector<uint8_t> nsm_extend_pcr_request(uint16_t index, std::span<const uint8_t> data);
// The PCR's new value.
Result<std::vector<uint8_t>> parse_nsm_extend_pcr_response(std::span<const uint8_t> response);

}  // namespace nightjar::attest
