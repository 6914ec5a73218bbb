// The ZKIR v2 interpreter: what /check runs and what /prove runs before proving (midnight-ledger
// zkir/src/ir_vm.rs, IrSource::preprocess, at ledger-8.1.0). A plain interpreter over field
// elements: no constraint system, no proof.
//
// Semantics, as the official code:
//   * inputs.size() must equal ir.num_inputs; they are the first memory slots.
//   * The public inputs start with binding_input, then the communications commitment when the IR
//     asks for one (its absence is an error), then every declare_pub_input value in order.
//   * public_input / private_input take the next public-transcript output / private-transcript
//     value, or push 0 without consuming when their guard is present and 0.
//   * declare_pub_input advances a cursor into public_transcript_inputs; pi_skip with a guard of
//     0 records Some(count) and moves the cursor back by count (the values stay public inputs of
//     the circuit); otherwise it records None and requires the last `count` declared values to
//     equal the transcript entries under the cursor.
//   * All three transcripts must be consumed exactly, and then, if the IR has a communications
//     commitment, commitment == transient_commit(inputs ‖ outputs, randomness).
// Instruction details (bit bounds, ec point decoding, FAB parsing, ...) are in interpreter.cc.
//
// Errors. Each failure is one Status whose message keeps the official wording where it reveals
// no witness data ("Expected 5 inputs, received 4", "Public transcript input mismatch for input
// 0; expected: Some(71), computed: Some(70)", "Transcripts not fully consumed", "Communications
// commitment mismatch"). Where the official message prints memory values (equality, boolean and
// bit-bound failures, alignment mismatches, points off the curve) this one names the instruction
// and the memory indices instead. Inputs on which the official code panics (a point with no
// valid decoding, a pi_skip longer than the public inputs) are errors here. Codes:
// kInvalidArgument for input the official check rejects, kOutOfRange for limits of this
// implementation (see circuits/fab.h).
//
// Witness data. CheckInputs refers to the caller's buffers (their owner zeroes them); every
// buffer the interpreter fills with memory values is zeroed before it returns, and a returned
// Preprocessed zeroes its memory when destroyed.
//
// Thread safety: pure functions of their arguments; concurrent calls are independent.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "base/status.h"
#include "ff/fr.h"
#include "zkir/ir.h"

namespace nightjar::zkir {

struct CommunicationsCommitment {
  ff::Fr commitment;
  ff::Fr randomness;
};

// The values of a proof preimage the interpreter reads (midnight::ProofPreimage, without the key
// location); spans into the caller's storage.
struct CheckInputs {
  std::span<const ff::Fr> inputs;
  std::span<const ff::Fr> private_transcript;
  std::span<const ff::Fr> public_transcript_inputs;
  std::span<const ff::Fr> public_transcript_outputs;
  ff::Fr binding_input;
  std::optional<CommunicationsCommitment> communications_commitment;
};

// One entry per pi_skip instruction: nullopt when its group of public inputs was checked against
// the transcript, n when the n public inputs were skipped. This is the /check response.
using PiSkips = std::vector<std::optional<uint64_t>>;

// Field elements that are witness data: zeroed on destruction and when moved from. Move-only.
class WitnessMemory {
 public:
  WitnessMemory() = default;
  explicit WitnessMemory(std::vector<ff::Fr> values) : values_(std::move(values)) {}
  WitnessMemory(WitnessMemory&& other) noexcept;
  WitnessMemory& operator=(WitnessMemory&& other) noexcept;
  WitnessMemory(const WitnessMemory&) = delete;
  WitnessMemory& operator=(const WitnessMemory&) = delete;
  ~WitnessMemory();

  std::span<const ff::Fr> values() const { return values_; }

 private:
  void wipe();

  std::vector<ff::Fr> values_;
};

// Everything a successful run determines: the /check answer, the circuit's public inputs (what
// the verifier sees, in order) and the final memory (the witness that synthesis lays out).
struct Preprocessed {
  PiSkips pi_skips;
  std::vector<ff::Fr> public_inputs;
  WitnessMemory memory;
};

// Runs `ir` on `inputs`.
Result<Preprocessed> preprocess(const Ir& ir, const CheckInputs& inputs);

// The /check answer alone (the memory is wiped before returning).
Result<PiSkips> check(const Ir& ir, const CheckInputs& inputs);

}  // namespace nightjar::zkir
