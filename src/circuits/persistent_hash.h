// Midnight's persistent hash: SHA-256 (base-crypto's persistent_hash), applied by the ZKIR
// instruction persistent_hash to the FAB encoding of field elements (circuits/fab.h), and the
// split of its 32-byte output into the two field elements the instruction pushes.
//
// Thread-safety: pure functions.
#pragma once

#include <array>
#include <cstdint>
#include <span>

#include "base/status.h"
#include "circuits/fab.h"
#include "ff/fr.h"

namespace nightjar::circuits {

using HashOutput = std::array<uint8_t, 32>;

HashOutput persistent_hash(std::span<const uint8_t> bytes);

// The ledger's field representation of a 32-byte string: byte 31 alone, then bytes 0..30 as a
// little-endian integer (both below the modulus by construction).
std::array<ff::Fr, 2> hash_output_fields(const HashOutput& hash);

// What the persistent_hash instruction pushes: hash_output_fields(persistent_hash(FAB bytes)).
// Errors are fab_bytes_from_fields'.
Result<std::array<ff::Fr, 2>> persistent_hash_fields(const Alignment& alignment,
                                                     std::span<const ff::Fr> fields);

}  // namespace nightjar::circuits
