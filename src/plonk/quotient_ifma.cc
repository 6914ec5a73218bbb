#include "plonk/quotient_ifma.h"

#include <vector>

#include "base/secure_zero.h"
#include "base/status.h"
#include "base/thread_pool.h"
#include "ff/backend.h"
#include "ff/fr_ifma_inl.h"
#include "plonk/permutation_prover.h"

namespace nightjar::plonk {

bool numerator_ifma_available() {
  return ff::fr_ifma::available() && ff::active_backend() != ff::Backend::kPortable;
}

#if NIGHTJAR_HAVE_FR_IFMA

namespace {

using ff::Fr;
using namespace ff::fr_ifma;
using Op = ExpressionProgram::Op;
using OpKind = ExpressionProgram::OpKind;

constexpr size_t kLanes = 8;

// Rows index .. index + 7 of a column of `size` values (a power of two), wrapping at the end.
NIGHTJAR_IFMA_TARGET inline F5 load_rows(const Fr* column, size_t index, size_t size) {
  index &= size - 1;
  if (index + kLanes <= size) return load8(column + index);
  Fr rows[kLanes];
  for (size_t j = 0; j < kLanes; ++j) rows[j] = column[(index + j) & (size - 1)];
  return load8(rows);
}

// One thread's registers of a compiled program, evaluated eight rows at a time. The constant
// registers are filled once; the others hold witness-derived values and are zeroed on
// destruction.
class LaneProgram {
 public:
  NIGHTJAR_IFMA_TARGET LaneProgram(const ExpressionProgram& program, const ColumnValues& columns)
      : ops_(program.ops()), columns_(columns), registers_(ops_.size()) {
    for (int32_t rotation : program.rotations()) {
      shifts_.push_back(static_cast<size_t>(static_cast<int64_t>(rotation) *
                                            static_cast<int64_t>(columns.rotation_scale)));
    }
    for (size_t i = 0; i < ops_.size(); ++i) {
      if (ops_[i].kind == OpKind::kConstant) registers_[i] = splat(program.constants()[ops_[i].a]);
    }
  }
  LaneProgram(const LaneProgram&) = delete;
  LaneProgram& operator=(const LaneProgram&) = delete;
  ~LaneProgram() { secure_zero(registers_.data(), registers_.size() * sizeof(F5)); }

  // Every register at rows row .. row + 7.
  NIGHTJAR_IFMA_TARGET void evaluate(size_t row) {
    const size_t size = columns_.size;
    const F5 zero = splat(Fr::zero());
    for (size_t i = 0; i < ops_.size(); ++i) {
      const Op& op = ops_[i];
      F5& out = registers_[i];
      switch (op.kind) {
        case OpKind::kConstant:
          break;
        case OpKind::kFixed:
          out = load_rows(columns_.fixed[op.a], row + shifts_[op.b], size);
          break;
        case OpKind::kAdvice:
          out = load_rows(columns_.advice[op.a], row + shifts_[op.b], size);
          break;
        case OpKind::kInstance:
          out = load_rows(columns_.instance[op.a], row + shifts_[op.b], size);
          break;
        case OpKind::kNegate:
          out = sub_mod(zero, registers_[op.a]);
          break;
        case OpKind::kAdd:
          out = add_mod(registers_[op.a], registers_[op.b]);
          break;
        case OpKind::kSubtract:
          out = sub_mod(registers_[op.a], registers_[op.b]);
          break;
        case OpKind::kMultiply:
          out = mul_mod(registers_[op.a], registers_[op.b]);
          break;
      }
    }
  }

  const F5& operator[](uint32_t r) const { return registers_[r]; }

 private:
  std::span<const Op> ops_;
  const ColumnValues& columns_;
  std::vector<size_t> shifts_;  // per rotation slot, in indices of the columns
  std::vector<F5> registers_;
};

// acc·y + term: one step of folding the identities with y, as the scalar evaluator does.
NIGHTJAR_IFMA_TARGET inline F5 fold(const F5& acc, const F5& y, const F5& term) {
  return add_mod(mul_mod(acc, y), term);
}

// What every block of rows reads.
struct Numerator {
  const ProvingKey& pk;
  const QuotientInputs& in;
  std::vector<const Fr*> perm_values;  // the permutation's columns on the coset
  size_t size, scale, next_shift, prev_shift, last_shift;
};

// Rows 8·block_begin .. 8·block_end - 1 of the numerator into `out`.
NIGHTJAR_IFMA_TARGET void numerator_blocks(const Numerator& c, size_t block_begin, size_t block_end,
                                           Fr* out) {
  const ProvingKey& pk = c.pk;
  const QuotientInputs& in = c.in;
  const ProverDomain& d = pk.domain();
  const Evaluator& ev = pk.evaluator();
  const size_t size = c.size;
  const std::vector<ExtendedPoly>& products = *in.permutation_products;
  const std::vector<ExtendedPoly>& trash = *in.trashcans;
  const size_t chunk_len = pk.vk().cs_degree() - 2;
  const size_t num_perm_columns = c.perm_values.size();

  const F5 one = splat(Fr::one());
  const F5 y = splat(in.y);
  const F5 beta = splat(in.beta);
  const F5 gamma = splat(in.gamma);
  const F5 theta = splat(in.theta);
  const F5 trash_challenge = splat(in.trash_challenge);
  const F5 delta = splat(permutation_delta());
  const F5 omega_step = splat(d.extended_omega().pow_u64(kLanes));
  LaneProgram regs(ev.quotient, in.columns);
  // X on the block's rows: ζ·ω_e^i.
  F5 x;
  {
    Fr xs[kLanes];
    xs[0] = d.coset_shift() * d.extended_omega().pow_u64(block_begin * kLanes);
    for (size_t j = 1; j < kLanes; ++j) xs[j] = xs[j - 1] * d.extended_omega();
    x = load8(xs);
  }
  for (size_t block = block_begin; block < block_end; ++block, x = mul_mod(x, omega_step)) {
    const size_t i = block * kLanes;
    regs.evaluate(i);
    F5 v = splat(Fr::zero());
    for (uint32_t r : ev.gates) v = fold(v, y, regs[r]);

    const F5 l0 = load8(pk.l0().data() + i);
    const F5 l_last = load8(pk.l_last().data() + i);
    const F5 l_active = load8(pk.l_active_row().data() + i);
    if (!products.empty()) {
      const F5 first = load8(products.front().data() + i);
      const F5 final_set = load8(products.back().data() + i);
      v = fold(v, y, mul_mod(sub_mod(one, first), l0));
      v = fold(v, y, mul_mod(sub_mod(square_mod(final_set), final_set), l_last));
      for (size_t s = 1; s < products.size(); ++s) {
        const F5 current = load8(products[s].data() + i);
        const F5 previous_last = load_rows(products[s - 1].data(), i + c.last_shift, size);
        v = fold(v, y, mul_mod(sub_mod(current, previous_last), l0));
      }
      F5 current_delta = mul_mod(beta, x);
      for (size_t s = 0; s < products.size(); ++s) {
        const size_t lo = s * chunk_len;
        const size_t hi = std::min(num_perm_columns, lo + chunk_len);
        F5 left = load_rows(products[s].data(), i + c.next_shift, size);
        F5 right = load8(products[s].data() + i);
        for (size_t j = lo; j < hi; ++j) {
          const F5 value = load8(c.perm_values[j] + i);
          const F5 sigma = load8(pk.permutation_cosets()[j].data() + i);
          left = mul_mod(left, add_mod(add_mod(value, mul_mod(beta, sigma)), gamma));
          right = mul_mod(right, add_mod(add_mod(value, current_delta), gamma));
          current_delta = mul_mod(current_delta, delta);
        }
        v = fold(v, y, mul_mod(sub_mod(left, right), l_active));
      }
    }

    for (size_t l = 0; l < in.lookups.size(); ++l) {
      const QuotientInputs::Lookup& lk = in.lookups[l];
      const Evaluator::Lookup& regs_of = ev.quotient_lookups[l];
      F5 input = splat(Fr::zero());
      for (uint32_t r : regs_of.inputs) input = fold(input, theta, regs[r]);
      F5 table = splat(Fr::zero());
      for (uint32_t r : regs_of.tables) table = fold(table, theta, regs[r]);
      const F5 z = load8(lk.product->data() + i);
      const F5 z_next = load_rows(lk.product->data(), i + c.next_shift, size);
      const F5 a = load8(lk.permuted_input->data() + i);
      const F5 a_prev = load_rows(lk.permuted_input->data(), i + c.prev_shift, size);
      const F5 s = load8(lk.permuted_table->data() + i);
      const F5 a_minus_s = sub_mod(a, s);
      v = fold(v, y, mul_mod(sub_mod(one, z), l0));
      v = fold(v, y, mul_mod(sub_mod(square_mod(z), z), l_last));
      const F5 lhs = mul_mod(mul_mod(z_next, add_mod(a, beta)), add_mod(s, gamma));
      const F5 rhs = mul_mod(mul_mod(z, add_mod(input, beta)), add_mod(table, gamma));
      v = fold(v, y, mul_mod(sub_mod(lhs, rhs), l_active));
      v = fold(v, y, mul_mod(a_minus_s, l0));
      v = fold(v, y, mul_mod(mul_mod(a_minus_s, sub_mod(a, a_prev)), l_active));
    }

    for (size_t t = 0; t < trash.size(); ++t) {
      const Evaluator::Trash& regs_of = ev.quotient_trashcans[t];
      F5 compressed = splat(Fr::zero());
      for (uint32_t r : regs_of.constraints)
        compressed = fold(compressed, trash_challenge, regs[r]);
      const F5 kept = mul_mod(sub_mod(one, regs[regs_of.selector]), load8(trash[t].data() + i));
      v = fold(v, y, sub_mod(compressed, kept));
    }
    store8(out + i, v);
  }
}

}  // namespace

ExtendedPoly evaluate_numerator_ifma(const ProvingKey& pk, const QuotientInputs& in) {
  const ConstraintSystem& cs = pk.cs();
  const size_t size = pk.domain().extended_n();
  NIGHTJAR_CHECK(size % kLanes == 0 && in.columns.size == size);
  const size_t scale = pk.domain().rotation_scale();
  Numerator c{pk,
              in,
              {},
              size,
              scale,
              scale,
              static_cast<size_t>(-static_cast<int64_t>(scale)),
              static_cast<size_t>(-static_cast<int64_t>((cs.blinding_factors() + 1) * scale))};
  for (const Column& col : cs.permutation_columns()) {
    const std::vector<const Fr*>& of_type = col.type == ColumnType::kAdvice  ? in.columns.advice
                                            : col.type == ColumnType::kFixed ? in.columns.fixed
                                                                             : in.columns.instance;
    c.perm_values.push_back(of_type[col.index]);
  }
  ExtendedPoly out(size);
  ThreadPool::global().parallel_for(size / kLanes, 32, [&](size_t begin, size_t end) {
    numerator_blocks(c, begin, end, out.data());
  });
  return out;
}

#else  // !NIGHTJAR_HAVE_FR_IFMA

// Unreachable: evaluate_numerator calls it only when numerator_ifma_available().
ExtendedPoly evaluate_numerator_ifma(const ProvingKey&, const QuotientInputs&) {
  NIGHTJAR_CHECK(false);
  return ExtendedPoly();
}

#endif  // NIGHTJAR_HAVE_FR_IFMA

}  // namespace nightjar::plonk
