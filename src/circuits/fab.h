// Field-aligned binary (FAB): how Midnight turns a value given as field elements into the bytes
// that persistent_hash digests (midnight-ledger base-crypto/src/fab, transient-crypto/src/fab.rs:
// Alignment::parse_field_repr, then ValueReprAlignedValue::binary_repr).
//
// Representation. An Alignment is a sequence of segments; a segment is an atom or an option (a
// disjoint union of alignments). The shapes mirror zkir::Alignment (zkir/ir.h), which the
// interpreter converts; this layer cannot include zkir/.
//
// Field representation -> bytes, per segment:
//   * Field atom: one element; 32 bytes, its canonical little-endian encoding.
//   * Bytes{n} atom: ceil(n / 31) elements, each holding up to 31 bytes little-endian; the first
//     element holds the n mod 31 "stray" trailing bytes (if any), then the 31-byte chunks in
//     reverse order. Any element with a set byte beyond its share is rejected. n bytes out.
//   * Compress atom: rejected (a compressed value cannot be recovered from its field form).
//   * Option: one element, the branch index (< 2^16 and < branch count), then the branch, then
//     zero elements up to the longest branch's field length. Out: the index as 2 bytes
//     little-endian, the branch's bytes, zero bytes up to the longest branch's binary length.
// Elements left over after the alignment is consumed are ignored, as officially.
//
// Thread-safety: plain values and pure functions.
#pragma once

#include <cstdint>
#include <span>
#include <variant>
#include <vector>

#include "base/status.h"
#include "ff/fr.h"

namespace nightjar::circuits {

enum class AlignmentAtomKind : uint8_t { kCompress, kField, kBytes };

struct AlignmentAtom {
  AlignmentAtomKind kind = AlignmentAtomKind::kBytes;
  uint32_t length = 0;  // kBytes only
};

struct Alignment;

struct AlignmentOption {
  std::vector<Alignment> branches;
};

using AlignmentSegment = std::variant<AlignmentAtom, AlignmentOption>;

struct Alignment {
  std::vector<AlignmentSegment> segments;
};

// Upper bound on the binary encoding fab_bytes_from_fields produces; longer encodings (possible
// only through option padding, which costs no input elements) are rejected rather than built.
inline constexpr uint64_t kMaxFabBytes = uint64_t{1} << 26;

// The bytes that persistent_hash digests, or an error if `fields` does not parse under
// `alignment` (too few elements, an out-of-range element, a compress atom, a bad branch index or
// non-zero option padding). The message names the reason, never an element's value.
Result<std::vector<uint8_t>> fab_bytes_from_fields(const Alignment& alignment,
                                                   std::span<const ff::Fr> fields);

}  // namespace nightjar::circuits
