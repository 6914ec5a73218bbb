#include "circuits/native_gadget.h"

#include "ff/fr_params.h"

namespace nightjar::circuits {

using ff::Fr;

namespace {

constexpr size_t kFrBits = 255;
constexpr size_t kFrBytes = (kFrBits + 7) / 8;

bool less_equal(const U256& a, const U256& b) {
  for (size_t i = 4; i-- > 0;) {
    if (a[i] != b[i]) return a[i] < b[i];
  }
  return true;
}

U256 pow2(size_t k) {
  U256 out{};
  out[k / 64] = uint64_t{1} << (k % 64);
  return out;
}

U256 small(uint64_t v) { return U256{v, 0, 0, 0}; }

bool is_zero(const U256& a) { return (a[0] | a[1] | a[2] | a[3]) == 0; }

// Bit length minus one: the largest k with 2^k <= a (a != 0).
size_t floor_log2(const U256& a) {
  for (size_t i = 4; i-- > 0;) {
    if (a[i] != 0) return 64 * i + 63 - static_cast<size_t>(__builtin_clzll(a[i]));
  }
  return 0;
}

U256 sub(const U256& a, const U256& b) {
  U256 out;
  unsigned __int128 borrow = 0;
  for (size_t i = 0; i < 4; ++i) {
    const unsigned __int128 d = static_cast<unsigned __int128>(a[i]) - b[i] - borrow;
    out[i] = static_cast<uint64_t>(d);
    borrow = (d >> 64) & 1;
  }
  return out;
}

Fr to_fr(const U256& a) { return *Fr::from_canonical(a); }

}  // namespace

const U256* NativeGadget::bound_of(const AssignedNative& x) const {
  auto it = constrained_cells_.find(x.cell);
  return it == constrained_cells_.end() ? nullptr : &it->second;
}

void NativeGadget::update_bound(const AssignedNative& x, const U256& bound) {
  auto [it, inserted] = constrained_cells_.emplace(x.cell, bound);
  if (!inserted && !less_equal(it->second, bound)) it->second = bound;
}

void NativeGadget::assert_equal(const AssignedNative& x, const AssignedNative& y) {
  if (const U256* b = bound_of(x)) update_bound(y, U256(*b));
  if (const U256* b = bound_of(y)) update_bound(x, U256(*b));
  native_.assert_equal(x, y);
}

AssignedNative NativeGadget::assign_lower_than_fixed(const Fr& value, const U256& bound) {
  if (is_zero(bound)) return native_.assign_fixed(Fr::zero());
  const size_t k = floor_log2(bound);
  if (bound == pow2(k)) return decomposition_.assign_less_than_pow2(value, k);
  AssignedNative x = native_.assign(value);
  assert_lower_than_fixed(x, bound);
  return x;
}

void NativeGadget::assert_lower_than_fixed(const AssignedNative& x, const U256& bound) {
  if (const U256* current = bound_of(x); current != nullptr && less_equal(*current, bound)) return;
  update_bound(x, bound);
  const size_t k = floor_log2(bound);
  const U256 two_pow_k = pow2(k);
  if (bound == two_pow_k) {
    decomposition_.assert_less_than_pow2(x, k);
    return;
  }
  const bool below = !less_equal(two_pow_k, x.value.to_canonical());
  AssignedBit b = native_.assign_bit(below);
  const Fr diff = to_fr(sub(bound, two_pow_k));
  AssignedNative shifted = native_.add_constant(x, -diff);
  AssignedNative y = native_.select(b, x, shifted);
  decomposition_.assert_less_than_pow2(y, k);
}

AssignedBit NativeGadget::convert_to_bit(const AssignedNative& x) {
  if (const U256* b = bound_of(x); b != nullptr && less_equal(*b, small(2))) return {x};
  update_bound(x, small(2));
  return native_.convert_to_bit(x);
}

AssignedNative NativeGadget::bit_to_native(const AssignedBit& b) {
  update_bound(b.x, small(2));
  return b.x;
}

AssignedByte NativeGadget::convert_to_byte(const AssignedNative& x) {
  if (const U256* b = bound_of(x); b != nullptr && less_equal(*b, small(256))) return {x};
  update_bound(x, small(256));
  const auto canonical = x.value.to_canonical();
  AssignedByte b = assign_byte(static_cast<uint8_t>(canonical[0] & 0xff));
  assert_equal(x, b.x);
  return b;
}

AssignedNative NativeGadget::byte_to_native(const AssignedByte& b) {
  update_bound(b.x, small(256));
  return b.x;
}

AssignedByte NativeGadget::assign_byte(uint8_t value) {
  return {decomposition_.assign_less_than_pow2(Fr::from_u64(value), 8)};
}

std::vector<AssignedByte> NativeGadget::assign_many_bytes(std::span<const uint8_t> values) {
  std::vector<Fr> as_fr;
  as_fr.reserve(values.size());
  for (uint8_t v : values) as_fr.push_back(Fr::from_u64(v));
  std::vector<AssignedByte> out;
  for (const AssignedNative& x : decomposition_.assign_many_small(as_fr, 8)) out.push_back({x});
  return out;
}

std::vector<AssignedBit> NativeGadget::assigned_to_le_bits(const AssignedNative& x,
                                                           std::optional<size_t> nb_bits_opt,
                                                           bool enforce_canonical) {
  const size_t nb_bits = nb_bits_opt.value_or(kFrBits);
  NIGHTJAR_CHECK(nb_bits <= kFrBits);
  std::vector<AssignedBit> bits;
  for (const AssignedNative& limb : decomposition_.decompose_fixed_limb_size(x, nb_bits, 1)) {
    bits.push_back({limb});
  }
  if (enforce_canonical && nb_bits == kFrBits) {
    AssignedBit b0 = sgn0(x);
    native_.assert_equal(bits[0].x, b0.x);
  }
  return bits;
}

std::vector<AssignedByte> NativeGadget::assigned_to_le_bytes(const AssignedNative& x,
                                                             std::optional<size_t> nb_bytes_opt) {
  const size_t nb_bytes = nb_bytes_opt.value_or(kFrBytes);
  NIGHTJAR_CHECK(nb_bytes <= kFrBytes);
  std::vector<AssignedByte> out;
  if (nb_bytes == kFrBytes) {
    const std::vector<AssignedBit> bits = assigned_to_le_bits(x, kFrBits, true);
    for (size_t start = 0; start < bits.size(); start += 8) {
      std::vector<Term> terms;
      for (size_t i = 0; i < 8 && start + i < bits.size(); ++i) {
        terms.push_back({Fr::from_u64(uint64_t{1} << i), bits[start + i].x});
      }
      out.push_back({native_.linear_combination(terms, Fr::zero())});
    }
    return out;
  }
  for (const AssignedNative& limb : decomposition_.decompose_fixed_limb_size(x, 8 * nb_bytes, 8)) {
    out.push_back({limb});
  }
  return out;
}

AssignedNative NativeGadget::assigned_from_le_bits(std::span<const AssignedBit> bits) {
  std::vector<Term> terms;
  Fr coeff = Fr::one();
  for (const AssignedBit& b : bits) {
    terms.push_back({coeff, bit_to_native(b)});
    coeff = coeff + coeff;
  }
  return native_.linear_combination(terms, Fr::zero());
}

AssignedBit NativeGadget::sgn0(const AssignedNative& x) {
  const U256 v = x.value.to_canonical();
  U256 half{};
  for (size_t i = 0; i < 4; ++i) half[i] = (v[i] >> 1) | (i + 1 < 4 ? v[i + 1] << 63 : 0);
  AssignedBit e = native_.assign_bit(v[0] & 1);
  // (p + 1) / 2, from p - 1 (whose low limb is 0xffffffff00000000: adding 2 cannot carry).
  U256 p_plus_one_half = (-Fr::one()).to_canonical();
  p_plus_one_half[0] += 2;
  for (size_t i = 0; i < 4; ++i) {
    p_plus_one_half[i] = (p_plus_one_half[i] >> 1) | (i + 1 < 4 ? p_plus_one_half[i + 1] << 63 : 0);
  }
  AssignedNative w = assign_lower_than_fixed(to_fr(half), p_plus_one_half);
  const Term terms[] = {{Fr::one(), e.x}, {Fr::from_u64(2), w}};
  AssignedNative must_be_x = native_.linear_combination(terms, Fr::zero());
  assert_equal(x, must_be_x);
  AssignedBit x_is_zero = native_.is_zero(x);
  AssignedBit x_is_not_zero = native_.not_(x_is_zero);
  const AssignedBit both[] = {x_is_not_zero, e};
  return native_.and_(both);
}

namespace {

bool fr_is_square(const Fr& x) { return !(x.pow(ff::FrParams::kPMinus1Over2) == -Fr::one()); }

}  // namespace

AssignedBit NativeGadget::is_square(const AssignedNative& x) {
  AssignedBit square = native_.assign_bit(fr_is_square(x.value));
  AssignedNative x_times_qnr = native_.mul_by_constant(x, Fr::multiplicative_generator());
  AssignedNative y = native_.select(square, x, x_times_qnr);
  assert_qr(y);
  return square;
}

void NativeGadget::assert_qr(const AssignedNative& x) {
  AssignedNative root = native_.assign(x.value.sqrt_vartime().value_or(Fr::zero()));
  AssignedNative square = native_.mul(root, root);
  assert_equal(square, x);
}

AssignedBit NativeGadget::lower_than(const AssignedNative& x, const AssignedNative& y, uint32_t n) {
  assert_lower_than_fixed(x, pow2(n));
  assert_lower_than_fixed(y, pow2(n));
  const bool lt = !less_equal(y.value.to_canonical(), x.value.to_canonical());
  AssignedBit result = native_.assign_bit(lt);
  AssignedNative b = bit_to_native(result);
  AssignedNative bx = native_.mul(x, b);
  AssignedNative by = native_.mul(y, b);
  const Term terms[] = {{Fr::from_u64(2), by},
                        {-Fr::one(), b},
                        {Fr::one(), x},
                        {-Fr::from_u64(2), bx},
                        {-Fr::one(), y}};
  AssignedNative z = native_.linear_combination(terms, Fr::zero());
  decomposition_.assert_less_than_pow2(z, n);
  return result;
}

}  // namespace nightjar::circuits
