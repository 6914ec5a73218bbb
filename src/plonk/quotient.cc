#include "plonk/quotient.h"

#include "base/thread_pool.h"
#include "plonk/permutation_prover.h"
#include "plonk/quotient_ifma.h"

namespace nightjar::plonk {

using ff::Fr;

ExtendedPoly evaluate_numerator(const ProvingKey& pk, const QuotientInputs& in) {
  const ConstraintSystem& cs = pk.cs();
  const ProverDomain& d = pk.domain();
  if (numerator_ifma_available() && d.extended_n() % 8 == 0) {
    return evaluate_numerator_ifma(pk, in);
  }
  const Evaluator& ev = pk.evaluator();
  const size_t size = d.extended_n();
  const Fr one = Fr::one();
  const Fr delta = permutation_delta();
  const std::vector<ExtendedPoly>& products = *in.permutation_products;
  const std::vector<ExtendedPoly>& trash = *in.trashcans;
  const size_t chunk_len = pk.vk().cs_degree() - 2;
  const std::vector<Column>& perm_columns = cs.permutation_columns();
  const int32_t last_rotation = -static_cast<int32_t>(cs.blinding_factors() + 1);
  const Fr* l0 = pk.l0().data();
  const Fr* l_last = pk.l_last().data();
  const Fr* l_active = pk.l_active_row().data();

  auto coset_column = [&](const Column& c) -> const Fr* {
    switch (c.type) {
      case ColumnType::kAdvice:
        return in.columns.advice[c.index];
      case ColumnType::kFixed:
        return in.columns.fixed[c.index];
      case ColumnType::kInstance:
        return in.columns.instance[c.index];
    }
    return nullptr;
  };
  std::vector<const Fr*> perm_values;
  for (const Column& c : perm_columns) perm_values.push_back(coset_column(c));

  ExtendedPoly out(size);
  ThreadPool::global().parallel_for(size, 256, [&](size_t begin, size_t end) {
    constexpr size_t kBlock = ExpressionProgram::kBlock;
    std::vector<Fr> block_regs = ev.quotient.make_registers();
    // X at row `begin` of the coset: ζ·ω_e^begin.
    Fr x = d.coset_shift() * d.extended_omega().pow_u64(begin);
    for (size_t i = begin; i < end; ++i, x *= d.extended_omega()) {
      const size_t j = (i - begin) % kBlock;
      if (j == 0) ev.quotient.evaluate(in.columns, i, std::min(kBlock, end - i), block_regs);
      // Register r at this row.
      auto regs = [&](uint32_t r) -> const Fr& { return block_regs[r * kBlock + j]; };
      Fr v = Fr::zero();
      for (uint32_t r : ev.gates) v = v * in.y + regs(r);

      const size_t next = d.rotate_extended(i, 1);
      if (!products.empty()) {
        const size_t last = d.rotate_extended(i, last_rotation);
        const ExtendedPoly& first = products.front();
        const ExtendedPoly& final_set = products.back();
        v = v * in.y + (one - first[i]) * l0[i];
        v = v * in.y + (final_set[i].square() - final_set[i]) * l_last[i];
        for (size_t s = 1; s < products.size(); ++s) {
          v = v * in.y + (products[s][i] - products[s - 1][last]) * l0[i];
        }
        Fr current_delta = in.beta * x;
        for (size_t s = 0; s < products.size(); ++s) {
          const size_t lo = s * chunk_len;
          const size_t hi = std::min(perm_columns.size(), lo + chunk_len);
          Fr left = products[s][next];
          Fr right = products[s][i];
          for (size_t j = lo; j < hi; ++j) {
            const Fr value = perm_values[j][i];
            left *= value + in.beta * pk.permutation_cosets()[j][i] + in.gamma;
            right *= value + current_delta + in.gamma;
            current_delta *= delta;
          }
          v = v * in.y + (left - right) * l_active[i];
        }
      }

      if (!in.lookups.empty()) {
        const size_t prev = d.rotate_extended(i, -1);
        for (size_t l = 0; l < in.lookups.size(); ++l) {
          const QuotientInputs::Lookup& lk = in.lookups[l];
          const Evaluator::Lookup& regs_of = ev.quotient_lookups[l];
          Fr input = Fr::zero();
          for (uint32_t r : regs_of.inputs) input = input * in.theta + regs(r);
          Fr table = Fr::zero();
          for (uint32_t r : regs_of.tables) table = table * in.theta + regs(r);
          const Fr z = (*lk.product)[i];
          const Fr a = (*lk.permuted_input)[i];
          const Fr s = (*lk.permuted_table)[i];
          const Fr a_minus_s = a - s;
          v = v * in.y + (one - z) * l0[i];
          v = v * in.y + (z.square() - z) * l_last[i];
          v = v * in.y + ((*lk.product)[next] * (a + in.beta) * (s + in.gamma) -
                          z * (input + in.beta) * (table + in.gamma)) *
                             l_active[i];
          v = v * in.y + a_minus_s * l0[i];
          v = v * in.y + a_minus_s * (a - (*lk.permuted_input)[prev]) * l_active[i];
        }
      }

      for (size_t t = 0; t < trash.size(); ++t) {
        const Evaluator::Trash& regs_of = ev.quotient_trashcans[t];
        Fr compressed = Fr::zero();
        for (uint32_t r : regs_of.constraints)
          compressed = compressed * in.trash_challenge + regs(r);
        v = v * in.y + (compressed - (one - regs(regs_of.selector)) * trash[t][i]);
      }
      out[i] = v;
    }
    secure_zero(block_regs.data(), block_regs.size() * sizeof(Fr));
  });
  return out;
}

}  // namespace nightjar::plonk
