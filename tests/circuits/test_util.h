// Helpers shared by the circuits tests: field elements from little-endian hex.
#pragma once

#include <optional>
#include <span>
#include <string_view>

#include "base/hex.h"
#include "ff/fr.h"

namespace nightjar::circuits::testing {

// The element whose canonical little-endian encoding is `hex` (64 digits); aborts otherwise.
inline ff::Fr fr_le(std::string_view hex) {
  Result<std::vector<uint8_t>> bytes = from_hex(hex);
  NIGHTJAR_CHECK(bytes.is_ok() && bytes->size() == 32);
  std::optional<ff::Fr> x = ff::Fr::from_bytes_le(std::span<const uint8_t, 32>(bytes->data(), 32));
  NIGHTJAR_CHECK(x.has_value());
  return *x;
}

}  // namespace nightjar::circuits::testing
