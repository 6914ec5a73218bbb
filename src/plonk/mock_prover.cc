#include "plonk/mock_prover.h"

#include <algorithm>
#include <array>
#include <limits>
#include <mutex>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "base/blake2b.h"
#include "base/thread_pool.h"

namespace nightjar::plonk {

namespace {

using ff::Fr;

constexpr size_t kNone = std::numeric_limits<size_t>::max();

// A value during mock evaluation: a field element, or "poison" when it depends on an advice cell
// of a blinding row, whose value only the real prover chooses (at random).
struct MockValue {
  Fr v;
  bool poison = false;
};

// An expression flattened into nodes with direct column pointers, so that evaluating it on a
// row neither chases shared pointers nor touches reference counts.
class Program {
 public:
  Program(const Assignment& a, std::vector<Fr>* challenges)
      : assignment_(a), challenges_(challenges), mask_(a.n() - 1), usable_(a.usable_rows()) {}

  void set_unblinded(std::vector<bool> unblinded) { unblinded_ = std::move(unblinded); }

  // Appends the nodes of `e` and returns its root.
  uint32_t compile(const Expression& e) {
    Node node;
    switch (e.kind()) {
      case Expression::Kind::kConstant:
        node.op = Op::kConst;
        node.value = e.value();
        break;
      case Expression::Kind::kSelector:
        // check_shape() refuses systems whose selectors are not converted to fixed columns.
        NIGHTJAR_CHECK(false);
        break;
      case Expression::Kind::kChallenge: {
        const uint32_t index = e.challenge_value().index;
        if (index >= challenges_->size()) *challenges_ = mock_challenges(index + 1);
        node.op = Op::kConst;
        node.value = (*challenges_)[index];
        break;
      }
      case Expression::Kind::kFixed:
      case Expression::Kind::kAdvice:
      case Expression::Kind::kInstance: {
        const Expression::Query& q = e.query();
        const ColumnType type = e.kind() == Expression::Kind::kFixed    ? ColumnType::kFixed
                                : e.kind() == Expression::Kind::kAdvice ? ColumnType::kAdvice
                                                                        : ColumnType::kInstance;
        node.op = Op::kQuery;
        node.data = assignment_.column(Column{type, q.column}).data();
        node.rotation = q.rotation;
        node.poisonable =
            type == ColumnType::kAdvice && !(q.column < unblinded_.size() && unblinded_[q.column]);
        node.complexity = 1;
        break;
      }
      case Expression::Kind::kNegated: {
        const uint32_t a = compile(e.lhs());
        node.op = Op::kNeg;
        node.a = a;
        node.complexity = nodes_[a].complexity + 1;
        break;
      }
      case Expression::Kind::kScaled: {
        const uint32_t a = compile(e.lhs());
        node.op = Op::kScaled;
        node.a = a;
        node.value = e.value();
        node.complexity = nodes_[a].complexity + 30;
        break;
      }
      case Expression::Kind::kSum:
      case Expression::Kind::kProduct: {
        const uint32_t a = compile(e.lhs());
        const uint32_t b = compile(e.rhs());
        const bool product = e.kind() == Expression::Kind::kProduct;
        node.op = product ? Op::kProduct : Op::kSum;
        node.a = a;
        node.b = b;
        node.complexity = nodes_[a].complexity + nodes_[b].complexity + (product ? 30 : 15);
        // A product evaluates its cheaper side first and skips the other when that is zero.
        if (product && nodes_[b].complexity < nodes_[a].complexity) std::swap(node.a, node.b);
        break;
      }
    }
    nodes_.push_back(node);
    return static_cast<uint32_t>(nodes_.size() - 1);
  }

  // MockProver's arithmetic: poison propagates, except that a zero factor gives zero.
  MockValue eval(uint32_t i, size_t row) const {
    const Node& node = nodes_[i];
    switch (node.op) {
      case Op::kConst:
        return MockValue{node.value, false};
      case Op::kQuery: {
        const size_t at = (row + static_cast<size_t>(static_cast<int64_t>(node.rotation))) & mask_;
        if (node.poisonable && at >= usable_) return MockValue{Fr::zero(), true};
        return MockValue{node.data[at], false};
      }
      case Op::kNeg: {
        MockValue a = eval(node.a, row);
        if (!a.poison) a.v = -a.v;
        return a;
      }
      case Op::kSum: {
        const MockValue a = eval(node.a, row);
        const MockValue b = eval(node.b, row);
        if (a.poison || b.poison) return MockValue{Fr::zero(), true};
        return MockValue{a.v + b.v, false};
      }
      case Op::kProduct: {
        const MockValue a = eval(node.a, row);
        if (!a.poison && a.v.is_zero()) return a;
        const MockValue b = eval(node.b, row);
        if (!b.poison && b.v.is_zero()) return b;
        if (a.poison || b.poison) return MockValue{Fr::zero(), true};
        return MockValue{a.v * b.v, false};
      }
      case Op::kScaled: {
        if (node.value.is_zero()) return MockValue{Fr::zero(), false};
        MockValue a = eval(node.a, row);
        if (!a.poison) a.v *= node.value;
        return a;
      }
    }
    return MockValue{};
  }

 private:
  enum class Op : uint8_t { kConst, kQuery, kNeg, kSum, kProduct, kScaled };
  struct Node {
    Op op = Op::kConst;
    bool poisonable = false;
    int32_t rotation = 0;
    uint32_t a = 0, b = 0;
    uint32_t complexity = 0;
    const Fr* data = nullptr;
    Fr value;
  };

  const Assignment& assignment_;
  std::vector<Fr>* challenges_;
  std::vector<bool> unblinded_;
  size_t mask_;
  size_t usable_;
  std::vector<Node> nodes_;
};

// halo2's format_value: 0, 1, -1, else the canonical hex without leading zeros.
std::string format_value(const MockValue& x) {
  if (x.poison) return "poison";
  if (x.v.is_zero()) return "0";
  if (x.v.is_one()) return "1";
  if ((-x.v).is_one()) return "-1";
  std::string debug;
  debug_fr(x.v, debug);  // Fq(0x…)
  std::string hex = debug.substr(5, 64);
  hex.erase(0, hex.find_first_not_of('0'));
  return "0x" + hex;
}

const char* column_type_name(ColumnType t) {
  switch (t) {
    case ColumnType::kAdvice:
      return "advice";
    case ColumnType::kFixed:
      return "fixed";
    case ColumnType::kInstance:
      return "instance";
  }
  return "?";
}

std::string cell_text(const Cell& c) {
  return std::string(column_type_name(c.column.type)) + "[" + std::to_string(c.column.index) +
         "] row " + std::to_string(c.row);
}

// The distinct (column, rotation) queries of `e`, in first-use order.
void collect_queries(const Expression& e, std::vector<std::pair<Column, int32_t>>& out) {
  switch (e.kind()) {
    case Expression::Kind::kFixed:
    case Expression::Kind::kAdvice:
    case Expression::Kind::kInstance: {
      const ColumnType type = e.kind() == Expression::Kind::kFixed    ? ColumnType::kFixed
                              : e.kind() == Expression::Kind::kAdvice ? ColumnType::kAdvice
                                                                      : ColumnType::kInstance;
      const std::pair<Column, int32_t> q{Column{type, e.query().column}, e.query().rotation};
      if (std::find(out.begin(), out.end(), q) == out.end()) out.push_back(q);
      break;
    }
    case Expression::Kind::kNegated:
    case Expression::Kind::kScaled:
      collect_queries(e.lhs(), out);
      break;
    case Expression::Kind::kSum:
    case Expression::Kind::kProduct:
      collect_queries(e.lhs(), out);
      collect_queries(e.rhs(), out);
      break;
    default:
      break;
  }
}

// "; cells: advice[0]@+1 = 0x5, ..." for the queries of `e` at `row` (verbose messages only).
std::string cell_values(const Expression& e, const ConstraintSystem& cs, const Assignment& a,
                        size_t row) {
  std::vector<std::pair<Column, int32_t>> queries;
  collect_queries(e, queries);
  std::string out = "; cells:";
  for (size_t i = 0; i < queries.size(); ++i) {
    const auto& [column, rotation] = queries[i];
    const size_t at = (row + static_cast<size_t>(static_cast<int64_t>(rotation))) & (a.n() - 1);
    const bool unblinded =
        column.index < cs.unblinded_advice().size() && cs.unblinded_advice()[column.index];
    const bool poison = column.type == ColumnType::kAdvice && !unblinded && at >= a.usable_rows();
    out += std::string(i == 0 ? " " : ", ") + column_type_name(column.type) + "[" +
           std::to_string(column.index) + "]@" + (rotation >= 0 ? "+" : "") +
           std::to_string(rotation) + " = " + format_value(MockValue{a.column(column)[at], poison});
  }
  return out;
}

// Collects failing rows per item (a constraint or a lookup) from concurrent chunks: at most
// `cap` per item per chunk, which keeps enough to take the first `cap` rows overall.
class RowCollector {
 public:
  RowCollector(size_t items, size_t cap) : rows_(items), first_poison_(items, kNone), cap_(cap) {}

  struct Local {
    std::vector<std::vector<size_t>> rows;
    std::vector<size_t> first_poison;
  };
  Local local() const {
    return Local{std::vector<std::vector<size_t>>(rows_.size()),
                 std::vector<size_t>(rows_.size(), kNone)};
  }
  void add(Local& l, size_t item, size_t row, bool poison) const {
    if (poison) {
      l.first_poison[item] = std::min(l.first_poison[item], row);
    } else if (l.rows[item].size() < cap_) {
      l.rows[item].push_back(row);
    }
  }
  void merge(Local& l) {
    std::lock_guard<std::mutex> lock(mutex_);
    for (size_t i = 0; i < rows_.size(); ++i) {
      rows_[i].insert(rows_[i].end(), l.rows[i].begin(), l.rows[i].end());
      first_poison_[i] = std::min(first_poison_[i], l.first_poison[i]);
    }
  }
  // The failing rows of `item` in order, each with whether it is the poisoned one.
  std::vector<std::pair<size_t, bool>> rows(size_t item) const {
    std::vector<std::pair<size_t, bool>> out;
    for (size_t r : rows_[item]) out.emplace_back(r, false);
    if (first_poison_[item] != kNone) out.emplace_back(first_poison_[item], true);
    std::sort(out.begin(), out.end());
    return out;
  }

 private:
  std::mutex mutex_;
  std::vector<std::vector<size_t>> rows_;
  std::vector<size_t> first_poison_;
  size_t cap_;
};

class Checker {
 public:
  Checker(const ConstraintSystem& cs, const Assignment& a, const MockOptions& options)
      : cs_(cs),
        a_(a),
        options_(options),
        cap_(std::max<size_t>(1, options.max_failures)),
        program_(a, &challenges_) {
    program_.set_unblinded(cs.unblinded_advice());
  }

  std::vector<MockFailure> run() {
    if (check_shape() && check_gates() && check_lookups() && check_trash()) check_copies();
    return std::move(failures_);
  }

 private:
  bool full() const { return failures_.size() >= cap_; }

  void fail(MockFailure f) {
    if (!full()) failures_.push_back(std::move(f));
  }

  bool shape_error(std::string message) {
    MockFailure f;
    f.kind = MockFailure::Kind::kShape;
    f.message = "assignment does not fit the constraint system: " + std::move(message);
    fail(std::move(f));
    return false;
  }

  bool check_shape() {
    if (a_.k > 30) return shape_error("k = " + std::to_string(a_.k) + " is too large");
    if (cs_.num_selectors() != 0) {
      return shape_error("its selectors are not converted to fixed columns");
    }
    if (a_.blinding_factors != cs_.blinding_factors()) {
      return shape_error(std::to_string(a_.blinding_factors) + " blinding factors, not " +
                         std::to_string(cs_.blinding_factors()));
    }
    if (a_.n() <= a_.blinding_factors + 1) {
      return shape_error("2^k = " + std::to_string(a_.n()) + " rows leave none usable");
    }
    const std::array<std::pair<const std::vector<std::vector<Fr>>*, size_t>, 3> groups = {{
        {&a_.advice, cs_.num_advice_columns()},
        {&a_.fixed, cs_.num_fixed_columns()},
        {&a_.instance, cs_.num_instance_columns()},
    }};
    for (size_t t = 0; t < groups.size(); ++t) {
      const char* name = column_type_name(static_cast<ColumnType>(t));
      const auto& [columns, expected] = groups[t];
      if (columns->size() != expected) {
        return shape_error(std::to_string(columns->size()) + " " + name + " columns, not " +
                           std::to_string(expected));
      }
      for (const std::vector<Fr>& column : *columns) {
        if (column.size() != a_.n()) {
          return shape_error("a " + std::string(name) + " column holds " +
                             std::to_string(column.size()) +
                             " values, not 2^k = " + std::to_string(a_.n()));
        }
      }
    }
    return true;
  }

  // Evaluates `polys` on every row in [0, rows) and collects the rows where they fail: any
  // non-zero or poisoned value, or, when `selector` is given, only where it is not zero.
  void scan(const std::vector<uint32_t>& polys, size_t rows, std::optional<uint32_t> selector,
            RowCollector& collector) {
    ThreadPool::global().parallel_for(
        rows, 256,
        [&](size_t begin, size_t end) {
          RowCollector::Local local = collector.local();
          for (size_t row = begin; row < end; ++row) {
            if (selector) {
              const MockValue q = program_.eval(*selector, row);
              if (!q.poison && q.v.is_zero()) continue;
            }
            for (size_t i = 0; i < polys.size(); ++i) {
              const MockValue v = program_.eval(polys[i], row);
              if (v.poison) {
                // Under a trash selector a poisoned constraint is an ordinary failure.
                collector.add(local, i, row, !selector.has_value());
              } else if (!v.v.is_zero()) {
                collector.add(local, i, row, false);
              }
            }
          }
          collector.merge(local);
        },
        options_.max_threads);
  }

  bool check_gates() {
    const std::vector<Gate>& gates = cs_.gates();
    for (size_t g = 0; g < gates.size() && !full(); ++g) {
      const Gate& gate = gates[g];
      std::vector<uint32_t> polys;
      for (const Expression& p : gate.polys) polys.push_back(program_.compile(p));
      // All n rows, as MockProver checks usable and blinding rows alike.
      RowCollector found(polys.size(), cap_);
      scan(polys, a_.n(), std::nullopt, found);
      for (size_t c = 0; c < polys.size() && !full(); ++c) {
        for (const auto& [row, poison] : found.rows(c)) {
          MockFailure f;
          f.kind = poison ? MockFailure::Kind::kGatePoisoned : MockFailure::Kind::kGate;
          f.index = g;
          f.constraint = c;
          f.name = gate.name;
          f.constraint_name = c < gate.constraint_names.size() ? gate.constraint_names[c] : "";
          f.row = row;
          f.message = "gate " + std::to_string(g) + " \"" + gate.name + "\" constraint " +
                      std::to_string(c) + " \"" + f.constraint_name + "\" " +
                      (poison ? "depends on a blinding row's advice value at row "
                              : "is not satisfied at row ") +
                      std::to_string(row);
          if (options_.verbose) f.message += cell_values(gate.polys[c], cs_, a_, row);
          fail(std::move(f));
        }
      }
    }
    return !full();
  }

  // A tuple's key: four limbs per value; poison is all ones, which no reduced element is.
  void tuple_key(const std::vector<uint32_t>& exprs, size_t row, uint64_t* out) const {
    for (size_t i = 0; i < exprs.size(); ++i) {
      const MockValue v = program_.eval(exprs[i], row);
      for (size_t l = 0; l < 4; ++l) {
        out[4 * i + l] = v.poison ? ~uint64_t{0} : v.v.raw_montgomery()[l];
      }
    }
  }

  bool check_lookups() {
    const std::vector<LookupArgument>& lookups = cs_.lookups();
    const size_t usable = a_.usable_rows();
    // The sorted table of the last lookup, reused while the next lookups share its expressions.
    const std::vector<Expression>* cached_tables = nullptr;
    std::vector<uint64_t> table;
    size_t table_rows = 0;
    for (size_t l = 0; l < lookups.size() && !full(); ++l) {
      const LookupArgument& lookup = lookups[l];
      NIGHTJAR_CHECK(lookup.inputs.size() == lookup.tables.size());
      const size_t width = 4 * lookup.inputs.size();
      if (width == 0) continue;  // an empty tuple is always in the table
      std::vector<uint32_t> inputs;
      for (const Expression& e : lookup.inputs) inputs.push_back(program_.compile(e));
      std::vector<uint32_t> tables;
      for (const Expression& e : lookup.tables) tables.push_back(program_.compile(e));

      if (cached_tables == nullptr || *cached_tables != lookup.tables) {
        cached_tables = &lookup.tables;
        std::vector<uint64_t> keys(usable * width);
        ThreadPool::global().parallel_for(
            usable, 256,
            [&](size_t begin, size_t end) {
              for (size_t row = begin; row < end; ++row) tuple_key(tables, row, &keys[row * width]);
            },
            options_.max_threads);
        std::vector<uint32_t> order(usable);
        for (size_t i = 0; i < usable; ++i) order[i] = static_cast<uint32_t>(i);
        auto less = [&](uint32_t x, uint32_t y) {
          return std::lexicographical_compare(&keys[x * width], &keys[x * width] + width,
                                              &keys[y * width], &keys[y * width] + width);
        };
        std::sort(order.begin(), order.end(), less);
        table.clear();
        table_rows = 0;
        for (size_t i = 0; i < usable; ++i) {
          const uint64_t* key = &keys[size_t{order[i]} * width];
          if (table_rows > 0 && std::equal(key, key + width, &table[(table_rows - 1) * width])) {
            continue;
          }
          table.insert(table.end(), key, key + width);
          ++table_rows;
        }
      }

      RowCollector collector(1, cap_);
      ThreadPool::global().parallel_for(
          usable, 256,
          [&](size_t begin, size_t end) {
            RowCollector::Local local = collector.local();
            std::vector<uint64_t> key(width);
            for (size_t row = begin; row < end; ++row) {
              tuple_key(inputs, row, key.data());
              size_t lo = 0, hi = table_rows;
              while (lo < hi) {
                const size_t mid = (lo + hi) / 2;
                const uint64_t* t = &table[mid * width];
                if (std::lexicographical_compare(t, t + width, key.begin(), key.end())) {
                  lo = mid + 1;
                } else {
                  hi = mid;
                }
              }
              if (lo == table_rows || !std::equal(key.begin(), key.end(), &table[lo * width])) {
                collector.add(local, 0, row, false);
              }
            }
            collector.merge(local);
          },
          options_.max_threads);
      for (const auto& [row, poison] : collector.rows(0)) {
        MockFailure f;
        f.kind = MockFailure::Kind::kLookup;
        f.index = l;
        f.name = lookup.name;
        f.row = row;
        f.message = "lookup " + std::to_string(l) + " \"" + lookup.name +
                    "\": input not in the table at row " + std::to_string(row);
        if (options_.verbose) {
          f.message += "; input: (";
          for (size_t i = 0; i < inputs.size(); ++i) {
            f.message += (i == 0 ? "" : ", ") + format_value(program_.eval(inputs[i], row));
          }
          f.message += ")";
        }
        fail(std::move(f));
      }
    }
    return !full();
  }

  bool check_trash() {
    const std::vector<TrashArgument>& trashcans = cs_.trashcans();
    for (size_t t = 0; t < trashcans.size() && !full(); ++t) {
      const TrashArgument& trash = trashcans[t];
      const uint32_t selector = program_.compile(trash.selector);
      std::vector<uint32_t> constraints;
      for (const Expression& e : trash.constraints) constraints.push_back(program_.compile(e));
      // All n rows: the trash identity is not restricted to usable rows.
      RowCollector found(constraints.size(), cap_);
      scan(constraints, a_.n(), selector, found);
      for (size_t c = 0; c < constraints.size() && !full(); ++c) {
        for (const auto& [row, poison] : found.rows(c)) {
          MockFailure f;
          f.kind = MockFailure::Kind::kTrash;
          f.index = t;
          f.constraint = c;
          f.name = trash.name;
          f.row = row;
          f.message = "trash argument " + std::to_string(t) + " \"" + trash.name +
                      "\" constraint " + std::to_string(c) +
                      " is not satisfied where its selector is set, at row " + std::to_string(row);
          if (options_.verbose) f.message += cell_values(trash.constraints[c], cs_, a_, row);
          fail(std::move(f));
        }
      }
    }
    return !full();
  }

  void check_copies() {
    const std::vector<Column>& permutation = cs_.permutation_columns();
    const size_t usable = a_.usable_rows();
    for (size_t i = 0; i < a_.copies.size() && !full(); ++i) {
      const auto& [left, right] = a_.copies[i];
      MockFailure f;
      f.kind = MockFailure::Kind::kCopy;
      f.index = i;
      f.row = left.row;
      f.left = left;
      f.right = right;
      const std::string prefix =
          "copy " + std::to_string(i) + " between " + cell_text(left) + " and " + cell_text(right);
      bool in_argument = true;
      for (const Cell* c : {&left, &right}) {
        in_argument = in_argument && std::find(permutation.begin(), permutation.end(), c->column) !=
                                         permutation.end();
      }
      if (!in_argument) {
        f.message = prefix + ": a column is not in the permutation argument";
      } else if (left.row >= usable || right.row >= usable) {
        f.message = prefix + ": a row is not usable (" + std::to_string(usable) + " usable rows)";
      } else {
        const Fr& l = a_.column(left.column)[left.row];
        const Fr& r = a_.column(right.column)[right.row];
        if (l == r) continue;
        f.message = prefix + ": the values differ";
        if (options_.verbose) {
          f.message += " (" + format_value(MockValue{l, false}) + " vs " +
                       format_value(MockValue{r, false}) + ")";
        }
      }
      fail(std::move(f));
    }
  }

  const ConstraintSystem& cs_;
  const Assignment& a_;
  const MockOptions& options_;
  size_t cap_;
  std::vector<Fr> challenges_;
  Program program_;
  std::vector<MockFailure> failures_;
};

}  // namespace

std::vector<Fr> mock_challenges(size_t count) {
  std::vector<Fr> out;
  base::Blake2b seed;
  seed.update("Halo2-MockProver");
  std::array<uint8_t, 64> hash = seed.digest();
  for (size_t i = 0; i < count; ++i) {
    base::Blake2b h;
    h.update(hash);
    hash = h.digest();
    out.push_back(Fr::from_uniform_bytes(hash));
  }
  return out;
}

std::string_view failure_kind_name(MockFailure::Kind kind) {
  switch (kind) {
    case MockFailure::Kind::kShape:
      return "shape";
    case MockFailure::Kind::kGate:
      return "gate";
    case MockFailure::Kind::kGatePoisoned:
      return "gate-poisoned";
    case MockFailure::Kind::kLookup:
      return "lookup";
    case MockFailure::Kind::kTrash:
      return "trash";
    case MockFailure::Kind::kCopy:
      return "copy";
  }
  return "?";
}

Status mock_verify(const ConstraintSystem& cs, const Assignment& assignment,
                   const MockOptions& options, std::vector<MockFailure>* failures) {
  Checker checker(cs, assignment, options);
  std::vector<MockFailure> found = checker.run();
  Status status =
      found.empty() ? Status::ok() : invalid_argument("mock prover: " + found.front().message);
  if (failures != nullptr) {
    if (found.size() > options.max_failures) found.resize(options.max_failures);
    *failures = std::move(found);
  }
  return status;
}

}  // namespace nightjar::plonk
