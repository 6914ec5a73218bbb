// MULX/ADCX/ADOX Montgomery kernels; see adx_kernels.h for the contract. Defined in a header so
// they inline into the field operations: measured as an out-of-line call, the wrapper cost 6 ns
// per Fp multiplication (29.8 vs 24.1 ns) in memory round trips and call overhead.
//
// Multiplication: word-serial CIOS. Iteration i adds a * b[i] into an (N+1)-word window, then
// adds m * p with m = window[0] * n0, which zeroes window[0], and the window slides up a word.
// Every pass runs two independent carry chains, ADCX for the low product halves (CF) and ADOX
// for the high halves (OF), so no MULX result waits on a single serial flag. The asm is fully
// unrolled and the window slides by renaming registers, never by moving data; the freshly
// zeroed low word becomes the next iteration's top word.
//
// Squaring (384): the same CIOS loop, but row i multiplies a[i] by
// U_i = a[i]*2^(64i) + 2*sum_{j>i} a[j]*2^(64j), so sum_i a[i]*2^(64i)*U_i = a^2 and row i
// needs only N-i products (21 instead of 36). The limbs of U_i are a[i], E[i+1] = a[i+1] << 1
// and D[j] = limb j of 2a for j >= i+2; 2a fits in N words because a < p < 2^(64N-1). Row i
// lands at positions 2i..i+N, which for i >= 1 lies above position i, so the reduction of
// position i can run before row i: the serial m-chain (imul -> mulx -> add -> imul ...) never
// waits for the squaring work, which fills in behind it. Window sums stay below
// 2^64 * (3p + 1) < 2^(64(N+1)) because 3p < 2^383.
//
// Squaring (256): 3r exceeds 2^256, so the scheme above would need a carry word. Instead the
// 8-word square is formed first (cross products, then one pass that doubles on CF and adds the
// diagonal on OF), only its low half is reduced, U = (T_lo + M r) / 2^256 <= r, and the high
// half is added afterwards: T_hi < r, so U + T_hi < 2r and one conditional subtraction
// finishes. Reducing T_lo alone keeps every window sum within 5 words.
//
// The first m of each multiplication is formed as a[0] * (b[0] * n0): when b is ready before a
// (constants, loop invariants, the previous result as a) that takes a multiply off the
// critical path.
//
// Flags: immediate-form ADC closes the CF chain at the end of a pass, after the OF chain has
// finished, so clobbering OF there is harmless. MOV and LEA never touch flags, which is what
// lets a zero register or a doubled limb be made in the middle of a carry chain.
//
// Registers: each asm claims at most 12 general registers plus RDX (fixed by MULX), and n0 is
// "rm", so the 14 registers left once RSP and RBP are reserved always suffice, including at -O0,
// with frame pointers and under sanitizers (which may need a register to address n0). No
// memory operand addresses a local by displacement arithmetic, since sanitizers can move locals
// to a fake stack reached through a register.

#pragma once

#if NIGHTJAR_HAVE_ADX_KERNELS

#include <cstdint>

namespace nightjar::ff::adx {

// The asm below is laid out one instruction per line; clang-format would reflow it.
// clang-format off

#define NJ_R(x) "%[" #x "]"
#define NJ_K(x) "%k[" #x "]"

// d1:d0 += src * rdx, low half on CF, high half on OF.
#define NJ_MACX(src, L, H, d0, d1)                               \
  "mulxq " src ", " NJ_R(L) ", " NJ_R(H) "\n\t"                  \
  "adcxq " NJ_R(L) ", " NJ_R(d0) "\n\t"                          \
  "adoxq " NJ_R(H) ", " NJ_R(d1) "\n\t"
#define NJ_MAC(off, base, L, H, d0, d1) NJ_MACX(#off "(" NJ_R(base) ")", L, H, d0, d1)

// w0..w6 += a * b[off / 8]. No carry can leave w6 (see the bounds in the header).
#define NJ_ROW6(off, L, H, w0, w1, w2, w3, w4, w5, w6) \
  "movq " #off "(%[b]), %%rdx\n\t"                     \
  "xorl " NJ_K(L) ", " NJ_K(L) "\n\t"                  \
  NJ_MAC(0, a, L, H, w0, w1)                           \
  NJ_MAC(8, a, L, H, w1, w2)                           \
  NJ_MAC(16, a, L, H, w2, w3)                          \
  NJ_MAC(24, a, L, H, w3, w4)                          \
  NJ_MAC(32, a, L, H, w4, w5)                          \
  NJ_MAC(40, a, L, H, w5, w6)                          \
  "adcq $0, " NJ_R(w6) "\n\t"

// w0..w6 += m * p with m = rdx, leaving w0 == 0.
#define NJ_REDM6(pb, L, H, w0, w1, w2, w3, w4, w5, w6) \
  "xorl " NJ_K(L) ", " NJ_K(L) "\n\t"                  \
  NJ_MAC(0, pb, L, H, w0, w1)                          \
  NJ_MAC(8, pb, L, H, w1, w2)                          \
  NJ_MAC(16, pb, L, H, w2, w3)                         \
  NJ_MAC(24, pb, L, H, w3, w4)                         \
  NJ_MAC(32, pb, L, H, w4, w5)                         \
  NJ_MAC(40, pb, L, H, w5, w6)                         \
  "adcq $0, " NJ_R(w6) "\n\t"

// As NJ_REDM6 with m = w0 * n0 computed here.
#define NJ_RED6(pb, L, H, w0, w1, w2, w3, w4, w5, w6) \
  "movq " NJ_R(w0) ", %%rdx\n\t"                      \
  "imulq %[n0], %%rdx\n\t"                            \
  NJ_REDM6(pb, L, H, w0, w1, w2, w3, w4, w5, w6)

#define NJ_ROW4(off, L, H, w0, w1, w2, w3, w4) \
  "movq " #off "(%[b]), %%rdx\n\t"             \
  "xorl " NJ_K(L) ", " NJ_K(L) "\n\t"          \
  NJ_MAC(0, a, L, H, w0, w1)                   \
  NJ_MAC(8, a, L, H, w1, w2)                   \
  NJ_MAC(16, a, L, H, w2, w3)                  \
  NJ_MAC(24, a, L, H, w3, w4)                  \
  "adcq $0, " NJ_R(w4) "\n\t"

#define NJ_REDM4(pb, L, H, w0, w1, w2, w3, w4) \
  "xorl " NJ_K(L) ", " NJ_K(L) "\n\t"          \
  NJ_MAC(0, pb, L, H, w0, w1)                  \
  NJ_MAC(8, pb, L, H, w1, w2)                  \
  NJ_MAC(16, pb, L, H, w2, w3)                 \
  NJ_MAC(24, pb, L, H, w3, w4)                 \
  "adcq $0, " NJ_R(w4) "\n\t"

#define NJ_RED4(pb, L, H, w0, w1, w2, w3, w4) \
  "movq " NJ_R(w0) ", %%rdx\n\t"              \
  "imulq %[n0], %%rdx\n\t"                    \
  NJ_REDM4(pb, L, H, w0, w1, w2, w3, w4)

// d = s - p if that does not borrow, else s. The select is a CMOV on the borrow: no branch.
#define NJ_FINAL6(pb, s0, s1, s2, s3, s4, s5, d0, d1, d2, d3, d4, d5) \
  "movq " NJ_R(s0) ", " NJ_R(d0) "\n\t"                               \
  "movq " NJ_R(s1) ", " NJ_R(d1) "\n\t"                               \
  "movq " NJ_R(s2) ", " NJ_R(d2) "\n\t"                               \
  "movq " NJ_R(s3) ", " NJ_R(d3) "\n\t"                               \
  "movq " NJ_R(s4) ", " NJ_R(d4) "\n\t"                               \
  "movq " NJ_R(s5) ", " NJ_R(d5) "\n\t"                               \
  "subq 0(" NJ_R(pb) "), " NJ_R(d0) "\n\t"                            \
  "sbbq 8(" NJ_R(pb) "), " NJ_R(d1) "\n\t"                            \
  "sbbq 16(" NJ_R(pb) "), " NJ_R(d2) "\n\t"                           \
  "sbbq 24(" NJ_R(pb) "), " NJ_R(d3) "\n\t"                           \
  "sbbq 32(" NJ_R(pb) "), " NJ_R(d4) "\n\t"                           \
  "sbbq 40(" NJ_R(pb) "), " NJ_R(d5) "\n\t"                           \
  "cmovcq " NJ_R(s0) ", " NJ_R(d0) "\n\t"                             \
  "cmovcq " NJ_R(s1) ", " NJ_R(d1) "\n\t"                             \
  "cmovcq " NJ_R(s2) ", " NJ_R(d2) "\n\t"                             \
  "cmovcq " NJ_R(s3) ", " NJ_R(d3) "\n\t"                             \
  "cmovcq " NJ_R(s4) ", " NJ_R(d4) "\n\t"                             \
  "cmovcq " NJ_R(s5) ", " NJ_R(d5) "\n\t"

#define NJ_FINAL4(pb, s0, s1, s2, s3, d0, d1, d2, d3) \
  "movq " NJ_R(s0) ", " NJ_R(d0) "\n\t"               \
  "movq " NJ_R(s1) ", " NJ_R(d1) "\n\t"               \
  "movq " NJ_R(s2) ", " NJ_R(d2) "\n\t"               \
  "movq " NJ_R(s3) ", " NJ_R(d3) "\n\t"               \
  "subq 0(" NJ_R(pb) "), " NJ_R(d0) "\n\t"            \
  "sbbq 8(" NJ_R(pb) "), " NJ_R(d1) "\n\t"            \
  "sbbq 16(" NJ_R(pb) "), " NJ_R(d2) "\n\t"           \
  "sbbq 24(" NJ_R(pb) "), " NJ_R(d3) "\n\t"           \
  "cmovcq " NJ_R(s0) ", " NJ_R(d0) "\n\t"             \
  "cmovcq " NJ_R(s1) ", " NJ_R(d1) "\n\t"             \
  "cmovcq " NJ_R(s2) ", " NJ_R(d2) "\n\t"             \
  "cmovcq " NJ_R(s3) ", " NJ_R(d3) "\n\t"

inline void mul_mont_384(uint64_t r[6], const uint64_t a[6], const uint64_t b[6], const uint64_t p[6],
                  uint64_t n0) {
  uint64_t t0, t1, t2, t3, t4, t5, t6, lo, hi, dx;
  // The pointer registers double as scratch for the final subtraction.
  uint64_t ra = reinterpret_cast<uintptr_t>(a);
  uint64_t rb = reinterpret_cast<uintptr_t>(b);
  __asm__(
      "movq 0(%[b]), %%rdx\n\t"
      // m0 = a[0] * (b[0] * n0), held in hi, which row 0 does not use.
      "movq %%rdx, %[hi]\n\t"
      "imulq %[n0], %[hi]\n\t"
      "imulq 0(%[a]), %[hi]\n\t"
      // Row 0 accumulates into nothing, so a single plain ADC chain suffices.
      "mulxq 0(%[a]), %[t0], %[t1]\n\t"
      "mulxq 8(%[a]), %[lo], %[t2]\n\t"
      "addq %[lo], %[t1]\n\t"
      "mulxq 16(%[a]), %[lo], %[t3]\n\t"
      "adcq %[lo], %[t2]\n\t"
      "mulxq 24(%[a]), %[lo], %[t4]\n\t"
      "adcq %[lo], %[t3]\n\t"
      "mulxq 32(%[a]), %[lo], %[t5]\n\t"
      "adcq %[lo], %[t4]\n\t"
      "mulxq 40(%[a]), %[lo], %[t6]\n\t"
      "adcq %[lo], %[t5]\n\t"
      "adcq $0, %[t6]\n\t"
      "movq %[hi], %%rdx\n\t"
      NJ_REDM6(p, lo, hi, t0, t1, t2, t3, t4, t5, t6)
      NJ_ROW6(8, lo, hi, t1, t2, t3, t4, t5, t6, t0)
      NJ_RED6(p, lo, hi, t1, t2, t3, t4, t5, t6, t0)
      NJ_ROW6(16, lo, hi, t2, t3, t4, t5, t6, t0, t1)
      NJ_RED6(p, lo, hi, t2, t3, t4, t5, t6, t0, t1)
      NJ_ROW6(24, lo, hi, t3, t4, t5, t6, t0, t1, t2)
      NJ_RED6(p, lo, hi, t3, t4, t5, t6, t0, t1, t2)
      NJ_ROW6(32, lo, hi, t4, t5, t6, t0, t1, t2, t3)
      NJ_RED6(p, lo, hi, t4, t5, t6, t0, t1, t2, t3)
      NJ_ROW6(40, lo, hi, t5, t6, t0, t1, t2, t3, t4)
      NJ_RED6(p, lo, hi, t5, t6, t0, t1, t2, t3, t4)
      NJ_FINAL6(p, t6, t0, t1, t2, t3, t4, lo, hi, dx, a, b, t5)
      : [t0] "=&r"(t0), [t1] "=&r"(t1), [t2] "=&r"(t2), [t3] "=&r"(t3), [t4] "=&r"(t4),
        [t5] "=&r"(t5), [t6] "=&r"(t6), [lo] "=&r"(lo), [hi] "=&r"(hi), [dx] "=&d"(dx),
        [a] "+r"(ra), [b] "+r"(rb)
      : [p] "r"(p), [n0] "rm"(n0)
      : "cc", "memory");
  r[0] = lo;
  r[1] = hi;
  r[2] = dx;
  r[3] = ra;
  r[4] = rb;
  r[5] = t5;
}

inline void sqr_mont_384(uint64_t r[6], const uint64_t a[6], const uint64_t p[6], uint64_t n0) {
  uint64_t w0, w1, w2, w3, w4, w5, w6, lo, hi, dx;
  // Limbs of the doubled operand, read as MULX memory operands because no register is left for
  // them: dbl[0..4] = E[1..5] = a[j] << 1, dbl[5..8] = D[2..5] = limb j of 2a. The buffer is
  // addressed through a register rather than as an "m" operand so that the asm never needs a
  // second base register (sanitizers move locals off the stack pointer), and that register
  // doubles as scratch in the final subtraction.
  uint64_t dbl[9];
  uint64_t ra = reinterpret_cast<uintptr_t>(a);
  uint64_t rd = reinterpret_cast<uintptr_t>(dbl);
  __asm__(
      "movq 8(%[a]), %[w1]\n\t"
      "movq 16(%[a]), %[w2]\n\t"
      "movq 24(%[a]), %[w3]\n\t"
      "movq 32(%[a]), %[w4]\n\t"
      "movq 40(%[a]), %[w5]\n\t"
      "leaq (%[w2], %[w2]), %[lo]\n\t"
      "movq %[lo], 8(%[dbl])\n\t"
      "leaq (%[w3], %[w3]), %[lo]\n\t"
      "movq %[lo], 16(%[dbl])\n\t"
      "leaq (%[w4], %[w4]), %[lo]\n\t"
      "movq %[lo], 24(%[dbl])\n\t"
      "leaq (%[w5], %[w5]), %[lo]\n\t"
      "movq %[lo], 32(%[dbl])\n\t"
      "addq %[w1], %[w1]\n\t"
      "movq %[w1], 0(%[dbl])\n\t"
      "adcq %[w2], %[w2]\n\t"
      "movq %[w2], 40(%[dbl])\n\t"
      "adcq %[w3], %[w3]\n\t"
      "movq %[w3], 48(%[dbl])\n\t"
      "adcq %[w4], %[w4]\n\t"
      "movq %[w4], 56(%[dbl])\n\t"
      "adcq %[w5], %[w5]\n\t"
      "movq %[w5], 64(%[dbl])\n\t"

      // Row 0: a0 * (a0, E1, D2, D3, D4, D5) into positions 0..6.
      "movq 0(%[a]), %%rdx\n\t"
      "mulxq %%rdx, %[w0], %[w1]\n\t"
      "mulxq 0(%[dbl]), %[lo], %[w2]\n\t"
      "addq %[lo], %[w1]\n\t"
      "mulxq 40(%[dbl]), %[lo], %[w3]\n\t"
      "adcq %[lo], %[w2]\n\t"
      "mulxq 48(%[dbl]), %[lo], %[w4]\n\t"
      "adcq %[lo], %[w3]\n\t"
      "mulxq 56(%[dbl]), %[lo], %[w5]\n\t"
      "adcq %[lo], %[w4]\n\t"
      "mulxq 64(%[dbl]), %[lo], %[w6]\n\t"
      "adcq %[lo], %[w5]\n\t"
      "adcq $0, %[w6]\n\t"
      NJ_RED6(p, lo, hi, w0, w1, w2, w3, w4, w5, w6)

      // Iteration i reduces position i first, then adds row i at positions 2i..i+6
      // (register w[k mod 7] holds position k).
      NJ_RED6(p, lo, hi, w1, w2, w3, w4, w5, w6, w0)
      "movq 8(%[a]), %%rdx\n\t"
      "xorl %k[lo], %k[lo]\n\t"
      NJ_MACX("%%rdx", lo, hi, w2, w3)
      NJ_MACX("8(%[dbl])", lo, hi, w3, w4)
      NJ_MACX("48(%[dbl])", lo, hi, w4, w5)
      NJ_MACX("56(%[dbl])", lo, hi, w5, w6)
      NJ_MACX("64(%[dbl])", lo, hi, w6, w0)
      "adcq $0, %[w0]\n\t"

      NJ_RED6(p, lo, hi, w2, w3, w4, w5, w6, w0, w1)
      "movq 16(%[a]), %%rdx\n\t"
      "xorl %k[lo], %k[lo]\n\t"
      NJ_MACX("%%rdx", lo, hi, w4, w5)
      NJ_MACX("16(%[dbl])", lo, hi, w5, w6)
      NJ_MACX("56(%[dbl])", lo, hi, w6, w0)
      NJ_MACX("64(%[dbl])", lo, hi, w0, w1)
      "adcq $0, %[w1]\n\t"

      NJ_RED6(p, lo, hi, w3, w4, w5, w6, w0, w1, w2)
      "movq 24(%[a]), %%rdx\n\t"
      "xorl %k[lo], %k[lo]\n\t"
      NJ_MACX("%%rdx", lo, hi, w6, w0)
      NJ_MACX("24(%[dbl])", lo, hi, w0, w1)
      NJ_MACX("64(%[dbl])", lo, hi, w1, w2)
      "adcq $0, %[w2]\n\t"

      NJ_RED6(p, lo, hi, w4, w5, w6, w0, w1, w2, w3)
      "movq 32(%[a]), %%rdx\n\t"
      "xorl %k[lo], %k[lo]\n\t"
      NJ_MACX("%%rdx", lo, hi, w1, w2)
      NJ_MACX("32(%[dbl])", lo, hi, w2, w3)
      "adcq $0, %[w3]\n\t"

      NJ_RED6(p, lo, hi, w5, w6, w0, w1, w2, w3, w4)
      "movq 40(%[a]), %%rdx\n\t"
      "mulxq %%rdx, %[lo], %[hi]\n\t"
      "addq %[lo], %[w3]\n\t"
      "adcq %[hi], %[w4]\n\t"

      NJ_FINAL6(p, w6, w0, w1, w2, w3, w4, w5, lo, hi, dx, a, dbl)
      : [w0] "=&r"(w0), [w1] "=&r"(w1), [w2] "=&r"(w2), [w3] "=&r"(w3), [w4] "=&r"(w4),
        [w5] "=&r"(w5), [w6] "=&r"(w6), [lo] "=&r"(lo), [hi] "=&r"(hi), [dx] "=&d"(dx),
        [a] "+r"(ra), [dbl] "+r"(rd)
      : [p] "r"(p), [n0] "rm"(n0)
      : "cc", "memory");
  r[0] = w5;
  r[1] = lo;
  r[2] = hi;
  r[3] = dx;
  r[4] = ra;
  r[5] = rd;
}

inline void mul_mont_256(uint64_t r[4], const uint64_t a[4], const uint64_t b[4], const uint64_t p[4],
                  uint64_t n0) {
  uint64_t t0, t1, t2, t3, t4, lo, hi, dx;
  __asm__(
      "movq 0(%[b]), %%rdx\n\t"
      "movq %%rdx, %[hi]\n\t"
      "imulq %[n0], %[hi]\n\t"
      "imulq 0(%[a]), %[hi]\n\t"
      "mulxq 0(%[a]), %[t0], %[t1]\n\t"
      "mulxq 8(%[a]), %[lo], %[t2]\n\t"
      "addq %[lo], %[t1]\n\t"
      "mulxq 16(%[a]), %[lo], %[t3]\n\t"
      "adcq %[lo], %[t2]\n\t"
      "mulxq 24(%[a]), %[lo], %[t4]\n\t"
      "adcq %[lo], %[t3]\n\t"
      "adcq $0, %[t4]\n\t"
      "movq %[hi], %%rdx\n\t"
      NJ_REDM4(p, lo, hi, t0, t1, t2, t3, t4)
      NJ_ROW4(8, lo, hi, t1, t2, t3, t4, t0)
      NJ_RED4(p, lo, hi, t1, t2, t3, t4, t0)
      NJ_ROW4(16, lo, hi, t2, t3, t4, t0, t1)
      NJ_RED4(p, lo, hi, t2, t3, t4, t0, t1)
      NJ_ROW4(24, lo, hi, t3, t4, t0, t1, t2)
      NJ_RED4(p, lo, hi, t3, t4, t0, t1, t2)
      NJ_FINAL4(p, t4, t0, t1, t2, lo, hi, dx, t3)
      : [t0] "=&r"(t0), [t1] "=&r"(t1), [t2] "=&r"(t2), [t3] "=&r"(t3), [t4] "=&r"(t4),
        [lo] "=&r"(lo), [hi] "=&r"(hi), [dx] "=&d"(dx)
      : [a] "r"(a), [b] "r"(b), [p] "r"(p), [n0] "rm"(n0)
      : "cc", "memory");
  r[0] = lo;
  r[1] = hi;
  r[2] = dx;
  r[3] = t3;
}

inline void sqr_mont_256(uint64_t r[4], const uint64_t a[4], const uint64_t p[4], uint64_t n0) {
  uint64_t x0, x1, x2, x3, x4, x5, x6, x7, lo, hi, dx;
  uint64_t ra = reinterpret_cast<uintptr_t>(a);
  __asm__(
      // Cross products a[i] * a[j], i < j, into x1..x6.
      "movq 0(%[a]), %%rdx\n\t"
      "mulxq 8(%[a]), %[x1], %[x2]\n\t"
      "mulxq 16(%[a]), %[lo], %[x3]\n\t"
      "addq %[lo], %[x2]\n\t"
      "mulxq 24(%[a]), %[lo], %[x4]\n\t"
      "adcq %[lo], %[x3]\n\t"
      "adcq $0, %[x4]\n\t"

      "movq 8(%[a]), %%rdx\n\t"
      "xorl %k[lo], %k[lo]\n\t"
      "movl $0, %k[x5]\n\t"
      NJ_MAC(16, a, lo, hi, x3, x4)
      NJ_MAC(24, a, lo, hi, x4, x5)
      "adcq $0, %[x5]\n\t"

      "movq 16(%[a]), %%rdx\n\t"
      "mulxq 24(%[a]), %[lo], %[x6]\n\t"
      "addq %[lo], %[x5]\n\t"
      "adcq $0, %[x6]\n\t"

      // Double on CF, add the diagonal a[i]^2 on OF; x0..x7 become the square T.
      "movq 0(%[a]), %%rdx\n\t"
      "xorl %k[lo], %k[lo]\n\t"
      "mulxq %%rdx, %[x0], %[hi]\n\t"
      "adcxq %[x1], %[x1]\n\t"
      "adoxq %[hi], %[x1]\n\t"
      "movq 8(%[a]), %%rdx\n\t"
      "mulxq %%rdx, %[lo], %[hi]\n\t"
      "adcxq %[x2], %[x2]\n\t"
      "adoxq %[lo], %[x2]\n\t"
      "adcxq %[x3], %[x3]\n\t"
      "adoxq %[hi], %[x3]\n\t"
      "movq 16(%[a]), %%rdx\n\t"
      "mulxq %%rdx, %[lo], %[hi]\n\t"
      "adcxq %[x4], %[x4]\n\t"
      "adoxq %[lo], %[x4]\n\t"
      "adcxq %[x5], %[x5]\n\t"
      "adoxq %[hi], %[x5]\n\t"
      "movq 24(%[a]), %%rdx\n\t"
      "mulxq %%rdx, %[lo], %[x7]\n\t"
      "adcxq %[x6], %[x6]\n\t"
      "adoxq %[lo], %[x6]\n\t"
      "movl $0, %k[a]\n\t"
      "adcxq %[a], %[x7]\n\t"
      "adoxq %[a], %[x7]\n\t"

      // Reduce T0..T3 with the (now zero) pointer register as the top word, then add T4..T7.
      NJ_RED4(p, lo, hi, x0, x1, x2, x3, a)
      NJ_RED4(p, lo, hi, x1, x2, x3, a, x0)
      NJ_RED4(p, lo, hi, x2, x3, a, x0, x1)
      NJ_RED4(p, lo, hi, x3, a, x0, x1, x2)
      "addq %[x4], %[a]\n\t"
      "adcq %[x5], %[x0]\n\t"
      "adcq %[x6], %[x1]\n\t"
      "adcq %[x7], %[x2]\n\t"
      NJ_FINAL4(p, a, x0, x1, x2, x3, lo, hi, x4)
      : [x0] "=&r"(x0), [x1] "=&r"(x1), [x2] "=&r"(x2), [x3] "=&r"(x3), [x4] "=&r"(x4),
        [x5] "=&r"(x5), [x6] "=&r"(x6), [x7] "=&r"(x7), [lo] "=&r"(lo), [hi] "=&r"(hi),
        [dx] "=&d"(dx), [a] "+r"(ra)
      : [p] "r"(p), [n0] "rm"(n0)
      : "cc", "memory");
  r[0] = x3;
  r[1] = lo;
  r[2] = hi;
  r[3] = x4;
}

// clang-format on

#undef NJ_FINAL4
#undef NJ_FINAL6
#undef NJ_RED4
#undef NJ_REDM4
#undef NJ_ROW4
#undef NJ_RED6
#undef NJ_REDM6
#undef NJ_ROW6
#undef NJ_MAC
#undef NJ_MACX
#undef NJ_K
#undef NJ_R

}  // namespace nightjar::ff::adx

#endif  // NIGHTJAR_HAVE_ADX_KERNELS
