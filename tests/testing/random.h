// Deterministic random field elements and points for tests (seeded, so failures reproduce).
#pragma once

#include <cstdint>
#include <random>

#include "ec/g1.h"
#include "ec/g2.h"
#include "ff/fp2.h"

namespace nightjar::testing {

class TestRng {
 public:
  explicit TestRng(uint64_t seed) : engine_(seed) {}

  uint64_t next_u64() { return engine_(); }

  // Uniform enough for tests: a wide reduction of random bytes.
  template <class F>
  F field() {
    std::array<uint8_t, 16 * F::kLimbs> bytes;
    for (auto& b : bytes) b = static_cast<uint8_t>(engine_());
    return F::from_uniform_bytes(bytes);
  }
  ff::Fp2 fp2() { return {field<ff::Fp>(), field<ff::Fp>()}; }
  ec::G1 g1() { return ec::G1::generator() * field<ff::Fr>(); }
  ec::G2 g2() { return ec::G2::generator() * field<ff::Fr>(); }

 private:
  std::mt19937_64 engine_;
};

}  // namespace nightjar::testing
