// AVX-512 IFMA kernels of the NTT, internal to poly/ (EvaluationDomain dispatches to them).
//
// Representation: the kernels load 8 consecutive field elements (standard 4×64-bit Montgomery
// form, x·2^256 mod r) into five vectors of 52-bit limbs, lane e holding element e, and multiply
// with vpmadd52{lo,hi}uq in radix 2^52: mont(a, b) = a·b·2^-260 mod r. A multiplier w is
// therefore stored as W = w·2^260 mod r, the Montgomery form of 16·w, so that mont(x·2^256, W) =
// x·w·2^256 and the data never leaves the standard form.
//
// Invariants: between passes, elements hold values below 2r (2r < 2^256 still fits the 4×64-bit
// slot; the Fr type itself is not used on them until a pass with canonical = true brings every
// value below r). Multiplications take any value up to 4r (257 bits, within the five limbs'
// 260) and return below 1.2r; sums are brought below 2r with one conditional subtraction of 2r
// (Harvey's lazy butterflies), except where they only feed a multiplication.
//
// The kernels are compiled with function-level target attributes, so the rest of the build keeps
// the baseline instruction set; call them only when available() is true. They neither allocate
// nor spawn threads and are safe to run concurrently on disjoint data.
#pragma once

#include <cstddef>
#include <cstdint>

#include "ff/fr.h"

namespace nightjar::poly::ifma {

// Eight multipliers in kernel form: limb[l][e] is 52-bit limb l of W_e.
struct alignas(64) Group {
  uint64_t limb[5][8];
};

// Compiled in (x86-64, not NIGHTJAR_PORTABLE_ONLY) and the CPU has AVX-512F and IFMA.
bool available();

// The kernel form W = 16·w of eight multipliers w[0..8).
Group pack(const ff::Fr* w);

// Stages 1, 2 and 4 (butterflies inside each group of eight consecutive elements) on
// a[0, count), count a multiple of 8, in bit-reversed input order: w2 = (1, ω_4) and
// w4 = (1, ω_8, ω_8^2, ω_8^3), each repeated across the eight lanes. Input canonical; output
// below 2r.
void first_three_stages(ff::Fr* a, size_t count, const Group& w2, const Group& w4);

// One decimation-in-time stage with butterflies at distance m (a multiple of 8) over the block
// a[0, 2m): lanes j in [8·g0, 8·g1) with the multipliers tw[g] = ω_{2m}^(8g..8g+7).
void radix2(ff::Fr* a, size_t m, const Group* tw, size_t g0, size_t g1, bool canonical);

// Stages m and 2m fused over the block a[0, 4m): tw_m as above for stage m, tw_2m for stage 2m
// (whose groups g and g + m/8 serve the two halves).
void radix4(ff::Fr* a, size_t m, const Group* tw_m, const Group* tw_2m, size_t g0, size_t g1,
            bool canonical);

// a[i] *= factors, for i in [0, count) with count a multiple of 8, where the factors of the
// first 8 elements are `first` (kernel form) and each later group of 8 is the previous one times
// `step` (kernel form). Input canonical, output canonical.
void scale_geometric(ff::Fr* a, size_t count, const Group& first, const Group& step);

// As scale_geometric, but with factors repeating with period three groups: group q of the range
// uses cycle[q % 3]. Input canonical, output canonical.
void scale_cyclic(ff::Fr* a, size_t count, const Group cycle[3]);

// For every i in [i0, i0 + 8·groups): swaps a[i] and a[n - i] and multiplies both by c (kernel
// form, all lanes equal). Requires 1 <= i0 and i0 + 8·groups <= n/2. Canonical in and out.
void reverse_scale(ff::Fr* a, size_t n, size_t i0, size_t groups, const Group& c);

}  // namespace nightjar::poly::ifma
