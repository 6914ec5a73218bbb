// ns/op of the field and G1 operations, per backend (the benchmark argument is the backend:
// 0 = portable, 1 = adx). Dependent chains, so the figures are latencies.
#include <benchmark/benchmark.h>

#include "ec/g1.h"
#include "ff/backend.h"
#include "ff/fp.h"
#include "ff/fr.h"
#include "tests/testing/random.h"

namespace nightjar {
namespace {

bool use_backend(benchmark::State& state) {
  auto backend = static_cast<ff::Backend>(state.range(0));
  if (!ff::set_backend(backend).is_ok()) {
    state.SkipWithError("backend not supported on this CPU");
    return false;
  }
  state.SetLabel(std::string(ff::backend_name(backend)));
  return true;
}

template <class F>
void BM_FieldMul(benchmark::State& state) {
  if (!use_backend(state)) return;
  testing::TestRng rng(1);
  F a = rng.field<F>(), b = rng.field<F>();
  for (auto _ : state) {
    a = a * b;
    benchmark::DoNotOptimize(a);
  }
}
BENCHMARK(BM_FieldMul<ff::Fp>)->Name("fp_mul")->Arg(0)->Arg(1);
BENCHMARK(BM_FieldMul<ff::Fr>)->Name("fr_mul")->Arg(0)->Arg(1);

template <class F>
void BM_FieldSquare(benchmark::State& state) {
  if (!use_backend(state)) return;
  testing::TestRng rng(2);
  F a = rng.field<F>();
  for (auto _ : state) {
    a = a.square();
    benchmark::DoNotOptimize(a);
  }
}
BENCHMARK(BM_FieldSquare<ff::Fp>)->Name("fp_sqr")->Arg(0)->Arg(1);
BENCHMARK(BM_FieldSquare<ff::Fr>)->Name("fr_sqr")->Arg(0)->Arg(1);

template <class F>
void BM_FieldAdd(benchmark::State& state) {
  if (!use_backend(state)) return;
  testing::TestRng rng(8);
  F a = rng.field<F>(), b = rng.field<F>();
  for (auto _ : state) {
    a = a + b;
    benchmark::DoNotOptimize(a);
  }
}
BENCHMARK(BM_FieldAdd<ff::Fp>)->Name("fp_add")->Arg(0)->Arg(1);
BENCHMARK(BM_FieldAdd<ff::Fr>)->Name("fr_add")->Arg(0)->Arg(1);

template <class F>
void BM_FieldSub(benchmark::State& state) {
  if (!use_backend(state)) return;
  testing::TestRng rng(9);
  F a = rng.field<F>(), b = rng.field<F>();
  for (auto _ : state) {
    a = a - b;
    benchmark::DoNotOptimize(a);
  }
}
BENCHMARK(BM_FieldSub<ff::Fp>)->Name("fp_sub")->Arg(0)->Arg(1);

void BM_FpInverse(benchmark::State& state) {
  if (!use_backend(state)) return;
  testing::TestRng rng(3);
  ff::Fp a = rng.field<ff::Fp>();
  for (auto _ : state) {
    a = a.inverse_vartime() + ff::Fp::one();
    benchmark::DoNotOptimize(a);
  }
}
BENCHMARK(BM_FpInverse)->Name("fp_inverse_vartime")->Arg(0)->Arg(1);

void BM_G1MixedAdd(benchmark::State& state) {
  if (!use_backend(state)) return;
  testing::TestRng rng(4);
  ec::G1 acc = rng.g1();
  ec::G1Affine q = rng.g1().to_affine();
  for (auto _ : state) {
    acc = acc.add_mixed(q);
    benchmark::DoNotOptimize(acc);
  }
}
BENCHMARK(BM_G1MixedAdd)->Name("g1_add_mixed")->Arg(0)->Arg(1);

void BM_G1Double(benchmark::State& state) {
  if (!use_backend(state)) return;
  testing::TestRng rng(5);
  ec::G1 acc = rng.g1();
  for (auto _ : state) {
    acc = acc.dbl();
    benchmark::DoNotOptimize(acc);
  }
}
BENCHMARK(BM_G1Double)->Name("g1_double")->Arg(0)->Arg(1);

void BM_G1ScalarMul(benchmark::State& state) {
  if (!use_backend(state)) return;
  testing::TestRng rng(6);
  ec::G1 p = rng.g1();
  ff::Fr k = rng.field<ff::Fr>();
  for (auto _ : state) {
    p = p * k;
    benchmark::DoNotOptimize(p);
  }
}
BENCHMARK(BM_G1ScalarMul)->Name("g1_scalar_mul")->Arg(0)->Arg(1)->Unit(benchmark::kMicrosecond);

void BM_G1ScalarMulVartime(benchmark::State& state) {
  if (!use_backend(state)) return;
  testing::TestRng rng(7);
  ec::G1 p = rng.g1();
  ff::Fr k = rng.field<ff::Fr>();
  for (auto _ : state) {
    p = p.mul_vartime(k);
    benchmark::DoNotOptimize(p);
  }
}
BENCHMARK(BM_G1ScalarMulVartime)
    ->Name("g1_scalar_mul_vartime")
    ->Arg(0)
    ->Arg(1)
    ->Unit(benchmark::kMicrosecond);

}  // namespace
}  // namespace nightjar
