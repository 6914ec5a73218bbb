// Hexadecimal encoding of byte strings (lower case, no prefix).
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"

namespace nightjar {

std::string to_hex(std::span<const uint8_t> bytes);

// Accepts upper or lower case and an optional "0x" prefix; rejects odd lengths and non-hex digits.
Result<std::vector<uint8_t>> from_hex(std::string_view text);

}  // namespace nightjar
