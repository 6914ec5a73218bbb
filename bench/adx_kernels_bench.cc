// Timing of the ADX Montgomery kernels. BM_*Mont* feed each result into the next call, so they
// report dependent-chain latency. BM_*Tput run eight independent chains, which the out-of-order
// core overlaps; they report time per operation when there is enough independent work, as in
// Fp2/Fp12 tower arithmetic.
#include <benchmark/benchmark.h>

#include "ff/adx_kernels.h"

#if NIGHTJAR_HAVE_ADX_KERNELS
#include <cpuid.h>
#endif

#include <cstdint>

namespace nightjar::ff::adx {
namespace {

#if NIGHTJAR_HAVE_ADX_KERNELS

constexpr uint64_t kP384[6] = {0xb9feffffffffaaab, 0x1eabfffeb153ffff, 0x6730d2a0f6b0f624,
                               0x64774b84f38512bf, 0x4b1ba7b6434bacd7, 0x1a0111ea397fe69a};
constexpr uint64_t kN0P384 = 0x89f3fffcfffcfffd;
constexpr uint64_t kP256[4] = {0xffffffff00000001, 0x53bda402fffe5bfe, 0x3339d80809a1d805,
                               0x73eda753299d7d48};
constexpr uint64_t kN0P256 = 0xfffffffeffffffff;

bool Supported(benchmark::State& state) {
  unsigned eax, ebx, ecx, edx;
  const bool adx = __get_cpuid_count(7, 0, &eax, &ebx, &ecx, &edx) && ((ebx >> 19) & 1);
  if (adx && __builtin_cpu_supports("bmi2")) return true;
  state.SkipWithError("CPU lacks BMI2 or ADX");
  return false;
}

// Arbitrary reduced starting values; the chain stays reduced because the kernels reduce.
void BM_MulMont384(benchmark::State& state) {
  if (!Supported(state)) return;
  uint64_t x[6] = {1, 2, 3, 4, 5, 6}, y[6] = {0x1234, 0x5678, 9, 10, 11, 0x0123456789abcdef};
  for (auto _ : state) {
    mul_mont_384(x, x, y, kP384, kN0P384);
    benchmark::DoNotOptimize(x);
  }
}
BENCHMARK(BM_MulMont384);

void BM_SqrMont384(benchmark::State& state) {
  if (!Supported(state)) return;
  uint64_t x[6] = {0x1234, 0x5678, 9, 10, 11, 0x0123456789abcdef};
  for (auto _ : state) {
    sqr_mont_384(x, x, kP384, kN0P384);
    benchmark::DoNotOptimize(x);
  }
}
BENCHMARK(BM_SqrMont384);

void BM_MulMont256(benchmark::State& state) {
  if (!Supported(state)) return;
  uint64_t x[4] = {1, 2, 3, 4}, y[4] = {0x1234, 0x5678, 9, 0x0123456789abcdef};
  for (auto _ : state) {
    mul_mont_256(x, x, y, kP256, kN0P256);
    benchmark::DoNotOptimize(x);
  }
}
BENCHMARK(BM_MulMont256);

void BM_SqrMont256(benchmark::State& state) {
  if (!Supported(state)) return;
  uint64_t x[4] = {0x1234, 0x5678, 9, 0x0123456789abcdef};
  for (auto _ : state) {
    sqr_mont_256(x, x, kP256, kN0P256);
    benchmark::DoNotOptimize(x);
  }
}
BENCHMARK(BM_SqrMont256);

constexpr int kLanes = 8;

template <int N>
void Seed(uint64_t (&x)[kLanes][N]) {
  for (int i = 0; i < kLanes; ++i) {
    for (int j = 0; j < N; ++j) x[i][j] = 0x9e3779b97f4a7c15 * (i * N + j + 1);
    x[i][N - 1] >>= 8;  // below both moduli
  }
}

void BM_MulMont384Tput(benchmark::State& state) {
  if (!Supported(state)) return;
  uint64_t x[kLanes][6], y[6] = {0x1234, 0x5678, 9, 10, 11, 0x0123456789abcdef};
  Seed(x);
  for (auto _ : state) {
    for (auto& xi : x) mul_mont_384(xi, xi, y, kP384, kN0P384);
    benchmark::DoNotOptimize(x);
  }
  state.SetItemsProcessed(state.iterations() * kLanes);
}
BENCHMARK(BM_MulMont384Tput);

void BM_SqrMont384Tput(benchmark::State& state) {
  if (!Supported(state)) return;
  uint64_t x[kLanes][6];
  Seed(x);
  for (auto _ : state) {
    for (auto& xi : x) sqr_mont_384(xi, xi, kP384, kN0P384);
    benchmark::DoNotOptimize(x);
  }
  state.SetItemsProcessed(state.iterations() * kLanes);
}
BENCHMARK(BM_SqrMont384Tput);

void BM_MulMont256Tput(benchmark::State& state) {
  if (!Supported(state)) return;
  uint64_t x[kLanes][4], y[4] = {0x1234, 0x5678, 9, 0x0123456789abcdef};
  Seed(x);
  for (auto _ : state) {
    for (auto& xi : x) mul_mont_256(xi, xi, y, kP256, kN0P256);
    benchmark::DoNotOptimize(x);
  }
  state.SetItemsProcessed(state.iterations() * kLanes);
}
BENCHMARK(BM_MulMont256Tput);

void BM_SqrMont256Tput(benchmark::State& state) {
  if (!Supported(state)) return;
  uint64_t x[kLanes][4];
  Seed(x);
  for (auto _ : state) {
    for (auto& xi : x) sqr_mont_256(xi, xi, kP256, kN0P256);
    benchmark::DoNotOptimize(x);
  }
  state.SetItemsProcessed(state.iterations() * kLanes);
}
BENCHMARK(BM_SqrMont256Tput);

#else  // !NIGHTJAR_HAVE_ADX_KERNELS

// Keeps the binary runnable (benchmark_main fails when nothing is registered).
void BM_AdxKernelsNotBuilt(benchmark::State& state) {
  state.SkipWithError("ADX kernels are x86-64 only");
  for (auto _ : state) {
  }
}
BENCHMARK(BM_AdxKernelsNotBuilt);

#endif  // NIGHTJAR_HAVE_ADX_KERNELS

}  // namespace
}  // namespace nightjar::ff::adx
