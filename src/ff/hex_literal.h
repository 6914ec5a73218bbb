// Field constants written as big-endian hex in source (generators, test vectors). Aborts on a
// malformed literal: these are programmer-supplied, never input.
#pragma once

#include <string_view>

#include "base/status.h"
#include "ff/fp.h"
#include "ff/fr.h"

namespace nightjar::ff {

template <class F>
F field_from_hex(std::string_view hex) {
  NIGHTJAR_CHECK(hex.size() <= 2 * F::kBytes);
  typename F::Limbs limbs{};
  for (size_t i = 0; i < hex.size(); ++i) {
    char c = hex[hex.size() - 1 - i];
    unsigned d = c >= 'a' ? c - 'a' + 10 : c >= 'A' ? c - 'A' + 10 : c - '0';
    NIGHTJAR_CHECK(d < 16);
    limbs[i / 16] |= static_cast<uint64_t>(d) << (4 * (i % 16));
  }
  auto f = F::from_canonical(limbs);
  NIGHTJAR_CHECK(f.has_value());
  return *f;
}

inline Fp fp_from_hex(std::string_view hex) { return field_from_hex<Fp>(hex); }
inline Fr fr_from_hex(std::string_view hex) { return field_from_hex<Fr>(hex); }

}  // namespace nightjar::ff
