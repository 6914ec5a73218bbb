#include "plonk/constraint_system.h"

#include <algorithm>

#include "base/status.h"

namespace nightjar::plonk {

namespace {

using NamedConstraints = std::vector<std::pair<std::string, Expression>>;

NamedConstraints unnamed(std::vector<Expression> cs) {
  NamedConstraints out;
  out.reserve(cs.size());
  for (Expression& e : cs) out.emplace_back(std::string(), std::move(e));
  return out;
}

}  // namespace

Constraints Constraints::with_selector(Selector s, NamedConstraints cs) {
  return Constraints{SelectorType::kMultiplicative, s, std::move(cs)};
}
Constraints Constraints::with_additive_selector(Selector s, NamedConstraints cs) {
  return Constraints{SelectorType::kAdditive, s, std::move(cs)};
}
Constraints Constraints::without_selector(NamedConstraints cs) {
  return Constraints{SelectorType::kNone, Selector{}, std::move(cs)};
}
Constraints Constraints::with_selector(Selector s, std::vector<Expression> cs) {
  return with_selector(s, unnamed(std::move(cs)));
}
Constraints Constraints::with_additive_selector(Selector s, std::vector<Expression> cs) {
  return with_additive_selector(s, unnamed(std::move(cs)));
}
Constraints Constraints::without_selector(std::vector<Expression> cs) {
  return without_selector(unnamed(std::move(cs)));
}

Expression VirtualCells::query_selector(Selector s) { return Expression::selector(s); }

Expression VirtualCells::query_fixed(Column column, int32_t rotation) {
  NIGHTJAR_CHECK(column.type == ColumnType::kFixed);
  return query_any(column, rotation);
}

Expression VirtualCells::query_advice(Column column, int32_t rotation) {
  NIGHTJAR_CHECK(column.type == ColumnType::kAdvice);
  return query_any(column, rotation);
}

Expression VirtualCells::query_instance(Column column, int32_t rotation) {
  NIGHTJAR_CHECK(column.type == ColumnType::kInstance);
  return query_any(column, rotation);
}

Expression VirtualCells::query_any(Column column, int32_t rotation) {
  Expression::Query q;
  q.column = column.index;
  q.rotation = rotation;
  q.index = cs_.query_index(column.type, QueryKey{column.index, rotation});
  return Expression::query(column.type, q);
}

Expression VirtualCells::query_challenge(Challenge c) { return Expression::challenge(c); }

Column ConstraintSystem::fixed_column() {
  return Column{ColumnType::kFixed, static_cast<uint32_t>(num_fixed_++)};
}

Column ConstraintSystem::advice_column() {
  unblinded_advice_.push_back(false);
  return Column{ColumnType::kAdvice, static_cast<uint32_t>(num_advice_++)};
}

Column ConstraintSystem::unblinded_advice_column() {
  unblinded_advice_.push_back(true);
  return Column{ColumnType::kAdvice, static_cast<uint32_t>(num_advice_++)};
}

Column ConstraintSystem::instance_column() {
  return Column{ColumnType::kInstance, static_cast<uint32_t>(num_instance_++)};
}

Selector ConstraintSystem::selector() {
  simple_selectors_.push_back(true);
  return Selector{static_cast<uint32_t>(num_selectors_++), true};
}

Selector ConstraintSystem::complex_selector() {
  simple_selectors_.push_back(false);
  return Selector{static_cast<uint32_t>(num_selectors_++), false};
}

void ConstraintSystem::enable_equality(Column column) {
  query_index(column.type, QueryKey{column.index, 0});
  if (std::find(permutation_.begin(), permutation_.end(), column) == permutation_.end()) {
    permutation_.push_back(column);
  }
}

void ConstraintSystem::enable_constant(Column fixed) {
  NIGHTJAR_CHECK(fixed.type == ColumnType::kFixed);
  if (std::find(constants_.begin(), constants_.end(), fixed) != constants_.end()) return;
  constants_.push_back(fixed);
  enable_equality(fixed);
}

uint32_t ConstraintSystem::query_index(ColumnType type, QueryKey key) {
  if (std::optional<uint32_t> found = find_query(type, key)) return *found;
  std::vector<QueryKey>& list = type == ColumnType::kAdvice  ? advice_queries_
                                : type == ColumnType::kFixed ? fixed_queries_
                                                             : instance_queries_;
  list.push_back(key);
  return static_cast<uint32_t>(list.size() - 1);
}

std::optional<uint32_t> ConstraintSystem::find_query(ColumnType type, QueryKey key) const {
  const std::vector<QueryKey>& list = type == ColumnType::kAdvice  ? advice_queries_
                                      : type == ColumnType::kFixed ? fixed_queries_
                                                                   : instance_queries_;
  auto it = std::find(list.begin(), list.end(), key);
  if (it == list.end()) return std::nullopt;
  return static_cast<uint32_t>(it - list.begin());
}

Expression ConstraintSystem::assign_query_indices(const Expression& e) {
  using Kind = Expression::Kind;
  switch (e.kind()) {
    case Kind::kFixed:
    case Kind::kAdvice:
    case Kind::kInstance: {
      if (e.query().index) return e;
      const ColumnType type = e.kind() == Kind::kFixed    ? ColumnType::kFixed
                              : e.kind() == Kind::kAdvice ? ColumnType::kAdvice
                                                          : ColumnType::kInstance;
      Expression::Query q = e.query();
      q.index = query_index(type, QueryKey{q.column, q.rotation});
      return Expression::query(type, q);
    }
    case Kind::kNegated:
      return Expression::negated(assign_query_indices(e.lhs()));
    case Kind::kScaled:
      return Expression::scaled(assign_query_indices(e.lhs()), e.value());
    case Kind::kSum: {
      Expression a = assign_query_indices(e.lhs());
      return Expression::sum_of(a, assign_query_indices(e.rhs()));
    }
    case Kind::kProduct: {
      Expression a = assign_query_indices(e.lhs());
      return Expression::product_of(a, assign_query_indices(e.rhs()));
    }
    default:
      return e;
  }
}

void ConstraintSystem::create_gate(const std::string& name,
                                   const std::function<Constraints(VirtualCells&)>& fn) {
  VirtualCells cells(*this);
  Constraints c = fn(cells);
  NIGHTJAR_CHECK(!c.constraints.empty());
  Gate gate;
  gate.name = name;
  switch (c.type) {
    case Constraints::SelectorType::kAdditive: {
      TrashArgument trash;
      trash.selector = cells.query_selector(c.selector);
      for (size_t i = 0; i < c.constraints.size(); ++i) {
        if (i > 0) trash.name += '&';
        trash.name += c.constraints[i].first;
        trash.constraints.push_back(c.constraints[i].second);
      }
      trashcans_.push_back(std::move(trash));
      break;
    }
    case Constraints::SelectorType::kMultiplicative: {
      const Expression q = cells.query_selector(c.selector);
      for (auto& [cname, poly] : c.constraints) {
        gate.constraint_names.push_back(cname);
        gate.polys.push_back(assign_query_indices(q * poly));
      }
      break;
    }
    case Constraints::SelectorType::kNone:
      for (auto& [cname, poly] : c.constraints) {
        gate.constraint_names.push_back(cname);
        gate.polys.push_back(assign_query_indices(poly));
      }
      break;
  }
  gates_.push_back(std::move(gate));
}

size_t ConstraintSystem::lookup(
    const std::string& name,
    const std::function<std::vector<std::pair<Expression, Column>>(VirtualCells&)>& fn) {
  VirtualCells cells(*this);
  LookupArgument arg;
  arg.name = name;
  for (auto& [input, table] : fn(cells)) {
    NIGHTJAR_CHECK(!input.contains_simple_selector());
    Expression t = cells.query_fixed(table, 0);
    arg.inputs.push_back(assign_query_indices(input));
    arg.tables.push_back(assign_query_indices(t));
  }
  lookups_.push_back(std::move(arg));
  return lookups_.size() - 1;
}

size_t ConstraintSystem::lookup_any(
    const std::string& name,
    const std::function<std::vector<std::pair<Expression, Expression>>(VirtualCells&)>& fn) {
  VirtualCells cells(*this);
  LookupArgument arg;
  arg.name = name;
  for (auto& [input, table] : fn(cells)) {
    NIGHTJAR_CHECK(!input.contains_simple_selector() && !table.contains_simple_selector());
    arg.inputs.push_back(assign_query_indices(input));
    arg.tables.push_back(assign_query_indices(table));
  }
  lookups_.push_back(std::move(arg));
  return lookups_.size() - 1;
}

namespace {

// Rebuilds `e` with selectors replaced, through the operators (as the official evaluate-based
// replacement does, so their simplifications apply again).
Expression replace_selectors(const Expression& e, const std::vector<Expression>& replacements) {
  using Kind = Expression::Kind;
  switch (e.kind()) {
    case Kind::kSelector:
      return replacements[e.selector_value().index];
    case Kind::kNegated:
      return -replace_selectors(e.lhs(), replacements);
    case Kind::kScaled:
      return replace_selectors(e.lhs(), replacements) * e.value();
    case Kind::kSum: {
      Expression a = replace_selectors(e.lhs(), replacements);
      return a + replace_selectors(e.rhs(), replacements);
    }
    case Kind::kProduct: {
      Expression a = replace_selectors(e.lhs(), replacements);
      return a * replace_selectors(e.rhs(), replacements);
    }
    default:
      return e;
  }
}

}  // namespace

std::vector<Column> ConstraintSystem::convert_selectors_to_fixed() {
  std::vector<Column> columns;
  std::vector<Expression> replacements;
  for (size_t i = 0; i < num_selectors_; ++i) {
    Column col = fixed_column();
    Expression::Query q;
    q.column = col.index;
    q.index = query_index(ColumnType::kFixed, QueryKey{col.index, 0});
    columns.push_back(col);
    replacements.push_back(Expression::query(ColumnType::kFixed, q));
  }
  for (Gate& g : gates_) {
    for (Expression& p : g.polys) p = replace_selectors(p, replacements);
  }
  for (LookupArgument& l : lookups_) {
    for (Expression& p : l.inputs) p = replace_selectors(p, replacements);
    for (Expression& p : l.tables) p = replace_selectors(p, replacements);
  }
  for (TrashArgument& t : trashcans_) {
    t.selector = replace_selectors(t.selector, replacements);
    for (Expression& p : t.constraints) p = replace_selectors(p, replacements);
  }
  num_selectors_ = 0;
  simple_selectors_.clear();
  return columns;
}

size_t ConstraintSystem::degree() const {
  size_t d = 3;  // the permutation argument
  for (const LookupArgument& l : lookups_) {
    size_t in = 1;
    size_t table = 1;
    for (const Expression& e : l.inputs) in = std::max(in, e.degree());
    for (const Expression& e : l.tables) table = std::max(table, e.degree());
    d = std::max(d, std::max<size_t>(4, 2 + in + table));
  }
  for (const TrashArgument& t : trashcans_) {
    size_t td = 2;
    for (const Expression& e : t.constraints) td = std::max(td, e.degree());
    d = std::max(d, td);
  }
  for (const Gate& g : gates_) {
    for (const Expression& p : g.polys) d = std::max(d, p.degree());
  }
  if (minimum_degree_) d = std::max(d, *minimum_degree_);
  return d;
}

size_t ConstraintSystem::blinding_factors() const {
  std::vector<size_t> per_column(num_advice_, 0);
  for (const QueryKey& q : advice_queries_) ++per_column[q.column];
  size_t factors = per_column.empty() ? 1 : *std::max_element(per_column.begin(), per_column.end());
  factors = std::max<size_t>(3, factors);
  factors += trashcans_.size();
  return factors + 2;
}

namespace {

const char* column_type_name(ColumnType t) {
  switch (t) {
    case ColumnType::kAdvice:
      return "Advice";
    case ColumnType::kFixed:
      return "Fixed";
    case ColumnType::kInstance:
      return "Instance";
  }
  return "";
}

void debug_column(ColumnType type, uint32_t index, std::string& out) {
  out += "Column { index: ";
  out += std::to_string(index);
  out += ", column_type: ";
  out += column_type_name(type);
  out += " }";
}

void debug_queries(ColumnType type, const std::vector<QueryKey>& qs, std::string& out) {
  out += '[';
  for (size_t i = 0; i < qs.size(); ++i) {
    if (i > 0) out += ", ";
    out += '(';
    debug_column(type, qs[i].column, out);
    out += ", Rotation(";
    out += std::to_string(qs[i].rotation);
    out += "))";
  }
  out += ']';
}

void debug_expressions(const std::vector<Expression>& es, std::string& out) {
  out += '[';
  for (size_t i = 0; i < es.size(); ++i) {
    if (i > 0) out += ", ";
    es[i].debug(out);
  }
  out += ']';
}

// Rust's Debug of a String: quoted, with the escapes Rust applies.
void debug_string(const std::string& s, std::string& out) {
  out += '"';
  for (char c : s) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\t':
        out += "\\t";
        break;
      case '\r':
        out += "\\r";
        break;
      default:
        out += c;
    }
  }
  out += '"';
}

}  // namespace

std::string ConstraintSystem::pinned_debug() const {
  std::string out = "PinnedConstraintSystem { num_fixed_columns: ";
  out += std::to_string(num_fixed_);
  out += ", num_advice_columns: ";
  out += std::to_string(num_advice_);
  out += ", num_instance_columns: ";
  out += std::to_string(num_instance_);
  out += ", num_selectors: ";
  out += std::to_string(num_selectors_);
  out += ", gates: [";
  bool first = true;
  for (const Gate& g : gates_) {
    for (const Expression& p : g.polys) {
      if (!first) out += ", ";
      first = false;
      p.debug(out);
    }
  }
  out += "], advice_queries: ";
  debug_queries(ColumnType::kAdvice, advice_queries_, out);
  out += ", instance_queries: ";
  debug_queries(ColumnType::kInstance, instance_queries_, out);
  out += ", fixed_queries: ";
  debug_queries(ColumnType::kFixed, fixed_queries_, out);
  out += ", permutation: Argument { columns: [";
  for (size_t i = 0; i < permutation_.size(); ++i) {
    if (i > 0) out += ", ";
    debug_column(permutation_[i].type, permutation_[i].index, out);
  }
  out += "] }, lookups: [";
  for (size_t i = 0; i < lookups_.size(); ++i) {
    if (i > 0) out += ", ";
    out += "Argument { input_expressions: ";
    debug_expressions(lookups_[i].inputs, out);
    out += ", table_expressions: ";
    debug_expressions(lookups_[i].tables, out);
    out += " }";
  }
  out += "], trashcans: [";
  for (size_t i = 0; i < trashcans_.size(); ++i) {
    if (i > 0) out += ", ";
    out += "Argument { name: ";
    debug_string(trashcans_[i].name, out);
    out += ", selector: ";
    trashcans_[i].selector.debug(out);
    out += ", constraint_expressions: ";
    debug_expressions(trashcans_[i].constraints, out);
    out += " }";
  }
  out += "], constants: [";
  for (size_t i = 0; i < constants_.size(); ++i) {
    if (i > 0) out += ", ";
    debug_column(constants_[i].type, constants_[i].index, out);
  }
  out += "], minimum_degree: ";
  out += minimum_degree_ ? "Some(" + std::to_string(*minimum_degree_) + ")" : "None";
  out += " }";
  return out;
}

}  // namespace nightjar::plonk
