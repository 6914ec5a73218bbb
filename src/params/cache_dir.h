// Where the key store keeps its files: the official data provider's lookup order
// (midnight-ledger base-crypto/src/data_provider.rs), so nightjar and the official server share
// one cache: $MIDNIGHT_PP, else $XDG_CACHE_HOME/midnight/zk-params, else
// $HOME/.cache/midnight/zk-params. Pure functions; thread-safe.
#pragma once

#include <filesystem>
#include <functional>

#include "base/status.h"

namespace nightjar::params {

// Looks an environment variable up; nullptr when unset. Injected so tests need no real env.
using EnvLookup = std::function<const char*(const char*)>;

// The process environment (std::getenv).
EnvLookup process_env();

// Fails when none of the three variables is set (a service account with no home).
Result<std::filesystem::path> default_cache_dir(const EnvLookup& env);

}  // namespace nightjar::params
