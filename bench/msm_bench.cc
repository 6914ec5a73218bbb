// G1 MSM wall time for 2^12 .. 2^20 points on 1 and 2 threads, per bucket kernel (the third
// argument: 0 = portable, 1 = IFMA, skipped where the CPU lacks it), on the default field
// backend. Points are P_i = P_{i-1} + G, scalars uniform; both are built once for the largest
// size and shared.
#include <benchmark/benchmark.h>

#include <string>
#include <vector>

#include "ec/g1.h"
#include "msm/msm.h"
#include "tests/testing/random.h"

namespace nightjar {
namespace {

constexpr int kMaxLogN = 20;

struct Inputs {
  std::vector<ec::G1Affine> points;
  std::vector<ff::Fr> scalars;
};

const Inputs& inputs() {
  static const Inputs in = [] {
    size_t n = size_t{1} << kMaxLogN;
    Inputs out;
    std::vector<ec::G1> jac(n);
    ec::G1 g = ec::G1::generator(), p = g;
    for (size_t i = 0; i < n; ++i) {
      jac[i] = p;
      p = p.add_vartime(g);
    }
    out.points.resize(n);
    ec::G1::batch_to_affine(jac, out.points);
    testing::TestRng rng(42);
    out.scalars.resize(n);
    for (auto& s : out.scalars) s = rng.field<ff::Fr>();
    return out;
  }();
  return in;
}

void BM_MsmG1(benchmark::State& state) {
  size_t n = size_t{1} << state.range(0);
  msm::MsmOptions options;
  options.max_threads = static_cast<size_t>(state.range(1));
  options.kernel = state.range(2) ? msm::Kernel::kIfma : msm::Kernel::kPortable;
  std::vector<msm::Kernel> kernels = msm::supported_kernels();
  if (std::find(kernels.begin(), kernels.end(), options.kernel) == kernels.end()) {
    state.SkipWithError("kernel not supported on this CPU");
    return;
  }
  const Inputs& in = inputs();
  std::span<const ec::G1Affine> points(in.points.data(), n);
  std::span<const ff::Fr> scalars(in.scalars.data(), n);
  for (auto _ : state) benchmark::DoNotOptimize(msm::msm(points, scalars, options));
  msm::Plan p = msm::plan(n, options.max_threads, options);
  state.SetLabel(std::string(msm::kernel_name(options.kernel)) + " c=" + std::to_string(p.window) +
                 " g=" + std::to_string(p.windows_per_task) +
                 " s=" + std::to_string(p.point_splits));
}

BENCHMARK(BM_MsmG1)
    ->Name("msm_g1")
    ->ArgNames({"log_n", "threads", "ifma"})
    ->ArgsProduct({benchmark::CreateDenseRange(12, kMaxLogN, 1), {1, 2}, {0, 1}})
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

}  // namespace
}  // namespace nightjar
