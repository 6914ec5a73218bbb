// Differential test of nightjar's BLS12-381 arithmetic against @noble/curves.
//
// Replays the cases gen_vectors.mjs writes: the file named by NIGHTJAR_DIFF_VECTORS and, for the
// pairing (which noble computes slowly, so it has a file of its own),
// NIGHTJAR_DIFF_PAIRING_VECTORS. Every case runs once per arithmetic backend this build and CPU
// supports, and each operation prints how many of its cases passed on each backend.
// NIGHTJAR_DIFF_LIMIT caps the cases per operation (for slow runs, such as under qemu). Without the
// vectors the tests skip, saying how to generate them.
#include <gtest/gtest.h>

#include <array>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <optional>
#include <set>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "ec/encoding.h"
#include "ec/g1.h"
#include "ec/g2.h"
#include "ec/pairing.h"
#include "ff/backend.h"
#include "ff/fp.h"
#include "ff/fp12.h"
#include "ff/fp2.h"
#include "ff/fr.h"
#include "tests/diff/vectors_util.h"

namespace nightjar::diff {
namespace {

constexpr char kHowTo[] =
    "generate the vectors with `cd tests/diff && npm ci && node gen_vectors.mjs --out "
    "../../build/diff-vectors/vectors.txt` and point NIGHTJAR_DIFF_VECTORS at that file (CTest's "
    "diff_vectors fixture does both)";
constexpr char kPairingHowTo[] =
    "generate them with `cd tests/diff && npm ci && node gen_vectors.mjs --ops pairing --out "
    "../../build/diff-vectors/pairing_vectors.txt` (minutes: noble pairs slowly) and point "
    "NIGHTJAR_DIFF_PAIRING_VECTORS at that file (CTest's diff_pairing_vectors fixture does both)";
constexpr size_t kFailuresShown = 3;

using Tokens = std::vector<std::string>;

// The mismatches of one case; it passes when there are none.
class Verdict {
 public:
  void expect(std::string_view what, const std::string& got, std::string_view want) {
    if (got != want) fail(std::string(what) + ": expected " + std::string(want) + ", got " + got);
  }
  void fail(const std::string& message) {
    if (!message_.empty()) message_ += "; ";
    message_ += message;
  }
  const std::string& message() const { return message_; }

 private:
  std::string message_;
};

struct Op {
  std::string name;
  size_t tokens;  // after the name, the expected value included
  std::function<void(const Tokens&, Verdict&)> check;
};

// ---------------------------------------------------------------------------------------------
// Fields.

template <class F>
F field(std::string_view text) {
  std::optional<F> f = F::from_bytes_be(hex_array<F::kBytes>(text));
  if (!f) throw MalformedCase("field element not below the modulus: " + std::string(text));
  return *f;
}

ff::Fp fp_at(const uint8_t* bytes) {
  std::optional<ff::Fp> f = ff::Fp::from_bytes_be(std::span<const uint8_t, 48>(bytes, 48));
  if (!f) throw MalformedCase("Fp coefficient not below p");
  return *f;
}

// c0 then c1 (noble's Fp2.toBytes).
ff::Fp2 fp2(std::string_view text) {
  std::array<uint8_t, 96> bytes = hex_array<96>(text);
  return {fp_at(bytes.data()), fp_at(bytes.data() + 48)};
}

ff::Fp12 fp12(std::string_view text) {
  std::optional<ff::Fp12> f = ff::Fp12::from_bytes(hex_array<ff::Fp12::kBytes>(text));
  if (!f) throw MalformedCase("Fp12 coefficient not below p: " + std::string(text));
  return *f;
}

template <class P>
std::string to_hex(const ff::MontField<P>& f) {
  return hex(f.to_bytes_be());
}
std::string to_hex(const ff::Fp2& f) { return to_hex(f.c0) + to_hex(f.c1); }
std::string to_hex(const ff::Fp12& f) { return hex(f.to_bytes()); }

// nightjar may return either root; it must square back and be ± noble's.
template <class F>
void expect_root(const F& a, const std::optional<F>& root, const std::string& want, Verdict& v,
                 F (*parse)(std::string_view)) {
  if (want == "none") {
    if (root) v.fail("sqrt: noble finds no root, nightjar returned " + to_hex(*root));
    return;
  }
  F noble_root = parse(want);
  if (!root) {
    v.fail("sqrt: nightjar finds no root, noble returned " + want);
    return;
  }
  if (!(root->square() == a)) v.fail("sqrt: " + to_hex(*root) + " does not square to the input");
  if (!(*root == noble_root || *root == -noble_root)) {
    v.fail("sqrt: " + to_hex(*root) + " is neither " + want + " nor its negation");
  }
}

// `decoded` is what decoding gave; `reencoded` its encoding by `reencoding`, compared with noble's.
template <class F>
void expect_decoded(std::string_view decoding, const std::optional<F>& decoded,
                    std::string_view reencoding, const std::string& reencoded,
                    const std::string& want, Verdict& v) {
  if (want == "err") {
    if (decoded) v.fail(std::string(decoding) + " accepted an encoding noble rejects");
    return;
  }
  if (!decoded) {
    v.fail(std::string(decoding) + " rejected an encoding noble accepts");
    return;
  }
  v.expect(std::string(decoding) + " then " + std::string(reencoding), reencoded, want);
}

// Big-endian bytes as little-endian 64-bit limbs, the exponent form MontField::pow takes.
template <size_t kLimbs>
std::array<uint64_t, kLimbs> exponent(std::string_view text) {
  std::array<uint8_t, 8 * kLimbs> bytes = hex_array<8 * kLimbs>(text);
  std::array<uint64_t, kLimbs> limbs{};
  for (size_t i = 0; i < 8 * kLimbs; ++i) {
    limbs[i / 8] |= static_cast<uint64_t>(bytes[8 * kLimbs - 1 - i]) << (8 * (i % 8));
  }
  return limbs;
}

template <class F>
std::vector<Op> prime_field_ops(const std::string& prefix) {
  auto sqrt_check = [](const Tokens& t, Verdict& v) {
    F a = field<F>(t[0]);
    expect_root<F>(a, a.sqrt_vartime(), t[1], v, &field<F>);
  };
  return {
      {prefix + "_add", 3,
       [](const Tokens& t, Verdict& v) {
         v.expect("a + b", to_hex(field<F>(t[0]) + field<F>(t[1])), t[2]);
       }},
      {prefix + "_sub", 3,
       [](const Tokens& t, Verdict& v) {
         v.expect("a - b", to_hex(field<F>(t[0]) - field<F>(t[1])), t[2]);
       }},
      {prefix + "_mul", 3,
       [](const Tokens& t, Verdict& v) {
         v.expect("a * b", to_hex(field<F>(t[0]) * field<F>(t[1])), t[2]);
       }},
      {prefix + "_sqr", 2,
       [](const Tokens& t, Verdict& v) {
         v.expect("square", to_hex(field<F>(t[0]).square()), t[1]);
       }},
      {prefix + "_neg", 2,
       [](const Tokens& t, Verdict& v) { v.expect("-a", to_hex(-field<F>(t[0])), t[1]); }},
      {prefix + "_inv", 2,
       [](const Tokens& t, Verdict& v) {
         F a = field<F>(t[0]);
         v.expect("inverse", to_hex(a.inverse()), t[1]);
         v.expect("inverse_vartime", to_hex(a.inverse_vartime()), t[1]);
       }},
      {prefix + "_pow_u64", 3,
       [](const Tokens& t, Verdict& v) {
         v.expect("pow_u64", to_hex(field<F>(t[0]).pow_u64(exponent<1>(t[1])[0])), t[2]);
       }},
      {prefix + "_pow", 3,
       [](const Tokens& t, Verdict& v) {
         v.expect("pow", to_hex(field<F>(t[0]).pow(exponent<F::kLimbs>(t[1]))), t[2]);
       }},
      {prefix + "_sqrt", 2, sqrt_check},
      {prefix + "_legendre", 2,
       [](const Tokens& t, Verdict& v) {
         v.expect("legendre", std::to_string(field<F>(t[0]).legendre()), t[1]);
       }},
      {prefix + "_from_be", 2,
       [](const Tokens& t, Verdict& v) {
         std::optional<F> f = F::from_bytes_be(hex_array<F::kBytes>(t[0]));
         expect_decoded("from_bytes_be", f, "to_bytes_le", f ? hex(f->to_bytes_le()) : "", t[1], v);
         if (f) v.expect("to_bytes_be round trip", hex(f->to_bytes_be()), t[0]);
       }},
      {prefix + "_from_le", 2,
       [](const Tokens& t, Verdict& v) {
         std::optional<F> f = F::from_bytes_le(hex_array<F::kBytes>(t[0]));
         expect_decoded("from_bytes_le", f, "to_bytes_be", f ? hex(f->to_bytes_be()) : "", t[1], v);
         if (f) v.expect("to_bytes_le round trip", hex(f->to_bytes_le()), t[0]);
       }},
  };
}

std::vector<Op> fp_ops() { return prime_field_ops<ff::Fp>("fp"); }

std::vector<Op> fr_ops() {
  std::vector<Op> ops = prime_field_ops<ff::Fr>("fr");
  ops.push_back({"fr_sqrt_2adic", 2, [](const Tokens& t, Verdict& v) {
                   ff::Fr a = field<ff::Fr>(t[0]);
                   expect_root<ff::Fr>(a, a.sqrt_vartime(), t[1], v, &field<ff::Fr>);
                 }});
  // Midnight's transcript reads the 64 bytes little-endian.
  ops.push_back({"fr_from_uniform", 2, [](const Tokens& t, Verdict& v) {
                   v.expect("from_uniform_bytes",
                            to_hex(ff::Fr::from_uniform_bytes(hex_array<64>(t[0]))), t[1]);
                 }});
  return ops;
}

std::vector<Op> fp2_ops() {
  return {
      {"fp2_mul", 3,
       [](const Tokens& t, Verdict& v) { v.expect("a * b", to_hex(fp2(t[0]) * fp2(t[1])), t[2]); }},
      {"fp2_sqr", 2,
       [](const Tokens& t, Verdict& v) { v.expect("square", to_hex(fp2(t[0]).square()), t[1]); }},
      {"fp2_inv", 2,
       [](const Tokens& t, Verdict& v) {
         ff::Fp2 a = fp2(t[0]);
         v.expect("inverse", to_hex(a.inverse()), t[1]);
         v.expect("inverse_vartime", to_hex(a.inverse_vartime()), t[1]);
       }},
      {"fp2_sqrt", 2,
       [](const Tokens& t, Verdict& v) {
         ff::Fp2 a = fp2(t[0]);
         expect_root<ff::Fp2>(a, a.sqrt_vartime(), t[1], v, &fp2);
       }},
  };
}

std::vector<Op> fp12_ops() {
  return {
      {"fp12_mul", 3,
       [](const Tokens& t, Verdict& v) {
         v.expect("a * b", to_hex(fp12(t[0]) * fp12(t[1])), t[2]);
       }},
      {"fp12_sqr", 2,
       [](const Tokens& t, Verdict& v) { v.expect("square", to_hex(fp12(t[0]).square()), t[1]); }},
      {"fp12_inv", 2,
       [](const Tokens& t, Verdict& v) {
         v.expect("inverse", to_hex(fp12(t[0]).inverse()), t[1]);
       }},
      {"fp12_from_bytes", 2,
       [](const Tokens& t, Verdict& v) {
         std::optional<ff::Fp12> f = ff::Fp12::from_bytes(hex_array<ff::Fp12::kBytes>(t[0]));
         expect_decoded("from_bytes", f, "to_bytes", f ? to_hex(*f) : "", t[1], v);
       }},
  };
}

// ---------------------------------------------------------------------------------------------
// Groups. Points in the vectors are ZCash uncompressed encodings; the helpers below read and write
// them directly rather than through ec/encoding.h, so the arithmetic cases do not depend on the
// codec, which the encode and decode cases test on their own.

struct G1Group {
  using Affine = ec::G1Affine;
  using Point = ec::G1;
  using Field = ff::Fp;
  static constexpr size_t kCoordBytes = 48;
  static constexpr char kName[] = "g1";

  static Field read_coord(const uint8_t* in) { return fp_at(in); }
  static std::string coord_hex(const Field& f) { return to_hex(f); }
  static auto compressed(const Affine& p) { return ec::to_compressed(p); }
  static auto uncompressed(const Affine& p) { return ec::to_uncompressed(p); }
  static auto from_compressed(std::span<const uint8_t, 48> in) {
    return ec::g1_from_compressed(in);
  }
  static auto from_uncompressed(std::span<const uint8_t, 96> in) {
    return ec::g1_from_uncompressed(in);
  }
  static auto from_uncompressed_unchecked(std::span<const uint8_t, 96> in) {
    return ec::g1_from_uncompressed_unchecked(in);
  }
};

struct G2Group {
  using Affine = ec::G2Affine;
  using Point = ec::G2;
  using Field = ff::Fp2;
  static constexpr size_t kCoordBytes = 96;
  static constexpr char kName[] = "g2";

  // The ZCash format writes c1 before c0.
  static Field read_coord(const uint8_t* in) { return {fp_at(in + 48), fp_at(in)}; }
  static std::string coord_hex(const Field& f) { return to_hex(f.c1) + to_hex(f.c0); }
  static auto compressed(const Affine& p) { return ec::to_compressed(p); }
  static auto uncompressed(const Affine& p) { return ec::to_uncompressed(p); }
  static auto from_compressed(std::span<const uint8_t, 96> in) {
    return ec::g2_from_compressed(in);
  }
  static auto from_uncompressed(std::span<const uint8_t, 192> in) {
    return ec::g2_from_uncompressed(in);
  }
  static auto from_uncompressed_unchecked(std::span<const uint8_t, 192> in) {
    return ec::g2_from_uncompressed_unchecked(in);
  }
};

template <class G>
typename G::Affine point(std::string_view text) {
  std::array<uint8_t, 2 * G::kCoordBytes> bytes = hex_array<2 * G::kCoordBytes>(text);
  if (bytes[0] & 0x40) return G::Affine::identity();
  bytes[0] &= 0x1f;
  typename G::Affine p{G::read_coord(bytes.data()), G::read_coord(bytes.data() + G::kCoordBytes),
                       false};
  if (!p.is_on_curve()) throw MalformedCase("not a curve point: " + std::string(text));
  return p;
}

template <class G>
std::string point_hex(const typename G::Affine& p) {
  if (p.infinity) return "40" + std::string(4 * G::kCoordBytes - 2, '0');
  return G::coord_hex(p.x) + G::coord_hex(p.y);
}

// The point with Z ≠ 1, so that the formulas also meet general Jacobian inputs and not only the
// Z = 1 ones from_affine makes. Z is derived from the point, which keeps runs reproducible.
template <class G>
typename G::Point jacobian(const typename G::Affine& p) {
  using F = typename G::Field;
  if (p.infinity) return G::Point::identity();
  F z = p.x + p.y + F::one();
  if (z.is_zero()) z = F::one();
  F z2 = z.square();
  return typename G::Point(p.x * z2, p.y * z2 * z, z);
}

template <class G, class R>
void expect_point(std::string_view what, const R& result, const std::string& want, Verdict& v) {
  if (want == "err") {
    if (result.is_ok()) v.fail(std::string(what) + " accepted an encoding noble rejects");
  } else if (!result.is_ok()) {
    v.fail(std::string(what) + " rejected an encoding noble accepts: " + result.status().message());
  } else {
    v.expect(what, point_hex<G>(*result), want);
  }
}

template <class G>
std::vector<Op> group_ops() {
  const std::string name = G::kName;
  constexpr size_t kC = G::kCoordBytes;
  auto affine_hex = [](const typename G::Point& p) { return point_hex<G>(p.to_affine()); };
  return {
      {name + "_add", 3,
       [affine_hex](const Tokens& t, Verdict& v) {
         typename G::Affine p = point<G>(t[0]), q = point<G>(t[1]);
         typename G::Point pj = jacobian<G>(p), qj = jacobian<G>(q);
         v.expect("P + Q", affine_hex(pj + qj), t[2]);
         v.expect("add_mixed", affine_hex(pj.add_mixed(q)), t[2]);
         v.expect("add_vartime", affine_hex(pj.add_vartime(qj)), t[2]);
       }},
      {name + "_dbl", 2,
       [affine_hex](const Tokens& t, Verdict& v) {
         v.expect("dbl", affine_hex(jacobian<G>(point<G>(t[0])).dbl()), t[1]);
       }},
      {name + "_neg", 2,
       [affine_hex](const Tokens& t, Verdict& v) {
         typename G::Affine p = point<G>(t[0]);
         v.expect("-P (Jacobian)", affine_hex(-jacobian<G>(p)), t[1]);
         v.expect("-P (affine)", point_hex<G>(-p), t[1]);
       }},
      {name + "_mul", 3,
       [affine_hex](const Tokens& t, Verdict& v) {
         typename G::Point p = jacobian<G>(point<G>(t[0]));
         ff::Fr k = field<ff::Fr>(t[1]);
         v.expect("P * k", affine_hex(p * k), t[2]);
         v.expect("mul_vartime", affine_hex(p.mul_vartime(k)), t[2]);
       }},
      {name + "_encode", 2,
       [](const Tokens& t, Verdict& v) {
         typename G::Affine p = point<G>(t[0]);
         v.expect("to_uncompressed", hex(G::uncompressed(p)), t[0]);
         v.expect("to_compressed", hex(G::compressed(p)), t[1]);
         expect_point<G>("from_compressed", G::from_compressed(hex_array<kC>(t[1])), t[0], v);
         std::array<uint8_t, 2 * kC> u = hex_array<2 * kC>(t[0]);
         expect_point<G>("from_uncompressed", G::from_uncompressed(u), t[0], v);
         expect_point<G>("from_uncompressed_unchecked", G::from_uncompressed_unchecked(u), t[0], v);
       }},
      {name + "_decode_c", 2,
       [](const Tokens& t, Verdict& v) {
         expect_point<G>("from_compressed", G::from_compressed(hex_array<kC>(t[0])), t[1], v);
       }},
      {name + "_decode_u", 2,
       [](const Tokens& t, Verdict& v) {
         expect_point<G>("from_uncompressed", G::from_uncompressed(hex_array<2 * kC>(t[0])), t[1],
                         v);
       }},
  };
}

std::vector<Op> pairing_ops() {
  return {{"pairing", 3, [](const Tokens& t, Verdict& v) {
             v.expect("pairing", to_hex(ec::pairing(point<G1Group>(t[0]), point<G2Group>(t[1]))),
                      t[2]);
           }}};
}

std::vector<std::vector<Op>> all_families() {
  return {fp_ops(),     fr_ops(), fp2_ops(), fp12_ops(), group_ops<G1Group>(), group_ops<G2Group>(),
          pairing_ops()};
}

// ---------------------------------------------------------------------------------------------
// Running.

struct Loaded {
  VectorSet set;
  std::string main_skip;     // why NIGHTJAR_DIFF_VECTORS gave nothing; empty once loaded
  std::string pairing_skip;  // the same for NIGHTJAR_DIFF_PAIRING_VECTORS
};

std::string load_from_env(const char* variable, const char* how_to, size_t limit, VectorSet& set) {
  const char* path = std::getenv(variable);
  if (path == nullptr || *path == '\0') return std::string(variable) + " is not set: " + how_to;
  if (std::string error = load_vectors(path, limit, set); !error.empty()) {
    return error + " (" + variable + "): " + how_to;
  }
  return "";
}

const Loaded& loaded() {
  static const Loaded data = [] {
    Loaded d;
    const char* limit_env = std::getenv("NIGHTJAR_DIFF_LIMIT");
    size_t limit = limit_env != nullptr ? std::strtoull(limit_env, nullptr, 10) : 0;
    d.main_skip = load_from_env("NIGHTJAR_DIFF_VECTORS", kHowTo, limit, d.set);
    d.pairing_skip = load_from_env("NIGHTJAR_DIFF_PAIRING_VECTORS", kPairingHowTo, limit, d.set);
    std::printf("[ diff     ] %zu cases from %zu file(s), %s per operation\n", d.set.total,
                d.set.files.size(),
                limit == 0 ? "all" : ("at most " + std::to_string(limit)).c_str());
    return d;
  }();
  return data;
}

std::string run_case(const Op& op, const Case& c) {
  if (c.tokens.size() != op.tokens) {
    return "expected " + std::to_string(op.tokens) + " tokens, found " +
           std::to_string(c.tokens.size());
  }
  Verdict verdict;
  try {
    op.check(c.tokens, verdict);
  } catch (const MalformedCase& e) {
    verdict.fail(std::string("malformed case: ") + e.what());
  }
  return verdict.message();
}

// Runs every case of every operation in `ops` on every supported backend; skips, giving the
// reason, when `skip_reason` is not empty.
void run_family(const std::vector<Op>& ops, const std::string& skip_reason) {
  if (!skip_reason.empty()) GTEST_SKIP() << skip_reason;
  const VectorSet& set = loaded().set;
  const ff::Backend saved = ff::active_backend();
  for (ff::Backend backend : ff::supported_backends()) {
    ASSERT_TRUE(ff::set_backend(backend).is_ok()) << ff::backend_name(backend);
    for (const Op& op : ops) {
      auto it = set.by_op.find(op.name);
      if (it == set.by_op.end() || it->second.empty()) {
        ADD_FAILURE() << "the vectors hold no " << op.name << " cases: regenerate them";
        continue;
      }
      size_t passed = 0;
      std::string failures;
      size_t shown = 0;
      for (const Case& c : it->second) {
        std::string failure = run_case(op, c);
        if (failure.empty()) {
          ++passed;
        } else if (shown++ < kFailuresShown) {
          failures += "\n  " + set.files[c.file] + ":" + std::to_string(c.line) + ": " + failure;
        }
      }
      std::printf("[ diff     ] %-8s %-18s %6zu/%zu passed\n",
                  std::string(ff::backend_name(backend)).c_str(), op.name.c_str(), passed,
                  it->second.size());
      EXPECT_EQ(passed, it->second.size()) << op.name << " on the " << ff::backend_name(backend)
                                           << " backend; first failures:" << failures;
    }
  }
  ASSERT_TRUE(ff::set_backend(saved).is_ok());
}

TEST(DiffTest, Fp) { run_family(fp_ops(), loaded().main_skip); }
TEST(DiffTest, Fr) { run_family(fr_ops(), loaded().main_skip); }
TEST(DiffTest, Fp2) { run_family(fp2_ops(), loaded().main_skip); }
TEST(DiffTest, Fp12) { run_family(fp12_ops(), loaded().main_skip); }
TEST(DiffTest, G1) { run_family(group_ops<G1Group>(), loaded().main_skip); }
TEST(DiffTest, G2) { run_family(group_ops<G2Group>(), loaded().main_skip); }

// Pairing cases may also sit in the main file (gen_vectors.mjs --ops all).
TEST(DiffTest, Pairing) {
  const Loaded& data = loaded();
  run_family(pairing_ops(), data.set.by_op.contains("pairing") ? "" : data.pairing_skip);
}

// An operation this test does not know means the generator and the test have drifted apart.
TEST(DiffTest, EveryOperationIsKnown) {
  const Loaded& data = loaded();
  if (data.set.files.empty()) GTEST_SKIP() << data.main_skip;
  std::set<std::string> known;
  for (const auto& family : all_families()) {
    for (const Op& op : family) known.insert(op.name);
  }
  for (const auto& [name, cases] : data.set.by_op) {
    EXPECT_TRUE(known.contains(name))
        << "unknown operation " << name << " (" << data.set.files[cases.front().file] << ":"
        << cases.front().line << ")";
  }
}

}  // namespace
}  // namespace nightjar::diff
