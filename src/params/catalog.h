// The artifacts the key store manages, each pinned by SHA-256 exactly as proof-server 8.1.0 pins
// them: the SRS files bls_midnight_2p{k}, k = 0..25 (pcs/kzg/srs_pins.h), and the built-in
// circuits' prover key, verifier key and IR under zswap/9/ and dust/9/ (midnight-ledger
// zswap/static/*.sha256 and ledger/static/dust/*.sha256 at ledger-8.1.0, where 9 is
// static/version). A name is both the path under the cache directory and the path under the
// parameter source URL. Anything not in the catalog is refused, as the official provider refuses
// "not a known managed artifact". Immutable data; thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "base/sha256.h"

namespace nightjar::params {

struct Artifact {
  std::string name;
  Sha256Digest sha256;
  std::string description;
  // Downloads that grow beyond this are abandoned: the exact size for SRS files, a generous
  // bound for keys, so a hostile mirror cannot fill the disk.
  uint64_t max_bytes = 0;
};

inline constexpr uint32_t kMaxSrsK = 25;

// "bls_midnight_2p{k}".
std::string srs_artifact_name(uint32_t k);

std::optional<Artifact> find_artifact(std::string_view name);

// The key locations the official server resolves itself, in its startup fetch order:
// midnight/zswap/{spend,output,sign}, midnight/dust/spend.
std::span<const std::string_view> builtin_key_locations();

// The artifact stem of a built-in key location ("midnight/zswap/spend" -> "zswap/9/spend"); add
// ".prover", ".verifier" or ".bzkir". nullopt for any other location.
std::optional<std::string> builtin_key_root(std::string_view key_location);

}  // namespace nightjar::params
