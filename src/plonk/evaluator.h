// Expressions compiled for evaluation at many rows (the role of midnight-proofs' GraphEvaluator
// in `plonk/evaluation.rs`): each distinct subexpression becomes one register, computed once per
// row however many gates share it.
//
// Representation: register i is the output of op i (a constant, a column load at a rotation, a
// negation, a sum, a difference or a product; a scaling is a product with a constant), ops
// ordered so that operands come first; a + (-b) compiles to a difference. Structurally equal
// subexpressions (same op, same operands) share a register, including across the expressions
// added; sums and products are treated as commutative. Constant registers are filled once per
// register file, not per row.
//
// Rows index a column of `size` values (a power of two): rotation r at row i reads index
// (i + r·rotation_scale) mod size, which serves both the n rows of a Lagrange column
// (rotation_scale 1) and the extended coset (rotation_scale n_e / n).
//
// Thread safety: a finished program is immutable; each thread evaluates into its own registers
// (make_registers()).
#pragma once

#include <cstdint>
#include <map>
#include <span>
#include <tuple>
#include <vector>

#include "base/status.h"
#include "ff/fr.h"
#include "plonk/constraint_system.h"
#include "plonk/expression.h"

namespace nightjar::plonk {

// The columns one evaluation reads: a pointer to each column's values, by column index.
struct ColumnValues {
  std::vector<const ff::Fr*> fixed;
  std::vector<const ff::Fr*> advice;
  std::vector<const ff::Fr*> instance;
  size_t size = 0;  // a power of two
  size_t rotation_scale = 1;
};

class ExpressionProgram {
 public:
  // Rows evaluated together: each op runs over a block of rows at a time, which keeps the
  // per-op dispatch out of the inner loop; a thread's registers (num_registers() x kBlock
  // values) stay in its L2 cache for systems of a few hundred ops.
  static constexpr size_t kBlock = 8;

  // Compiles `e` into the program and returns the register that will hold its value.
  // kInvalidArgument for selectors (the prover only sees systems whose selectors were turned into
  // fixed columns) and for challenges (no multi-phase circuits).
  [[nodiscard]] Result<uint32_t> add(const Expression& e);

  size_t num_registers() const { return ops_.size(); }
  // A register file for one thread, its constant registers filled: register r of the block's
  // row j is at [r·kBlock + j].
  std::vector<ff::Fr> make_registers() const;
  // Computes every register at rows row, row + 1, ..., row + count - 1 (count <= kBlock).
  void evaluate(const ColumnValues& columns, size_t row, size_t count,
                std::span<ff::Fr> registers) const;

  enum class OpKind : uint8_t {
    kConstant,
    kFixed,
    kAdvice,
    kInstance,
    kNegate,
    kAdd,
    kSubtract,
    kMultiply
  };
  struct Op {
    OpKind kind;
    uint32_t a = 0;  // constant index, column index or operand register
    uint32_t b = 0;  // rotation slot or operand register
  };

  // The compiled program, for evaluators written for other instruction sets
  // (quotient_ifma.h): ops in register order, the constants and the rotation slots they name.
  std::span<const Op> ops() const { return ops_; }
  std::span<const ff::Fr> constants() const { return constants_; }
  std::span<const int32_t> rotations() const { return rotations_; }

 private:
  Result<uint32_t> compile(const Expression& e);
  uint32_t constant(const ff::Fr& value);
  uint32_t rotation_slot(int32_t rotation);
  uint32_t emit(OpKind kind, uint32_t a, uint32_t b);

  std::vector<ff::Fr> constants_;
  std::vector<int32_t> rotations_;
  std::vector<Op> ops_;
  std::map<ff::Fr::Limbs, uint32_t> constant_index_;
  std::map<std::tuple<OpKind, uint32_t, uint32_t>, uint32_t> op_index_;
};

// Every expression of a constraint system, compiled (midnight-proofs Evaluator):
//   quotient  gate polynomials, lookup inputs and tables, trash constraints and selectors, for the
//             quotient on the extended coset;
//   lookups   lookup inputs and tables alone, for compressing them on the n rows (after θ);
//   trash     trash constraints alone, for the trash columns on the n rows.
// Each argument names the registers of its expressions in the program that evaluates them.
struct Evaluator {
  struct Lookup {
    std::vector<uint32_t> inputs;
    std::vector<uint32_t> tables;
  };
  struct Trash {
    std::vector<uint32_t> constraints;
    uint32_t selector = 0;
  };

  ExpressionProgram quotient;
  std::vector<uint32_t> gates;            // every gate's polynomials, in order
  std::vector<Lookup> quotient_lookups;   // registers in `quotient`
  std::vector<Trash> quotient_trashcans;  // registers in `quotient`
  ExpressionProgram lookups;
  std::vector<Lookup> lookup_registers;  // registers in `lookups`
  ExpressionProgram trashcans;
  std::vector<std::vector<uint32_t>> trash_registers;  // registers in `trashcans`

  [[nodiscard]] static Result<Evaluator> build(const ConstraintSystem& cs);
};

}  // namespace nightjar::plonk
