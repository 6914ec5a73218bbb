#include "circuits/native_assign.h"

#include <algorithm>

namespace nightjar::circuits {

using ff::Fr;

namespace {

const Fr kZero = Fr::zero();
const Fr kOne = Fr::one();
const Fr kMinusOne = -Fr::one();

}  // namespace

void NativeChip::custom(Region& region, const std::array<Fr, kArithCols>& coeffs, const Fr& q_next,
                        const Fr& mul_ab, const Fr& mul_ac, const Fr& constant, size_t offset) {
  region.enable_selector(config_.q_arith, offset);
  for (size_t i = 0; i < kArithCols; ++i)
    region.assign_fixed(config_.coeff_cols[i], offset, coeffs[i]);
  region.assign_fixed(config_.q_next_col, offset, q_next);
  region.assign_fixed(config_.mul_ab_col, offset, mul_ab);
  region.assign_fixed(config_.mul_ac_col, offset, mul_ac);
  region.assign_fixed(config_.constant_col, offset, constant);
}

void NativeChip::copy_in_row(Region& region, const AssignedNative& x, plonk::Column column,
                             size_t offset) {
  AssignedNative y = region.assign_advice(column, offset, x.value);
  region.constrain_equal(x.cell, y.cell);
}

AssignedNative NativeChip::add_and_double_mul(const Term& ax, const Term& by, const Term& cz,
                                              const Fr& k, const Fr& m1, const Fr& m2) {
  const Fr& x = ax.x.value;
  const Fr& y = by.x.value;
  const Fr& z = cz.x.value;
  const Fr res = ax.coeff * x + by.coeff * y + cz.coeff * z + k + m1 * x * y + m2 * x * z;
  return layouter_.assign_region([&](Region& region) {
    copy_in_row(region, ax.x, config_.value_cols[0], 0);
    copy_in_row(region, by.x, config_.value_cols[1], 0);
    copy_in_row(region, cz.x, config_.value_cols[2], 0);
    AssignedNative out = region.assign_advice(config_.value_cols[4], 0, res);
    std::array<Fr, kArithCols> coeffs{ax.coeff, by.coeff, cz.coeff, kZero, kMinusOne};
    custom(region, coeffs, kZero, m1, m2, k, 0);
    return out;
  });
}

std::pair<AssignedNative, AssignedNative> NativeChip::assign_with_shifted_inverse(const Fr& value,
                                                                                  const Fr& shift) {
  const Fr r = (value - shift).inverse();
  return layouter_.assign_region([&](Region& region) {
    AssignedNative x = region.assign_advice(config_.value_cols[0], 0, value);
    AssignedNative rc = region.assign_advice(config_.value_cols[1], 0, r);
    std::array<Fr, kArithCols> coeffs{kZero, -shift, kZero, kZero, kZero};
    custom(region, coeffs, kZero, kOne, kZero, kMinusOne, 0);
    return std::make_pair(x, rc);
  });
}

std::pair<std::vector<AssignedNative>, AssignedNative> NativeChip::assign_linear_combination_aux(
    Region& region, std::span<const std::pair<Fr, Fr>> terms, const Fr& constant, const Fr& result,
    size_t cols_used, size_t& offset) {
  std::vector<AssignedNative> limbs;
  limbs.reserve(terms.size());
  std::optional<AssignedNative> first_result;
  Fr current = result;
  Fr current_constant = constant;
  size_t done = 0;
  // The official recursion, unrolled: each row takes up to cols_used terms.
  while (true) {
    const std::span<const std::pair<Fr, Fr>> rest = terms.subspan(done);
    const size_t chunk = std::min(rest.size(), cols_used);
    AssignedNative res_cell = region.assign_advice(config_.value_cols[0], offset, current);
    if (!first_result) first_result = res_cell;
    std::array<Fr, kArithCols> coeffs{kMinusOne, kZero, kZero, kZero, kZero};
    for (size_t i = 0; i < chunk; ++i) {
      coeffs[i + 1] = rest[i].first;
      limbs.push_back(region.assign_advice(config_.value_cols[i + 1], offset, rest[i].second));
    }
    if (rest.size() <= cols_used) {
      custom(region, coeffs, kZero, kZero, kZero, current_constant, offset);
      break;
    }
    Fr chunk_sum = current_constant;
    for (size_t i = 0; i < chunk; ++i) chunk_sum += rest[i].first * rest[i].second;
    custom(region, coeffs, kOne, kZero, kZero, current_constant, offset);
    ++offset;
    current = current - chunk_sum;
    current_constant = kZero;
    done += chunk;
  }
  return {std::move(limbs), *first_result};
}

AssignedNative NativeChip::assign(const Fr& value) {
  return layouter_.assign_region(
      [&](Region& region) { return region.assign_advice(config_.value_cols[0], 0, value); });
}

AssignedNative NativeChip::assign_fixed(const Fr& constant) {
  if (auto it = cached_fixed_.find(constant); it != cached_fixed_.end()) return it->second;
  AssignedNative x = layouter_.assign_region(
      [&](Region& region) { return region.assign_fixed(config_.fixed_values_col, 0, constant); });
  cached_fixed_.emplace(constant, x);
  return x;
}

std::vector<AssignedNative> NativeChip::assign_many(std::span<const Fr> values) {
  return layouter_.assign_region([&](Region& region) {
    std::vector<AssignedNative> out;
    out.reserve(values.size());
    for (size_t i = 0; i < values.size(); ++i) {
      out.push_back(
          region.assign_advice(config_.value_cols[i % kArithCols], i / kArithCols, values[i]));
    }
    return out;
  });
}

AssignedBit NativeChip::assign_bit(bool value) {
  return layouter_.assign_region([&](Region& region) {
    AssignedNative b = region.assign_advice(config_.value_cols[0], 0, Fr::from_u64(value));
    copy_in_row(region, b, config_.value_cols[1], 0);
    std::array<Fr, kArithCols> coeffs{kMinusOne, kZero, kZero, kZero, kZero};
    custom(region, coeffs, kZero, kOne, kZero, kZero, 0);
    return AssignedBit{b};
  });
}

void NativeChip::constrain_as_public_input(const AssignedNative& x) {
  layouter_.constrain_instance(x, config_.instance_col, instance_offset_);
  ++instance_offset_;
}

void NativeChip::assert_equal(const AssignedNative& x, const AssignedNative& y) {
  layouter_.assign_region([&](Region& region) { region.constrain_equal(x.cell, y.cell); });
}

void NativeChip::assert_not_equal(const AssignedNative& x, const AssignedNative& y) {
  const Fr r = (x.value - y.value).inverse();
  layouter_.assign_region([&](Region& region) {
    region.assign_advice(config_.value_cols[0], 0, r);
    copy_in_row(region, x, config_.value_cols[1], 0);
    copy_in_row(region, y, config_.value_cols[2], 0);
    std::array<Fr, kArithCols> coeffs{};
    custom(region, coeffs, kZero, kOne, kMinusOne, kMinusOne, 0);
  });
}

void NativeChip::assert_equal_to_fixed(const AssignedNative& x, const Fr& constant) {
  AssignedNative c = assign_fixed(constant);
  assert_equal(x, c);
}

void NativeChip::assert_not_equal_to_fixed(const AssignedNative& x, const Fr& constant) {
  auto [y, inverse] = assign_with_shifted_inverse(x.value, constant);
  assert_equal(x, y);
}

AssignedNative NativeChip::linear_combination(std::span<const Term> all_terms, const Fr& constant) {
  std::vector<Term> terms;
  for (const Term& t : all_terms) {
    if (!t.coeff.is_zero()) terms.push_back(t);
  }
  if (terms.empty()) return assign_fixed(constant);
  std::vector<std::pair<Fr, Fr>> values;
  Fr result = constant;
  for (const Term& t : terms) {
    values.emplace_back(t.coeff, t.x.value);
    result += t.coeff * t.x.value;
  }
  return layouter_.assign_region([&](Region& region) {
    size_t offset = 0;
    auto [limbs, out] =
        assign_linear_combination_aux(region, values, constant, result, kArithCols - 1, offset);
    for (size_t i = 0; i < limbs.size(); ++i)
      region.constrain_equal(limbs[i].cell, terms[i].x.cell);
    return out;
  });
}

AssignedNative NativeChip::add(const AssignedNative& x, const AssignedNative& y) {
  const Term terms[] = {{kOne, x}, {kOne, y}};
  return linear_combination(terms, kZero);
}

AssignedNative NativeChip::sub(const AssignedNative& x, const AssignedNative& y) {
  const Term terms[] = {{kOne, x}, {kMinusOne, y}};
  return linear_combination(terms, kZero);
}

AssignedNative NativeChip::neg(const AssignedNative& x) {
  const Term terms[] = {{kMinusOne, x}};
  return linear_combination(terms, kZero);
}

AssignedNative NativeChip::add_constant(const AssignedNative& x, const Fr& constant) {
  if (constant.is_zero()) return x;
  const Term terms[] = {{kOne, x}};
  return linear_combination(terms, constant);
}

AssignedNative NativeChip::mul_by_constant(const AssignedNative& x, const Fr& constant) {
  if (constant.is_zero()) return assign_fixed(kZero);
  if (constant == kOne) return x;
  const Term terms[] = {{constant, x}};
  return linear_combination(terms, kZero);
}

AssignedNative NativeChip::mul(const AssignedNative& x, const AssignedNative& y,
                               std::optional<Fr> multiplying_constant) {
  if (multiplying_constant && multiplying_constant->is_zero()) return assign_fixed(kZero);
  const Fr m = multiplying_constant.value_or(kOne);
  AssignedNative one = assign_fixed(kOne);
  if (m == kOne && x == one) return y;
  if (m == kOne && y == one) return x;
  return add_and_mul({kZero, x}, {kZero, y}, {kZero, x}, kZero, m);
}

AssignedNative NativeChip::inv(const AssignedNative& x) {
  auto [y, inverse] = assign_with_shifted_inverse(x.value, kZero);
  assert_equal(x, y);
  return inverse;
}

AssignedNative NativeChip::inv0(const AssignedNative& x) {
  AssignedBit x_is_zero = is_zero(x);
  AssignedNative zero = assign_fixed(kZero);
  AssignedNative one = assign_fixed(kOne);
  AssignedNative invertible = select(x_is_zero, one, x);
  AssignedNative inverse = inv(invertible);
  return select(x_is_zero, zero, inverse);
}

AssignedBit NativeChip::bits_equal(const AssignedBit& a, const AssignedBit& b) {
  return {add_and_mul({kMinusOne, a.x}, {kMinusOne, b.x}, {kZero, a.x}, kOne, Fr::from_u64(2))};
}

AssignedNative NativeChip::add_and_mul(const Term& ax, const Term& by, const Term& cz, const Fr& k,
                                       const Fr& m) {
  return add_and_double_mul(ax, by, cz, k, m, kZero);
}

std::array<AssignedNative, kParallelAddCols> NativeChip::add_constants_in_region(
    Region& region, std::span<const AssignedNative, kParallelAddCols> xs,
    std::span<const Fr, kParallelAddCols> constants, size_t& offset) {
  region.enable_selector(config_.q_par_add, offset);
  for (size_t i = 0; i < kParallelAddCols; ++i) {
    copy_in_row(region, xs[i], config_.value_cols[i], offset);
  }
  for (size_t i = 0; i < kParallelAddCols; ++i) {
    region.assign_fixed(config_.coeff_cols[i], offset, constants[i]);
  }
  ++offset;
  std::array<AssignedNative, kParallelAddCols> out;
  for (size_t i = 0; i < kParallelAddCols; ++i) {
    out[i] = region.assign_advice(config_.value_cols[i], offset, xs[i].value + constants[i]);
  }
  return out;
}

std::vector<AssignedNative> NativeChip::add_constants(std::span<const AssignedNative> xs,
                                                      std::span<const Fr> constants) {
  std::vector<size_t> nontrivial;
  for (size_t i = 0; i < xs.size(); ++i) {
    if (!constants[i].is_zero()) nontrivial.push_back(i);
  }
  std::vector<AssignedNative> outputs(xs.begin(), xs.end());
  const size_t full = nontrivial.size() / kParallelAddCols * kParallelAddCols;
  for (size_t c = 0; c < full; c += kParallelAddCols) {
    std::array<AssignedNative, kParallelAddCols> in;
    std::array<Fr, kParallelAddCols> k;
    for (size_t j = 0; j < kParallelAddCols; ++j) {
      in[j] = xs[nontrivial[c + j]];
      k[j] = constants[nontrivial[c + j]];
    }
    auto out = layouter_.assign_region([&](Region& region) {
      size_t offset = 0;
      return add_constants_in_region(region, in, k, offset);
    });
    for (size_t j = 0; j < kParallelAddCols; ++j) outputs[nontrivial[c + j]] = out[j];
  }
  for (size_t c = full; c < nontrivial.size(); ++c) {
    outputs[nontrivial[c]] = add_constant(xs[nontrivial[c]], constants[nontrivial[c]]);
  }
  return outputs;
}

AssignedBit NativeChip::convert_to_bit(const AssignedNative& x) {
  AssignedBit b = assign_bit(!x.value.is_zero());
  assert_equal(x, b.x);
  return b;
}

AssignedBit NativeChip::and_(std::span<const AssignedBit> bits) {
  AssignedNative acc = bits.front().x;
  for (size_t i = 1; i < bits.size(); ++i) acc = mul(acc, bits[i].x);
  return {acc};
}

AssignedBit NativeChip::or_(std::span<const AssignedBit> bits) {
  AssignedNative acc = bits.front().x;
  for (size_t i = 1; i < bits.size(); ++i) {
    acc = add_and_mul({kOne, acc}, {kOne, bits[i].x}, {kZero, acc}, kZero, kMinusOne);
  }
  return {acc};
}

AssignedBit NativeChip::xor_(std::span<const AssignedBit> bits) {
  AssignedNative acc = bits.front().x;
  for (size_t i = 1; i < bits.size(); ++i) {
    acc = add_and_mul({kOne, acc}, {kOne, bits[i].x}, {kZero, acc}, kZero, -Fr::from_u64(2));
  }
  return {acc};
}

AssignedBit NativeChip::not_(const AssignedBit& bit) {
  const Term terms[] = {{kMinusOne, bit.x}};
  return {linear_combination(terms, kOne)};
}

AssignedBit NativeChip::is_equal(const AssignedNative& x, const AssignedNative& y) {
  const bool eq = x.value == y.value;
  const Fr aux = eq ? kOne : (x.value - y.value).inverse();
  AssignedNative res = layouter_.assign_region([&](Region& region) {
    region.assign_advice(config_.value_cols[0], 0, aux);
    copy_in_row(region, x, config_.value_cols[1], 0);
    copy_in_row(region, y, config_.value_cols[2], 0);
    AssignedNative r = region.assign_advice(config_.value_cols[4], 0, Fr::from_u64(eq));
    std::array<Fr, kArithCols> coeffs{kZero, kZero, kZero, kZero, kOne};
    custom(region, coeffs, kZero, kOne, kMinusOne, kMinusOne, 0);
    return r;
  });
  AssignedNative must_be_zero =
      add_and_double_mul({kZero, res}, {kZero, x}, {kZero, y}, kZero, kOne, kMinusOne);
  assert_zero(must_be_zero);
  return {res};
}

AssignedBit NativeChip::is_equal_to_fixed(const AssignedNative& x, const Fr& c) {
  const bool eq = x.value == c;
  const Fr aux = eq ? kOne : (x.value - c).inverse();
  AssignedNative res = layouter_.assign_region([&](Region& region) {
    region.assign_advice(config_.value_cols[0], 0, aux);
    copy_in_row(region, x, config_.value_cols[1], 0);
    AssignedNative r = region.assign_advice(config_.value_cols[4], 0, Fr::from_u64(eq));
    std::array<Fr, kArithCols> coeffs{-c, kZero, kZero, kZero, kOne};
    custom(region, coeffs, kZero, kOne, kZero, kMinusOne, 0);
    return r;
  });
  AssignedNative must_be_zero = add_and_mul({-c, res}, {kZero, x}, {kZero, x}, kZero, kOne);
  assert_zero(must_be_zero);
  return {res};
}

AssignedNative NativeChip::select(const AssignedBit& cond, const AssignedNative& x,
                                  const AssignedNative& y) {
  return add_and_double_mul({kZero, cond.x}, {kZero, x}, {kOne, y}, kZero, kOne, kMinusOne);
}

std::pair<AssignedNative, AssignedNative> NativeChip::cond_swap(const AssignedBit& cond,
                                                                const AssignedNative& x,
                                                                const AssignedNative& y) {
  const Fr snd = cond.x.value.is_zero() ? y.value : x.value;
  const Fr fst = x.value + y.value - snd;
  return layouter_.assign_region([&](Region& region) {
    copy_in_row(region, cond.x, config_.value_cols[0], 0);
    copy_in_row(region, x, config_.value_cols[1], 0);
    copy_in_row(region, y, config_.value_cols[2], 0);
    AssignedNative a = region.assign_advice(config_.value_cols[3], 0, fst);
    AssignedNative b = region.assign_advice(config_.value_cols[4], 0, snd);
    std::array<Fr, kArithCols> coeffs{kZero, kZero, kOne, kZero, kMinusOne};
    custom(region, coeffs, kZero, kOne, kMinusOne, kZero, 0);
    region.enable_selector(config_.q_12_minus_34, 0);
    return std::make_pair(a, b);
  });
}

}  // namespace nightjar::circuits
