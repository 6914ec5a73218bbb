#include "plonk/expression.h"

#include <algorithm>
#include <variant>

#include "base/status.h"

namespace nightjar::plonk {

struct Expression::Node {
  Kind kind;
  ff::Fr value;  // constant or scale factor
  Query query;
  Selector selector;
  Challenge challenge;
  std::shared_ptr<const Node> a;
  std::shared_ptr<const Node> b;
};

namespace {

using Node = Expression::Node;

std::shared_ptr<const Node> make_node(Node n) { return std::make_shared<const Node>(std::move(n)); }

const std::shared_ptr<const Node>& zero_node() {
  static const std::shared_ptr<const Node> zero =
      std::make_shared<const Node>(Node{.kind = Expression::Kind::kConstant});
  return zero;
}

}  // namespace

Expression::Expression() : node_(zero_node()) {}

Expression Expression::constant(const ff::Fr& value) {
  Node n;
  n.kind = Kind::kConstant;
  n.value = value;
  return Expression(make_node(std::move(n)));
}

Expression Expression::selector(Selector s) {
  Node n;
  n.kind = Kind::kSelector;
  n.selector = s;
  return Expression(make_node(std::move(n)));
}

Expression Expression::query(ColumnType type, const Query& q) {
  Node n;
  switch (type) {
    case ColumnType::kAdvice:
      n.kind = Kind::kAdvice;
      break;
    case ColumnType::kFixed:
      n.kind = Kind::kFixed;
      break;
    case ColumnType::kInstance:
      n.kind = Kind::kInstance;
      break;
  }
  n.query = q;
  return Expression(make_node(std::move(n)));
}

Expression Expression::challenge(Challenge c) {
  Node n;
  n.kind = Kind::kChallenge;
  n.challenge = c;
  return Expression(make_node(std::move(n)));
}

Expression Expression::negated(Expression a) {
  return Expression(make_node(Node{.kind = Kind::kNegated, .a = std::move(a.node_)}));
}

Expression Expression::sum_of(Expression a, Expression b) {
  return Expression(
      make_node(Node{.kind = Kind::kSum, .a = std::move(a.node_), .b = std::move(b.node_)}));
}

Expression Expression::product_of(Expression a, Expression b) {
  return Expression(
      make_node(Node{.kind = Kind::kProduct, .a = std::move(a.node_), .b = std::move(b.node_)}));
}

Expression Expression::scaled(Expression a, const ff::Fr& factor) {
  return Expression(
      make_node(Node{.kind = Kind::kScaled, .value = factor, .a = std::move(a.node_)}));
}

Expression::Kind Expression::kind() const { return node_->kind; }
const ff::Fr& Expression::value() const { return node_->value; }
const Expression::Query& Expression::query() const { return node_->query; }
Selector Expression::selector_value() const { return node_->selector; }
Challenge Expression::challenge_value() const { return node_->challenge; }
Expression Expression::lhs() const { return Expression(node_->a); }
Expression Expression::rhs() const { return Expression(node_->b); }

bool Expression::is_constant(const ff::Fr& v) const {
  return node_->kind == Kind::kConstant && node_->value == v;
}

bool Expression::contains_simple_selector() const {
  switch (node_->kind) {
    case Kind::kSelector:
      return node_->selector.simple;
    case Kind::kNegated:
    case Kind::kScaled:
      return lhs().contains_simple_selector();
    case Kind::kSum:
    case Kind::kProduct:
      return lhs().contains_simple_selector() || rhs().contains_simple_selector();
    default:
      return false;
  }
}

size_t Expression::degree() const {
  switch (node_->kind) {
    case Kind::kConstant:
    case Kind::kChallenge:
      return 0;
    case Kind::kSelector:
    case Kind::kFixed:
    case Kind::kAdvice:
    case Kind::kInstance:
      return 1;
    case Kind::kNegated:
    case Kind::kScaled:
      return lhs().degree();
    case Kind::kSum:
      return std::max(lhs().degree(), rhs().degree());
    case Kind::kProduct:
      return lhs().degree() + rhs().degree();
  }
  return 0;
}

bool operator==(const Expression& a, const Expression& b) {
  if (a.node_ == b.node_) return true;
  const Node& x = *a.node_;
  const Node& y = *b.node_;
  if (x.kind != y.kind) return false;
  switch (x.kind) {
    case Expression::Kind::kConstant:
      return x.value == y.value;
    case Expression::Kind::kSelector:
      return x.selector == y.selector;
    case Expression::Kind::kFixed:
    case Expression::Kind::kAdvice:
    case Expression::Kind::kInstance:
      return x.query == y.query;
    case Expression::Kind::kChallenge:
      return x.challenge == y.challenge;
    case Expression::Kind::kNegated:
      return a.lhs() == b.lhs();
    case Expression::Kind::kScaled:
      return x.value == y.value && a.lhs() == b.lhs();
    case Expression::Kind::kSum:
    case Expression::Kind::kProduct:
      return a.lhs() == b.lhs() && a.rhs() == b.rhs();
  }
  return false;
}

Expression operator+(const Expression& a, const Expression& b) {
  NIGHTJAR_CHECK(!a.contains_simple_selector() && !b.contains_simple_selector());
  if (a.is_constant(ff::Fr::zero())) return b;
  if (b.is_constant(ff::Fr::zero())) return a;
  return Expression::sum_of(a, b);
}

Expression operator-(const Expression& a, const Expression& b) {
  NIGHTJAR_CHECK(!a.contains_simple_selector() && !b.contains_simple_selector());
  if (a.is_constant(ff::Fr::zero())) return -b;
  if (b.is_constant(ff::Fr::zero())) return a;
  return Expression::sum_of(a, -b);
}

Expression operator*(const Expression& a, const Expression& b) {
  NIGHTJAR_CHECK(!(a.contains_simple_selector() && b.contains_simple_selector()));
  if (a.is_constant(ff::Fr::zero()) || b.is_constant(ff::Fr::zero())) return Expression();
  if (a.is_constant(ff::Fr::one())) return b;
  if (b.is_constant(ff::Fr::one())) return a;
  return Expression::product_of(a, b);
}

Expression operator*(const Expression& a, const ff::Fr& f) { return Expression::scaled(a, f); }

Expression operator-(const Expression& a) { return Expression::negated(a); }

Expression rot(Column column, int32_t rotation) {
  Expression::Query q;
  q.column = column.index;
  q.rotation = rotation;
  return Expression::query(column.type, q);
}

Expression sum(std::span<const Expression> terms) {
  if (terms.empty()) return Expression();
  Expression acc = terms[0];
  for (size_t i = 1; i < terms.size(); ++i) acc = acc + terms[i];
  return acc;
}

Expression product(std::span<const Expression> factors) {
  if (factors.empty()) return Expression::constant(ff::Fr::one());
  Expression acc = factors[0];
  for (size_t i = 1; i < factors.size(); ++i) acc = acc * factors[i];
  return acc;
}

void debug_fr(const ff::Fr& x, std::string& out) {
  static constexpr char kHex[] = "0123456789abcdef";
  out += "Fq(0x";
  for (uint8_t b : x.to_bytes_be()) {
    out += kHex[b >> 4];
    out += kHex[b & 15];
  }
  out += ')';
}

namespace {

void debug_query(const char* name, const Expression::Query& q, bool advice, std::string& out) {
  out += name;
  out += " { query_index: ";
  out += q.index ? std::to_string(*q.index) : "None";
  out += ", column_index: ";
  out += std::to_string(q.column);
  out += ", rotation: Rotation(";
  out += std::to_string(q.rotation);
  out += ')';
  if (advice && q.phase != 0) {
    out += ", phase: Phase(";
    out += std::to_string(q.phase);
    out += ')';
  }
  out += " }";
}

}  // namespace

void Expression::debug(std::string& out) const {
  const Node& n = *node_;
  switch (n.kind) {
    case Kind::kConstant:
      out += "Constant(";
      debug_fr(n.value, out);
      out += ')';
      return;
    case Kind::kSelector:
      out += "Selector(Selector(";
      out += std::to_string(n.selector.index);
      out += n.selector.simple ? ", true))" : ", false))";
      return;
    case Kind::kFixed:
      debug_query("Fixed", n.query, false, out);
      return;
    case Kind::kAdvice:
      debug_query("Advice", n.query, true, out);
      return;
    case Kind::kInstance:
      debug_query("Instance", n.query, false, out);
      return;
    case Kind::kChallenge:
      out += "Challenge(Challenge { index: ";
      out += std::to_string(n.challenge.index);
      out += ", phase: ";
      out += std::to_string(n.challenge.phase);
      out += " })";
      return;
    case Kind::kNegated:
      out += "Negated(";
      lhs().debug(out);
      out += ')';
      return;
    case Kind::kSum:
    case Kind::kProduct:
      out += n.kind == Kind::kSum ? "Sum(" : "Product(";
      lhs().debug(out);
      out += ", ";
      rhs().debug(out);
      out += ')';
      return;
    case Kind::kScaled:
      out += "Scaled(";
      lhs().debug(out);
      out += ", ";
      debug_fr(n.value, out);
      out += ')';
      return;
  }
}

}  // namespace nightjar::plonk
