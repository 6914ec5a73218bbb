// The ZKIR v2 data model: a circuit as the Compact compiler emits it (midnight-ledger
// zkir/src/ir.rs at zkir-2.1.0 / ledger-8.1.0), decoded from `ir-source[v2]` /
// `ir-source[v2-generic]` or from the compiler's .zkir JSON by midnight/zkir_binary.h and
// midnight/zkir_json.h.
//
// Representation: the machine's memory is an append-only vector of field elements whose first
// `num_inputs` slots are the circuit inputs; every instruction reads operands by memory index
// (`Index`) and appends 0, 1 or 2 values. `Instruction` is a std::variant whose alternative order
// is the wire discriminant (Assert = 0 ... PrivateInput = 25), so `instruction.index()` is the byte
// the binary form carries. Field and type names follow the official ones (`imm`, `a_x`, `guard`,
// ...).
//
// Invariants: none are enforced here. Decoders guarantee only well-formedness of the encoding;
// operand indices may be out of range and counts may be inconsistent — the interpreter rejects
// those.
//
// Thread safety: plain values; concurrent reads are safe, writes need external synchronisation.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>
#include <variant>
#include <vector>

#include "ff/fr.h"

namespace nightjar::zkir {

// A memory index (`u32` in the official IR, compact-encoded on the wire).
using Index = uint32_t;

// ---------------------------------------------------------------------------------------------
// Field-aligned binary (FAB) alignments (`fab-alignment[v1]`): the shape of the values that
// `persistent_hash` serialises before hashing.

enum class AlignmentAtomKind : uint8_t {
  kCompress,  // hashed into a field representation; variable length
  kField,     // a native field element
  kBytes,     // exactly `length` bytes (the value may omit trailing zeros)
};

struct AlignmentAtom {
  AlignmentAtomKind kind = AlignmentAtomKind::kBytes;
  uint32_t length = 0;  // meaningful for kBytes only; 0 otherwise

  static AlignmentAtom compress() { return {AlignmentAtomKind::kCompress, 0}; }
  static AlignmentAtom field() { return {AlignmentAtomKind::kField, 0}; }
  static AlignmentAtom bytes(uint32_t length) { return {AlignmentAtomKind::kBytes, length}; }

  friend bool operator==(const AlignmentAtom&, const AlignmentAtom&) = default;
};

struct Alignment;

// A disjoint union: the value carries a 2-byte branch index, then the branch's alignment.
struct AlignmentOption {
  std::vector<Alignment> branches;

  friend bool operator==(const AlignmentOption& a, const AlignmentOption& b);
};

using AlignmentSegment = std::variant<AlignmentAtom, AlignmentOption>;

// A sequence of segments. A single-segment alignment is written bare on the wire; any other count
// (including zero) carries an explicit segment count.
struct Alignment {
  std::vector<AlignmentSegment> segments;

  friend bool operator==(const Alignment&, const Alignment&) = default;
};

inline bool operator==(const AlignmentOption& a, const AlignmentOption& b) {
  return a.branches == b.branches;
}

// ---------------------------------------------------------------------------------------------
// Instructions, in discriminant order. "pushes n" = number of values appended to memory.

// cond must be 1. Pushes 0.
struct Assert {
  Index cond = 0;
  friend bool operator==(const Assert&, const Assert&) = default;
};

// bit ? a : b. Pushes 1.
struct CondSelect {
  Index bit = 0;
  Index a = 0;
  Index b = 0;
  friend bool operator==(const CondSelect&, const CondSelect&) = default;
};

// var < 2^bits. Pushes 0.
struct ConstrainBits {
  Index var = 0;
  uint32_t bits = 0;
  friend bool operator==(const ConstrainBits&, const ConstrainBits&) = default;
};

// a == b. Pushes 0.
struct ConstrainEq {
  Index a = 0;
  Index b = 0;
  friend bool operator==(const ConstrainEq&, const ConstrainEq&) = default;
};

// var in {0, 1}. Pushes 0.
struct ConstrainToBoolean {
  Index var = 0;
  friend bool operator==(const ConstrainToBoolean&, const ConstrainToBoolean&) = default;
};

// Pushes 1: var.
struct Copy {
  Index var = 0;
  friend bool operator==(const Copy&, const Copy&) = default;
};

// Appends var to the circuit's public inputs. Pushes 0.
struct DeclarePubInput {
  Index var = 0;
  friend bool operator==(const DeclarePubInput&, const DeclarePubInput&) = default;
};

// Groups the preceding `count` declared public inputs; the group is skipped when guard is present
// and evaluates to 0. Pushes 0.
struct PiSkip {
  std::optional<Index> guard;
  uint32_t count = 0;
  friend bool operator==(const PiSkip&, const PiSkip&) = default;
};

// Jubjub point addition. Pushes 2: c_x, c_y.
struct EcAdd {
  Index a_x = 0;
  Index a_y = 0;
  Index b_x = 0;
  Index b_y = 0;
  friend bool operator==(const EcAdd&, const EcAdd&) = default;
};

// Jubjub scalar multiplication. Pushes 2.
struct EcMul {
  Index a_x = 0;
  Index a_y = 0;
  Index scalar = 0;
  friend bool operator==(const EcMul&, const EcMul&) = default;
};

// Jubjub generator times scalar. Pushes 2.
struct EcMulGenerator {
  Index scalar = 0;
  friend bool operator==(const EcMulGenerator&, const EcMulGenerator&) = default;
};

// Hash of field elements to a Jubjub point. Pushes 2.
struct HashToCurve {
  std::vector<Index> inputs;
  friend bool operator==(const HashToCurve&, const HashToCurve&) = default;
};

// Pushes 1: imm.
struct LoadImm {
  ff::Fr imm;
  friend bool operator==(const LoadImm& a, const LoadImm& b) { return a.imm == b.imm; }
};

// Pushes 2: var >> bits, then var mod 2^bits.
struct DivModPowerOfTwo {
  Index var = 0;
  uint32_t bits = 0;
  friend bool operator==(const DivModPowerOfTwo&, const DivModPowerOfTwo&) = default;
};

// Pushes 1: divisor << bits | modulus, checked not to wrap the field and modulus < 2^bits.
struct ReconstituteField {
  Index divisor = 0;
  Index modulus = 0;
  uint32_t bits = 0;
  friend bool operator==(const ReconstituteField&, const ReconstituteField&) = default;
};

// Adds var to the communications commitment's outputs. Pushes 0.
struct Output {
  Index var = 0;
  friend bool operator==(const Output&, const Output&) = default;
};

// Poseidon over inputs. Pushes 1.
struct TransientHash {
  std::vector<Index> inputs;
  friend bool operator==(const TransientHash&, const TransientHash&) = default;
};

// SHA-256 of the FAB encoding of inputs under alignment. Pushes 2.
struct PersistentHash {
  Alignment alignment;
  std::vector<Index> inputs;
  friend bool operator==(const PersistentHash&, const PersistentHash&) = default;
};

// Pushes 1: a == b as 0/1.
struct TestEq {
  Index a = 0;
  Index b = 0;
  friend bool operator==(const TestEq&, const TestEq&) = default;
};

// Pushes 1: a + b.
struct Add {
  Index a = 0;
  Index b = 0;
  friend bool operator==(const Add&, const Add&) = default;
};

// Pushes 1: a * b.
struct Mul {
  Index a = 0;
  Index b = 0;
  friend bool operator==(const Mul&, const Mul&) = default;
};

// Pushes 1: -a.
struct Neg {
  Index a = 0;
  friend bool operator==(const Neg&, const Neg&) = default;
};

// Pushes 1: 1 - a (boolean not).
struct Not {
  Index a = 0;
  friend bool operator==(const Not&, const Not&) = default;
};

// Pushes 1: a < b as bits-bit unsigned integers.
struct LessThan {
  Index a = 0;
  Index b = 0;
  uint32_t bits = 0;
  friend bool operator==(const LessThan&, const LessThan&) = default;
};

// Pushes 1: the next public transcript output, or 0 when guard is present and 0.
struct PublicInput {
  std::optional<Index> guard;
  friend bool operator==(const PublicInput&, const PublicInput&) = default;
};

// Pushes 1: the next private transcript value, or 0 when guard is present and 0.
struct PrivateInput {
  std::optional<Index> guard;
  friend bool operator==(const PrivateInput&, const PrivateInput&) = default;
};

using Instruction =
    std::variant<Assert, CondSelect, ConstrainBits, ConstrainEq, ConstrainToBoolean, Copy,
                 DeclarePubInput, PiSkip, EcAdd, EcMul, EcMulGenerator, HashToCurve, LoadImm,
                 DivModPowerOfTwo, ReconstituteField, Output, TransientHash, PersistentHash, TestEq,
                 Add, Mul, Neg, Not, LessThan, PublicInput, PrivateInput>;

inline constexpr size_t kInstructionKinds = std::variant_size_v<Instruction>;

// The JSON `op` name of the instruction with wire discriminant `index` ("assert", "cond_select",
// ...); empty if index >= kInstructionKinds.
std::string_view op_name(size_t index);
inline std::string_view op_name(const Instruction& instruction) {
  return op_name(instruction.index());
}

// ---------------------------------------------------------------------------------------------
// The IR.

// ZKIR 2.x minor version. V1 (ZKIR 2.1) changes the circuit (4 pow2range columns, new gadgets for
// cond_select, constrain_bits and reconstitute_field), not the instruction set.
enum class MinorVersion : uint8_t { kV0 = 0, kV1 = 1 };

// Which tagged envelope the binary form used. The official encoder writes V0 as legacy
// (`ir-source[v2]`, no version byte) and V1 as generic (`ir-source[v2-generic]`, version byte
// first); a generic envelope may still carry V0, so the flavour is kept for byte-identical
// re-encoding.
enum class IrFlavour : uint8_t { kLegacy, kGeneric };

struct Ir {
  MinorVersion version = MinorVersion::kV0;
  IrFlavour flavour = IrFlavour::kLegacy;
  uint32_t num_inputs = 0;
  bool do_communications_commitment = false;
  std::vector<Instruction> instructions;

  friend bool operator==(const Ir&, const Ir&) = default;
};

// The flavour the official encoder picks for `version`.
inline IrFlavour default_flavour(MinorVersion version) {
  return version == MinorVersion::kV0 ? IrFlavour::kLegacy : IrFlavour::kGeneric;
}

}  // namespace nightjar::zkir
