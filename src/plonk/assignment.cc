#include "plonk/assignment.h"

namespace nightjar::plonk {

Assignment::Assignment(const ConstraintSystem& cs, uint32_t k_in)
    : k(k_in), blinding_factors(cs.blinding_factors()) {
  fixed.assign(cs.num_fixed_columns(), std::vector<ff::Fr>(n()));
  advice.assign(cs.num_advice_columns(), std::vector<ff::Fr>(n()));
  instance.assign(cs.num_instance_columns(), std::vector<ff::Fr>(n()));
}

Assignment::~Assignment() {
  for (std::vector<ff::Fr>& col : advice) {
    secure_zero(col.data(), col.size() * sizeof(ff::Fr));
  }
}

std::vector<ff::Fr>& Assignment::column(Column c) {
  switch (c.type) {
    case ColumnType::kAdvice:
      return advice[c.index];
    case ColumnType::kFixed:
      return fixed[c.index];
    case ColumnType::kInstance:
      return instance[c.index];
  }
  return advice[c.index];
}

const std::vector<ff::Fr>& Assignment::column(Column c) const {
  return const_cast<Assignment*>(this)->column(c);
}

}  // namespace nightjar::plonk
