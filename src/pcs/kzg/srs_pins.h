// The SHA-256 of every official Midnight SRS file bls_midnight_2p{k}, k = 0..25, compiled in:
// midnight-ledger pins them (base-crypto/src/data_provider.rs, EXPECTED_DATA, ledger 8.1.0) and
// refuses any file that does not match, so nightjar checks downloads and derived files against
// the same table. Immutable data; thread-safe.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>

#include "base/sha256.h"
#include "base/status.h"

namespace nightjar::kzg {

// The pinned digest of bls_midnight_2p{k}, or nullopt for k > 25.
std::optional<Sha256Digest> official_srs_sha256(uint32_t k);

// OK when `digest` is the pin for k; kDataLoss (naming both digests) when it differs, kNotFound
// when k has no pin.
Status check_official_srs_sha256(uint32_t k, const Sha256Digest& digest);

// Hashes the file at `path` and checks it against the pin for k.
Status check_official_srs_file(const std::string& path, uint32_t k);

}  // namespace nightjar::kzg
