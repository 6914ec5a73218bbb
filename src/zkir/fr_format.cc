#include "zkir/fr_format.h"

#include <array>

namespace nightjar::zkir {

std::string format_fr(const ff::Fr& x) {
  static constexpr char kDigits[] = "0123456789abcdef";
  const std::array<uint8_t, 32> bytes = x.to_bytes_le();
  size_t n = bytes.size();
  while (n > 0 && bytes[n - 1] == 0) --n;
  if (n == 0) return "-";
  std::string out;
  for (size_t i = 0; i < n; ++i) {
    out.push_back(kDigits[bytes[i] >> 4]);
    out.push_back(kDigits[bytes[i] & 15]);
  }
  return out;
}

std::string format_option_fr(const std::optional<ff::Fr>& x) {
  return x ? "Some(" + format_fr(*x) + ")" : "None";
}

}  // namespace nightjar::zkir
