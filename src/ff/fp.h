// Fp: the 381-bit base field of BLS12-381 (coordinates of G1 and, via Fp2, of G2).
#pragma once

#include "ff/fp_params.h"
#include "ff/mont_field.h"

namespace nightjar::ff {

using Fp = MontField<FpParams>;

}  // namespace nightjar::ff
