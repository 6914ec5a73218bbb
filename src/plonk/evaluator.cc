#include "plonk/evaluator.h"

#include <iterator>

namespace nightjar::plonk {

using ff::Fr;

uint32_t ExpressionProgram::constant(const Fr& value) {
  auto [it, inserted] =
      constant_index_.emplace(value.raw_montgomery(), static_cast<uint32_t>(constants_.size()));
  if (inserted) constants_.push_back(value);
  return emit(OpKind::kConstant, it->second, 0);
}

uint32_t ExpressionProgram::rotation_slot(int32_t rotation) {
  for (size_t i = 0; i < rotations_.size(); ++i) {
    if (rotations_[i] == rotation) return static_cast<uint32_t>(i);
  }
  rotations_.push_back(rotation);
  return static_cast<uint32_t>(rotations_.size() - 1);
}

uint32_t ExpressionProgram::emit(OpKind kind, uint32_t a, uint32_t b) {
  if ((kind == OpKind::kAdd || kind == OpKind::kMultiply) && b < a) std::swap(a, b);
  auto [it, inserted] = op_index_.emplace(std::make_tuple(kind, a, b), 0);
  if (inserted) {
    ops_.push_back(Op{kind, a, b});
    it->second = static_cast<uint32_t>(ops_.size() - 1);
  }
  return it->second;
}

Result<uint32_t> ExpressionProgram::add(const Expression& e) { return compile(e); }

Result<uint32_t> ExpressionProgram::compile(const Expression& e) {
  using Kind = Expression::Kind;
  switch (e.kind()) {
    case Kind::kConstant:
      return constant(e.value());
    case Kind::kSelector:
      return invalid_argument("the prover needs selectors turned into fixed columns");
    case Kind::kChallenge:
      return invalid_argument("challenges (multi-phase circuits) are not supported");
    case Kind::kFixed:
    case Kind::kAdvice:
    case Kind::kInstance: {
      const OpKind kind = e.kind() == Kind::kFixed    ? OpKind::kFixed
                          : e.kind() == Kind::kAdvice ? OpKind::kAdvice
                                                      : OpKind::kInstance;
      return emit(kind, e.query().column, rotation_slot(e.query().rotation));
    }
    case Kind::kNegated: {
      Result<uint32_t> a = compile(e.lhs());
      if (!a.is_ok()) return a;
      return emit(OpKind::kNegate, *a, 0);
    }
    case Kind::kSum: {
      Result<uint32_t> a = compile(e.lhs());
      if (!a.is_ok()) return a;
      if (e.rhs().kind() == Kind::kNegated) {
        Result<uint32_t> b = compile(e.rhs().lhs());
        if (!b.is_ok()) return b;
        return emit(OpKind::kSubtract, *a, *b);
      }
      Result<uint32_t> b = compile(e.rhs());
      if (!b.is_ok()) return b;
      return emit(OpKind::kAdd, *a, *b);
    }
    case Kind::kProduct:
    case Kind::kScaled: {
      Result<uint32_t> a = compile(e.lhs());
      if (!a.is_ok()) return a;
      Result<uint32_t> b = e.kind() == Kind::kScaled ? constant(e.value()) : compile(e.rhs());
      if (!b.is_ok()) return b;
      return emit(OpKind::kMultiply, *a, *b);
    }
  }
  return invalid_argument("unknown expression kind");
}

std::vector<Fr> ExpressionProgram::make_registers() const {
  std::vector<Fr> r(ops_.size() * kBlock);
  for (size_t i = 0; i < ops_.size(); ++i) {
    if (ops_[i].kind != OpKind::kConstant) continue;
    for (size_t j = 0; j < kBlock; ++j) r[i * kBlock + j] = constants_[ops_[i].a];
  }
  return r;
}

void ExpressionProgram::evaluate(const ColumnValues& columns, size_t row, size_t count,
                                 std::span<Fr> registers) const {
  NIGHTJAR_CHECK(count <= kBlock && registers.size() >= ops_.size() * kBlock);
  const size_t mask = columns.size - 1;
  size_t base[16];
  NIGHTJAR_CHECK(rotations_.size() <= std::size(base));
  for (size_t i = 0; i < rotations_.size(); ++i) {
    const int64_t shift =
        static_cast<int64_t>(rotations_[i]) * static_cast<int64_t>(columns.rotation_scale);
    base[i] = row + static_cast<size_t>(shift);
  }
  Fr* r = registers.data();
  auto load = [&](const Fr* column, uint32_t slot, Fr* out) {
    const size_t start = base[slot];
    for (size_t j = 0; j < count; ++j) out[j] = column[(start + j) & mask];
  };
  for (size_t i = 0; i < ops_.size(); ++i) {
    const Op& op = ops_[i];
    Fr* out = r + i * kBlock;
    const Fr* a = r + size_t{op.a} * kBlock;
    const Fr* b = r + size_t{op.b} * kBlock;
    switch (op.kind) {
      case OpKind::kConstant:
        break;  // filled by make_registers
      case OpKind::kFixed:
        load(columns.fixed[op.a], op.b, out);
        break;
      case OpKind::kAdvice:
        load(columns.advice[op.a], op.b, out);
        break;
      case OpKind::kInstance:
        load(columns.instance[op.a], op.b, out);
        break;
      case OpKind::kNegate:
        for (size_t j = 0; j < count; ++j) out[j] = -a[j];
        break;
      case OpKind::kAdd:
        for (size_t j = 0; j < count; ++j) out[j] = a[j] + b[j];
        break;
      case OpKind::kSubtract:
        for (size_t j = 0; j < count; ++j) out[j] = a[j] - b[j];
        break;
      case OpKind::kMultiply:
        for (size_t j = 0; j < count; ++j) out[j] = a[j] * b[j];
        break;
    }
  }
}

namespace {

Status add_all(ExpressionProgram& program, const std::vector<Expression>& es,
               std::vector<uint32_t>& out) {
  for (const Expression& e : es) {
    Result<uint32_t> r = program.add(e);
    if (!r.is_ok()) return r.status();
    out.push_back(*r);
  }
  return Status();
}

}  // namespace

Result<Evaluator> Evaluator::build(const ConstraintSystem& cs) {
  Evaluator ev;
  for (const Gate& g : cs.gates()) {
    if (Status s = add_all(ev.quotient, g.polys, ev.gates); !s.is_ok()) return s;
  }
  for (const LookupArgument& l : cs.lookups()) {
    Lookup& q = ev.quotient_lookups.emplace_back();
    Lookup& r = ev.lookup_registers.emplace_back();
    for (auto [program, lookup] : {std::pair{&ev.quotient, &q}, std::pair{&ev.lookups, &r}}) {
      if (Status s = add_all(*program, l.inputs, lookup->inputs); !s.is_ok()) return s;
      if (Status s = add_all(*program, l.tables, lookup->tables); !s.is_ok()) return s;
    }
  }
  for (const TrashArgument& t : cs.trashcans()) {
    if (t.selector.kind() != Expression::Kind::kFixed) {
      return invalid_argument("trash argument \"" + t.name +
                              "\" has a selector that is not a fixed column");
    }
    Trash& q = ev.quotient_trashcans.emplace_back();
    if (Status s = add_all(ev.quotient, t.constraints, q.constraints); !s.is_ok()) return s;
    Result<uint32_t> selector = ev.quotient.add(t.selector);
    if (!selector.is_ok()) return selector.status();
    q.selector = *selector;
    std::vector<uint32_t>& r = ev.trash_registers.emplace_back();
    if (Status s = add_all(ev.trashcans, t.constraints, r); !s.is_ok()) return s;
  }
  return ev;
}

}  // namespace nightjar::plonk
