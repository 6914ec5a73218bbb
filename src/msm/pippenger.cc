#include <algorithm>
#include <atomic>
#include <cmath>
#include <optional>
#include <vector>

#include "base/status.h"
#include "base/thread_pool.h"
#include "msm/affine_buckets.h"
#include "msm/digits.h"
#include "msm/ifma_buckets.h"
#include "msm/msm.h"
#include "msm/reduce.h"

namespace nightjar::msm {
namespace {

// Windows are grouped into one task only while their buckets stay within 2^15 (4 MB of IFMA
// slots): grouping saves inversions and point reads, but measured at 2^16 and 2^18 points, larger
// groups lose more to cache misses than they save (e.g. portable, c = 15: 1.19 s in groups of
// three windows, 1.01 s one window per task).
constexpr size_t kMaxTaskBuckets = size_t{1} << 15;

// Costs in Fp multiplications of the scalar path (22 ns with ADX on the Zen 5 development VM),
// measured there.
constexpr double kInversionCost = 370;
constexpr double kDigitCost = 0.4;        // digit and bookkeeping, per point and window
constexpr double kSparseBucketCost = 24;  // an XYZZ mixed and a general addition
constexpr double kXyzzAddCost = 14;
constexpr double kXyzzDoubleCost = 9;
constexpr double kBucketSetupCost = 0.05;

struct CostModel {
  double batch_add;  // one batch-affine addition, inversion excluded
  size_t max_batch;  // additions per inversion; beyond it, L2 misses cost more than they save
};
constexpr CostModel kPortableCost{7, 1024};
// Cheaper additions make the inversion weigh more, and IFMA rows keep less per addition in L2.
constexpr CostModel kIfmaCost{2.1, 2048};

// A batch holds each bucket at most once: an eighth of them keeps collisions rare, but tasks with
// few buckets (forced shapes) still batch at least 32, leaving collisions to the overflow sums,
// rather than pay an inversion per addition.
size_t batch_capacity(size_t task_buckets, size_t max_batch) {
  return std::clamp<size_t>(task_buckets / 8, std::min<size_t>(task_buckets, 32), max_batch);
}

// Expected cost of one window of nb buckets receiving m points, accumulation inversions
// excluded; the reduction follows reduce.h.
double window_cost(double m, double nb, const CostModel& model) {
  double occupied = nb * (1 - std::exp(-m / nb));
  double cost = (m - occupied) * model.batch_add + nb * kBucketSetupCost;
  if (2 * occupied >= nb) {
    cost += 2 * nb * model.batch_add + kInversionCost * nb / kReductionChains;
  } else {
    cost += occupied * (kSparseBucketCost + std::log2(nb / occupied) * 2 * kXyzzAddCost);
  }
  return cost;
}

// Expected cost of a task accumulating windows [begin, end) of the layout over m points, given
// the per-window costs' prefix sums and the buckets' prefix sums.
double group_cost(double m, unsigned begin, unsigned end, const std::vector<double>& cost_prefix,
                  const std::vector<size_t>& bucket_prefix, const CostModel& model) {
  double batch = static_cast<double>(
      batch_capacity(bucket_prefix[end] - bucket_prefix[begin], model.max_batch));
  return cost_prefix[end] - cost_prefix[begin] +
         kInversionCost * std::ceil(m * (end - begin) / batch);
}

// Finishing time when `big` tasks of cost `full` and then `small` tasks of cost `partial`
// (<= full) are taken greedily by `threads` threads.
double makespan(size_t big, double full, size_t small, double partial, size_t threads) {
  size_t rounds = big / threads, rem = big % threads;
  double longest = static_cast<double>(rounds + (rem ? 1 : 0)) * full;
  if (small > 0) {
    size_t least_loaded = rem ? threads - rem : threads;
    size_t stacked = (small + least_loaded - 1) / least_loaded;
    longest = std::max(longest, static_cast<double>(rounds) * full + stacked * partial);
  }
  double total = static_cast<double>(big) * full + static_cast<double>(small) * partial;
  return std::max(longest, total / static_cast<double>(threads));
}

struct Task {
  size_t point_begin, point_end;
  unsigned window_begin, window_end;
  unsigned split;
};

std::vector<Task> make_tasks(size_t n, unsigned windows, const Plan& p) {
  std::vector<Task> tasks;
  for (unsigned w = 0; w < windows; w += p.windows_per_task) {
    unsigned w_end = std::min(windows, w + p.windows_per_task);
    for (unsigned s = 0; s < p.point_splits; ++s)
      tasks.push_back({n * s / p.point_splits, n * (s + 1) / p.point_splits, w, w_end, s});
  }
  return tasks;
}

// Points and scalars of an MSM; when zero scalars are common, `live` lists the others and the
// tasks' point ranges index it.
struct Inputs {
  std::span<const ec::G1Affine> points;
  std::span<const ScalarLimbs> scalars;
  std::vector<uint32_t> live;

  size_t size() const { return live.empty() ? points.size() : live.size(); }
  size_t index(size_t i) const { return live.empty() ? i : live[i]; }
};

template <class Buckets>
void run_task(const Inputs& in, const WindowLayout& layout, size_t max_batch, const Task& task,
              std::span<G1Xyzz> window_sums) {
  unsigned group = task.window_end - task.window_begin;
  std::vector<uint32_t> offsets(group + 1, 0);
  for (unsigned i = 0; i < group; ++i)
    offsets[i + 1] = offsets[i] + layout.buckets(task.window_begin + i);
  Buckets buckets(offsets[group], reduction_scratch_slots(group),
                  batch_capacity(offsets[group], max_batch));
  for (size_t i = task.point_begin; i < task.point_end; ++i) {
    const ec::G1Affine& p = in.points[in.index(i)];
    if (p.infinity) continue;
    const ScalarLimbs& k = in.scalars[in.index(i)];
    for (unsigned g = 0; g < group; ++g) {
      int32_t d = layout.digit(k, task.window_begin + g);
      if (d > 0) {
        buckets.add(offsets[g] + static_cast<uint32_t>(d - 1), p, false);
      } else if (d < 0) {
        buckets.add(offsets[g] + static_cast<uint32_t>(-d - 1), p, true);
      }
    }
  }
  buckets.finish();
  reduce_windows(buckets, offsets, window_sums.subspan(task.window_begin, group));
}

bool use_ifma(Kernel kernel) {
  if (kernel == Kernel::kAuto) kernel = auto_kernel();
  NIGHTJAR_CHECK(kernel != Kernel::kIfma || ifma_available());
  return kernel == Kernel::kIfma;
}

// x mod r for any 256-bit x: 2^256 < 3r, so two conditional subtractions suffice.
ScalarLimbs reduce_scalar(ScalarLimbs x) {
  for (int i = 0; i < 2; ++i) {
    ScalarLimbs d;
    if (ff::portable::sub_borrow<4>(d, x, ff::FrParams::kModulus) == 0) x = d;
  }
  return x;
}

bool below_r(const ScalarLimbs& x) {
  ScalarLimbs d;
  return ff::portable::sub_borrow<4>(d, x, ff::FrParams::kModulus) != 0;
}

size_t thread_count(size_t max_threads) {
  size_t pool = ThreadPool::global().size();
  return max_threads == 0 ? pool : std::min(max_threads, pool);
}

bool is_zero(const ScalarLimbs& k) { return (k[0] | k[1] | k[2] | k[3]) == 0; }

// Runs of equal neighbouring scalars fold into one term: s·P_a + ... + s·P_b = s·(P_a + ... + P_b),
// one XYZZ addition per point instead of a bucket addition in every window. Prover columns are
// full of such runs: a permutation product stays constant over the rows no copy touches, a
// permuted lookup input is sorted. Worth it once a tenth of the terms go; the points are then
// copied, and the sums normalised to affine with one inversion per thread.
struct Folded {
  std::vector<ec::G1Affine> points;
  std::vector<ScalarLimbs> scalars;
};

std::optional<Folded> fold_runs(const Inputs& in, size_t threads) {
  const size_t n = in.size();
  std::vector<uint32_t> starts;  // the first term of each run
  for (size_t i = 0; i < n; ++i) {
    if (i == 0 || in.scalars[in.index(i)] != in.scalars[in.index(i - 1)]) {
      starts.push_back(static_cast<uint32_t>(i));
    }
  }
  if (10 * starts.size() > 9 * n) return std::nullopt;
  starts.push_back(static_cast<uint32_t>(n));
  const size_t runs = starts.size() - 1;
  Folded out{std::vector<ec::G1Affine>(runs), std::vector<ScalarLimbs>(runs)};
  ThreadPool::global().parallel_for(
      runs, 256,
      [&](size_t begin, size_t end) {
        std::vector<G1Xyzz> sums(end - begin);
        std::vector<ff::Fp> zzz(end - begin), scratch(end - begin);
        for (size_t r = begin; r < end; ++r) {
          out.scalars[r] = in.scalars[in.index(starts[r])];
          G1Xyzz& sum = sums[r - begin];
          for (size_t i = starts[r]; i < starts[r + 1]; ++i) sum.add_affine(in.points[in.index(i)]);
          zzz[r - begin] = sum.zzz;  // zero for the identity, which batch_inverse skips
        }
        ff::Fp::batch_inverse(zzz, scratch);
        // ZZ^3 = ZZZ^2, so 1/ZZ = (ZZ/ZZZ)^2.
        for (size_t r = begin; r < end; ++r) {
          const G1Xyzz& sum = sums[r - begin];
          const ff::Fp& inv = zzz[r - begin];
          out.points[r] = sum.is_identity()
                              ? ec::G1Affine::identity()
                              : ec::G1Affine{sum.x * (sum.zz * inv).square(), sum.y * inv, false};
        }
      },
      threads);
  return out;
}

ec::G1 pippenger(std::span<const ec::G1Affine> points, std::span<const ScalarLimbs> scalars,
                 const MsmOptions& options) {
  NIGHTJAR_CHECK(points.size() <= UINT32_MAX);
  Inputs in{points, scalars, {}};
  size_t zeros = static_cast<size_t>(std::count_if(scalars.begin(), scalars.end(), is_zero));
  if (zeros == scalars.size()) return ec::G1::identity();
  // The plan should fit the points that count; tasks then skip the others without reading them.
  if (zeros > scalars.size() / 4) {
    in.live.reserve(scalars.size() - zeros);
    for (size_t i = 0; i < scalars.size(); ++i)
      if (!is_zero(scalars[i])) in.live.push_back(static_cast<uint32_t>(i));
  }
  size_t threads = thread_count(options.max_threads);
  std::optional<Folded> folded;
  if (options.fold_runs) folded = fold_runs(in, threads);
  if (folded) in = Inputs{folded->points, folded->scalars, {}};
  size_t n = in.size();
  Plan p = plan(n, threads, options);
  WindowLayout layout(p.window);
  unsigned windows = layout.count();
  std::vector<Task> tasks = make_tasks(n, windows, p);
  std::vector<G1Xyzz> sums(static_cast<size_t>(p.point_splits) * windows);
  [[maybe_unused]] bool ifma = use_ifma(options.kernel);
  // Tasks are claimed one at a time, largest first, so uneven tasks still balance.
  std::atomic<size_t> next{0};
  auto worker = [&](size_t, size_t) {
    for (size_t t; (t = next.fetch_add(1)) < tasks.size();) {
      std::span<G1Xyzz> out(sums.data() + size_t{tasks[t].split} * windows, windows);
#if NIGHTJAR_HAVE_IFMA_KERNEL
      if (ifma) {
        run_task<IfmaBuckets>(in, layout, kIfmaCost.max_batch, tasks[t], out);
        continue;
      }
#endif
      run_task<AffineBuckets>(in, layout, kPortableCost.max_batch, tasks[t], out);
    }
  };
  ThreadPool::global().parallel_for(std::min(threads, tasks.size()), 1, worker, threads);
  // Σ_w S_w·2^start(w), from the top window down.
  G1Xyzz acc;
  for (unsigned w = windows; w-- > 0;) {
    for (unsigned i = 0; i < layout.width(w) && !acc.is_identity(); ++i) acc.dbl();
    for (unsigned s = 0; s < p.point_splits; ++s) acc.add(sums[s * windows + w]);
  }
  return acc.to_jacobian();
}

}  // namespace

std::string_view kernel_name(Kernel kernel) {
  switch (kernel) {
    case Kernel::kAuto:
      return "auto";
    case Kernel::kPortable:
      return "portable";
    case Kernel::kIfma:
      return "ifma";
  }
  return "?";
}

std::vector<Kernel> supported_kernels() {
  std::vector<Kernel> out{Kernel::kPortable};
  if (ifma_available()) out.push_back(Kernel::kIfma);
  return out;
}

Kernel auto_kernel() {
  return ifma_available() && ff::active_backend() != ff::Backend::kPortable ? Kernel::kIfma
                                                                            : Kernel::kPortable;
}

Plan plan(size_t n, size_t threads, const MsmOptions& options) {
  NIGHTJAR_CHECK(options.window == 0 ||
                 (options.window >= kMinWindow && options.window <= kMaxWindow));
  threads = std::max<size_t>(threads, 1);
  const CostModel& model = use_ifma(options.kernel) ? kIfmaCost : kPortableCost;
  unsigned log_n = 0;
  while (log_n < 63 && (size_t{1} << (log_n + 1)) <= n) ++log_n;
  unsigned c_lo = options.window ? options.window : kMinWindow;
  unsigned c_hi = options.window ? options.window : std::min(kMaxWindow, log_n + 2);
  size_t s_lo = 1, s_hi = std::min<size_t>({2 * threads, 16, std::max<size_t>(n / 1024, 1)});
  if (options.point_splits)
    s_lo = s_hi = std::clamp<size_t>(options.point_splits, 1, std::max<size_t>(n, 1));
  Plan best;
  double best_time = INFINITY;
  for (unsigned c = c_lo; c <= c_hi; ++c) {
    WindowLayout layout(c);
    unsigned windows = layout.count();
    std::vector<size_t> bucket_prefix(windows + 1, 0);
    for (unsigned w = 0; w < windows; ++w)
      bucket_prefix[w + 1] = bucket_prefix[w] + layout.buckets(w);
    unsigned g_lo = 1, g_hi = windows;
    if (options.windows_per_task) g_lo = g_hi = std::min(options.windows_per_task, windows);
    for (size_t s = s_lo; s <= s_hi; ++s) {
      double m = static_cast<double>(n) / static_cast<double>(s);
      std::vector<double> cost_prefix(windows + 1, 0);
      for (unsigned w = 0; w < windows; ++w)
        cost_prefix[w + 1] =
            cost_prefix[w] + m * kDigitCost + window_cost(m, layout.buckets(w), model);
      for (unsigned g = g_lo; g <= g_hi; ++g) {
        if (!options.windows_per_task && g > 1 && bucket_prefix[g] > kMaxTaskBuckets) break;
        // Groups of g windows from the bottom; the last one, with the top window, may be
        // shorter.
        unsigned full_groups = windows / g, last = windows % g;
        double full = 0;
        for (unsigned k = 0; k < full_groups; ++k)
          full =
              std::max(full, group_cost(m, k * g, (k + 1) * g, cost_prefix, bucket_prefix, model));
        double partial =
            last ? group_cost(m, windows - last, windows, cost_prefix, bucket_prefix, model) : 0;
        double t = makespan(full_groups * s, full, last ? s : 0, partial, threads);
        // The final combination: a doubling per scalar bit and an addition per task.
        t += kScalarBits * kXyzzDoubleCost + windows * kXyzzAddCost * static_cast<double>(s);
        if (t < best_time) {
          best_time = t;
          best = {c, g, static_cast<unsigned>(s),
                  batch_capacity(bucket_prefix[g], model.max_batch)};
        }
      }
    }
  }
  return best;
}

ec::G1 msm_canonical(std::span<const ec::G1Affine> points, std::span<const ScalarLimbs> scalars,
                     const MsmOptions& options) {
  NIGHTJAR_CHECK(points.size() == scalars.size());
  if (std::all_of(scalars.begin(), scalars.end(), below_r))
    return pippenger(points, scalars, options);
  std::vector<ScalarLimbs> reduced(scalars.size());
  std::transform(scalars.begin(), scalars.end(), reduced.begin(), reduce_scalar);
  return pippenger(points, reduced, options);
}

ec::G1 msm(std::span<const ec::G1Affine> points, std::span<const ff::Fr> scalars,
           const MsmOptions& options) {
  NIGHTJAR_CHECK(points.size() == scalars.size());
  std::vector<ScalarLimbs> canonical(scalars.size());
  ThreadPool::global().parallel_for(
      scalars.size(), 4096,
      [&](size_t begin, size_t end) {
        for (size_t i = begin; i < end; ++i) canonical[i] = scalars[i].to_canonical();
      },
      options.max_threads);
  return pippenger(points, canonical, options);
}

ec::G1 msm(std::span<const ec::G1Affine> points, std::span<const ff::Fr> scalars,
           size_t max_threads) {
  MsmOptions options;
  options.max_threads = max_threads;
  return msm(points, scalars, options);
}

ec::G2 msm_g2(std::span<const ec::G2Affine> points, std::span<const ff::Fr> scalars) {
  NIGHTJAR_CHECK(points.size() == scalars.size());
  using G2Xyzz = Xyzz<ec::G2Config>;
  size_t n = points.size();
  if (n == 0) return ec::G2::identity();
  WindowLayout layout(std::clamp<unsigned>(static_cast<unsigned>(std::log2(n + 1)) / 2 + 1, 2, 12));
  std::vector<ScalarLimbs> canonical(n);
  for (size_t i = 0; i < n; ++i) canonical[i] = scalars[i].to_canonical();
  G2Xyzz acc;
  std::vector<G2Xyzz> buckets;
  for (unsigned w = layout.count(); w-- > 0;) {
    for (unsigned i = 0; i < layout.width(w); ++i) acc.dbl();
    buckets.assign(layout.buckets(w), G2Xyzz::identity());
    for (size_t i = 0; i < n; ++i) {
      int32_t d = layout.digit(canonical[i], w);
      if (d != 0) buckets[static_cast<size_t>(std::abs(d) - 1)].add_affine(points[i], d < 0);
    }
    G2Xyzz running, sum;
    for (size_t b = buckets.size(); b-- > 0;) {
      running.add(buckets[b]);
      sum.add(running);
    }
    acc.add(sum);
  }
  return acc.to_jacobian();
}

}  // namespace nightjar::msm
