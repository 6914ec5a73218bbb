#include "msm/affine_buckets.h"

namespace nightjar::msm {

using ff::Fp;

AffineBuckets::AffineBuckets(size_t num_buckets, size_t scratch_slots, size_t batch_capacity)
    : BatchedBuckets(num_buckets, scratch_slots, batch_capacity),
      slots_(new ec::G1Affine[num_buckets + scratch_slots]) {}

template <class Access>
void AffineBuckets::add_batch(size_t n, const Access& access) {
  if (denominators_.size() < n) {
    denominators_.resize(n);
    prefix_.resize(n);
    sources_.resize(n);
  }
  // Forward pass: snapshot the (signed) sources, form the slope denominators and their running
  // products. A zero denominator means the slot holds ±Q: Q doubles with denominator 2y, -Q
  // empties the slot and is marked with a zero denominator so the backward pass skips it.
  Fp acc = Fp::one();
  for (size_t j = 0; j < n; ++j) {
    const ec::G1Affine& s = slots_[access.dst(j)];
    ec::G1Affine& q = sources_[j];
    q = access.src(j);
    if (access.negate(j)) q.y = -q.y;
    Fp dx = q.x - s.x;
    if (dx.is_zero()) {
      if (q.y == s.y && !s.y.is_zero()) {
        dx = s.y.dbl();
      } else {
        mark_emptied(access.dst(j));
        denominators_[j] = Fp::zero();
        continue;
      }
    }
    denominators_[j] = dx;
    prefix_[j] = acc;
    acc *= dx;
  }
  Fp inv = acc.inverse_vartime();
  for (size_t j = n; j-- > 0;) {
    access.done(j);
    if (denominators_[j].is_zero()) continue;
    ec::G1Affine& s = slots_[access.dst(j)];
    const ec::G1Affine& q = sources_[j];
    Fp dinv = inv * prefix_[j];
    inv *= denominators_[j];
    Fp numerator;
    if (q.x == s.x) {
      Fp xx = s.x.square();
      numerator = xx.dbl() + xx;
    } else {
      numerator = q.y - s.y;
    }
    Fp lambda = numerator * dinv;
    Fp x3 = lambda.square() - s.x - q.x;
    s.y = lambda * (s.x - x3) - s.y;
    s.x = x3;
  }
}

void AffineBuckets::run_batch() {
  struct Access {
    AffineBuckets* self;
    uint32_t dst(size_t j) const { return self->batch_[j].bucket; }
    const ec::G1Affine& src(size_t j) const { return *self->batch_[j].point; }
    bool negate(size_t j) const { return self->batch_[j].negate; }
    void done(size_t j) const { self->release(self->batch_[j].bucket); }
  };
  add_batch(batch_size_, Access{this});
}

void AffineBuckets::run_slot_batch(std::span<const SlotOp> ops) {
  struct Access {
    AffineBuckets* self;
    std::span<const SlotOp> ops;
    uint32_t dst(size_t j) const { return ops[j].dst; }
    const ec::G1Affine& src(size_t j) const { return self->slots_[ops[j].src]; }
    bool negate(size_t) const { return false; }
    void done(size_t) const {}
  };
  add_batch(ops.size(), Access{this, ops});
}

}  // namespace nightjar::msm
