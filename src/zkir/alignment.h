// The IR's FAB alignment (zkir::Alignment, zkir/ir.h) as the circuits layer's identical model
// (circuits::Alignment, circuits/fab.h), which persistent_hash encodes with; circuits/ cannot
// include zkir/, so the interpreter converts.
//
// Thread-safety: pure function.
#pragma once

#include "circuits/fab.h"
#include "zkir/ir.h"

namespace nightjar::zkir {

circuits::Alignment to_circuits(const Alignment& alignment);

}  // namespace nightjar::zkir
