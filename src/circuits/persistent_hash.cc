#include "circuits/persistent_hash.h"

#include <algorithm>
#include <vector>

#include "base/secure_zero.h"
#include "base/sha256.h"

namespace nightjar::circuits {

HashOutput persistent_hash(std::span<const uint8_t> bytes) { return sha256(bytes); }

std::array<ff::Fr, 2> hash_output_fields(const HashOutput& hash) {
  std::array<uint8_t, 32> high{};
  high[0] = hash[31];
  std::array<uint8_t, 32> low{};
  std::copy_n(hash.begin(), 31, low.begin());
  return {*ff::Fr::from_bytes_le(high), *ff::Fr::from_bytes_le(low)};
}

Result<std::array<ff::Fr, 2>> persistent_hash_fields(const Alignment& alignment,
                                                     std::span<const ff::Fr> fields) {
  Result<std::vector<uint8_t>> bytes = fab_bytes_from_fields(alignment, fields);
  if (!bytes.is_ok()) return bytes.status();
  std::array<ff::Fr, 2> out = hash_output_fields(persistent_hash(*bytes));
  if (!bytes->empty()) secure_zero(bytes->data(), bytes->size());
  return out;
}

}  // namespace nightjar::circuits
