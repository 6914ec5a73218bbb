// One BLS12-381 pairing and its two halves, on the active backend (NIGHTJAR_CPU selects it).
#include <benchmark/benchmark.h>

#include <array>

#include "ec/g1.h"
#include "ec/g2.h"
#include "ec/pairing.h"
#include "ff/fr.h"

namespace nightjar::ec {
namespace {

// Fixed, non-generator points (public inputs never depend on the benchmark's state).
G1Affine bench_g1() { return (G1::generator() * ff::Fr::from_u64(0x1234567)).to_affine(); }
G2Affine bench_g2() { return (G2::generator() * ff::Fr::from_u64(0x7654321)).to_affine(); }

void BM_Pairing(benchmark::State& state) {
  G1Affine p = bench_g1();
  G2Affine q = bench_g2();
  for (auto _ : state) benchmark::DoNotOptimize(pairing(p, q));
}
BENCHMARK(BM_Pairing);

void BM_MillerLoop(benchmark::State& state) {
  std::array<PairingTerm, 1> terms{{{bench_g1(), bench_g2()}}};
  for (auto _ : state) benchmark::DoNotOptimize(miller_loop(terms));
}
BENCHMARK(BM_MillerLoop);

void BM_MillerLoopPrepared(benchmark::State& state) {
  G2Prepared prepared(bench_g2());
  std::array<PreparedPairingTerm, 1> terms{{{bench_g1(), prepared}}};
  for (auto _ : state) benchmark::DoNotOptimize(multi_miller_loop(terms));
}
BENCHMARK(BM_MillerLoopPrepared);

void BM_G2Prepare(benchmark::State& state) {
  G2Affine q = bench_g2();
  for (auto _ : state) benchmark::DoNotOptimize(G2Prepared(q));
}
BENCHMARK(BM_G2Prepare);

void BM_FinalExponentiation(benchmark::State& state) {
  std::array<PairingTerm, 1> terms{{{bench_g1(), bench_g2()}}};
  ff::Fp12 f = miller_loop(terms);
  for (auto _ : state) benchmark::DoNotOptimize(final_exponentiation(f));
}
BENCHMARK(BM_FinalExponentiation);

// The KZG verifier's check: two terms against prepared G2 points.
void BM_PairingProductCheck2Prepared(benchmark::State& state) {
  G2Prepared q1(bench_g2());
  G2Prepared q2(G2Affine::generator());
  std::array<PreparedPairingTerm, 2> terms{{{bench_g1(), q1}, {G1Affine::generator(), q2}}};
  for (auto _ : state) benchmark::DoNotOptimize(pairing_product_is_one(terms));
}
BENCHMARK(BM_PairingProductCheck2Prepared);

}  // namespace
}  // namespace nightjar::ec
