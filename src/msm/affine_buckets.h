// Pippenger buckets of G1 points kept in affine form and updated by batches of independent
// affine additions that share one field inversion (Montgomery's trick).
//
// Representation: an array of slots, each an affine point or empty: first the buckets, then
// scratch slots that the bucket reduction (reduce.h) uses for its running sums. add() queues
// "bucket += ±P" into the pending batch; when the batch is full, a forward pass computes every
// slope denominator and their running products, one inversion covers them all, and a backward
// pass finishes the additions: about 6 multiplications per addition against 10 for a mixed XYZZ
// addition. A batch holds each bucket at most once, since an addition needs the bucket's value
// before the batch runs. A point for a bucket already in the batch waits for the next batch (up
// to a quarter of a batch may wait); beyond that, or when it collides again, it goes to the
// bucket's XYZZ overflow sum, which finish() folds back into the slots. So batches stay full
// whatever the scalars look like: if every point lands in one bucket (all scalars equal), the
// cost is that of XYZZ buckets, never one inversion per point. Exceptional additions inside a
// batch: equal points take the tangent slope 3x^2 / 2y, opposite points empty the slot.
//
// BatchedBuckets<Kernel> keeps the bookkeeping (slot states, the batch, the overflow); the kernel
// stores the points and runs the batches: AffineBuckets with Fp arithmetic on any CPU,
// IfmaBuckets (ifma_buckets.h) eight additions at a time. A kernel provides set_slot(), get_slot(),
// copy_slot(), prefetch_slot(), run_batch() (the queued entries) and run_slot_batch() (additions
// between slots, every source read before any destination is written).
//
// Invariants: the points passed to add() are not the identity and stay alive until finish()
// returns; a bucket in the batch is full. After finish() every sum is in the slots.
// Thread safety: none; each MSM task owns its buckets.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <vector>

#include "ec/g1.h"
#include "msm/xyzz.h"

namespace nightjar::msm {

using G1Xyzz = Xyzz<ec::G1Config>;

// slots[dst] += slots[src]; both full, dst distinct within a batch.
struct SlotOp {
  uint32_t dst, src;
};

template <class Kernel>
class BatchedBuckets {
 public:
  BatchedBuckets(size_t num_buckets, size_t scratch_slots, size_t batch_capacity)
      : num_buckets_(num_buckets),
        batch_capacity_(batch_capacity),
        state_(num_buckets + scratch_slots, kEmpty),
        batch_(batch_capacity) {
    deferred_.reserve(batch_capacity / 4);
    retry_.reserve(batch_capacity / 4);
  }

  size_t num_buckets() const { return num_buckets_; }

  void add(uint32_t bucket, const ec::G1Affine& p, bool negate) {
    uint8_t& state = state_[bucket];
    if ((state & kFull) == 0) {
      kernel().set_slot(bucket, p, negate);
      state |= kFull;
      return;
    }
    if (state & kInBatch) {
      if (deferred_.size() < batch_capacity_ / 4) {
        deferred_.push_back({bucket, negate, &p});
      } else {
        add_to_overflow(bucket, p, negate);
      }
      return;
    }
    state |= kInBatch;
    kernel().prefetch_slot(bucket);
    batch_[batch_size_++] = {bucket, negate, &p};
    if (batch_size_ == batch_capacity_) flush();
  }

  // Completes every pending addition and folds the overflow sums into the slots.
  void finish() {
    flush();
    flush();
    if (overflow_.empty()) return;
    std::vector<uint32_t> buckets;
    std::vector<ff::Fp> zzz;
    for (uint32_t b = 0; b < num_buckets_; ++b) {
      if ((state_[b] & kOverflow) && !overflow_[b].is_identity()) {
        buckets.push_back(b);
        zzz.push_back(overflow_[b].zzz);
      }
      state_[b] &= static_cast<uint8_t>(~kOverflow);
    }
    std::vector<ff::Fp> scratch(zzz.size());
    ff::Fp::batch_inverse(zzz, scratch);
    // ZZ^3 = ZZZ^2, so 1/ZZ = (ZZ/ZZZ)^2.
    std::vector<ec::G1Affine> affine(buckets.size());
    for (size_t i = 0; i < buckets.size(); ++i) {
      const G1Xyzz& o = overflow_[buckets[i]];
      affine[i] = {o.x * (o.zz * zzz[i]).square(), o.y * zzz[i], false};
    }
    overflow_ = {};
    for (size_t i = 0; i < buckets.size(); ++i) add(buckets[i], affine[i], false);
    flush();
  }

  bool is_full(uint32_t slot) const { return state_[slot] & kFull; }
  ec::G1Affine get(uint32_t slot) const { return kernel().get_slot(slot); }

  // slots[dst] = slots[src] for a full src.
  void copy(uint32_t dst, uint32_t src) {
    kernel().copy_slot(dst, src);
    state_[dst] |= kFull;
  }
  // Runs the additions; a destination that becomes the identity is emptied.
  void run(std::span<const SlotOp> ops) {
    if (!ops.empty()) kernel().run_slot_batch(ops);
  }

 protected:
  static constexpr uint8_t kEmpty = 0;
  static constexpr uint8_t kFull = 1;
  static constexpr uint8_t kInBatch = 2;
  static constexpr uint8_t kOverflow = 4;

  struct Entry {
    uint32_t bucket;
    bool negate;
    const ec::G1Affine* point;
  };

  void add_to_overflow(uint32_t bucket, const ec::G1Affine& p, bool negate) {
    if (overflow_.empty()) overflow_.resize(num_buckets_);
    overflow_[bucket].add_affine(p, negate);
    state_[bucket] |= kOverflow;
  }

  // Called by the kernel for each queued entry once it has been applied.
  void release(uint32_t bucket) { state_[bucket] &= static_cast<uint8_t>(~kInBatch); }
  void mark_emptied(uint32_t slot) { state_[slot] &= static_cast<uint8_t>(~kFull); }

  size_t num_buckets_;
  size_t batch_capacity_;
  size_t batch_size_ = 0;
  std::vector<uint8_t> state_;
  std::vector<G1Xyzz> overflow_;  // allocated on the first collision
  std::vector<Entry> batch_;
  std::vector<Entry> deferred_;  // collided with the running batch
  std::vector<Entry> retry_;

 private:
  Kernel& kernel() { return static_cast<Kernel&>(*this); }
  const Kernel& kernel() const { return static_cast<const Kernel&>(*this); }

  // Runs the batch, then starts the next one with the deferred entries: they fit, being at
  // most a quarter of a batch, and one that collides again goes to the overflow.
  void flush() {
    if (batch_size_ == 0) return;
    kernel().run_batch();
    batch_size_ = 0;
    retry_.swap(deferred_);
    for (const Entry& e : retry_) {
      uint8_t& state = state_[e.bucket];
      if ((state & kFull) == 0) {
        kernel().set_slot(e.bucket, *e.point, e.negate);
        state |= kFull;
      } else if (state & kInBatch) {
        add_to_overflow(e.bucket, *e.point, e.negate);
      } else {
        state |= kInBatch;
        kernel().prefetch_slot(e.bucket);
        batch_[batch_size_++] = e;
      }
    }
    retry_.clear();
  }
};

class AffineBuckets : public BatchedBuckets<AffineBuckets> {
 public:
  AffineBuckets(size_t num_buckets, size_t scratch_slots, size_t batch_capacity);

 private:
  friend class BatchedBuckets<AffineBuckets>;

  void set_slot(uint32_t slot, const ec::G1Affine& p, bool negate) {
    slots_[slot] = {p.x, negate ? -p.y : p.y, false};
  }
  const ec::G1Affine& get_slot(uint32_t slot) const { return slots_[slot]; }
  void copy_slot(uint32_t dst, uint32_t src) { slots_[dst] = slots_[src]; }
  void prefetch_slot(uint32_t slot) const { __builtin_prefetch(&slots_[slot]); }
  void run_batch();
  void run_slot_batch(std::span<const SlotOp> ops);

  // dst[i] += (negate[i] ? -src[i] : src[i]) for the n additions described by the accessors.
  template <class Access>
  void add_batch(size_t n, const Access& access);

  std::unique_ptr<ec::G1Affine[]> slots_;
  std::vector<ff::Fp> denominators_;
  std::vector<ff::Fp> prefix_;
  std::vector<ec::G1Affine> sources_;
};

}  // namespace nightjar::msm
