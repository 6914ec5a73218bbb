#include "midnight/key_diff.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include "base/hex.h"
#include "zkir/fr_format.h"

namespace nightjar::midnight {

namespace {

using Diff = std::optional<std::string>;

template <class T>
Diff field(std::string_view name, const T& official, const T& ours) {
  if (official == ours) return std::nullopt;
  return std::string(name) + ": official " + std::to_string(official) + ", ours " +
         std::to_string(ours);
}

std::string_view tag(ProverKeyFlavour flavour) {
  return flavour == ProverKeyFlavour::kGeneric ? kTagProverKeyGeneric : kTagProverKeyLegacy;
}

std::string join(const std::vector<std::string>& names) {
  std::string out = "[";
  for (size_t i = 0; i < names.size(); ++i) out += (i ? ", " : "") + names[i];
  return out + "]";
}

Diff relation_difference(const zkir::Ir& official, const zkir::Ir& ours) {
  if (official.version != ours.version) return "relation: minor versions differ";
  if (official.flavour != ours.flavour) return "relation: envelopes differ";
  if (Diff d = field("relation num_inputs", official.num_inputs, ours.num_inputs)) return d;
  if (Diff d =
          field("relation do_communications_commitment", int{official.do_communications_commitment},
                int{ours.do_communications_commitment})) {
    return d;
  }
  const size_t common = std::min(official.instructions.size(), ours.instructions.size());
  for (size_t i = 0; i < common; ++i) {
    if (!(official.instructions[i] == ours.instructions[i])) {
      return "relation instruction " + std::to_string(i) + ": official " +
             std::string(zkir::op_name(official.instructions[i])) + ", ours " +
             std::string(zkir::op_name(ours.instructions[i])) + " (or its operands differ)";
    }
  }
  return field("relation instruction count", official.instructions.size(),
               ours.instructions.size());
}

// Commitments of `size` bytes each, from two byte strings of equal length.
Diff commitment_difference(std::string_view what, std::span<const uint8_t> official,
                           std::span<const uint8_t> ours, size_t size) {
  for (size_t i = 0; i * size < official.size(); ++i) {
    const auto a = official.subspan(i * size, size);
    const auto b = ours.subspan(i * size, size);
    if (!std::equal(a.begin(), a.end(), b.begin())) {
      return std::string(what) + " commitment " + std::to_string(i) + ": official " + to_hex(a) +
             ", ours " + to_hex(b);
    }
  }
  return std::nullopt;
}

std::string scalar_text(std::span<const uint8_t> raw) {
  std::array<uint64_t, 4> limbs{};
  for (size_t i = 0; i < 32; ++i) limbs[i / 8] |= uint64_t{raw[i]} << (8 * (i % 8));
  const std::optional<ff::Fr> x = ff::Fr::from_raw_montgomery(limbs);
  return x ? zkir::format_fr(*x) : "raw " + to_hex(raw) + " (not below r)";
}

// Polynomial sections (u32 count, then per polynomial u32 length and values) whose counts and
// lengths the caller has found equal.
Diff polys_difference(std::string_view what, std::span<const uint8_t> official,
                      std::span<const uint8_t> ours, uint32_t count, uint64_t n) {
  constexpr size_t kScalar = ProvingKeyLayout::kScalarBytes;
  size_t at = 4;
  for (uint32_t column = 0; column < count; ++column) {
    at += 4;
    for (uint64_t row = 0; row < n; ++row, at += kScalar) {
      const auto a = official.subspan(at, kScalar);
      const auto b = ours.subspan(at, kScalar);
      if (!std::equal(a.begin(), a.end(), b.begin())) {
        return std::string(what) + " column " + std::to_string(column) + " row " +
               std::to_string(row) + ": official " + scalar_text(a) + ", ours " + scalar_text(b);
      }
    }
  }
  return std::nullopt;
}

}  // namespace

std::optional<std::string> first_difference(const ProverKey& official, const ProverKey& ours) {
  if (official.flavour != ours.flavour) {
    return "tag: official " + std::string(tag(official.flavour)) + ", ours " +
           std::string(tag(ours.flavour));
  }
  if (Diff d = field("max_bit_len", int{official.max_bit_len}, int{ours.max_bit_len})) return d;
  if (Diff d = field("k", int{official.k}, int{ours.k})) return d;
  if (Diff d = relation_difference(official.relation, ours.relation)) return d;
  const ProvingKeyLayout& a = official.layout;
  const ProvingKeyLayout& b = ours.layout;
  if (Diff d = field("proving key k", int{a.k}, int{b.k})) return d;
  if (Diff d = field("fixed column count", a.num_fixed, b.num_fixed)) return d;
  if (Diff d = field("permutation column count", a.num_permutation, b.num_permutation)) return d;
  if (Diff d =
          commitment_difference("fixed", official.view(a.fixed_commitments),
                                ours.view(b.fixed_commitments), ProvingKeyLayout::kPointBytes)) {
    return d;
  }
  if (Diff d = commitment_difference("permutation", official.view(a.permutation_commitments),
                                     ours.view(b.permutation_commitments),
                                     ProvingKeyLayout::kPointBytes)) {
    return d;
  }
  if (Diff d = polys_difference("fixed", official.view(a.fixed_polys), ours.view(b.fixed_polys),
                                a.num_fixed, a.poly_len)) {
    return d;
  }
  if (Diff d = polys_difference("permutation", official.view(a.permutation_polys),
                                ours.view(b.permutation_polys), a.num_permutation, a.poly_len)) {
    return d;
  }
  // Every field agrees; only an encoding detail of the header or relation can remain.
  const auto mismatch =
      std::mismatch(official.body.begin(), official.body.end(), ours.body.begin(), ours.body.end());
  if (mismatch.first == official.body.end() && mismatch.second == ours.body.end()) {
    return std::nullopt;
  }
  return "body byte " + std::to_string(mismatch.first - official.body.begin()) +
         " (header or relation encoding)";
}

std::optional<std::string> first_difference(const VerifierKey& official, const VerifierKey& ours) {
  if (!(official.arch == ours.arch)) {
    return "architecture: official " + join(chip_names(official.arch)) + " with " +
           std::to_string(official.arch.nr_pow2range_cols) + " pow2range columns, ours " +
           join(chip_names(ours.arch)) + " with " + std::to_string(ours.arch.nr_pow2range_cols);
  }
  if (Diff d = field("max_bit_len", int{official.max_bit_len}, int{ours.max_bit_len})) return d;
  if (Diff d = field("num_public_inputs", official.num_public_inputs, ours.num_public_inputs)) {
    return d;
  }
  if (Diff d = field("k", int{official.k}, int{ours.k})) return d;
  if (Diff d = field("fixed commitment count", official.fixed_commitments.size(),
                     ours.fixed_commitments.size())) {
    return d;
  }
  if (Diff d = field("permutation commitment count", official.permutation_commitments.size(),
                     ours.permutation_commitments.size())) {
    return d;
  }
  auto flat = [](const std::vector<CompressedG1>& points) {
    std::vector<uint8_t> out;
    for (const CompressedG1& p : points) out.insert(out.end(), p.begin(), p.end());
    return out;
  };
  if (Diff d = commitment_difference("fixed", flat(official.fixed_commitments),
                                     flat(ours.fixed_commitments), 48)) {
    return d;
  }
  return commitment_difference("permutation", flat(official.permutation_commitments),
                               flat(ours.permutation_commitments), 48);
}

}  // namespace nightjar::midnight
