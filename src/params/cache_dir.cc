#include "params/cache_dir.h"

#include <cstdlib>

namespace nightjar::params {

EnvLookup process_env() {
  return [](const char* name) { return static_cast<const char*>(std::getenv(name)); };
}

Result<std::filesystem::path> default_cache_dir(const EnvLookup& env) {
  // The official code tests for presence, not emptiness: an empty MIDNIGHT_PP means the current
  // directory there, so it does here too.
  if (const char* pp = env("MIDNIGHT_PP")) return std::filesystem::path(pp);
  if (const char* xdg = env("XDG_CACHE_HOME")) {
    return std::filesystem::path(xdg) / "midnight" / "zk-params";
  }
  if (const char* home = env("HOME")) {
    return std::filesystem::path(home) / ".cache" / "midnight" / "zk-params";
  }
  return Status(StatusCode::kFailedPrecondition,
                "Could not determine $HOME, $XDG_CACHE_HOME, or $MIDNIGHT_PP");
}

}  // namespace nightjar::params
