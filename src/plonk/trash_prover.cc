#include "plonk/trash_prover.h"

#include "base/thread_pool.h"

namespace nightjar::plonk {

using ff::Fr;

std::vector<CoeffPoly> commit_trashcans(const ProvingKey& pk, const CommitmentKey& ck,
                                        const ColumnValues& rows, const Fr& challenge,
                                        Transcript& transcript) {
  const Evaluator& ev = pk.evaluator();
  const ProverDomain& d = pk.domain();
  std::vector<LagrangePoly> values;
  for (size_t t = 0; t < ev.trash_registers.size(); ++t) values.emplace_back(d.n());
  if (!values.empty()) {
    constexpr size_t kBlock = ExpressionProgram::kBlock;
    ThreadPool::global().parallel_for(d.n(), 256, [&](size_t begin, size_t end) {
      std::vector<Fr> regs = ev.trashcans.make_registers();
      for (size_t i0 = begin; i0 < end; i0 += kBlock) {
        const size_t count = std::min(kBlock, end - i0);
        ev.trashcans.evaluate(rows, i0, count, regs);
        for (size_t t = 0; t < values.size(); ++t) {
          for (size_t j = 0; j < count; ++j) {
            Fr acc = Fr::zero();
            for (uint32_t r : ev.trash_registers[t]) acc = acc * challenge + regs[r * kBlock + j];
            values[t][i0 + j] = acc;
          }
        }
      }
      secure_zero(regs.data(), regs.size() * sizeof(Fr));
    });
  }
  std::vector<CoeffPoly> out;
  for (LagrangePoly& v : values) {
    transcript.write_point(ck.commit_lagrange(v.span()));
    out.push_back(d.lagrange_to_coeff(std::move(v)));
  }
  return out;
}

void evaluate_trashcans(const std::vector<CoeffPoly>& trash, const Fr& x, Transcript& transcript) {
  for (const CoeffPoly& p : trash) transcript.write_scalar(eval_polynomial(p.span(), x));
}

void open_trashcans(const std::vector<CoeffPoly>& trash, const Fr& x,
                    std::vector<ProverQuery>& queries) {
  for (const CoeffPoly& p : trash) queries.push_back({x, &p});
}

}  // namespace nightjar::plonk
