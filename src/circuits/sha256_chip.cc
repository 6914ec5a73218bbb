#include "circuits/sha256_chip.h"

#include <array>
#include <initializer_list>
#include <string>
#include <utility>
#include <vector>

#include "base/status.h"

namespace nightjar::circuits {

namespace {

using plonk::Column;
using plonk::Constraints;
using plonk::Expression;
using plonk::VirtualCells;

// The shared advice column behind each of A0..A7; see the header for why A0 and A2 come last.
constexpr std::array<size_t, kSha256AdviceCols> kAdviceOrder = {6, 0, 7, 1, 2, 3, 4, 5};

// Limb lengths the spread table covers; 8 is left out so that the table (with its all-zero row)
// fits a 2^13 domain next to the rows reserved for blinding.
constexpr std::array<uint32_t, 10> kLookupLengths = {2, 3, 4, 5, 6, 7, 9, 10, 11, 12};

// sum_i Constant(2^log2_weights[i]) * terms[i], folded from Constant(0) like the official
// expr_pow2_ip; the printed tree depends on the seed and the 2^0 factor vanishing through the
// operators' simplifications.
Expression weighted_sum(std::span<const uint32_t> log2_weights,
                        std::span<const Expression* const> terms) {
  NIGHTJAR_CHECK(log2_weights.size() == terms.size());
  Expression acc = Expression::constant(uint64_t{0});
  for (size_t i = 0; i < terms.size(); ++i) {
    NIGHTJAR_CHECK(log2_weights[i] < 64);
    acc = acc + Expression::constant(uint64_t{1} << log2_weights[i]) * *terms[i];
  }
  return acc;
}

// sum_i 2^exps[i] * terms[i].
Expression pow2_ip(std::initializer_list<uint32_t> exps,
                   std::initializer_list<const Expression*> terms) {
  return weighted_sum(std::span(exps.begin(), exps.size()), std::span(terms.begin(), terms.size()));
}

// sum_i 4^exps[i] * terms[i]: spread limbs weigh twice the bits of plain ones.
Expression pow4_ip(std::initializer_list<uint32_t> exps,
                   std::initializer_list<const Expression*> terms) {
  std::vector<uint32_t> doubled;
  for (uint32_t e : exps) doubled.push_back(2 * e);
  return weighted_sum(doubled, std::span(terms.begin(), terms.size()));
}

// The spread value recombined from its even bits (evn) and odd bits (odd), each given as 11-11-10
// spread limbs: evn + 2 * odd.
Expression even_plus_twice_odd(const Expression& evn, const Expression& odd) {
  return evn + Expression::constant(uint64_t{2}) * odd;
}

// The three 11-11-10 spread limbs of a sum's even or odd bits, queried in column `col` at rows
// -1, 0, 1 and recombined.
Expression query_11_11_10(VirtualCells& vc, Column col) {
  std::array<Expression, 3> limbs;
  for (int32_t r = -1; r <= 1; ++r) limbs[r + 1] = vc.query_advice(col, r);
  return pow4_ip({21, 10, 0}, {&limbs[0], &limbs[1], &limbs[2]});
}

}  // namespace

Sha256Config configure_sha256(plonk::ConstraintSystem& cs, std::span<const Column> advice,
                              std::span<const Column> fixed) {
  NIGHTJAR_CHECK(advice.size() == kSha256AdviceCols && fixed.size() == kSha256FixedCols);
  Sha256Config c;
  for (size_t i = 0; i < kSha256AdviceCols; ++i) c.advice[i] = advice[kAdviceOrder[i]];
  for (size_t i = 0; i < kSha256FixedCols; ++i) c.fixed[i] = fixed[i];
  for (size_t i = 0; i < kSha256AdviceCols; ++i) {
    if (i != 0 && i != 2) cs.enable_equality(c.advice[i]);
  }

  c.q_lookup = cs.complex_selector();
  c.table.nbits = cs.lookup_table_column();
  c.table.plain = cs.lookup_table_column();
  c.table.spread = cs.lookup_table_column();

  c.q_maj = cs.selector();
  c.q_half_ch = cs.selector();
  c.q_big_sigma_0 = cs.selector();
  c.q_big_sigma_1 = cs.selector();
  c.q_sigma_0 = cs.selector();
  c.q_sigma_1 = cs.selector();
  c.q_11_11_10 = cs.selector();
  c.q_10_9_11_2 = cs.selector();
  c.q_7_12_2_5_6 = cs.selector();
  c.q_12_1x3_7_3_4_3 = cs.selector();
  c.q_add_mod_2_32 = cs.selector();

  const auto& a = c.advice;
  for (size_t idx = 0; idx < 2; ++idx) {
    cs.lookup("plain-spreaded lookup", [&](VirtualCells& vc) {
      Expression q = vc.query_selector(c.q_lookup);
      Expression nbits = vc.query_fixed(c.fixed[idx], 0);
      Expression plain = vc.query_advice(a[2 * idx], 0);
      Expression spread = vc.query_advice(a[2 * idx + 1], 0);
      return std::vector<std::pair<Expression, Column>>{
          {q * nbits, c.table.nbits}, {q * plain, c.table.plain}, {q * spread, c.table.spread}};
    });
  }

  // In the spread gates below, A1 and A3 hold the 11-11-10 spread limbs, rows -1..1, of the odd
  // and even bits of the gate's spread sum: odd in A1 for Maj and half-Ch (whose result is the
  // odd bits), even in A1 for Σ₀, Σ₁, σ₀, σ₁ (whose result is the even bits, the XOR).
  cs.create_gate("Maj(A, B, C)", [&](VirtualCells& vc) {
    Expression sa = vc.query_advice(a[5], -1);
    Expression sb = vc.query_advice(a[6], -1);
    Expression sc = vc.query_advice(a[5], 0);
    Expression odd = query_11_11_10(vc, a[1]);
    Expression evn = query_11_11_10(vc, a[3]);
    Expression id = (sa + sb + sc) - even_plus_twice_odd(evn, odd);
    return Constraints::with_selector(c.q_maj,
                                      std::vector<std::pair<std::string, Expression>>{{"Maj", id}});
  });

  cs.create_gate("half Ch(E, F, G)", [&](VirtualCells& vc) {
    Expression sx = vc.query_advice(a[5], -1);
    Expression sy = vc.query_advice(a[6], -1);
    Expression odd = query_11_11_10(vc, a[1]);
    Expression evn = query_11_11_10(vc, a[3]);
    Expression summand_1 = vc.query_advice(a[4], 0);
    Expression summand_2 = vc.query_advice(a[5], 0);
    Expression total = vc.query_advice(a[6], 0);
    Expression spread_id = (sx + sy) - even_plus_twice_odd(evn, odd);
    Expression sum_id = (summand_1 + summand_2) - total;
    return Constraints::with_selector(
        c.q_half_ch, std::vector<std::pair<std::string, Expression>>{
                         {"Half-Ch spreadded", spread_id}, {"Half Ch sum (2 terms)", sum_id}});
  });

  cs.create_gate("Σ₀(A)", [&](VirtualCells& vc) {
    Expression s10 = vc.query_advice(a[5], -1);
    Expression s09 = vc.query_advice(a[6], -1);
    Expression s11 = vc.query_advice(a[5], 0);
    Expression s02 = vc.query_advice(a[6], 0);
    Expression evn = query_11_11_10(vc, a[1]);
    Expression odd = query_11_11_10(vc, a[3]);
    Expression rot1 = pow4_ip({30, 20, 11, 0}, {&s02, &s10, &s09, &s11});
    Expression rot2 = pow4_ip({21, 19, 9, 0}, {&s11, &s02, &s10, &s09});
    Expression rot3 = pow4_ip({23, 12, 10, 0}, {&s09, &s11, &s02, &s10});
    Expression id = (rot1 + rot2 + rot3) - even_plus_twice_odd(evn, odd);
    return Constraints::with_selector(
        c.q_big_sigma_0, std::vector<std::pair<std::string, Expression>>{{"Sigma_0", id}});
  });

  cs.create_gate("Σ₁(E)", [&](VirtualCells& vc) {
    Expression s07 = vc.query_advice(a[5], -1);
    Expression s12 = vc.query_advice(a[6], -1);
    Expression s02 = vc.query_advice(a[5], 0);
    Expression s05 = vc.query_advice(a[6], 0);
    Expression s06 = vc.query_advice(a[5], 1);
    Expression evn = query_11_11_10(vc, a[1]);
    Expression odd = query_11_11_10(vc, a[3]);
    Expression rot1 = pow4_ip({26, 19, 7, 5, 0}, {&s06, &s07, &s12, &s02, &s05});
    Expression rot2 = pow4_ip({27, 21, 14, 2, 0}, {&s05, &s06, &s07, &s12, &s02});
    Expression rot3 = pow4_ip({20, 18, 13, 7, 0}, {&s12, &s02, &s05, &s06, &s07});
    Expression id = (rot1 + rot2 + rot3) - even_plus_twice_odd(evn, odd);
    return Constraints::with_selector(
        c.q_big_sigma_1, std::vector<std::pair<std::string, Expression>>{{"Sigma_1", id}});
  });

  // σ₀ and σ₁ read a message word's 12-1-1-1-7-3-4-3 spread limbs from the same cells.
  struct WordLimbs {
    Expression s12, s1a, s1b, s1c, s07, s3a, s04, s3b;
  };
  auto query_word_limbs = [&](VirtualCells& vc) {
    WordLimbs w;
    w.s12 = vc.query_advice(a[5], -1);
    w.s1a = vc.query_advice(a[6], -1);
    w.s1b = vc.query_advice(a[4], 0);
    w.s1c = vc.query_advice(a[5], 0);
    w.s07 = vc.query_advice(a[6], 0);
    w.s3a = vc.query_advice(a[4], 1);
    w.s04 = vc.query_advice(a[5], 1);
    w.s3b = vc.query_advice(a[6], 1);
    return w;
  };

  cs.create_gate("σ₀(W)", [&](VirtualCells& vc) {
    WordLimbs w = query_word_limbs(vc);
    Expression evn = query_11_11_10(vc, a[1]);
    Expression odd = query_11_11_10(vc, a[3]);
    Expression shift1 = pow4_ip({17, 16, 15, 14, 7, 4, 0},
                                {&w.s12, &w.s1a, &w.s1b, &w.s1c, &w.s07, &w.s3a, &w.s04});
    Expression rot2 = pow4_ip({28, 25, 13, 12, 11, 10, 3, 0},
                              {&w.s04, &w.s3b, &w.s12, &w.s1a, &w.s1b, &w.s1c, &w.s07, &w.s3a});
    Expression rot3 = pow4_ip({31, 24, 21, 17, 14, 2, 1, 0},
                              {&w.s1c, &w.s07, &w.s3a, &w.s04, &w.s3b, &w.s12, &w.s1a, &w.s1b});
    Expression id = (shift1 + rot2 + rot3) - even_plus_twice_odd(evn, odd);
    return Constraints::with_selector(
        c.q_sigma_0, std::vector<std::pair<std::string, Expression>>{{"sigma_0", id}});
  });

  cs.create_gate("σ₁(W)", [&](VirtualCells& vc) {
    WordLimbs w = query_word_limbs(vc);
    Expression evn = query_11_11_10(vc, a[1]);
    Expression odd = query_11_11_10(vc, a[3]);
    Expression shift1 = pow4_ip({10, 9, 8, 7, 0}, {&w.s12, &w.s1a, &w.s1b, &w.s1c, &w.s07});
    Expression rot2 = pow4_ip({25, 22, 18, 15, 3, 2, 1, 0},
                              {&w.s07, &w.s3a, &w.s04, &w.s3b, &w.s12, &w.s1a, &w.s1b, &w.s1c});
    Expression rot3 = pow4_ip({31, 30, 23, 20, 16, 13, 1, 0},
                              {&w.s1b, &w.s1c, &w.s07, &w.s3a, &w.s04, &w.s3b, &w.s12, &w.s1a});
    Expression id = (shift1 + rot2 + rot3) - even_plus_twice_odd(evn, odd);
    return Constraints::with_selector(
        c.q_sigma_1, std::vector<std::pair<std::string, Expression>>{{"sigma_1", id}});
  });

  cs.create_gate("11-11-10 decomposition", [&](VirtualCells& vc) {
    Expression p11a = vc.query_advice(a[0], -1);
    Expression p11b = vc.query_advice(a[0], 0);
    Expression p10 = vc.query_advice(a[0], 1);
    Expression output = vc.query_advice(a[4], -1);
    Expression id = pow2_ip({21, 10, 0}, {&p11a, &p11b, &p10}) - output;
    return Constraints::with_selector(c.q_11_11_10, std::vector<std::pair<std::string, Expression>>{
                                                        {"11-11-10 decomposition", id}});
  });

  cs.create_gate("10-9-11-2 decomposition", [&](VirtualCells& vc) {
    Expression p10 = vc.query_advice(a[0], -1);
    Expression p09 = vc.query_advice(a[2], -1);
    Expression p11 = vc.query_advice(a[0], 0);
    Expression p02 = vc.query_advice(a[2], 0);
    Expression s10 = vc.query_advice(a[1], -1);
    Expression s09 = vc.query_advice(a[3], -1);
    Expression s11 = vc.query_advice(a[1], 0);
    Expression s02 = vc.query_advice(a[3], 0);
    Expression plain = vc.query_advice(a[4], -1);
    Expression spread = vc.query_advice(a[4], 0);
    Expression plain_id = pow2_ip({22, 13, 2, 0}, {&p10, &p09, &p11, &p02}) - plain;
    Expression spread_id = pow4_ip({22, 13, 2, 0}, {&s10, &s09, &s11, &s02}) - spread;
    return Constraints::with_selector(c.q_10_9_11_2,
                                      std::vector<std::pair<std::string, Expression>>{
                                          {"10_9_11_2 decomposition plain", plain_id},
                                          {"10_9_11_2 decomposition sprdd", spread_id}});
  });

  cs.create_gate("7-12-2-5-6 decomposition", [&](VirtualCells& vc) {
    Expression p07 = vc.query_advice(a[0], -1);
    Expression p12 = vc.query_advice(a[2], -1);
    Expression p02 = vc.query_advice(a[0], 0);
    Expression p05 = vc.query_advice(a[2], 0);
    Expression p06 = vc.query_advice(a[0], 1);
    Expression s07 = vc.query_advice(a[1], -1);
    Expression s12 = vc.query_advice(a[3], -1);
    Expression s02 = vc.query_advice(a[1], 0);
    Expression s05 = vc.query_advice(a[3], 0);
    Expression s06 = vc.query_advice(a[1], 1);
    Expression plain = vc.query_advice(a[4], -1);
    Expression spread = vc.query_advice(a[4], 0);
    Expression plain_id = pow2_ip({25, 13, 11, 6, 0}, {&p07, &p12, &p02, &p05, &p06}) - plain;
    Expression spread_id = pow4_ip({25, 13, 11, 6, 0}, {&s07, &s12, &s02, &s05, &s06}) - spread;
    return Constraints::with_selector(c.q_7_12_2_5_6,
                                      std::vector<std::pair<std::string, Expression>>{
                                          {"7_12_2_5_6 decomposition plain", plain_id},
                                          {"7_12_2_5_6 decomposition sprdd", spread_id}});
  });

  cs.create_gate("12-1x3-7-3-4-3 decomposition", [&](VirtualCells& vc) {
    Expression w12 = vc.query_advice(a[0], -1);
    Expression w07 = vc.query_advice(a[2], -1);
    Expression w3a = vc.query_advice(a[0], 0);
    Expression w04 = vc.query_advice(a[2], 0);
    Expression w3b = vc.query_advice(a[0], 1);
    Expression w1a = vc.query_advice(a[7], -1);
    Expression w1b = vc.query_advice(a[7], 0);
    Expression w1c = vc.query_advice(a[7], 1);
    Expression plain = vc.query_advice(a[4], -1);
    Expression plain_id =
        pow2_ip({20, 19, 18, 17, 10, 7, 3, 0}, {&w12, &w1a, &w1b, &w1c, &w07, &w3a, &w04, &w3b}) -
        plain;
    // The 1-bit limbs sit in A7, outside the lookups (whose lengths start at 2 anyway), so they
    // are constrained to bits here.
    const Expression one = Expression::constant(uint64_t{1});
    return Constraints::with_selector(c.q_12_1x3_7_3_4_3,
                                      std::vector<std::pair<std::string, Expression>>{
                                          // The trailing space is in the official name.
                                          {"12_1x3_7_3_4_3 decomposition ", plain_id},
                                          {"W.1a 1-bit check", w1a * (w1a - one)},
                                          {"W.1b 1-bit check", w1b * (w1b - one)},
                                          {"W.1c 1-bit check", w1c * (w1c - one)}});
  });

  cs.create_gate("add mod 2^32", [&](VirtualCells& vc) {
    // A braced list evaluates its elements in order, so the queries keep the official order.
    std::array<Expression, 7> summands = {vc.query_advice(a[5], -1), vc.query_advice(a[6], -1),
                                          vc.query_advice(a[5], 0),  vc.query_advice(a[6], 0),
                                          vc.query_advice(a[4], 1),  vc.query_advice(a[5], 1),
                                          vc.query_advice(a[6], 1)};
    Expression carry = vc.query_advice(a[2], 1);
    Expression result = vc.query_advice(a[4], -1);
    Expression rhs = result + carry * Expression::constant(uint64_t{1} << 32);
    return Constraints::with_selector(c.q_add_mod_2_32,
                                      std::vector<std::pair<std::string, Expression>>{
                                          {"add_mod_2_32", plonk::sum(summands) - rhs}});
  });

  return c;
}

std::vector<Sha256SpreadRow> sha256_spread_table() {
  std::vector<Sha256SpreadRow> rows;
  rows.push_back({0, 0, 0});
  for (uint32_t len : kLookupLengths) {
    for (uint32_t x = 0; x < (uint32_t{1} << len); ++x) rows.push_back({len, x, sha256_spread(x)});
  }
  return rows;
}

uint64_t sha256_spread(uint32_t x) {
  uint64_t s = 0;
  for (int i = 0; i < 32; ++i) s |= static_cast<uint64_t>((x >> i) & 1) << (2 * i);
  return s;
}

}  // namespace nightjar::circuits
