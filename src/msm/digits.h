// WindowLayout: how the 255 bits of a scalar below r are cut into Pippenger windows, and the
// signed digit of each window, computed independently.
//
// Window w covers bits [s, s + c_w). Its digit is
//   d_w = k_w + b_{s-1} - 2^(c_w) · b_{s+c_w-1}
// (k_w the window's bits, b_i bit i of the scalar, b_{-1} = 0). The sum Σ d_w 2^s telescopes
// back to the scalar, and d_w lies in [-2^(c_w-1), 2^(c_w-1)], so the window needs 2^(c_w-1)
// buckets. Needing only bits s-1 .. s+c_w-1, each digit is computed on its own, in any order, by
// any task. The top window keeps d = k_w + b_{s-1} unsigned (there is no window above to take
// the borrow); scalars being below r, its largest digit is known and is its bucket count.
// For a width c the layout has ceil(255/c) windows of c or c - 1 bits, the narrower ones on top:
// cutting 255 bits into 13-bit windows would otherwise leave a top window of 8 bits, whose 232
// buckets would each take hundreds of points per batch and defeat the batching. The unsigned top
// window has up to 0.9·2^(c_w) buckets, so it is also the one that can best afford a bit less.
// Immutable after construction; thread-safe.
#pragma once

#include <cstdint>
#include <vector>

#include "ff/fr.h"
#include "msm/msm.h"

namespace nightjar::msm {

inline constexpr unsigned kScalarBits = 255;

// Bits [pos, pos + len) of k for len <= 32; bits past 255 read as zero.
inline uint32_t scalar_bits(const ScalarLimbs& k, unsigned pos, unsigned len) {
  unsigned limb = pos / 64, shift = pos % 64;
  uint64_t v = k[limb] >> shift;
  if (shift + len > 64 && limb + 1 < 4) v |= k[limb + 1] << (64 - shift);
  return static_cast<uint32_t>(v & ((uint64_t{1} << len) - 1));
}

class WindowLayout {
 public:
  explicit WindowLayout(unsigned c) {
    unsigned count = (kScalarBits + c - 1) / c;
    unsigned wide = kScalarBits - count * (c - 1);
    ScalarLimbs r_minus_1 = ff::FrParams::kModulus;
    r_minus_1[0] -= 1;  // r is odd: no borrow
    unsigned start = 0;
    for (unsigned w = 0; w < count; ++w) {
      unsigned width = w < wide ? c : c - 1;
      bool top = w + 1 == count;
      windows_.push_back(
          {start, width,
           top ? scalar_bits(r_minus_1, start, width) + 1 : uint32_t{1} << (width - 1)});
      start += width;
    }
  }

  unsigned count() const { return static_cast<unsigned>(windows_.size()); }
  unsigned start(unsigned w) const { return windows_[w].start; }
  unsigned width(unsigned w) const { return windows_[w].width; }
  uint32_t buckets(unsigned w) const { return windows_[w].buckets; }

  // In [-buckets(w), buckets(w)]; non-negative for the top window.
  int32_t digit(const ScalarLimbs& k, unsigned w) const {
    const Window& win = windows_[w];
    uint32_t t = win.start == 0 ? scalar_bits(k, 0, win.width) << 1
                                : scalar_bits(k, win.start - 1, win.width + 1);
    int32_t d = static_cast<int32_t>((t >> 1) + (t & 1));
    if (w + 1 < windows_.size()) d -= static_cast<int32_t>((t >> win.width) << win.width);
    return d;
  }

 private:
  struct Window {
    unsigned start, width;
    uint32_t buckets;
  };
  std::vector<Window> windows_;
};

}  // namespace nightjar::msm
