// Store: the key store. Every artifact (catalog.h) lives at `<dir>/<name>`; a file is used only
// after its SHA-256 equals the pin, and each file is hashed at most once per process (the
// official server re-hashes on every use). A missing artifact is downloaded from
// `<source_url>` joined with its name (url.h) into a temporary file in the same directory,
// hashed while it streams, and renamed into place only when the digest matches, so the cache
// never holds a partial or unverified file under a real name. A failed attempt is retried after
// a backoff that doubles (first_backoff, then 2x, ...). With allow_download off (offline mode)
// only the cache is used.
//
// Single flight: concurrent ensure() calls for one name share one check or download; calls for
// different names proceed in parallel. SRS files are memory-mapped once and shared.
//
// Thread safety: every method may be called from any thread. Calls that may download block for
// as long as the transfer takes: never call them on an IO thread.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "params/catalog.h"
#include "params/fetcher.h"
#include "pcs/kzg/params.h"

namespace nightjar::params {

inline constexpr std::string_view kDefaultSource = "https://srs.midnight.network/";

struct StoreOptions {
  std::filesystem::path dir;
  std::string source_url = std::string(kDefaultSource);
  bool allow_download = true;
  // The official provider makes 3 attempts.
  int attempts = 3;
  std::chrono::milliseconds first_backoff{1000};
};

// A built-in circuit's files, as the official server's resolvers hand them to its prover.
struct BuiltinKey {
  std::vector<uint8_t> prover_key;    // <root>.prover, a tagged prover-key file
  std::vector<uint8_t> verifier_key;  // <root>.verifier
  std::vector<uint8_t> ir;            // <root>.bzkir
};

class Store {
 public:
  Store(StoreOptions options, std::shared_ptr<Fetcher> fetcher);
  Store(const Store&) = delete;
  Store& operator=(const Store&) = delete;

  const StoreOptions& options() const { return options_; }

  // The artifact's path once it is cached and matches its pin, downloading it when allowed.
  // kInvalidArgument for a name outside the catalog, kDataLoss for a cached file whose digest
  // differs (it is left alone for the operator to inspect), kNotFound when offline and absent,
  // kInternal when every download attempt failed.
  Result<std::filesystem::path> ensure(std::string_view name);

  // True when `name` was verified by this process; never touches the disk.
  bool is_verified(std::string_view name) const;

  // bls_midnight_2p{k}, ensured, mapped and shared. kOutOfRange for k > 25.
  Result<std::shared_ptr<const kzg::Params>> srs(uint32_t k);

  // The tagged IR of a built-in key location (midnight/zswap/spend, ...), nullopt for a location
  // that is not built in.
  Result<std::optional<std::vector<uint8_t>>> builtin_ir(std::string_view key_location);

  // The prover key, verifier key and IR of a built-in key location, nullptr for a location that
  // is not built in. The files are ensured as above, read and checked against their pins once,
  // then kept in memory and shared: a proof does not re-read or re-hash them.
  Result<std::shared_ptr<const BuiltinKey>> builtin_key(std::string_view key_location);

  // Ensures every name, several at a time; the first failure, if any, after all have finished.
  Status ensure_all(std::span<const std::string> names);

  // What the official server fetches before it listens: SRS k = 10..15 and the prover key,
  // verifier key and IR of every built-in location.
  static std::vector<std::string> startup_artifacts();

 private:
  struct Flight {
    bool done = false;
    Status status;
  };

  Status check_or_download(std::string_view name);
  // The bytes of an ensured artifact, whose digest still equals its pin.
  Result<std::vector<uint8_t>> read_verified(const std::string& name);
  Status download(const Artifact& artifact, const std::filesystem::path& path);

  const StoreOptions options_;
  const std::shared_ptr<Fetcher> fetcher_;

  mutable std::mutex mutex_;
  std::condition_variable flight_done_;
  std::set<std::string, std::less<>> verified_;
  std::map<std::string, std::shared_ptr<Flight>, std::less<>> in_flight_;
  std::map<uint32_t, std::shared_ptr<const kzg::Params>> srs_;
  std::map<std::string, std::shared_ptr<const BuiltinKey>, std::less<>> builtin_keys_;
};

}  // namespace nightjar::params
