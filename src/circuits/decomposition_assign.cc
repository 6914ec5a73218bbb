#include "circuits/decomposition_assign.h"

#include <algorithm>
#include <array>

namespace nightjar::circuits {

using ff::Fr;

namespace {

constexpr size_t kFrBits = 255;

// compute_optimal_limb_sizes for every bound up to kFrBits: the first solution with the fewest
// rows in the official search order (row widths ascending, limb sizes descending).
std::vector<std::vector<std::vector<size_t>>> optimal_limb_sizes(size_t nr_cols,
                                                                 size_t max_bit_len) {
  std::vector<std::vector<std::vector<size_t>>> opt(kFrBits + 1);
  for (size_t bound = 1; bound <= kFrBits; ++bound) {
    size_t best = SIZE_MAX;
    for (size_t width = 1; width <= nr_cols; ++width) {
      for (size_t bits = max_bit_len; bits >= 1; --bits) {
        if (bits * width > bound) continue;
        const std::vector<std::vector<size_t>>& prev = opt[bound - bits * width];
        if (prev.size() + 1 < best) {
          best = prev.size() + 1;
          opt[bound] = prev;
          opt[bound].push_back(std::vector<size_t>(width, bits));
        }
      }
    }
  }
  return opt;
}

void pad_to_rows(size_t nr_cols, std::vector<size_t>& limbs) {
  while (limbs.size() % nr_cols != 0) limbs.push_back(0);
}

std::vector<Fr> limb_coefficients(std::span<const size_t> limb_sizes) {
  std::vector<Fr> out;
  out.reserve(limb_sizes.size());
  Fr power = Fr::one();
  const Fr two = Fr::from_u64(2);
  for (size_t size : limb_sizes) {
    out.push_back(size == 0 ? Fr::zero() : power);
    for (size_t i = 0; i < size; ++i) power *= two;
  }
  return out;
}

}  // namespace

std::vector<Fr> decompose_in_limbs(const Fr& x, std::span<const size_t> limb_sizes) {
  const auto limbs = x.to_canonical();
  std::vector<Fr> out;
  out.reserve(limb_sizes.size());
  size_t shift = 0;
  for (size_t size : limb_sizes) {
    std::array<uint64_t, 4> v{};
    for (size_t i = 0; i < size && shift + i < 256; ++i) {
      const size_t bit = shift + i;
      if ((limbs[bit / 64] >> (bit % 64)) & 1) v[i / 64] |= uint64_t{1} << (i % 64);
    }
    out.push_back(*Fr::from_canonical(v));
    shift += size;
  }
  return out;
}

P2RDecomposition::P2RDecomposition(NativeChip& native, const P2RDecompositionConfig& config,
                                   size_t max_bit_len)
    : native_(native),
      config_(config),
      max_bit_len_(max_bit_len),
      opt_limbs_(optimal_limb_sizes(config.pow2range.val_cols.size(), max_bit_len)) {}

void P2RDecomposition::assert_row_lower_than_2_pow_n(Region& region, size_t n, size_t offset) {
  NIGHTJAR_CHECK(n <= max_bit_len_);
  region.enable_selector(config_.pow2range.q_pow2range, offset);
  region.assign_fixed(config_.pow2range.tag_col, offset, Fr::from_u64(n));
  queried_tags_.insert(n);
}

std::pair<AssignedNative, std::vector<AssignedNative>> P2RDecomposition::decompose_core(
    const Fr& x, std::span<const size_t> limb_sizes) {
  const size_t cols = nr_cols();
  NIGHTJAR_CHECK(limb_sizes.size() % cols == 0);
  std::vector<size_t> tags;
  for (size_t i = 0; i < limb_sizes.size(); i += cols) tags.push_back(limb_sizes[i]);
  const std::vector<Fr> coeffs = limb_coefficients(limb_sizes);
  const std::vector<Fr> limbs = decompose_in_limbs(x, limb_sizes);
  std::vector<std::pair<Fr, Fr>> terms;
  for (size_t i = 0; i < limbs.size(); ++i) terms.emplace_back(coeffs[i], limbs[i]);
  return native_.layouter().assign_region([&](Region& region) {
    size_t offset = 0;
    auto [assigned_limbs, result] =
        native_.assign_linear_combination_aux(region, terms, Fr::zero(), x, cols, offset);
    ++offset;
    for (size_t i = 0; i < tags.size(); ++i) {
      const size_t tag = tags[tags.size() - 1 - i];
      assert_row_lower_than_2_pow_n(region, tag, offset - (i + 1));
    }
    std::vector<AssignedNative> nonzero;
    for (size_t i = 0; i < assigned_limbs.size(); ++i) {
      if (limb_sizes[i] != 0) nonzero.push_back(assigned_limbs[i]);
    }
    return std::make_pair(result, std::move(nonzero));
  });
}

std::vector<AssignedNative> P2RDecomposition::decompose_fixed_limb_size(const AssignedNative& x,
                                                                        size_t bit_length,
                                                                        size_t limb_size) {
  const size_t number_of_limbs = bit_length / limb_size;
  const size_t last_limb_size = bit_length % limb_size;
  const size_t cols = nr_cols();
  Layouter& layouter = native_.layouter();
  if (limb_size <= max_bit_len_) {
    std::vector<size_t> limb_sizes(number_of_limbs, limb_size);
    pad_to_rows(cols, limb_sizes);
    if (last_limb_size != 0) {
      limb_sizes.push_back(last_limb_size);
      pad_to_rows(cols, limb_sizes);
    }
    auto core = decompose_core(x.value, limb_sizes);
    const Cell y = core.first.cell;
    layouter.assign_region([&](Region& region) { region.constrain_equal(x.cell, y); });
    return std::move(core.second);
  }
  std::vector<size_t> limb_sizes(number_of_limbs, limb_size);
  if (last_limb_size != 0) limb_sizes.push_back(last_limb_size);
  const std::vector<Fr> coeffs = limb_coefficients(limb_sizes);
  const std::vector<Fr> values = decompose_in_limbs(x.value, limb_sizes);
  std::vector<std::pair<Fr, Fr>> terms;
  for (size_t i = 0; i < values.size(); ++i) terms.emplace_back(coeffs[i], values[i]);
  std::vector<AssignedNative> limbs = layouter.assign_region([&](Region& region) {
    size_t offset = 0;
    auto [assigned, result] =
        native_.assign_linear_combination_aux(region, terms, Fr::zero(), x.value, cols, offset);
    region.constrain_equal(result.cell, x.cell);
    return assigned;
  });
  for (size_t i = 0; i < limbs.size(); ++i) assert_less_than_pow2(limbs[i], limb_sizes[i]);
  return limbs;
}

AssignedNative P2RDecomposition::assign_less_than_pow2(const Fr& value, size_t bit_length) {
  NIGHTJAR_CHECK(bit_length < kFrBits);
  std::vector<size_t> limb_sizes;
  for (std::vector<size_t> row : opt_limbs_[bit_length]) {
    pad_to_rows(nr_cols(), row);
    limb_sizes.insert(limb_sizes.end(), row.begin(), row.end());
  }
  return decompose_core(value, limb_sizes).first;
}

void P2RDecomposition::assert_less_than_pow2(const AssignedNative& x, size_t bit_length) {
  AssignedNative y = assign_less_than_pow2(x.value, bit_length);
  native_.layouter().assign_region([&](Region& region) { region.constrain_equal(x.cell, y.cell); });
}

std::vector<AssignedNative> P2RDecomposition::assign_many_small(std::span<const Fr> values,
                                                                size_t bit_length) {
  NIGHTJAR_CHECK(bit_length <= 8);
  const size_t cols = nr_cols();
  std::vector<AssignedNative> out;
  out.reserve(values.size());
  for (size_t start = 0; start < values.size(); start += cols) {
    const size_t len = std::min(cols, values.size() - start);
    std::vector<AssignedNative> chunk = native_.layouter().assign_region([&](Region& region) {
      assert_row_lower_than_2_pow_n(region, bit_length, 0);
      std::vector<AssignedNative> cells;
      for (size_t i = 0; i < cols; ++i) {
        const Fr v = i < len ? values[start + i] : Fr::zero();
        cells.push_back(region.assign_advice(config_.pow2range.val_cols[i], 0, v));
      }
      return cells;
    });
    out.insert(out.end(), chunk.begin(), chunk.begin() + len);
  }
  return out;
}

void P2RDecomposition::load_table() {
  native_.layouter().assign_table([&](Table& table) {
    size_t offset = 0;
    for (size_t bits = 0; bits <= max_bit_len_; ++bits) {
      if (bits > 0 && !queried_tags_.contains(bits)) continue;
      const Fr tag = Fr::from_u64(bits);
      for (uint64_t v = 0; v < (uint64_t{1} << bits); ++v) {
        table.assign_cell(config_.pow2range.t_tag, offset, tag);
        table.assign_cell(config_.pow2range.t_val, offset, Fr::from_u64(v));
        ++offset;
      }
    }
  });
}

}  // namespace nightjar::circuits
