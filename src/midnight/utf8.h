// Strict UTF-8 validation, as Rust's String::from_utf8 applies it to decoded strings: no
// overlong forms, no surrogates, nothing above U+10FFFF. Stateless and thread-safe.
#pragma once

#include <cstdint>
#include <span>

namespace nightjar::midnight {

bool is_valid_utf8(std::span<const uint8_t> bytes);

}  // namespace nightjar::midnight
