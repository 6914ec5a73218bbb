#include "msm/msm.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "base/thread_pool.h"
#include "ff/backend.h"
#include "msm/affine_buckets.h"
#include "msm/ifma_buckets.h"
#include "msm/xyzz.h"
#include "tests/testing/random.h"

namespace nightjar::msm {
namespace {

using ec::G1;
using ec::G1Affine;
using ff::Fr;
using testing::TestRng;

// Points with known discrete logs, P_i = [a_i]G, so the expected MSM is one scalar
// multiplication [Σ s_i a_i]G however large n is.
struct KnownPoints {
  std::vector<G1Affine> points;
  std::vector<Fr> logs;

  G1 expected(std::span<const Fr> scalars) const {
    Fr sum = Fr::zero();
    for (size_t i = 0; i < scalars.size(); ++i) sum += scalars[i] * logs[i];
    return G1::generator().mul_vartime(sum);
  }
};

// a_i = a + i·d for random a, d: P_i = P_{i-1} + [d]G, one addition per point.
KnownPoints progression(size_t n, TestRng& rng) {
  KnownPoints out;
  Fr a = rng.field<Fr>(), d = rng.field<Fr>();
  G1 p = G1::generator() * a, step = G1::generator() * d;
  std::vector<G1> jac(n);
  for (size_t i = 0; i < n; ++i) {
    jac[i] = p;
    out.logs.push_back(a);
    p = p.add_vartime(step);
    a += d;
  }
  out.points.resize(n);
  G1::batch_to_affine(jac, out.points);
  return out;
}

// Few distinct points, their negations and the identity, so buckets see P + P, P + (-P) and
// repeated points in one batch.
KnownPoints repetitive(size_t n, TestRng& rng) {
  KnownPoints base = progression(3, rng);
  base.points.push_back(-base.points[0]);
  base.logs.push_back(-base.logs[0]);
  base.points.push_back(G1Affine::identity());
  base.logs.push_back(Fr::zero());
  KnownPoints out;
  for (size_t i = 0; i < n; ++i) {
    size_t j = rng.next_u64() % base.points.size();
    out.points.push_back(base.points[j]);
    out.logs.push_back(base.logs[j]);
  }
  return out;
}

Fr from_limbs(const ScalarLimbs& limbs) { return *Fr::from_canonical(limbs); }

// Random scalars mixed with the ones that stress the digit recoding: 0, 1, -1 = r - 1, the
// largest scalar below 2^254 (all ones: a borrow out of every window), powers of two and values
// whose window digits are exactly ±2^(c-1).
std::vector<Fr> scalars_for(size_t n, TestRng& rng) {
  std::vector<Fr> special = {
      Fr::zero(),
      Fr::one(),
      -Fr::one(),
      from_limbs({~0ull, ~0ull, ~0ull, (1ull << 62) - 1}),
      from_limbs({0, 0, 0, 1ull << 62}),
      Fr::from_u64(1ull << 63),
      from_limbs({0x8888888888888888, 0x4444444444444444, 0x2222222222222222, 0x1111111111111111})};
  std::vector<Fr> out;
  for (size_t i = 0; i < n; ++i) {
    uint64_t pick = rng.next_u64() % 4;
    out.push_back(pick == 0 ? special[rng.next_u64() % special.size()] : rng.field<Fr>());
  }
  return out;
}

std::string label(ff::Backend backend, Kernel kernel, unsigned window, size_t n) {
  return std::string(ff::backend_name(backend)) + "/" + std::string(kernel_name(kernel)) +
         " window=" + std::to_string(window) + " n=" + std::to_string(n);
}

// Runs `body(backend, kernel)` on every field backend and bucket kernel this CPU supports.
template <class Body>
void for_each_configuration(Body body) {
  ff::Backend saved = ff::active_backend();
  for (ff::Backend backend : ff::supported_backends()) {
    ASSERT_TRUE(ff::set_backend(backend).is_ok());
    for (Kernel kernel : supported_kernels()) body(backend, kernel);
  }
  ASSERT_TRUE(ff::set_backend(saved).is_ok());
}

TEST(Msm, Empty) {
  EXPECT_TRUE(msm({}, {}).is_identity());
  EXPECT_TRUE(msm_canonical({}, {}).is_identity());
  EXPECT_TRUE(msm_g2({}, {}).is_identity());
}

TEST(Msm, NaiveSumOfRandomPoints) {
  // Independent of the known-logs shortcut: the plain definition, Σ [s_i] P_i.
  TestRng rng(1);
  for (size_t n : {1, 2, 3, 7, 64}) {
    std::vector<G1Affine> points;
    for (size_t i = 0; i < n; ++i) points.push_back(rng.g1().to_affine());
    std::vector<Fr> scalars = scalars_for(n, rng);
    G1 naive;
    for (size_t i = 0; i < n; ++i)
      naive = naive.add_vartime(G1::from_affine(points[i]) * scalars[i]);
    for_each_configuration([&](ff::Backend backend, Kernel kernel) {
      MsmOptions options;
      options.kernel = kernel;
      EXPECT_EQ(msm(points, scalars, options), naive) << label(backend, kernel, 0, n);
    });
  }
}

TEST(Msm, EveryWindowSmallSizes) {
  TestRng rng(2);
  for (size_t n : {1, 2, 3, 7, 64, 1000}) {
    // Repeated points (with P and -P) everywhere but n = 64, where all points differ.
    KnownPoints kp = n == 64 ? progression(n, rng) : repetitive(n, rng);
    std::vector<Fr> scalars = scalars_for(n, rng);
    G1 expected = kp.expected(scalars);
    for_each_configuration([&](ff::Backend backend, Kernel kernel) {
      for (unsigned c = kMinWindow; c <= kMaxWindow; ++c) {
        MsmOptions options;
        options.window = c;
        options.kernel = kernel;
        ASSERT_EQ(msm(kp.points, scalars, options), expected) << label(backend, kernel, c, n);
      }
    });
  }
}

TEST(Msm, EveryWindow4096) {
  TestRng rng(3);
  constexpr size_t kN = 4096;
  KnownPoints kp = progression(kN, rng);
  std::vector<Fr> scalars = scalars_for(kN, rng);
  G1 expected = kp.expected(scalars);
  for_each_configuration([&](ff::Backend backend, Kernel kernel) {
    for (unsigned c = 4; c <= kMaxWindow; ++c) {
      MsmOptions options;
      options.window = c;
      options.kernel = kernel;
      ASSERT_EQ(msm(kp.points, scalars, options), expected) << label(backend, kernel, c, kN);
    }
  });
}

TEST(Msm, Large65536) {
  TestRng rng(4);
  constexpr size_t kN = size_t{1} << 16;
  KnownPoints kp = progression(kN, rng);
  std::vector<Fr> scalars(kN);
  for (auto& s : scalars) s = rng.field<Fr>();
  G1 expected = kp.expected(scalars);
  for_each_configuration([&](ff::Backend backend, Kernel kernel) {
    for (unsigned c : {0u, 11u, 16u}) {
      MsmOptions options;
      options.window = c;
      options.kernel = kernel;
      ASSERT_EQ(msm(kp.points, scalars, options), expected) << label(backend, kernel, c, kN);
    }
  });
}

TEST(Msm, RepeatedPointsAndScalars) {
  // Every point lands in the same bucket of every window: the batch holds one addition, the
  // rest go to the overflow sum, and additions of equal points need the doubling. (Folding the
  // run of equal scalars would leave one term; it is off here, and on in RunsOfEqualScalars.)
  TestRng rng(5);
  for (size_t n : {2, 3, 64, 1000}) {
    G1 p = rng.g1();
    std::vector<G1Affine> points(n, p.to_affine());
    Fr s = rng.field<Fr>();
    std::vector<Fr> scalars(n, s);
    G1 expected = p * (s * Fr::from_u64(n));
    for_each_configuration([&](ff::Backend backend, Kernel kernel) {
      for (unsigned c : {0u, 1u, 5u, 13u}) {
        MsmOptions options;
        options.window = c;
        options.kernel = kernel;
        options.fold_runs = false;
        ASSERT_EQ(msm(points, scalars, options), expected) << label(backend, kernel, c, n);
      }
    });
  }
}

TEST(Msm, OppositePointsCancel) {
  // P, -P, P, -P, ... with one scalar: buckets alternate between P and empty, and the sum is
  // the identity (or [s]P for odd n). Without folding, which would sum the points first.
  TestRng rng(6);
  G1 p = rng.g1();
  Fr s = rng.field<Fr>();
  for (size_t n : {2, 3, 64, 1001}) {
    std::vector<G1Affine> points;
    for (size_t i = 0; i < n; ++i) points.push_back(i % 2 ? (-p).to_affine() : p.to_affine());
    std::vector<Fr> scalars(n, s);
    G1 expected = n % 2 ? p * s : G1::identity();
    for_each_configuration([&](ff::Backend backend, Kernel kernel) {
      for (unsigned c : {0u, 2u, 9u}) {
        MsmOptions options;
        options.window = c;
        options.kernel = kernel;
        options.fold_runs = false;
        ASSERT_EQ(msm(points, scalars, options), expected) << label(backend, kernel, c, n);
      }
    });
  }
}

TEST(Msm, RunsOfEqualScalars) {
  // Runs of 1 to 40 equal scalars, as in a permutation product or a sorted lookup column, over
  // points with repeats, negations and identities (so some runs sum to P + P or to the
  // identity), with and without zeros in between; folded and unfolded sums agree with the logs.
  TestRng rng(16);
  for (size_t n : {1, 2, 50, 3000}) {
    for (bool zeros : {false, true}) {
      KnownPoints kp = repetitive(n, rng);
      std::vector<Fr> scalars;
      while (scalars.size() < n) {
        Fr s = rng.field<Fr>();
        for (size_t len = 1 + rng.next_u64() % 40; len > 0 && scalars.size() < n; --len) {
          scalars.push_back(zeros && rng.next_u64() % 2 ? Fr::zero() : s);
        }
      }
      G1 expected = kp.expected(scalars);
      for_each_configuration([&](ff::Backend backend, Kernel kernel) {
        for (bool fold : {true, false}) {
          MsmOptions options{.kernel = kernel, .fold_runs = fold};
          ASSERT_EQ(msm(kp.points, scalars, options), expected)
              << label(backend, kernel, 0, n) << (fold ? " folded" : "") << (zeros ? " zeros" : "");
        }
      });
    }
  }
}

TEST(Msm, ZeroScalarsAndIdentityPoints) {
  TestRng rng(7);
  KnownPoints kp = progression(500, rng);
  std::vector<Fr> zeros(500, Fr::zero());
  EXPECT_TRUE(msm(kp.points, zeros).is_identity());
  std::vector<G1Affine> identities(500, G1Affine::identity());
  std::vector<Fr> scalars = scalars_for(500, rng);
  EXPECT_TRUE(msm(identities, scalars).is_identity());
  // Half the scalars zero, a tenth of the points the identity.
  for (size_t i = 0; i < 500; i += 2) scalars[i] = Fr::zero();
  for (size_t i = 0; i < 500; i += 10) {
    kp.points[i] = G1Affine::identity();
    kp.logs[i] = Fr::zero();
  }
  EXPECT_EQ(msm(kp.points, scalars), kp.expected(scalars));
}

TEST(Msm, MostlyZeroScalars) {
  // Selector-like scalars: nine in ten are zero, the rest 1 or random.
  TestRng rng(15);
  constexpr size_t kN = 3000;
  KnownPoints kp = progression(kN, rng);
  std::vector<Fr> scalars(kN, Fr::zero());
  for (size_t i = 0; i < kN; ++i) {
    uint64_t pick = rng.next_u64() % 20;
    if (pick == 0) scalars[i] = Fr::one();
    if (pick == 1) scalars[i] = rng.field<Fr>();
  }
  G1 expected = kp.expected(scalars);
  for_each_configuration([&](ff::Backend backend, Kernel kernel) {
    for (unsigned c : {0u, 4u, 11u}) {
      MsmOptions options{.window = c, .kernel = kernel};
      ASSERT_EQ(msm(kp.points, scalars, options), expected) << label(backend, kernel, c, kN);
    }
  });
}

TEST(Msm, CanonicalScalarsAtOrAboveR) {
  TestRng rng(8);
  KnownPoints kp = progression(300, rng);
  std::vector<Fr> scalars = scalars_for(300, rng);
  std::vector<ScalarLimbs> raw;
  for (size_t i = 0; i < scalars.size(); ++i) {
    ScalarLimbs limbs = scalars[i].to_canonical();
    if (i % 3 == 1) {
      // s + r still fits in 256 bits, since r < 2^255.
      ff::portable::add_carry<4>(limbs, limbs, ff::FrParams::kModulus);
    } else if (i % 3 == 2) {
      limbs = {~0ull, ~0ull, ~0ull, ~0ull};
      // 2^256 - 1 ≡ 2^256 - 1 - 2r (mod r)
      ScalarLimbs reduced = limbs;
      ff::portable::sub_borrow<4>(reduced, reduced, ff::FrParams::kModulus);
      ff::portable::sub_borrow<4>(reduced, reduced, ff::FrParams::kModulus);
      scalars[i] = from_limbs(reduced);
    }
    raw.push_back(limbs);
  }
  G1 expected = kp.expected(scalars);
  for_each_configuration([&](ff::Backend backend, Kernel kernel) {
    for (unsigned c : {0u, 3u, 8u}) {
      MsmOptions options;
      options.window = c;
      options.kernel = kernel;
      ASSERT_EQ(msm_canonical(kp.points, raw, options), expected) << label(backend, kernel, c, 300);
    }
  });
}

TEST(Msm, ThreadCounts) {
  TestRng rng(9);
  KnownPoints kp = progression(5000, rng);
  std::vector<Fr> scalars = scalars_for(5000, rng);
  G1 expected = kp.expected(scalars);
  size_t pool = ThreadPool::global().size();
  for (size_t threads : {size_t{1}, size_t{2}, pool + 3}) {
    for (unsigned c : {0u, 6u, 12u}) {
      MsmOptions options;
      options.window = c;
      options.max_threads = threads;
      ASSERT_EQ(msm(kp.points, scalars, options), expected) << threads << " threads, window " << c;
    }
  }
  EXPECT_EQ(msm(kp.points, scalars, 1), expected);
}

TEST(Msm, PlansCoverTheWork) {
  for (size_t threads : {1, 2, 3, 8, 64}) {
    for (size_t n : {size_t{1}, size_t{10}, size_t{1000}, size_t{1} << 16, size_t{1} << 22}) {
      Plan p = plan(n, threads);
      EXPECT_GE(p.window, kMinWindow);
      EXPECT_LE(p.window, kMaxWindow);
      EXPECT_GE(p.windows_per_task, 1u);
      EXPECT_GE(p.point_splits, 1u);
      EXPECT_LE(p.point_splits, std::max<size_t>(n, 1));
      EXPECT_GE(p.batch, 1u);
    }
  }
  Plan forced = plan(1 << 16, 1, {.window = 7, .windows_per_task = 100, .point_splits = 3});
  EXPECT_EQ(forced.window, 7u);
  EXPECT_EQ(forced.windows_per_task, 37u);  // all of them
  EXPECT_EQ(forced.point_splits, 3u);
  EXPECT_EQ(plan(2, 1, {.point_splits = 5}).point_splits, 2u);
}

TEST(Msm, EveryTaskShape) {
  // Windows grouped by 1, 5 or all of them, points split into uneven ranges.
  TestRng rng(14);
  constexpr size_t kN = 1001;
  KnownPoints kp = progression(kN, rng);
  std::vector<Fr> scalars = scalars_for(kN, rng);
  G1 expected = kp.expected(scalars);
  for_each_configuration([&](ff::Backend backend, Kernel kernel) {
    for (unsigned c : {3u, 10u}) {
      for (unsigned g : {1u, 5u, 255u}) {
        for (unsigned s : {1u, 3u, 7u}) {
          MsmOptions options{
              .window = c, .windows_per_task = g, .point_splits = s, .kernel = kernel};
          ASSERT_EQ(msm(kp.points, scalars, options), expected)
              << label(backend, kernel, c, kN) << " group " << g << " splits " << s;
        }
      }
    }
  });
}

template <class Buckets>
void check_bucket_batches() {
  TestRng rng(10);
  std::vector<G1Affine> pts;
  for (int i = 0; i < 4; ++i) pts.push_back(rng.g1().to_affine());
  // Capacities below 4 defer nothing (every collision overflows), 8 and 16 defer some.
  for (size_t capacity : {1, 2, 3, 8, 16}) {
    Buckets buckets(3, 4, capacity);
    std::vector<G1> expected(3);
    auto add = [&](uint32_t b, size_t i, bool negate) {
      buckets.add(b, pts[i], negate);
      G1 p = G1::from_affine(pts[i]);
      expected[b] = expected[b].add_vartime(negate ? -p : p);
    };
    // bucket 0: P0 + P0 (a doubling in a batch), then P0 while that is pending
    add(0, 0, false);
    add(0, 0, false);
    add(0, 0, false);
    // bucket 1: P1 - P1 (emptied in a batch), then refilled by a deferred entry
    add(1, 1, false);
    add(1, 1, true);
    add(1, 3, false);
    add(2, 2, false);
    add(1, 2, true);
    add(2, 2, true);
    add(2, 3, false);
    add(0, 1, true);
    add(0, 2, false);
    add(0, 3, true);
    buckets.finish();
    for (uint32_t b = 0; b < 3; ++b) {
      G1 sum = buckets.is_full(b) ? G1::from_affine(buckets.get(b)) : G1::identity();
      EXPECT_EQ(sum, expected[b]) << "capacity " << capacity << " bucket " << b;
    }
    // Slot additions (the reduction's): scratch 3 = bucket 2, then 3 += 0, 4 = 3, 3 += 3
    // (a doubling), 4 += 3 with 3 read before it is written, 5 = -3 style cancellations.
    ASSERT_TRUE(buckets.is_full(2));
    buckets.copy(3, 2);
    std::vector<SlotOp> ops = {{3, 0}};
    buckets.run(ops);
    G1 s3 = expected[2] + expected[0];
    ASSERT_EQ(G1::from_affine(buckets.get(3)), s3);
    buckets.copy(4, 3);
    ops = {{3, 4}, {4, 3}};
    buckets.run(ops);
    EXPECT_EQ(G1::from_affine(buckets.get(3)), s3.dbl());
    EXPECT_EQ(G1::from_affine(buckets.get(4)), s3.dbl());
  }
}

TEST(AffineBuckets, BatchCollisionsDoublingsAndCancellations) {
  check_bucket_batches<AffineBuckets>();
}

#if NIGHTJAR_HAVE_IFMA_KERNEL
TEST(IfmaBuckets, BatchCollisionsDoublingsAndCancellations) {
  if (!ifma_available()) GTEST_SKIP() << "no AVX-512 IFMA on this CPU";
  check_bucket_batches<IfmaBuckets>();
}
#endif

TEST(Xyzz, MatchesJacobian) {
  TestRng rng(11);
  using P = G1Xyzz;
  for (int i = 0; i < 50; ++i) {
    G1 a = rng.g1(), b = rng.g1();
    P xa = P::from_affine(a.to_affine());
    P s = xa;
    s.add_affine(b.to_affine());
    ASSERT_EQ(s.to_jacobian(), a + b);
    s = xa;
    s.add_affine(b.to_affine(), true);
    ASSERT_EQ(s.to_jacobian(), a - b);
    s = xa;
    s.add_affine(a.to_affine());
    ASSERT_EQ(s.to_jacobian(), a.dbl());
    s = xa;
    s.add_affine(a.to_affine(), true);
    ASSERT_TRUE(s.is_identity());
    P xb = P::from_affine(b.to_affine());
    xb.dbl();
    P t = s;
    t.add(xb);
    ASSERT_EQ(t.to_jacobian(), b.dbl());
    P u = xb;
    u.add(xa);
    u.add(xb);
    ASSERT_EQ(u.to_jacobian(), a + b.dbl().dbl());
    P v = u;
    v.add(u);
    ASSERT_EQ(v.to_jacobian(), (a + b.dbl().dbl()).dbl());
    P neg = u;
    neg.add_affine(G1Affine::identity());
    ASSERT_EQ(neg.to_jacobian(), u.to_jacobian());
    uint64_t k = rng.next_u64() % 100000;
    ASSERT_EQ(xa.times(k).to_jacobian(), a.mul_vartime(Fr::from_u64(k)));
  }
}

#if NIGHTJAR_HAVE_IFMA_KERNEL
TEST(Ifma, VectorMultiplicationMatchesFp) {
  if (!ifma_available()) GTEST_SKIP() << "no AVX-512 IFMA on this CPU";
  TestRng rng(13);
  ff::Fp minus_one = -ff::Fp::one();
  for (int iter = 0; iter < 2000; ++iter) {
    std::array<ff::Fp, 8> a, b, out;
    for (int i = 0; i < 8; ++i) {
      // Extremes too: 0, 1, p - 1.
      uint64_t pick = rng.next_u64() % 8;
      a[i] = pick == 0 ? ff::Fp::zero() : pick == 1 ? minus_one : rng.field<ff::Fp>();
      b[i] = pick == 2 ? ff::Fp::one() : pick == 3 ? minus_one : rng.field<ff::Fp>();
    }
    ifma_mul_lanes(a, b, out);
    for (int i = 0; i < 8; ++i) ASSERT_EQ(out[i], a[i] * b[i]) << iter << " lane " << i;
  }
}
#endif

TEST(MsmG2, MatchesNaiveSum) {
  TestRng rng(12);
  for (size_t n : {1, 2, 5, 40}) {
    std::vector<ec::G2Affine> points;
    ec::G2 naive;
    std::vector<Fr> scalars = scalars_for(n, rng);
    for (size_t i = 0; i < n; ++i) {
      ec::G2 p = i % 7 == 3 ? ec::G2::identity() : rng.g2();
      points.push_back(p.to_affine());
      naive = naive.add_vartime(p * scalars[i]);
    }
    EXPECT_EQ(msm_g2(points, scalars), naive) << n;
  }
}

}  // namespace
}  // namespace nightjar::msm
