// Bucket reduction: the window sums S = Σ_b (b + 1)·B_b of a task's windows, from buckets that
// hold affine points (affine_buckets.h, ifma_buckets.h).
//
// Dense windows use batch-affine running sums. Each window's buckets are cut into segments of
// L buckets, and every segment of every window runs its own chain at once, from its top bucket
// down: R += B_b (the segment's running sum) and I += R (its weighted sum). A step of all chains
// is one batch of independent affine additions sharing an inversion, so a bucket costs two batch
// additions instead of a mixed and a general XYZZ addition. With segment k starting at bucket
// kL, S = Σ_k I_k + L·Σ_k k·R_k, which a short XYZZ pass finishes.
// Sparse windows (at most half the buckets full: few points for the width) keep the plain
// running sum in XYZZ, where a run of empty buckets costs one multiplication by its length.
// Thread safety: none; the reduction works in the task's own buckets, using their scratch slots.
#pragma once

#include <algorithm>
#include <cstdint>
#include <span>
#include <vector>

#include "msm/affine_buckets.h"

namespace nightjar::msm {

// Chains advanced together; 2 per chain is the batch size of a step.
inline constexpr size_t kReductionChains = 256;

// Scratch slots the chains need: cutting `windows` windows into segments of equal length makes
// at most one extra chain per window.
inline size_t reduction_scratch_slots(size_t windows) { return 2 * (kReductionChains + windows); }

template <class Buckets>
G1Xyzz reduce_window_sparse(const Buckets& buckets, uint32_t begin, uint32_t end) {
  G1Xyzz running, sum;
  uint64_t owed = 0;
  for (uint32_t b = end; b-- > begin;) {
    if (buckets.is_full(b)) {
      if (owed != 0) sum.add(owed == 1 ? running : running.times(owed));
      owed = 0;
      running.add_affine(buckets.get(b));
    }
    if (!running.is_identity()) ++owed;
  }
  if (owed != 0) sum.add(owed == 1 ? running : running.times(owed));
  return sum;
}

// offsets[i] .. offsets[i + 1] are window i's buckets; sums[i] receives its S.
template <class Buckets>
void reduce_windows(Buckets& buckets, std::span<const uint32_t> offsets, std::span<G1Xyzz> sums) {
  size_t windows = offsets.size() - 1;
  std::vector<size_t> dense;
  size_t dense_buckets = 0;
  for (size_t i = 0; i < windows; ++i) {
    uint32_t full = 0;
    for (uint32_t b = offsets[i]; b < offsets[i + 1]; ++b) full += buckets.is_full(b);
    uint32_t count = offsets[i + 1] - offsets[i];
    if (2 * full >= count && count > 1) {
      dense.push_back(i);
      dense_buckets += count;
    } else {
      sums[i] = reduce_window_sparse(buckets, offsets[i], offsets[i + 1]);
    }
  }
  if (dense.empty()) return;

  struct Chain {
    uint32_t begin, end;
  };
  const uint32_t len =
      static_cast<uint32_t>((dense_buckets + kReductionChains - 1) / kReductionChains);
  std::vector<Chain> chains;
  std::vector<size_t> first_chain;
  for (size_t i : dense) {
    first_chain.push_back(chains.size());
    for (uint32_t b = offsets[i]; b < offsets[i + 1]; b += len)
      chains.push_back({b, std::min(b + len, offsets[i + 1])});
  }
  first_chain.push_back(chains.size());
  const uint32_t scratch = static_cast<uint32_t>(buckets.num_buckets());
  auto running = [&](size_t c) { return static_cast<uint32_t>(scratch + 2 * c); };
  auto weighted = [&](size_t c) { return static_cast<uint32_t>(scratch + 2 * c + 1); };

  std::vector<SlotOp> ops;
  for (uint32_t t = 0; t <= len; ++t) {
    ops.clear();
    for (size_t c = 0; c < chains.size(); ++c) {
      // I gathers R after each of the chain's buckets: t = 1 .. its length.
      uint32_t r = running(c), w = weighted(c);
      if (t == 0 || t > chains[c].end - chains[c].begin || !buckets.is_full(r)) continue;
      if (buckets.is_full(w)) {
        ops.push_back({w, r});
      } else {
        buckets.copy(w, r);
      }
    }
    for (size_t c = 0; c < chains.size(); ++c) {
      if (t >= chains[c].end - chains[c].begin) continue;
      uint32_t b = chains[c].end - 1 - t, r = running(c);
      if (!buckets.is_full(b)) continue;
      if (buckets.is_full(r)) {
        ops.push_back({r, b});
      } else {
        buckets.copy(r, b);
      }
    }
    buckets.run(ops);
  }

  for (size_t d = 0; d < dense.size(); ++d) {
    G1Xyzz prefix, weighted_segments, sum;
    for (size_t c = first_chain[d + 1] - 1; c > first_chain[d]; --c) {
      if (buckets.is_full(running(c))) prefix.add_affine(buckets.get(running(c)));
      weighted_segments.add(prefix);
    }
    sum = weighted_segments.times(len);
    for (size_t c = first_chain[d]; c < first_chain[d + 1]; ++c)
      if (buckets.is_full(weighted(c))) sum.add_affine(buckets.get(weighted(c)));
    sums[dense[d]] = sum;
  }
}

}  // namespace nightjar::msm
