// Forward NTT over Fr at 2^12..2^22 elements. Arguments: log2 of the size, the thread count (at
// most; the pool caps it) and the kernel (0 = portable, 1 = AVX-512 IFMA). Wall-clock time, since
// the work is spread over threads.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <string>
#include <vector>

#include "poly/domain.h"
#include "tests/testing/random.h"

namespace nightjar {
namespace {

void BM_Ntt(benchmark::State& state) {
  const auto k = static_cast<uint32_t>(state.range(0));
  const auto threads = static_cast<size_t>(state.range(1));
  const auto kernel = static_cast<poly::NttKernel>(state.range(2));
  const std::vector<poly::NttKernel> supported = poly::supported_ntt_kernels();
  if (std::find(supported.begin(), supported.end(), kernel) == supported.end()) {
    state.SkipWithError("kernel not supported on this CPU");
    return;
  }
  state.SetLabel(std::string(poly::ntt_kernel_name(kernel)));
  poly::EvaluationDomain domain(k, kernel);
  testing::TestRng rng(k);
  std::vector<ff::Fr> values(domain.n());
  for (ff::Fr& x : values) x = rng.field<ff::Fr>();
  for (auto _ : state) {
    domain.fft(values, threads);
    benchmark::DoNotOptimize(values.data());
  }
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(domain.n()));
}

void ntt_sizes(benchmark::internal::Benchmark* b) {
  for (int kernel : {0, 1}) {
    for (int k = 12; k <= 22; ++k) {
      for (int threads : {1, 2}) b->Args({k, threads, kernel});
    }
  }
}
BENCHMARK(BM_Ntt)->Name("ntt")->Apply(ntt_sizes)->UseRealTime()->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace nightjar
