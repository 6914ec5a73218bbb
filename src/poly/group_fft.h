// Number-theoretic transforms over a group of order r written additively (G1 points), where a
// twiddle product is a scalar multiplication: the SRS derivation recomputes the Lagrange points
// [L_i(τ)]G1 as the inverse transform of the monomial points [τ^j]G1, as midnight-proofs'
// ParamsKZG::downsize does.
//
// T needs T + T and T - T; mul(const T&, const Fr&) returns the product. A scalar multiplication
// costs thousands of field multiplications, so this is the plain radix-2 algorithm parallelised
// stage by stage: the (n/2)·log n - (n - 1) nontrivial twiddle products and the n final scalings
// are all the work. Twiddles come from ω^-1 of `domain` (one exponentiation per chunk), so any
// domain, whatever its kernel, serves. Runs on up to max_threads threads of ThreadPool::global()
// (0 = the whole pool); mul must be safe to call concurrently.
#pragma once

#include <algorithm>
#include <cstddef>
#include <span>

#include "base/status.h"
#include "base/thread_pool.h"
#include "poly/bit_reverse.h"
#include "poly/domain.h"

namespace nightjar::poly {

// values (the evaluations v_i at ω^i, in natural order) -> coefficients
// c_j = n^-1 · Σ_i ω^(-ij) v_i, in place.
template <class T, class Mul>
void group_ifft(const EvaluationDomain& domain, std::span<T> values, const Mul& mul,
                size_t max_threads = 0) {
  const size_t n = domain.n();
  NIGHTJAR_CHECK(values.size() == n);
  if (n == 1) return;
  bit_reverse_permute(values, domain.k(), max_threads);
  T* a = values.data();
  ThreadPool& pool = ThreadPool::global();
  for (size_t m = 1; m < n; m *= 2) {
    const Fr w = domain.omega_inv().pow_u64(n / (2 * m));
    pool.parallel_for(
        n / 2, 1,
        [&](size_t t0, size_t t1) {
          size_t j = t0 % m;
          Fr twiddle = w.pow_u64(j);
          for (size_t t = t0; t < t1; ++t) {
            T* lo = a + (t / m) * 2 * m + j;
            T* hi = lo + m;
            T product = j == 0 ? *hi : mul(*hi, twiddle);
            T x = *lo;
            *lo = x + product;
            *hi = x - product;
            if (++j == m) {
              j = 0;
              twiddle = Fr::one();
            } else {
              twiddle *= w;
            }
          }
        },
        max_threads);
  }
  const Fr n_inv = domain.n_inv();
  pool.parallel_for(
      n, 1,
      [&](size_t begin, size_t end) {
        for (size_t i = begin; i < end; ++i) a[i] = mul(a[i], n_inv);
      },
      max_threads);
}

}  // namespace nightjar::poly
