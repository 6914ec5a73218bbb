// Where the shared Midnight test vectors are: $NIGHTJAR_VECTORS, else the default CTest passes
// (../shared/vectors beside the checkout). Tests that need them skip, saying so, when absent.
#pragma once

#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

namespace nightjar::testing {

inline std::filesystem::path vectors_dir() {
  for (const char* var : {"NIGHTJAR_VECTORS", "NIGHTJAR_VECTORS_DEFAULT"}) {
    if (const char* v = std::getenv(var); v != nullptr && *v != '\0') return v;
  }
  return "../shared/vectors";
}

inline std::filesystem::path midnight_vectors_dir() { return vectors_dir() / "midnight"; }

// The whole file; empty when it cannot be read (the caller's checks then fail visibly).
inline std::vector<uint8_t> read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::vector<uint8_t>(std::istreambuf_iterator<char>(in), {});
}

inline int env_int(const char* name, int fallback) {
  const char* v = std::getenv(name);
  return v != nullptr && *v != '\0' ? std::atoi(v) : fallback;
}

}  // namespace nightjar::testing

// Skips the current test with a visible reason when a vectors file is missing.
#define NIGHTJAR_REQUIRE_VECTOR(path)                                            \
  do {                                                                           \
    if (!std::filesystem::exists(path)) {                                        \
      GTEST_SKIP() << "shared vectors not found: " << (path)                     \
                   << " (set NIGHTJAR_VECTORS to the shared/vectors directory)"; \
    }                                                                            \
  } while (0)
