// Synthesis of a ZKIR v2 circuit: the official `Relation for IrSource` (midnight-ledger
// zkir/src/ir_vm.rs at zkir-2.1.0) run inside zk-stdlib's MidnightCircuit, i.e. each instruction
// lowered onto the standard-library gadgets in circuits/, laid out by the SimpleFloorPlanner
// (circuits/layouter.h). The result is what the official keygen and prover see: the fixed columns
// a prover key stores, the witness, the instance column and the copy constraints.
//
// The same run without a witness is the official cost model (zk_stdlib::cost_model,
// dev::circuit_model): it measures the rows regions use, the table rows and the public inputs,
// and the circuit's k is the least power of two holding the largest of them plus the unusable
// (blinding) rows. max_bit_len, the pow2range table's widest range, is chosen as MidnightCircuit
// chooses it when a key is made: the smallest k over 8, 9, ..., stopping once the table is no
// longer the bottleneck. On 2^k rows, the run without a witness is also what keygen lays out and
// commits to (synthesize_layout).
//
// Instance columns. Column 0 (committed instance) is empty. Column 1 holds the public inputs from
// row 0: the binding input, the communications commitment when the IR has one, then every
// declare_pub_input value, each copy-constrained to the cell that computed it.
//
// Only minor version 0 is synthesized (what zkir-2.1.0 proves); minor version 1 IRs, whose circuits
// differ (ir.h), are refused.
//
// Errors. kInvalidArgument for IRs the official synthesis rejects (an operand index out of range,
// an alignment it cannot decode in-circuit, a point off the curve) and for witnesses that disagree
// with the circuit (a memory value the gadgets compute differently); kOutOfRange when the circuit
// does not fit in 2^k rows.
// Witness data: the returned assignment's advice columns are secret (plonk::Assignment wipes them).
// Thread safety: pure functions of their arguments.
#pragma once

#include <cstdint>
#include <optional>
#include <span>

#include "base/status.h"
#include "circuits/zk_std_lib_arch.h"
#include "ff/fr.h"
#include "plonk/assignment.h"
#include "plonk/constraint_system.h"
#include "zkir/interpreter.h"
#include "zkir/ir.h"

namespace nightjar::zkir {

// IrSource::used_chips: the architecture whose constraint system proves `ir`.
circuits::ZkStdLibArch used_chips(const Ir& ir);

// What the official cost model reports (dev::cost_model CircuitModel), as far as k depends on it.
struct CircuitModel {
  uint32_t k = 0;
  uint8_t max_bit_len = 0;
  size_t rows = 0;
  size_t table_rows = 0;
  size_t instance_rows = 0;
  size_t unusable_rows = 0;
};

// zk_stdlib::cost_model: max_bit_len chosen as for a new key.
Result<CircuitModel> cost_model(const Ir& ir);
// The model for a given max_bit_len (a prover key stores the one it was made with).
Result<CircuitModel> cost_model(const Ir& ir, uint8_t max_bit_len);

// The witness side of a proof: the interpreter's final memory (Preprocessed::memory), the binding
// input and the communications commitment with its randomness.
struct SynthesisWitness {
  std::span<const ff::Fr> memory;
  ff::Fr binding_input;
  std::optional<CommunicationsCommitment> communications_commitment;
};

struct Synthesized {
  plonk::ConstraintSystem cs;  // selectors converted to fixed columns
  plonk::Assignment assignment;
  // The public inputs the circuit constrains (the native chip's nb_public_inputs, which a
  // verifier key stores).
  size_t num_public_inputs = 0;
};

// The circuit on 2^k rows with pow2range tables up to max_bit_len bits.
Result<Synthesized> synthesize(const Ir& ir, const SynthesisWitness& witness, uint8_t max_bit_len,
                               uint32_t k);

// The run key generation makes (midnight-proofs keygen_vk / keygen_pk on
// MidnightCircuit::from_relation): the same layout with every value unknown. The assignment holds
// the fixed columns (selectors included) and the copies; advice and instance columns stay zero.
Result<Synthesized> synthesize_layout(const Ir& ir, uint8_t max_bit_len, uint32_t k);

}  // namespace nightjar::zkir
