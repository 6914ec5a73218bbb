#include "circuits/p2r_decomposition_chip.h"

#include "base/status.h"

namespace nightjar::circuits {

P2RDecompositionConfig configure_p2r_decomposition(const NativeConfig& native,
                                                   const Pow2RangeConfig& pow2range) {
  NIGHTJAR_CHECK(pow2range.val_cols.size() < kArithCols);
  for (size_t i = 0; i < pow2range.val_cols.size(); ++i) {
    NIGHTJAR_CHECK(pow2range.val_cols[i] == native.value_cols[i + 1]);
  }
  return P2RDecompositionConfig{native, pow2range};
}

}  // namespace nightjar::circuits
