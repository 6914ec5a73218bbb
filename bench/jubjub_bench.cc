// ns/op of Jubjub point operations, per backend (the benchmark argument is the backend:
// 0 = portable, 1 = adx). Additions and doublings are dependent chains, so they are latencies.
#include <benchmark/benchmark.h>

#include <array>
#include <string>

#include "ec/jubjub.h"
#include "ff/backend.h"

namespace nightjar {
namespace {

using ec::JubjubAffine;
using ec::JubjubExtended;
using ec::JubjubScalar;

bool select_backend(benchmark::State& state) {
  auto backend = static_cast<ff::Backend>(state.range(0));
  if (!ff::set_backend(backend).is_ok()) {
    state.SkipWithError("backend not supported on this CPU");
    return false;
  }
  state.SetLabel(std::string(ff::backend_name(backend)));
  return true;
}

// A fixed scalar with no special structure (its bytes are 0x5a ^ index).
JubjubScalar bench_scalar() {
  std::array<uint8_t, 64> wide;
  for (size_t i = 0; i < wide.size(); ++i) wide[i] = static_cast<uint8_t>(0x5a ^ i);
  return ec::JubjubScalar::from_uniform_bytes(wide);
}

void BM_JubjubAdd(benchmark::State& state) {
  if (!select_backend(state)) return;
  JubjubExtended g = JubjubExtended::generator();
  JubjubExtended acc = g.dbl();
  for (auto _ : state) {
    acc = acc + g;
    benchmark::DoNotOptimize(acc);
  }
}
BENCHMARK(BM_JubjubAdd)->Name("jubjub_add")->Arg(0)->Arg(1);

void BM_JubjubDbl(benchmark::State& state) {
  if (!select_backend(state)) return;
  JubjubExtended acc = JubjubExtended::generator();
  for (auto _ : state) {
    acc = acc.dbl();
    benchmark::DoNotOptimize(acc);
  }
}
BENCHMARK(BM_JubjubDbl)->Name("jubjub_dbl")->Arg(0)->Arg(1);

void BM_JubjubMul(benchmark::State& state) {
  if (!select_backend(state)) return;
  JubjubExtended g = JubjubExtended::generator();
  JubjubScalar k = bench_scalar();
  for (auto _ : state) benchmark::DoNotOptimize(g * k);
}
BENCHMARK(BM_JubjubMul)->Name("jubjub_mul")->Arg(0)->Arg(1);

void BM_JubjubMulVartime(benchmark::State& state) {
  if (!select_backend(state)) return;
  JubjubExtended g = JubjubExtended::generator();
  JubjubScalar k = bench_scalar();
  for (auto _ : state) benchmark::DoNotOptimize(g.mul_vartime(k));
}
BENCHMARK(BM_JubjubMulVartime)->Name("jubjub_mul_vartime")->Arg(0)->Arg(1);

void BM_JubjubDecodeSubgroup(benchmark::State& state) {
  if (!select_backend(state)) return;
  JubjubAffine::Encoding bytes = (JubjubExtended::generator() * bench_scalar()).to_bytes();
  for (auto _ : state) benchmark::DoNotOptimize(JubjubAffine::from_bytes_subgroup(bytes));
}
BENCHMARK(BM_JubjubDecodeSubgroup)->Name("jubjub_decode_subgroup")->Arg(0)->Arg(1);

}  // namespace
}  // namespace nightjar
