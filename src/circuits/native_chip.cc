#include "circuits/native_chip.h"

#include <algorithm>
#include <vector>

namespace nightjar::circuits {

using plonk::Column;
using plonk::Constraints;
using plonk::Expression;
using plonk::VirtualCells;

NativeConfig configure_native(plonk::ConstraintSystem& cs,
                              std::span<const Column, kArithCols> advice,
                              std::span<const Column, kArithFixedCols> fixed,
                              Column committed_instance, Column instance) {
  NativeConfig c;
  c.q_arith = cs.selector();
  c.q_12_minus_34 = cs.selector();
  c.q_par_add = cs.selector();
  std::copy(advice.begin(), advice.end(), c.value_cols.begin());
  std::copy(fixed.begin() + 4, fixed.end(), c.coeff_cols.begin());
  c.q_next_col = fixed[0];
  c.mul_ab_col = fixed[1];
  c.mul_ac_col = fixed[2];
  c.constant_col = fixed[3];
  c.committed_instance_col = committed_instance;
  c.instance_col = instance;

  c.fixed_values_col = cs.fixed_column();
  cs.enable_equality(c.fixed_values_col);
  for (const Column& col : c.value_cols) cs.enable_equality(col);
  cs.enable_equality(committed_instance);
  cs.enable_equality(instance);

  // Queries are made in the official order (values, v0(next), coefficients), because query
  // indices appear in the constraint system's Debug text.
  cs.create_gate("arith_gate", [&c](VirtualCells& m) {
    std::vector<Expression> values;
    for (const Column& col : c.value_cols) values.push_back(m.query_advice(col, 0));
    Expression next_value = m.query_advice(c.value_cols[0], 1);
    std::vector<Expression> coeffs;
    for (const Column& col : c.coeff_cols) coeffs.push_back(m.query_fixed(col, 0));
    Expression q_next = m.query_fixed(c.q_next_col, 0);
    Expression mul_ab = m.query_fixed(c.mul_ab_col, 0);
    Expression mul_ac = m.query_fixed(c.mul_ac_col, 0);
    Expression id = m.query_fixed(c.constant_col, 0);
    for (size_t i = 0; i < kArithCols; ++i) id = id + coeffs[i] * values[i];
    id = id + q_next * next_value + mul_ab * values[0] * values[1] + mul_ac * values[0] * values[2];
    return Constraints::with_selector(c.q_arith, std::vector<Expression>{id});
  });

  cs.create_gate("12_minus_34", [&c](VirtualCells& m) {
    Expression v1 = m.query_advice(c.value_cols[1], 0);
    Expression v2 = m.query_advice(c.value_cols[2], 0);
    Expression v3 = m.query_advice(c.value_cols[3], 0);
    Expression v4 = m.query_advice(c.value_cols[4], 0);
    return Constraints::with_selector(c.q_12_minus_34, std::vector<Expression>{v1 + v2 - v3 - v4});
  });

  cs.create_gate("parallel_add_gate", [&c](VirtualCells& m) {
    std::vector<Expression> ids;
    for (size_t i = 0; i < kParallelAddCols; ++i) {
      Expression val = m.query_advice(c.value_cols[i], 0);
      Expression res = m.query_advice(c.value_cols[i], 1);
      Expression k = m.query_fixed(c.coeff_cols[i], 0);
      ids.push_back(val + k - res);
    }
    return Constraints::with_selector(c.q_par_add, std::move(ids));
  });

  return c;
}

}  // namespace nightjar::circuits
