// Field elements as the official Rust code prints them in error messages (transient-crypto's
// fr_display!: the canonical little-endian bytes without trailing zeros, two hex digits each, "-"
// for zero; 0x7170 prints "7071"), so that nightjar's messages read like the official ones.
//
// Only for public values (transcript entries, public inputs): witness values never reach a
// message.
//
// Thread-safety: pure functions.
#pragma once

#include <optional>
#include <string>

#include "ff/fr.h"

namespace nightjar::zkir {

std::string format_fr(const ff::Fr& x);
// Rust's Debug of Option<Fr>: "Some(71)" or "None".
std::string format_option_fr(const std::optional<ff::Fr>& x);

}  // namespace nightjar::zkir
