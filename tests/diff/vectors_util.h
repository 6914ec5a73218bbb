// Reading the vector files written by gen_vectors.mjs (the format is described at the top of that
// script) and the hex helpers the differential checks share.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <map>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace nightjar::diff {

struct Case {
  size_t file = 0;                  // index into VectorSet::files
  size_t line = 0;                  // 1-based, for failure messages
  std::vector<std::string> tokens;  // everything after the operation name
};

// Cases grouped by operation name, in file order.
struct VectorSet {
  std::map<std::string, std::vector<Case>, std::less<>> by_op;
  std::vector<std::string> files;
  size_t total = 0;
};

// Appends the cases of `path` to `set`, keeping at most `limit_per_op` cases of each operation
// (0: no limit). Returns an empty string, or why the file could not be read.
std::string load_vectors(const std::string& path, size_t limit_per_op, VectorSet& set);

// A token that is not what its operation expects (wrong length, not hex, not canonical): the case
// fails, with this message, instead of aborting the run.
class MalformedCase : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

std::vector<uint8_t> hex_bytes(std::string_view hex, size_t size);

template <size_t N>
std::array<uint8_t, N> hex_array(std::string_view hex) {
  std::vector<uint8_t> bytes = hex_bytes(hex, N);
  std::array<uint8_t, N> out;
  for (size_t i = 0; i < N; ++i) out[i] = bytes[i];
  return out;
}

std::string hex(std::span<const uint8_t> bytes);

}  // namespace nightjar::diff
