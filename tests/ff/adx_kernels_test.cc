// Checks the MULX/ADCX/ADOX Montgomery kernels against a deliberately different reference:
// a schoolbook 2N-word product followed by word-serial REDC that carries an explicit extra
// carry word and so makes no assumption about the size of p. The reference itself is
// anchored by identities computed without any Montgomery code (R mod p and R^2 mod p by
// repeated modular doubling).
#include "ff/adx_kernels.h"

#include <gtest/gtest.h>

#if NIGHTJAR_HAVE_ADX_KERNELS
#include <cpuid.h>
#endif

#include <array>
#include <cstddef>
#include <cstdint>
#include <random>
#include <string>
#include <vector>

namespace nightjar::ff::adx {
namespace {

#if NIGHTJAR_HAVE_ADX_KERNELS

using u128 = unsigned __int128;

template <size_t N>
using Limbs = std::array<uint64_t, N>;

constexpr int kRandomIterations = 100000;

// Parses a 0x-prefixed big-endian hex string into little-endian limbs.
template <size_t N>
Limbs<N> FromHex(const std::string& hex) {
  Limbs<N> out{};
  size_t bit = 0;
  for (size_t i = hex.size(); i-- > 2;) {
    char c = hex[i];
    uint64_t v = (c >= '0' && c <= '9') ? c - '0' : (c | 0x20) - 'a' + 10;
    out[bit / 64] |= v << (bit % 64);
    bit += 4;
  }
  return out;
}

// -p^(-1) mod 2^64 by Newton iteration; each step doubles the number of correct low bits.
uint64_t ComputeN0(uint64_t p0) {
  uint64_t inv = 1;
  for (int i = 0; i < 6; ++i) inv *= 2 - p0 * inv;
  return ~inv + 1;
}

template <size_t N>
bool Less(const Limbs<N>& x, const Limbs<N>& y) {
  for (size_t i = N; i-- > 0;) {
    if (x[i] != y[i]) return x[i] < y[i];
  }
  return false;
}

// x - y, returning the borrow.
template <size_t N>
uint64_t SubInPlace(Limbs<N>& x, const Limbs<N>& y) {
  uint64_t borrow = 0;
  for (size_t i = 0; i < N; ++i) {
    u128 d = static_cast<u128>(x[i]) - y[i] - borrow;
    x[i] = static_cast<uint64_t>(d);
    borrow = static_cast<uint64_t>(d >> 64) & 1;
  }
  return borrow;
}

// 2x mod p for x < p.
template <size_t N>
Limbs<N> DoubleMod(const Limbs<N>& x, const Limbs<N>& p) {
  Limbs<N> d{};
  uint64_t carry = 0;
  for (size_t i = 0; i < N; ++i) {
    d[i] = (x[i] << 1) | carry;
    carry = x[i] >> 63;
  }
  if (carry || !Less(d, p)) SubInPlace(d, p);
  return d;
}

template <size_t N>
Limbs<N> RefMontMul(const Limbs<N>& a, const Limbs<N>& b, const Limbs<N>& p, uint64_t n0) {
  uint64_t t[2 * N + 1] = {};
  for (size_t i = 0; i < N; ++i) {
    uint64_t carry = 0;
    for (size_t j = 0; j < N; ++j) {
      u128 s = static_cast<u128>(a[i]) * b[j] + t[i + j] + carry;
      t[i + j] = static_cast<uint64_t>(s);
      carry = static_cast<uint64_t>(s >> 64);
    }
    t[i + N] = carry;
  }
  for (size_t i = 0; i < N; ++i) {
    uint64_t m = t[i] * n0;
    uint64_t carry = 0;
    for (size_t j = 0; j < N; ++j) {
      u128 s = static_cast<u128>(m) * p[j] + t[i + j] + carry;
      t[i + j] = static_cast<uint64_t>(s);
      carry = static_cast<uint64_t>(s >> 64);
    }
    for (size_t k = i + N; carry != 0 && k < 2 * N + 1; ++k) {
      u128 s = static_cast<u128>(t[k]) + carry;
      t[k] = static_cast<uint64_t>(s);
      carry = static_cast<uint64_t>(s >> 64);
    }
  }
  Limbs<N> r{};
  for (size_t i = 0; i < N; ++i) r[i] = t[N + i];
  if (t[2 * N] != 0 || !Less(r, p)) SubInPlace(r, p);
  return r;
}

struct Field384 {
  static constexpr size_t kN = 6;
  static constexpr const char* kModulusHex =
      "0x1a0111ea397fe69a4b1ba7b6434bacd764774b84f38512bf6730d2a0f6b0f6241eabfffeb153ffffb9feffff"
      "ffffaaab";
  static void Mul(uint64_t* r, const uint64_t* a, const uint64_t* b, const uint64_t* p,
                  uint64_t n0) {
    mul_mont_384(r, a, b, p, n0);
  }
  static void Sqr(uint64_t* r, const uint64_t* a, const uint64_t* p, uint64_t n0) {
    sqr_mont_384(r, a, p, n0);
  }
};

struct Field256 {
  static constexpr size_t kN = 4;
  static constexpr const char* kModulusHex =
      "0x73eda753299d7d483339d80809a1d80553bda402fffe5bfeffffffff00000001";
  static void Mul(uint64_t* r, const uint64_t* a, const uint64_t* b, const uint64_t* p,
                  uint64_t n0) {
    mul_mont_256(r, a, b, p, n0);
  }
  static void Sqr(uint64_t* r, const uint64_t* a, const uint64_t* p, uint64_t n0) {
    sqr_mont_256(r, a, p, n0);
  }
};

bool CpuHasBmi2AndAdx() {
  unsigned eax, ebx, ecx, edx;
  if (!__get_cpuid_count(7, 0, &eax, &ebx, &ecx, &edx)) return false;
  const bool adx = (ebx >> 19) & 1;
  return __builtin_cpu_supports("bmi2") && adx;
}

template <typename F>
class AdxKernelsTest : public ::testing::Test {
 protected:
  static constexpr size_t N = F::kN;

  void SetUp() override {
    if (!CpuHasBmi2AndAdx()) GTEST_SKIP() << "CPU lacks BMI2 or ADX; ADX kernels not tested";
    p_ = FromHex<N>(F::kModulusHex);
    n0_ = ComputeN0(p_[0]);
    top_bits_ = 64 - __builtin_clzll(p_[N - 1]);
  }

  Limbs<N> Random(std::mt19937_64& rng) const {
    for (;;) {
      Limbs<N> x;
      for (auto& w : x) w = rng();
      x[N - 1] &= (top_bits_ == 64) ? ~uint64_t{0} : (uint64_t{1} << top_bits_) - 1;
      if (Less(x, p_)) return x;
    }
  }

  Limbs<N> Small(uint64_t v) const {
    Limbs<N> x{};
    x[0] = v;
    return x;
  }

  Limbs<N> PMinus(uint64_t v) const {
    Limbs<N> x = p_;
    SubInPlace(x, Small(v));
    return x;
  }

  // R mod p and R^2 mod p, R = 2^(64N), by modular doubling only.
  Limbs<N> RModP() const {
    Limbs<N> x = Small(1);
    for (size_t i = 0; i < 64 * N; ++i) x = DoubleMod(x, p_);
    return x;
  }
  Limbs<N> R2ModP() const {
    Limbs<N> x = RModP();
    for (size_t i = 0; i < 64 * N; ++i) x = DoubleMod(x, p_);
    return x;
  }

  std::vector<Limbs<N>> EdgeValues() const {
    std::vector<Limbs<N>> v = {Small(0),  Small(1),  Small(2), PMinus(1),
                               PMinus(2), PMinus(3), RModP(),  R2ModP()};
    // (p - 1) / 2 and (p + 1) / 2.
    Limbs<N> half = PMinus(1);
    for (size_t i = 0; i < N; ++i) half[i] = (half[i] >> 1) | (i + 1 < N ? half[i + 1] << 63 : 0);
    v.push_back(half);
    Limbs<N> half_up = half;
    half_up[0] += 1;
    v.push_back(half_up);
    // Every bit below the top limb set, with the top limb one below p's: just under p.
    Limbs<N> ones;
    ones.fill(~uint64_t{0});
    ones[N - 1] = p_[N - 1] - 1;
    v.push_back(ones);
    // Top limb equal to p's and the rest as large as allowed.
    v.push_back(PMinus(uint64_t{1} << 32));
    // All-ones in the low limb only and single high-limb bits.
    Limbs<N> low_ones = Small(~uint64_t{0});
    v.push_back(low_ones);
    Limbs<N> top_bit{};
    top_bit[N - 1] = uint64_t{1} << (top_bits_ - 2);
    v.push_back(top_bit);
    return v;
  }

  Limbs<N> p_{};
  uint64_t n0_ = 0;
  int top_bits_ = 0;
};

using FieldTypes = ::testing::Types<Field384, Field256>;
TYPED_TEST_SUITE(AdxKernelsTest, FieldTypes);

TYPED_TEST(AdxKernelsTest, N0MatchesModulus) {
  constexpr size_t N = TypeParam::kN;
  EXPECT_EQ(this->p_[0] * this->n0_, ~uint64_t{0});  // p * n0 == -1 mod 2^64
  // The "no final carry" scheme needs the top bit of p clear, and the 384-bit squaring needs
  // 3p < 2^384, which a top limb below 2^64 / 3 guarantees.
  EXPECT_LT(this->p_[N - 1], uint64_t{1} << 63);
  if (N == 6) {
    EXPECT_LT(this->p_[N - 1], 0x5555555555555555u);
  }
}

TYPED_TEST(AdxKernelsTest, ReferenceSatisfiesMontgomeryIdentities) {
  constexpr size_t N = TypeParam::kN;
  const auto& p = this->p_;
  const uint64_t n0 = this->n0_;
  const Limbs<N> r1 = this->RModP();
  const Limbs<N> r2 = this->R2ModP();
  EXPECT_EQ(RefMontMul<N>(r2, this->Small(1), p, n0), r1);
  EXPECT_EQ(RefMontMul<N>(r1, r1, p, n0), r1);
  EXPECT_EQ(RefMontMul<N>(r1, this->Small(7), p, n0), this->Small(7));
  // 2 * 3 = 6 through the Montgomery domain.
  Limbs<N> two = RefMontMul<N>(this->Small(2), r2, p, n0);
  Limbs<N> three = RefMontMul<N>(this->Small(3), r2, p, n0);
  Limbs<N> six = RefMontMul<N>(RefMontMul<N>(two, three, p, n0), this->Small(1), p, n0);
  EXPECT_EQ(six, this->Small(6));
  // (p - 1)^2 == 1.
  Limbs<N> m1 = RefMontMul<N>(this->PMinus(1), r2, p, n0);
  EXPECT_EQ(RefMontMul<N>(RefMontMul<N>(m1, m1, p, n0), this->Small(1), p, n0), this->Small(1));
}

TYPED_TEST(AdxKernelsTest, MulMatchesReferenceOnRandomInputs) {
  constexpr size_t N = TypeParam::kN;
  std::mt19937_64 rng(0x6e696768746a6172 + N);
  for (int i = 0; i < kRandomIterations; ++i) {
    Limbs<N> a = this->Random(rng), b = this->Random(rng), r;
    TypeParam::Mul(r.data(), a.data(), b.data(), this->p_.data(), this->n0_);
    ASSERT_EQ(r, RefMontMul<N>(a, b, this->p_, this->n0_)) << "iteration " << i;
  }
}

TYPED_TEST(AdxKernelsTest, SqrMatchesReferenceOnRandomInputs) {
  constexpr size_t N = TypeParam::kN;
  std::mt19937_64 rng(0x736e696768746a61 + N);
  for (int i = 0; i < kRandomIterations; ++i) {
    Limbs<N> a = this->Random(rng), r;
    TypeParam::Sqr(r.data(), a.data(), this->p_.data(), this->n0_);
    ASSERT_EQ(r, RefMontMul<N>(a, a, this->p_, this->n0_)) << "iteration " << i;
  }
}

TYPED_TEST(AdxKernelsTest, EdgeCasesAllPairs) {
  constexpr size_t N = TypeParam::kN;
  const auto edges = this->EdgeValues();
  for (const auto& e : edges) ASSERT_TRUE(Less(e, this->p_));
  for (size_t i = 0; i < edges.size(); ++i) {
    const Limbs<N>& a = edges[i];
    const Limbs<N> want_sqr = RefMontMul<N>(a, a, this->p_, this->n0_);
    Limbs<N> r;
    TypeParam::Sqr(r.data(), a.data(), this->p_.data(), this->n0_);
    EXPECT_EQ(r, want_sqr) << "sqr edge " << i;
    for (size_t j = 0; j < edges.size(); ++j) {
      const Limbs<N>& b = edges[j];
      TypeParam::Mul(r.data(), a.data(), b.data(), this->p_.data(), this->n0_);
      EXPECT_EQ(r, RefMontMul<N>(a, b, this->p_, this->n0_)) << "mul edge " << i << "," << j;
    }
  }
}

TYPED_TEST(AdxKernelsTest, MulWithZeroAndOne) {
  constexpr size_t N = TypeParam::kN;
  std::mt19937_64 rng(42);
  const Limbs<N> r1 = this->RModP();  // Montgomery form of 1
  for (int i = 0; i < 1000; ++i) {
    Limbs<N> a = this->Random(rng), r;
    TypeParam::Mul(r.data(), a.data(), this->Small(0).data(), this->p_.data(), this->n0_);
    EXPECT_EQ(r, this->Small(0));
    TypeParam::Mul(r.data(), a.data(), r1.data(), this->p_.data(), this->n0_);
    EXPECT_EQ(r, a);
    TypeParam::Mul(r.data(), r1.data(), a.data(), this->p_.data(), this->n0_);
    EXPECT_EQ(r, a);
  }
}

TYPED_TEST(AdxKernelsTest, OutputMayAliasInputs) {
  constexpr size_t N = TypeParam::kN;
  std::mt19937_64 rng(7);
  auto edges = this->EdgeValues();
  std::vector<Limbs<N>> values(edges.begin(), edges.end());
  for (int i = 0; i < 1000; ++i) values.push_back(this->Random(rng));
  for (size_t i = 0; i < values.size(); ++i) {
    const Limbs<N> a = values[i];
    const Limbs<N> b = values[(i * 7 + 3) % values.size()];
    const auto& p = this->p_;
    const uint64_t n0 = this->n0_;

    Limbs<N> x = a;  // r == a == b
    TypeParam::Mul(x.data(), x.data(), x.data(), p.data(), n0);
    EXPECT_EQ(x, RefMontMul<N>(a, a, p, n0));

    x = a;  // r == a
    TypeParam::Mul(x.data(), x.data(), b.data(), p.data(), n0);
    EXPECT_EQ(x, RefMontMul<N>(a, b, p, n0));

    x = b;  // r == b
    TypeParam::Mul(x.data(), a.data(), x.data(), p.data(), n0);
    EXPECT_EQ(x, RefMontMul<N>(a, b, p, n0));

    x = a;  // sqr in place
    TypeParam::Sqr(x.data(), x.data(), p.data(), n0);
    EXPECT_EQ(x, RefMontMul<N>(a, a, p, n0));
  }
}

TYPED_TEST(AdxKernelsTest, LongDependentChainsAgree) {
  // Feeds each output back as an input, so any non-reduced (>= p) result would be caught by
  // the reference comparison on the next step as well as by the range check.
  constexpr size_t N = TypeParam::kN;
  std::mt19937_64 rng(99);
  Limbs<N> x = this->Random(rng), y = this->Random(rng);
  Limbs<N> xr = x, yr = y;
  for (int i = 0; i < 20000; ++i) {
    TypeParam::Mul(x.data(), x.data(), y.data(), this->p_.data(), this->n0_);
    xr = RefMontMul<N>(xr, yr, this->p_, this->n0_);
    TypeParam::Sqr(y.data(), y.data(), this->p_.data(), this->n0_);
    yr = RefMontMul<N>(yr, yr, this->p_, this->n0_);
    ASSERT_EQ(x, xr) << "step " << i;
    ASSERT_EQ(y, yr) << "step " << i;
    ASSERT_TRUE(Less(x, this->p_));
    ASSERT_TRUE(Less(y, this->p_));
  }
}

#else  // !NIGHTJAR_HAVE_ADX_KERNELS

TEST(AdxKernelsTest, NotBuilt) { GTEST_SKIP() << "ADX kernels are x86-64 only"; }

#endif  // NIGHTJAR_HAVE_ADX_KERNELS

}  // namespace
}  // namespace nightjar::ff::adx
