#include "circuits/pow2range_chip.h"

#include <utility>

#include "base/status.h"
#include "circuits/native_chip.h"

namespace nightjar::circuits {

using plonk::Column;
using plonk::Expression;
using plonk::VirtualCells;

Pow2RangeConfig configure_pow2range(plonk::ConstraintSystem& cs, std::span<const Column> val_cols) {
  NIGHTJAR_CHECK(val_cols.size() < kArithCols);
  Pow2RangeConfig c;
  c.val_cols.assign(val_cols.begin(), val_cols.end());
  c.q_pow2range = cs.complex_selector();
  c.tag_col = cs.fixed_column();
  c.t_tag = cs.lookup_table_column();
  c.t_val = cs.lookup_table_column();
  for (const Column& val_col : c.val_cols) {
    cs.lookup("pow2range column check", [&c, val_col](VirtualCells& m) {
      Expression sel = m.query_selector(c.q_pow2range);
      Expression tag = m.query_fixed(c.tag_col, 0);
      Expression val = m.query_advice(val_col, 0);
      return std::vector<std::pair<Expression, Column>>{{tag, c.t_tag}, {sel * val, c.t_val}};
    });
  }
  return c;
}

}  // namespace nightjar::circuits
