// Polynomial expressions over the columns of a PLONKish constraint system, in the shape of
// midnight-proofs 0.7.1 (`plonk/circuit.rs` Expression).
//
// An Expression is an immutable tree shared by value (copies are cheap). The operators follow the
// official ones exactly, including their simplifications, because the constraint system's Debug
// text (hashed into every verifier key) depends on the tree shape:
//   a + b : a if b == Constant(0), b if a == Constant(0), else Sum(a, b)
//   a - b : -b if a == Constant(0), a if b == Constant(0), else Sum(a, Negated(b))
//   a * b : Constant(0) if either is Constant(0); b if a == Constant(1); a if b == Constant(1);
//           else Product(a, b)
//   a * f : Scaled(a, f) for a field element f; -a : Negated(a)
//   sum(xs) / product(xs): left fold without a seed (Constant(0) / Constant(1) when empty).
// Queries carry an optional query index: VirtualCells assigns one when a gate queries a cell;
// queries built from a column (`cur(col)`, `rot(col, r)`) get theirs when the gate is created.
//
// Thread safety: immutable values; concurrent reads are safe.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "ff/fr.h"

namespace nightjar::plonk {

enum class ColumnType : uint8_t { kAdvice, kFixed, kInstance };

struct Column {
  ColumnType type = ColumnType::kAdvice;
  uint32_t index = 0;
  friend bool operator==(const Column&, const Column&) = default;
};

// A selector; simple selectors may only multiply a whole gate.
struct Selector {
  uint32_t index = 0;
  bool simple = true;
  friend bool operator==(const Selector&, const Selector&) = default;
};

struct Challenge {
  uint32_t index = 0;
  uint8_t phase = 0;
  friend bool operator==(const Challenge&, const Challenge&) = default;
};

class Expression {
 public:
  enum class Kind : uint8_t {
    kConstant,
    kSelector,
    kFixed,
    kAdvice,
    kInstance,
    kChallenge,
    kNegated,
    kSum,
    kProduct,
    kScaled
  };

  // A query of a column at a rotation; `index` is the position in the constraint system's query
  // list of that column type once assigned.
  struct Query {
    std::optional<uint32_t> index;
    uint32_t column = 0;
    int32_t rotation = 0;
    uint8_t phase = 0;  // advice only
    friend bool operator==(const Query&, const Query&) = default;
  };

  Expression();  // Constant(0)
  static Expression constant(const ff::Fr& value);
  static Expression constant(uint64_t value) { return constant(ff::Fr::from_u64(value)); }
  static Expression selector(Selector s);
  static Expression query(ColumnType type, const Query& q);
  static Expression challenge(Challenge c);
  // Raw constructors without the operators' simplifications.
  static Expression negated(Expression a);
  static Expression sum_of(Expression a, Expression b);
  static Expression product_of(Expression a, Expression b);
  static Expression scaled(Expression a, const ff::Fr& factor);

  Kind kind() const;
  const ff::Fr& value() const;        // kConstant, kScaled (the factor)
  const Query& query() const;         // kFixed, kAdvice, kInstance
  Selector selector_value() const;    // kSelector
  Challenge challenge_value() const;  // kChallenge
  Expression lhs() const;             // kNegated, kSum, kProduct, kScaled
  Expression rhs() const;             // kSum, kProduct

  bool is_constant(const ff::Fr& v) const;
  bool contains_simple_selector() const;
  // The polynomial degree (halo2 Expression::degree).
  size_t degree() const;

  friend bool operator==(const Expression& a, const Expression& b);

  friend Expression operator+(const Expression& a, const Expression& b);
  friend Expression operator-(const Expression& a, const Expression& b);
  friend Expression operator*(const Expression& a, const Expression& b);
  friend Expression operator*(const Expression& a, const ff::Fr& f);
  friend Expression operator-(const Expression& a);
  Expression& operator+=(const Expression& b) { return *this = *this + b; }
  Expression& operator-=(const Expression& b) { return *this = *this - b; }
  Expression& operator*=(const Expression& b) { return *this = *this * b; }

  // Rust `{:?}` of this expression, appended to `out`.
  void debug(std::string& out) const;

  struct Node;

 private:
  explicit Expression(std::shared_ptr<const Node> node) : node_(std::move(node)) {}
  std::shared_ptr<const Node> node_;
};

// Queries with no index yet, built from a column (halo2 Column::cur/next/prev/rot).
Expression rot(Column column, int32_t rotation);
inline Expression cur(Column column) { return rot(column, 0); }
inline Expression next(Column column) { return rot(column, 1); }
inline Expression prev(Column column) { return rot(column, -1); }

Expression sum(std::span<const Expression> terms);
Expression product(std::span<const Expression> factors);

// Rust `{:?}` of a field element in midnight-curves: "Fq(0x" + 64 lower-case hex digits of the
// canonical value, big-endian + ")".
void debug_fr(const ff::Fr& x, std::string& out);

}  // namespace nightjar::plonk
