// evaluate_numerator (quotient.h) eight rows of the extended coset at a time with AVX-512 IFMA
// (ff/fr_ifma_inl.h): the quotient program's registers and every identity of the numerator are
// computed in 8-lane vectors of 52-bit limbs, with every intermediate value kept below r. The
// result is the same field elements as the scalar evaluation, so proofs are unchanged; the work
// is about a third of the scalar path's, and it is most of the quotient step.
//
// Thread safety: pure function; runs on the global thread pool. Registers holding witness values
// are zeroed before it returns.
#pragma once

#include "plonk/polynomial.h"
#include "plonk/proving_key.h"
#include "plonk/quotient.h"

namespace nightjar::plonk {

// This build and CPU run it, and the field backend is not forced to portable (NIGHTJAR_CPU).
bool numerator_ifma_available();

// evaluate_numerator's value; only when numerator_ifma_available().
ExtendedPoly evaluate_numerator_ifma(const ProvingKey& pk, const QuotientInputs& in);

}  // namespace nightjar::plonk
