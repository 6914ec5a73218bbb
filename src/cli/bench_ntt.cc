#include <algorithm>
#include <array>
#include <chrono>
#include <cstdio>
#include <random>
#include <string>
#include <vector>

#include "cli/commands.h"
#include "poly/domain.h"

namespace nightjar::cli {

int run_ntt_bench(int log_n, int threads) {
  if (log_n < 0 || log_n > 26 || threads < 1) {
    std::fprintf(stderr, "error: need 0 <= log_n <= 26 and threads >= 1\n");
    return 2;
  }
  poly::EvaluationDomain domain(static_cast<uint32_t>(log_n));
  std::mt19937_64 rng(static_cast<uint64_t>(log_n));
  std::vector<ff::Fr> values(domain.n());
  for (ff::Fr& x : values) {
    std::array<uint8_t, 64> bytes;
    for (uint8_t& b : bytes) b = static_cast<uint8_t>(rng());
    x = ff::Fr::from_uniform_bytes(bytes);
  }
  // One untimed run faults the pages in and warms the caches; the median of the rest resists
  // a stray preemption.
  domain.fft(values, static_cast<size_t>(threads));
  const int repetitions = log_n >= 24 ? 3 : 7;
  std::vector<double> ms;
  for (int r = 0; r < repetitions; ++r) {
    auto start = std::chrono::steady_clock::now();
    domain.fft(values, static_cast<size_t>(threads));
    auto stop = std::chrono::steady_clock::now();
    ms.push_back(std::chrono::duration<double, std::milli>(stop - start).count());
  }
  std::sort(ms.begin(), ms.end());
  std::printf("ntt log_n=%d threads=%d median_ms=%.3f kernel=%s\n", log_n, threads,
              ms[ms.size() / 2], std::string(poly::ntt_kernel_name(domain.kernel())).c_str());
  return 0;
}

}  // namespace nightjar::cli
