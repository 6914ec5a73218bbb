#include "plonk/lookup_prover.h"

#include <algorithm>

#include "base/thread_pool.h"

namespace nightjar::plonk {

namespace {

using ff::Fr;

struct Keyed {
  Fr::Limbs key;  // canonical value, little-endian limbs
  Fr value;
};

bool key_less(const Fr::Limbs& a, const Fr::Limbs& b) {
  for (size_t i = a.size(); i-- > 0;) {
    if (a[i] != b[i]) return a[i] < b[i];
  }
  return false;
}

std::vector<Keyed> sorted_prefix(const LagrangePoly& values, size_t count) {
  std::vector<Keyed> out(count);
  for (size_t i = 0; i < count; ++i) out[i] = Keyed{values[i].to_canonical(), values[i]};
  std::sort(out.begin(), out.end(),
            [](const Keyed& a, const Keyed& b) { return key_less(a.key, b.key); });
  return out;
}

void wipe(std::vector<Keyed>& v) {
  secure_zero(v.data(), v.size() * sizeof(Keyed));
  v.clear();
}

}  // namespace

std::vector<std::pair<LagrangePoly, LagrangePoly>> compress_lookups(const ProvingKey& pk,
                                                                    const ColumnValues& rows,
                                                                    const Fr& theta) {
  const Evaluator& ev = pk.evaluator();
  const size_t n = pk.domain().n();
  std::vector<std::pair<LagrangePoly, LagrangePoly>> out;
  for (size_t l = 0; l < ev.lookup_registers.size(); ++l) out.emplace_back(n, n);
  if (out.empty()) return out;
  constexpr size_t kBlock = ExpressionProgram::kBlock;
  ThreadPool::global().parallel_for(n, 256, [&](size_t begin, size_t end) {
    std::vector<Fr> regs = ev.lookups.make_registers();
    for (size_t i0 = begin; i0 < end; i0 += kBlock) {
      const size_t count = std::min(kBlock, end - i0);
      ev.lookups.evaluate(rows, i0, count, regs);
      for (size_t l = 0; l < out.size(); ++l) {
        for (size_t j = 0; j < count; ++j) {
          Fr input = Fr::zero();
          for (uint32_t r : ev.lookup_registers[l].inputs)
            input = input * theta + regs[r * kBlock + j];
          Fr table = Fr::zero();
          for (uint32_t r : ev.lookup_registers[l].tables)
            table = table * theta + regs[r * kBlock + j];
          out[l].first[i0 + j] = input;
          out[l].second[i0 + j] = table;
        }
      }
    }
    secure_zero(regs.data(), regs.size() * sizeof(Fr));
  });
  return out;
}

Result<LookupPermuted> commit_permuted(const ProvingKey& pk, const CommitmentKey& ck,
                                       LagrangePoly compressed_input, LagrangePoly compressed_table,
                                       RandomSource& rng, Transcript& transcript) {
  const ProverDomain& d = pk.domain();
  const size_t n = d.n();
  const size_t blinding = pk.cs().blinding_factors();
  const size_t usable = n - (blinding + 1);

  std::vector<Keyed> input = sorted_prefix(compressed_input, usable);
  std::vector<Keyed> table = sorted_prefix(compressed_table, usable);
  LagrangePoly permuted_input(n);
  LagrangePoly permuted_table(n);
  // Walk both sorted lists: the first row of each run of equal inputs takes one matching table
  // value; the table values not taken are the leftovers, ascending.
  std::vector<size_t> repeated_rows;
  std::vector<Fr> leftover;
  size_t t = 0;
  bool missing = false;
  for (size_t row = 0; row < usable; ++row) {
    permuted_input[row] = input[row].value;
    if (row > 0 && input[row].key == input[row - 1].key) {
      repeated_rows.push_back(row);
      continue;
    }
    while (t < usable && key_less(table[t].key, input[row].key))
      leftover.push_back(table[t++].value);
    if (t == usable || table[t].key != input[row].key) {
      missing = true;
      break;
    }
    permuted_table[row] = table[t++].value;
  }
  while (!missing && t < usable) leftover.push_back(table[t++].value);
  wipe(input);
  wipe(table);
  Status result;
  if (missing) {
    result = invalid_argument("lookup: an input value is not in the table");
  } else {
    NIGHTJAR_CHECK(leftover.size() == repeated_rows.size());
    for (size_t i = 0; i < leftover.size(); ++i) {
      permuted_table[repeated_rows[repeated_rows.size() - 1 - i]] = leftover[i];
    }
  }
  secure_zero(leftover.data(), leftover.size() * sizeof(Fr));
  if (!result.is_ok()) return result;

  for (size_t i = usable; i < n; ++i) permuted_input[i] = random_fr(rng);
  for (size_t i = usable; i < n; ++i) permuted_table[i] = random_fr(rng);

  transcript.write_point(ck.commit_lagrange(permuted_input.span()));
  transcript.write_point(ck.commit_lagrange(permuted_table.span()));
  LookupPermuted out;
  out.permuted_input_poly = d.lagrange_to_coeff(permuted_input);
  out.permuted_table_poly = d.lagrange_to_coeff(permuted_table);
  out.compressed_input = std::move(compressed_input);
  out.compressed_table = std::move(compressed_table);
  out.permuted_input = std::move(permuted_input);
  out.permuted_table = std::move(permuted_table);
  return out;
}

LookupCommitted commit_product(const ProvingKey& pk, const CommitmentKey& ck, LookupPermuted p,
                               const Fr& beta, const Fr& gamma, RandomSource& rng,
                               Transcript& transcript) {
  const ProverDomain& d = pk.domain();
  const size_t n = d.n();
  const size_t blinding = pk.cs().blinding_factors();

  LagrangePoly ratio(n);
  ThreadPool::global().parallel_for(n, 1024, [&](size_t begin, size_t end) {
    for (size_t i = begin; i < end; ++i) {
      ratio[i] = (beta + p.permuted_input[i]) * (gamma + p.permuted_table[i]);
    }
  });
  batch_invert(ratio.span());
  ThreadPool::global().parallel_for(n, 1024, [&](size_t begin, size_t end) {
    for (size_t i = begin; i < end; ++i) {
      ratio[i] *= (p.compressed_input[i] + beta) * (p.compressed_table[i] + gamma);
    }
  });

  LagrangePoly z(n);
  z[0] = Fr::one();
  for (size_t i = 1; i < n - blinding; ++i) z[i] = z[i - 1] * ratio[i - 1];
  for (size_t i = n - blinding; i < n; ++i) z[i] = random_fr(rng);
  transcript.write_point(ck.commit_lagrange(z.span()));

  LookupCommitted out;
  out.permuted_input = std::move(p.permuted_input_poly);
  out.permuted_table = std::move(p.permuted_table_poly);
  out.product = d.lagrange_to_coeff(std::move(z));
  return out;
}

void evaluate_lookup(const ProvingKey& pk, const LookupCommitted& l, const Fr& x,
                     Transcript& transcript) {
  const ProverDomain& d = pk.domain();
  const Fr x_prev = d.rotate(x, -1);
  const Fr x_next = d.rotate(x, 1);
  transcript.write_scalar(eval_polynomial(l.product.span(), x));
  transcript.write_scalar(eval_polynomial(l.product.span(), x_next));
  transcript.write_scalar(eval_polynomial(l.permuted_input.span(), x));
  transcript.write_scalar(eval_polynomial(l.permuted_input.span(), x_prev));
  transcript.write_scalar(eval_polynomial(l.permuted_table.span(), x));
}

void open_lookup(const ProvingKey& pk, const LookupCommitted& l, const Fr& x,
                 std::vector<ProverQuery>& queries) {
  const ProverDomain& d = pk.domain();
  queries.push_back({x, &l.product});
  queries.push_back({x, &l.permuted_input});
  queries.push_back({x, &l.permuted_table});
  queries.push_back({d.rotate(x, -1), &l.permuted_input});
  queries.push_back({d.rotate(x, 1), &l.product});
}

}  // namespace nightjar::plonk
