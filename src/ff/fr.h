// Fr: the 255-bit scalar field of BLS12-381 (midnight-curves calls it Fq): the field of every
// circuit value, polynomial coefficient and Jubjub coordinate.
#pragma once

#include "ff/fr_params.h"
#include "ff/mont_field.h"

namespace nightjar::ff {

using Fr = MontField<FrParams>;

}  // namespace nightjar::ff
