#include "midnight/writer.h"

#include <array>

#include "base/secure_zero.h"

namespace nightjar::midnight {

void Writer::header(std::string_view tag) {
  constexpr std::string_view kGlobalTag = "midnight:";
  out_.insert(out_.end(), kGlobalTag.begin(), kGlobalTag.end());
  out_.insert(out_.end(), tag.begin(), tag.end());
  out_.push_back(':');
}

void Writer::u32_le(uint32_t v) {
  for (int i = 0; i < 4; ++i) out_.push_back(static_cast<uint8_t>(v >> (8 * i)));
}

void Writer::compact(uint64_t v) {
  std::array<uint8_t, 8> le;
  for (int i = 0; i < 8; ++i) le[i] = static_cast<uint8_t>(v >> (8 * i));
  compact_le(le);
}

void Writer::compact_le(std::span<const uint8_t> le) {
  size_t n = le.size();
  while (n > 0 && le[n - 1] == 0) --n;
  if (n <= 4) {
    uint64_t v = 0;
    for (size_t i = n; i-- > 0;) v = v << 8 | le[i];
    if (v < (uint64_t{1} << 6)) {
      out_.push_back(static_cast<uint8_t>(v << 2));
      return;
    }
    if (v < (uint64_t{1} << 14)) {
      uint64_t w = v << 2 | 1;
      out_.push_back(static_cast<uint8_t>(w));
      out_.push_back(static_cast<uint8_t>(w >> 8));
      return;
    }
    if (v < (uint64_t{1} << 30)) {
      uint64_t w = v << 2 | 2;
      for (int i = 0; i < 4; ++i) out_.push_back(static_cast<uint8_t>(w >> (8 * i)));
      return;
    }
  }
  out_.push_back(static_cast<uint8_t>((n - 4) << 2 | 3));
  out_.insert(out_.end(), le.begin(), le.begin() + n);
}

void Writer::fr(const ff::Fr& v) {
  std::array<uint8_t, 32> le = v.to_bytes_le();
  compact_le(le);
  // Field elements are mostly witness values; do not leave copies on the stack.
  secure_zero(le.data(), le.size());
}

void Writer::byte_vec(std::span<const uint8_t> b) {
  compact(b.size());
  bytes(b);
}

void Writer::string(std::string_view s) {
  compact(s.size());
  out_.insert(out_.end(), s.begin(), s.end());
}

}  // namespace nightjar::midnight
