// A PLONKish constraint system with the configuration API of midnight-proofs 0.7.1
// (`plonk/circuit.rs` ConstraintSystem, VirtualCells, Constraints).
//
// Circuit code configures one of these exactly as the official chips configure theirs: columns
// are numbered in allocation order; a query gets the next index of its column type the first time
// (column, rotation) is queried, so the order of query calls is part of the result; selectors are
// replaced by fixed columns (appended after all others) by `convert_selectors_to_fixed`, as
// VerifyingKey::read does. `pinned_debug()` is then byte for byte the official
// `format!("{:?}", cs.pinned())`, which every verifier key's transcript representation hashes.
//
// Thread safety: configure on one thread; a finished system is read-only and shareable.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "plonk/expression.h"

namespace nightjar::plonk {

struct Gate {
  std::string name;
  std::vector<std::string> constraint_names;
  std::vector<Expression> polys;
};

struct LookupArgument {
  std::string name;
  std::vector<Expression> inputs;
  std::vector<Expression> tables;
};

// The "trash" argument: constraints enabled additively by `selector` (midnight-proofs trash.rs).
struct TrashArgument {
  std::string name;
  Expression selector;
  std::vector<Expression> constraints;
};

struct QueryKey {
  uint32_t column = 0;
  int32_t rotation = 0;
  friend bool operator==(const QueryKey&, const QueryKey&) = default;
};

// A gate's constraints and how its selector applies (halo2 Constraints).
struct Constraints {
  enum class SelectorType : uint8_t { kNone, kMultiplicative, kAdditive };
  SelectorType type = SelectorType::kNone;
  Selector selector;
  std::vector<std::pair<std::string, Expression>> constraints;

  static Constraints with_selector(Selector s, std::vector<std::pair<std::string, Expression>> cs);
  static Constraints with_additive_selector(Selector s,
                                            std::vector<std::pair<std::string, Expression>> cs);
  static Constraints without_selector(std::vector<std::pair<std::string, Expression>> cs);
  // Unnamed constraints (the official code's `vec![expr, ...]` gives empty names).
  static Constraints with_selector(Selector s, std::vector<Expression> cs);
  static Constraints with_additive_selector(Selector s, std::vector<Expression> cs);
  static Constraints without_selector(std::vector<Expression> cs);
};

class ConstraintSystem;

// The cells a gate or lookup queries; query_* assign query indices immediately.
class VirtualCells {
 public:
  explicit VirtualCells(ConstraintSystem& cs) : cs_(cs) {}
  Expression query_selector(Selector s);
  Expression query_fixed(Column column, int32_t rotation);
  Expression query_advice(Column column, int32_t rotation);
  Expression query_instance(Column column, int32_t rotation);
  Expression query_any(Column column, int32_t rotation);
  Expression query_challenge(Challenge c);

 private:
  friend class ConstraintSystem;
  ConstraintSystem& cs_;
};

class ConstraintSystem {
 public:
  Column fixed_column();
  Column advice_column();
  Column unblinded_advice_column();
  Column instance_column();
  Selector selector();
  Selector complex_selector();
  // A lookup table column is a fixed column.
  Column lookup_table_column() { return fixed_column(); }

  void enable_equality(Column column);
  void enable_constant(Column fixed);
  void set_minimum_degree(size_t degree) { minimum_degree_ = degree; }

  void create_gate(const std::string& name, const std::function<Constraints(VirtualCells&)>& fn);
  // Inputs against fixed table columns (queried at the current row after each input).
  size_t lookup(const std::string& name,
                const std::function<std::vector<std::pair<Expression, Column>>(VirtualCells&)>& fn);
  size_t lookup_any(
      const std::string& name,
      const std::function<std::vector<std::pair<Expression, Expression>>(VirtualCells&)>& fn);

  // Replaces every selector by a fresh fixed column queried at the current row, as
  // VerifyingKey::read does (`directly_convert_selectors_to_fixed`). Returns the new columns, in
  // selector order.
  std::vector<Column> convert_selectors_to_fixed();

  // Registers (column, rotation) and returns its query index.
  uint32_t query_index(ColumnType type, QueryKey key);
  // The index of an existing query; nullopt if it was never made.
  std::optional<uint32_t> find_query(ColumnType type, QueryKey key) const;
  // Gives every query without an index its index, registering it as needed (halo2 query_cells).
  Expression assign_query_indices(const Expression& e);

  size_t num_fixed_columns() const { return num_fixed_; }
  size_t num_advice_columns() const { return num_advice_; }
  size_t num_instance_columns() const { return num_instance_; }
  size_t num_selectors() const { return num_selectors_; }
  const std::vector<bool>& unblinded_advice() const { return unblinded_advice_; }
  const std::vector<Gate>& gates() const { return gates_; }
  const std::vector<QueryKey>& advice_queries() const { return advice_queries_; }
  const std::vector<QueryKey>& fixed_queries() const { return fixed_queries_; }
  const std::vector<QueryKey>& instance_queries() const { return instance_queries_; }
  const std::vector<Column>& permutation_columns() const { return permutation_; }
  const std::vector<LookupArgument>& lookups() const { return lookups_; }
  const std::vector<TrashArgument>& trashcans() const { return trashcans_; }
  const std::vector<Column>& constants() const { return constants_; }
  std::optional<size_t> minimum_degree() const { return minimum_degree_; }

  // The maximum degree of the whole system (halo2 ConstraintSystem::degree).
  size_t degree() const;
  // Rows reserved for blinding at the end of each column (halo2 blinding_factors).
  size_t blinding_factors() const;
  // The permutation argument's chunk length: degree - 2.
  size_t permutation_chunk_len() const { return degree() - 2; }
  // The number of quotient pieces h(X) is split into: degree - 1.
  size_t quotient_pieces() const { return degree() - 1; }

  // Rust `{:?}` of the pinned constraint system.
  std::string pinned_debug() const;

 private:
  friend class VirtualCells;

  size_t num_fixed_ = 0;
  size_t num_advice_ = 0;
  size_t num_instance_ = 0;
  size_t num_selectors_ = 0;
  std::vector<bool> simple_selectors_;
  std::vector<bool> unblinded_advice_;
  std::vector<Gate> gates_;
  std::vector<QueryKey> advice_queries_;
  std::vector<QueryKey> fixed_queries_;
  std::vector<QueryKey> instance_queries_;
  std::vector<Column> permutation_;
  std::vector<LookupArgument> lookups_;
  std::vector<TrashArgument> trashcans_;
  std::vector<Column> constants_;
  std::optional<size_t> minimum_degree_;
};

}  // namespace nightjar::plonk
