// Multi-scalar multiplication: Σ [s_i] P_i over G1 (fast) and G2 (simple).
//
// G1 uses Pippenger's bucket method with signed (Booth) window digits: a c-bit window has
// digits in [-2^(c-1), 2^(c-1)], so it needs 2^(c-1) buckets, and -P costs nothing in affine
// form; the 255 scalar bits are cut into windows of c or c - 1 bits (digits.h). Buckets are
// accumulated with batch-affine additions (affine_buckets.h) or, where the CPU has AVX-512
// IFMA, the same batches eight lanes at a time (ifma_buckets.h), and reduced with batch-affine
// running sums (reduce.h). The work is a grid of tasks, each a group of windows over a range of
// points, run on the caller's share of ThreadPool::global(); a cost model picks the window
// width, the grouping and the split from n and the thread count (plan()).
//
// Runs of equal neighbouring scalars, common in prover columns (a permutation product is constant
// over the rows no copy touches, a permuted lookup column is sorted), are first folded into one
// term each when that removes a tenth of the terms or more.
//
// Inputs: points are taken by span and never copied, so they may live in a memory-mapped SRS;
// they must be in G1 (or G2), which the SRS loader checks; identity points are allowed. Scalars
// are Fr elements, or plain integers as four little-endian limbs (any value below 2^256; values
// >= r are reduced mod r, which is what [s]P means for P of order r). Zero scalars are skipped
// without reading their points, and the plan is made for the others.
// Timing depends on the scalars: these functions are for public data and for witness-dependent
// commitments whose hiding comes from blinding, as in every halo2 prover.
// Programmer errors abort (NIGHTJAR_CHECK): spans of different lengths, a window outside
// [kMinWindow, kMaxWindow], Kernel::kIfma where supported_kernels() lacks it.
//
// Thread safety: the functions are reentrant; concurrent MSMs share the global pool.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include "ec/g1.h"
#include "ec/g2.h"
#include "ff/fr.h"

namespace nightjar::msm {

// A scalar as a plain little-endian integer (not Montgomery form).
using ScalarLimbs = std::array<uint64_t, 4>;

// How bucket additions are computed. kAuto takes IFMA when the CPU has it and the field backend
// is not forced to portable (NIGHTJAR_CPU=portable then means portable everywhere).
enum class Kernel : uint8_t { kAuto, kPortable, kIfma };

std::string_view kernel_name(Kernel kernel);
// kPortable, then kIfma when this build and CPU can run it.
std::vector<Kernel> supported_kernels();
// What kAuto resolves to now (it follows ff::set_backend()).
Kernel auto_kernel();

inline constexpr unsigned kMinWindow = 1;
inline constexpr unsigned kMaxWindow = 17;

// How an MSM of n points is cut into tasks: windows of at most `window` bits,
// `windows_per_task` of them accumulated together (sharing the point reads and the batch
// inversions), and the points split into `point_splits` ranges.
struct Plan {
  unsigned window = 0;
  unsigned windows_per_task = 0;
  unsigned point_splits = 0;
  size_t batch = 0;  // additions per shared inversion
};

// Zero fields are chosen by plan(); the others force the plan's shape (tests cover every window
// and task shape this way).
struct MsmOptions {
  size_t max_threads = 0;         // 0: the whole pool
  unsigned window = 0;            // in [kMinWindow, kMaxWindow]
  unsigned windows_per_task = 0;  // capped at the window count
  unsigned point_splits = 0;      // capped at n
  Kernel kernel = Kernel::kAuto;
  // Runs of equal neighbouring scalars are summed first (s·P + s·Q = s·(P + Q)), one addition
  // per point instead of one per window; tests of the bucket paths turn it off.
  bool fold_runs = true;
};

// The fastest shape the cost model finds for n points on `threads` threads.
Plan plan(size_t n, size_t threads, const MsmOptions& options = {});

ec::G1 msm(std::span<const ec::G1Affine> points, std::span<const ff::Fr> scalars,
           size_t max_threads = 0);
ec::G1 msm(std::span<const ec::G1Affine> points, std::span<const ff::Fr> scalars,
           const MsmOptions& options);
ec::G1 msm_canonical(std::span<const ec::G1Affine> points, std::span<const ScalarLimbs> scalars,
                     const MsmOptions& options = {});

// Single-threaded Pippenger with XYZZ buckets: G2 MSMs in a KZG prover or verifier are tiny.
ec::G2 msm_g2(std::span<const ec::G2Affine> points, std::span<const ff::Fr> scalars);

}  // namespace nightjar::msm
