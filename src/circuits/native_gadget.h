// Synthesis with midnight-circuits 6.1.0's NativeGadget (`field/native/native_gadget.rs`): the
// native chip plus the decomposition chip, with what the official gadget adds on top: range
// checks, comparisons, bit and byte decompositions, and conversions between native values, bits
// and bytes.
//
// Representation. The gadget remembers, per cell, the smallest strict upper bound it has proved
// (constrained_cells), as the official one does, and skips a range check or a bit/byte
// conversion's constraint when the bound already implies it; assert_equal propagates bounds
// between the two cells. Because this changes which regions are emitted, every operation that the
// official ZkStdLib routes through the gadget must be called here, not on the NativeChip.
//
// Thread safety: single-threaded, like the Layouter.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <unordered_map>
#include <vector>

#include "circuits/decomposition_assign.h"
#include "circuits/native_assign.h"

namespace nightjar::circuits {

// An unsigned integer below 2^256, least significant limb first (bounds on cell values).
using U256 = std::array<uint64_t, 4>;

class NativeGadget {
 public:
  NativeGadget(NativeChip& native, P2RDecomposition& decomposition)
      : native_(native), decomposition_(decomposition) {}

  NativeChip& native() const { return native_; }
  P2RDecomposition& decomposition() const { return decomposition_; }
  Layouter& layouter() const { return native_.layouter(); }

  // Assertions that track bounds.
  void assert_equal(const AssignedNative& x, const AssignedNative& y);

  // Range checks.
  AssignedNative assign_lower_than_fixed(const ff::Fr& value, const U256& bound);
  void assert_lower_than_fixed(const AssignedNative& x, const U256& bound);

  // Conversions.
  AssignedBit convert_to_bit(const AssignedNative& x);
  AssignedNative bit_to_native(const AssignedBit& b);
  AssignedByte convert_to_byte(const AssignedNative& x);
  AssignedNative byte_to_native(const AssignedByte& b);
  AssignedByte assign_byte(uint8_t value);
  std::vector<AssignedByte> assign_many_bytes(std::span<const uint8_t> values);

  // Decompositions.
  std::vector<AssignedBit> assigned_to_le_bits(const AssignedNative& x,
                                               std::optional<size_t> nb_bits,
                                               bool enforce_canonical);
  std::vector<AssignedByte> assigned_to_le_bytes(const AssignedNative& x,
                                                 std::optional<size_t> nb_bytes);
  // DecompositionInstructions::assigned_from_le_bits as ZkStdLib runs it.
  AssignedNative assigned_from_le_bits(std::span<const AssignedBit> bits);
  AssignedBit sgn0(const AssignedNative& x);

  // FieldInstructions::is_square: whether x is a square, proved by a square root of x or of
  // x times the field's multiplicative generator (a non-residue).
  AssignedBit is_square(const AssignedNative& x);
  // FieldInstructions::assert_qr.
  void assert_qr(const AssignedNative& x);

  // ComparisonInstructions::lower_than on x, y < 2^n (ZkStdLib::lower_than).
  AssignedBit lower_than(const AssignedNative& x, const AssignedNative& y, uint32_t n);

 private:
  void update_bound(const AssignedNative& x, const U256& bound);
  const U256* bound_of(const AssignedNative& x) const;

  NativeChip& native_;
  P2RDecomposition& decomposition_;
  std::unordered_map<Cell, U256, CellHash> constrained_cells_;
};

}  // namespace nightjar::circuits
