// IfmaBuckets: the batch-affine buckets of affine_buckets.h with every batch computed eight
// additions at a time in AVX-512 IFMA (vpmadd52luq/vpmadd52huq).
//
// Representation: a bucket's x and y are each eight 52-bit limbs in one 64-byte line, fully
// reduced, in the same Montgomery form as ff::Fp (x·2^384 mod p): the vector multiplication
// divides by 2^384 (seven 52-bit reduction steps and one of 20 bits), so points are converted
// between the two layouts by moving bits only, never by multiplying. A batch is cut into rows of
// eight entries; a row's coordinates are transposed so that one zmm register holds one limb of
// eight field elements, and each row carries two interleaved inversion chains so that two
// multiplications are always in flight.
//
// The AVX-512 code is compiled with function-level target attributes only, so the binary runs on
// baseline x86-64; callers check ifma_available() before constructing one.
// Thread safety: none; each MSM task owns its buckets.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <vector>

#include "msm/affine_buckets.h"

#if defined(__x86_64__) && !defined(NIGHTJAR_PORTABLE_ONLY)
#define NIGHTJAR_HAVE_IFMA_KERNEL 1
#else
#define NIGHTJAR_HAVE_IFMA_KERNEL 0
#endif

namespace nightjar::msm {

// True when this build has the kernel and the CPU (and OS) support AVX-512F and IFMA.
bool ifma_available();

#if NIGHTJAR_HAVE_IFMA_KERNEL

class IfmaBuckets : public BatchedBuckets<IfmaBuckets> {
 public:
  IfmaBuckets(size_t num_buckets, size_t scratch_slots, size_t batch_capacity);
  ~IfmaBuckets();

 private:
  friend class BatchedBuckets<IfmaBuckets>;
  struct Slot;
  struct Row;

  void set_slot(uint32_t slot, const ec::G1Affine& p, bool negate);
  ec::G1Affine get_slot(uint32_t slot) const;
  void copy_slot(uint32_t dst, uint32_t src);
  void prefetch_slot(uint32_t slot) const;
  void run_batch();
  void run_slot_batch(std::span<const SlotOp> ops);

  // Adds the queued entries (kFromSlots false) or performs `ops`.
  template <bool kFromSlots>
  __attribute__((target("avx512f,avx512ifma"))) void add_batch(size_t n,
                                                               std::span<const SlotOp> ops);

  std::unique_ptr<Slot[]> slots_;
  std::unique_ptr<Row[]> rows_;
  size_t row_capacity_ = 0;
};

// a[i]·b[i] for eight Fp lanes through the vector multiplication (for tests).
void ifma_mul_lanes(std::span<const ff::Fp, 8> a, std::span<const ff::Fp, 8> b,
                    std::span<ff::Fp, 8> out);

#endif  // NIGHTJAR_HAVE_IFMA_KERNEL

}  // namespace nightjar::msm
