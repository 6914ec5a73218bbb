// nightjar bench msm: wall time of one G1 MSM of 2^log_n random points and scalars.
#include <algorithm>
#include <array>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <random>
#include <string>
#include <vector>

#include "base/thread_pool.h"
#include "ec/g1.h"
#include "ff/backend.h"
#include "ff/fr.h"
#include "msm/msm.h"

namespace nightjar::cli {
namespace {

ff::Fr random_fr(std::mt19937_64& rng) {
  std::array<uint8_t, 64> bytes;
  for (auto& b : bytes) b = static_cast<uint8_t>(rng());
  return ff::Fr::from_uniform_bytes(bytes);
}

// P_i = A + [i]D for random A and D: one addition per point, in parallel chunks that each start
// from a scalar multiplication, then one batched conversion to affine per chunk.
std::vector<ec::G1Affine> random_points(size_t n, std::mt19937_64& rng) {
  ec::G1 start = ec::G1::generator().mul_vartime(random_fr(rng));
  ec::G1 step = ec::G1::generator().mul_vartime(random_fr(rng));
  std::vector<ec::G1Affine> points(n);
  ThreadPool::global().parallel_for(n, 4096, [&](size_t begin, size_t end) {
    std::vector<ec::G1> chunk(end - begin);
    ec::G1 p = start.add_vartime(step.mul_vartime(ff::Fr::from_u64(begin)));
    for (auto& q : chunk) {
      q = p;
      p = p.add_vartime(step);
    }
    ec::G1::batch_to_affine(chunk, std::span(points).subspan(begin, end - begin));
  });
  return points;
}

}  // namespace

int run_msm_bench(int log_n, int threads) {
  if (log_n < 0 || log_n > 26 || threads < 1) {
    std::fprintf(stderr, "bench msm: need 0 <= log-n <= 26 and threads >= 1\n");
    return 2;
  }
  size_t n = size_t{1} << log_n;
  std::mt19937_64 rng(std::random_device{}());
  std::vector<ec::G1Affine> points = random_points(n, rng);
  std::vector<ff::Fr> scalars(n);
  for (auto& s : scalars) s = random_fr(rng);

  msm::MsmOptions options;
  options.max_threads = static_cast<size_t>(threads);
  // One untimed run first: it takes the page faults of the bucket arrays.
  ec::G1 first = msm::msm(points, scalars, options);
  const int repetitions = log_n <= 18 ? 7 : 3;
  std::vector<double> ms;
  for (int i = 0; i < repetitions; ++i) {
    auto t0 = std::chrono::steady_clock::now();
    ec::G1 result = msm::msm(points, scalars, options);
    auto t1 = std::chrono::steady_clock::now();
    if (!(result == first)) {
      std::fprintf(stderr, "bench msm: repeated MSMs disagree\n");
      return 1;
    }
    ms.push_back(std::chrono::duration<double, std::milli>(t1 - t0).count());
  }
  std::sort(ms.begin(), ms.end());
  size_t pool = ThreadPool::global().size();
  msm::Plan plan = msm::plan(n, std::min(pool, static_cast<size_t>(threads)), options);
  std::printf("msm log_n=%d threads=%d median_ms=%.2f kernel=%s backend=%s window=%u\n", log_n,
              threads, ms[ms.size() / 2], std::string(msm::kernel_name(msm::auto_kernel())).c_str(),
              std::string(ff::backend_name(ff::active_backend())).c_str(), plan.window);
  return 0;
}

}  // namespace nightjar::cli
