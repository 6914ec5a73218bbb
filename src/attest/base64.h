// Standard base64 (RFC 4648 §4, with padding) for the binary fields of the /attestation JSON
// document. Decoding is strict: no whitespace, no missing padding, no other alphabet, and a size
// limit checked before anything is allocated. Pure functions; thread-safe.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"

namespace nightjar::attest {

std::string base64_encode(std::span<const uint8_t> bytes);

Result<std::vector<uint8_t>> base64_decode(std::string_view text, size_t max_bytes);

}  // namespace nightjar::attest
