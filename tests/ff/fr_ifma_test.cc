#include <gtest/gtest.h>

#include <vector>

#include "ff/fr.h"
#include "ff/fr_ifma_inl.h"
#include "tests/testing/random.h"

namespace nightjar::ff {
namespace {

using testing::TestRng;

enum class Op { kAdd, kSub, kMul, kMul260 };

#if NIGHTJAR_HAVE_FR_IFMA
// out[e] = a[e] op b[e] for eight lanes, through the kernels (kMul260 keeps the lazy bound, so it
// is reduced here to compare).
NIGHTJAR_IFMA_TARGET void apply(Op op, const Fr* a, const Fr* b, Fr* out) {
  using namespace fr_ifma;
  const F5 x = load8(a), y = load8(b);
  switch (op) {
    case Op::kAdd:
      store8(out, add_mod(x, y));
      break;
    case Op::kSub:
      store8(out, sub_mod(x, y));
      break;
    case Op::kMul:
      store8(out, mul_mod(x, y));
      break;
    case Op::kMul260:
      store8(out, cond_sub(mont_mul(x, y), kP));
      break;
  }
}
#endif

// The 8-lane operations against Fr's, on the values where carries and the final subtraction
// decide: 0, 1, 2, r - 1, r - 2, 2^255 mod r and random ones, in every pairing.
TEST(FrIfma, MatchesFr) {
  if (!fr_ifma::available()) GTEST_SKIP() << "this CPU has no AVX-512 IFMA";
#if NIGHTJAR_HAVE_FR_IFMA
  TestRng rng(31);
  std::vector<Fr> values = {Fr::zero(),       Fr::one(),
                            Fr::from_u64(2),  -Fr::one(),
                            -Fr::from_u64(2), Fr::from_u64(1ull << 63) * Fr::from_u64(1ull << 63)};
  while (values.size() < 64) values.push_back(rng.field<Fr>());
  const Fr inv16 = Fr::from_u64(16).inverse();
  // Every value against every value: lane e pairs values[i] with values[j + e].
  for (size_t i = 0; i < values.size(); ++i) {
    const std::vector<Fr> a(8, values[i]);
    for (size_t j = 0; j < values.size(); j += 8) {
      const Fr* b = &values[j];
      Fr out[8];
      apply(Op::kAdd, a.data(), b, out);
      for (int e = 0; e < 8; ++e) ASSERT_EQ(out[e], a[e] + b[e]) << i << " + " << j + e;
      apply(Op::kSub, a.data(), b, out);
      for (int e = 0; e < 8; ++e) ASSERT_EQ(out[e], a[e] - b[e]) << i << " - " << j + e;
      apply(Op::kMul, a.data(), b, out);
      for (int e = 0; e < 8; ++e) ASSERT_EQ(out[e], a[e] * b[e]) << i << " * " << j + e;
      // On standard-form data the 2^-260 product is the field product divided by 16.
      apply(Op::kMul260, a.data(), b, out);
      for (int e = 0; e < 8; ++e) ASSERT_EQ(out[e], a[e] * b[e] * inv16) << i << ", " << j + e;
    }
  }
#endif
}

}  // namespace
}  // namespace nightjar::ff
