// Replays the differential vectors of tests/gadgets/gen_vectors.mjs (expected values from the
// official @midnight-ntwrk/ledger-v8 8.1.0) against src/circuits/. The file comes from
// $NIGHTJAR_GADGET_VECTORS; without it the test skips and says how to make it.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "base/hex.h"
#include "circuits/embedded_group.h"
#include "circuits/fab.h"
#include "circuits/hash_to_curve.h"
#include "circuits/persistent_hash.h"
#include "circuits/poseidon.h"

namespace nightjar::circuits {
namespace {

using ff::Fr;

class Case {
 public:
  explicit Case(const std::string& line) {
    std::istringstream in(line);
    std::string token;
    while (in >> token) tokens_.push_back(token);
  }

  const std::string& op() const { return tokens_.at(0); }
  bool done() const { return next_ == tokens_.size(); }

  const std::string& text() { return tokens_.at(next_++); }
  size_t count() { return std::stoul(text()); }
  Fr fr() {
    Result<std::vector<uint8_t>> bytes = from_hex(text());
    if (!bytes.is_ok() || bytes->size() != 32) throw std::runtime_error("bad field token");
    std::optional<Fr> x = Fr::from_bytes_le(std::span<const uint8_t, 32>(bytes->data(), 32));
    if (!x) throw std::runtime_error("field token out of range");
    return *x;
  }
  std::vector<Fr> frs(size_t n) {
    std::vector<Fr> out;
    for (size_t i = 0; i < n; ++i) out.push_back(fr());
    return out;
  }

 private:
  std::vector<std::string> tokens_;
  size_t next_ = 1;
};

// The generator's alignment text: '[' segments ']' with 'f', 'b<n>' and 'o{' alignments '|' '}'.
class AlignmentParser {
 public:
  explicit AlignmentParser(std::string_view text) : text_(text) {}

  Alignment parse() {
    Alignment out = alignment();
    if (pos_ != text_.size()) throw std::runtime_error("trailing alignment text");
    return out;
  }

 private:
  Alignment alignment() {
    Alignment out;
    expect('[');
    if (peek() == ']') {
      ++pos_;
      return out;
    }
    for (;;) {
      out.segments.push_back(segment());
      if (peek() == ']') break;
      expect(',');
    }
    expect(']');
    return out;
  }

  AlignmentSegment segment() {
    const char c = text_.at(pos_++);
    if (c == 'f') return AlignmentAtom{AlignmentAtomKind::kField, 0};
    if (c == 'b') {
      uint32_t n = 0;
      while (pos_ < text_.size() && text_[pos_] >= '0' && text_[pos_] <= '9') {
        n = n * 10 + static_cast<uint32_t>(text_[pos_++] - '0');
      }
      return AlignmentAtom{AlignmentAtomKind::kBytes, n};
    }
    if (c != 'o') throw std::runtime_error("bad alignment segment");
    AlignmentOption option;
    expect('{');
    for (;;) {
      option.branches.push_back(alignment());
      if (peek() == '}') break;
      expect('|');
    }
    expect('}');
    return option;
  }

  char peek() const { return text_.at(pos_); }
  void expect(char c) {
    if (text_.at(pos_++) != c) throw std::runtime_error("bad alignment text");
  }

  std::string_view text_;
  size_t pos_ = 0;
};

ec::JubjubExtended point(Case& c) {
  Fr x = c.fr();
  Fr y = c.fr();
  Result<ec::JubjubExtended> p = embedded_point(x, y);
  if (!p.is_ok()) throw std::runtime_error("vector point rejected: " + p.status().message());
  return *p;
}

// Runs one case; true if nightjar agrees with the expected value.
bool replay(Case& c) {
  const std::string& op = c.op();
  if (op == "transient_hash") {
    std::vector<Fr> xs = c.frs(c.count());
    return transient_hash(xs) == c.fr();
  }
  if (op == "transient_commit") {
    std::vector<Fr> xs = c.frs(c.count());
    Fr opening = c.fr();
    return transient_commit(xs, opening) == c.fr();
  }
  if (op == "persistent_hash") {
    Alignment alignment = AlignmentParser(c.text()).parse();
    std::vector<Fr> fields = c.frs(c.count());
    Result<std::vector<uint8_t>> expected = from_hex(c.text());
    Result<std::array<Fr, 2>> got = persistent_hash_fields(alignment, fields);
    if (!expected.is_ok() || expected->size() != 32 || !got.is_ok()) return false;
    HashOutput digest;
    std::copy(expected->begin(), expected->end(), digest.begin());
    return *got == hash_output_fields(digest);
  }
  if (op == "ec_add") {
    ec::JubjubExtended a = point(c);
    ec::JubjubExtended b = point(c);
    return ec_add(a, b) == Coordinates{c.fr(), c.fr()};
  }
  if (op == "ec_mul") {
    ec::JubjubExtended a = point(c);
    Fr k = c.fr();
    return ec_mul(a, k) == Coordinates{c.fr(), c.fr()};
  }
  if (op == "ec_mul_generator") {
    Fr k = c.fr();
    return ec_mul_generator(k) == Coordinates{c.fr(), c.fr()};
  }
  if (op == "hash_to_curve") {
    std::vector<Fr> xs = c.frs(c.count());
    return coordinates(hash_to_curve(xs)) == Coordinates{c.fr(), c.fr()};
  }
  throw std::runtime_error("unknown operation " + op);
}

TEST(GadgetsDiff, MatchesLedgerV8) {
  const char* path = std::getenv("NIGHTJAR_GADGET_VECTORS");
  if (path == nullptr || !std::filesystem::exists(path)) {
    GTEST_SKIP() << "gadget vectors not found (NIGHTJAR_GADGET_VECTORS=" << (path ? path : "unset")
                 << "); make them with: cd tests/gadgets && npm ci && node gen_vectors.mjs "
                    "--out ../../build/gadget-vectors/vectors.txt";
  }
  std::ifstream in(path);
  std::string line;
  std::map<std::string, std::pair<size_t, size_t>> tally;  // op -> (passed, total)
  size_t failures_shown = 0;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    Case c(line);
    bool ok = false;
    try {
      ok = replay(c) && c.done();
    } catch (const std::exception& e) {
      ADD_FAILURE() << "malformed vector line (" << e.what() << "): " << line.substr(0, 200);
    }
    auto& [passed, total] = tally[c.op()];
    ++total;
    if (ok) {
      ++passed;
    } else if (failures_shown++ < 10) {
      ADD_FAILURE() << "mismatch: " << line.substr(0, 400);
    }
  }
  ASSERT_FALSE(tally.empty()) << path << " holds no cases";
  for (const char* op : {"transient_hash", "transient_commit", "persistent_hash", "ec_add",
                         "ec_mul", "ec_mul_generator", "hash_to_curve"}) {
    const auto& [passed, total] = tally[op];
    std::printf("  %-18s %zu/%zu cases agree with ledger-v8\n", op, passed, total);
    EXPECT_GE(total, 1000u) << op;
    EXPECT_EQ(passed, total) << op;
  }
}

}  // namespace
}  // namespace nightjar::circuits
