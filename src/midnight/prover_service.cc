#include "midnight/prover_service.h"

#include <chrono>
#include <string>
#include <utility>

#include "base/secure_zero.h"
#include "midnight/proof_verifier.h"
#include "midnight/proving_key_load.h"
#include "zkir/synthesis.h"

namespace nightjar::midnight {

namespace {

using Clock = std::chrono::steady_clock;

// Seconds since `start`, and restarts the clock.
double lap(Clock::time_point& start) {
  const Clock::time_point now = Clock::now();
  const double s = std::chrono::duration<double>(now - start).count();
  start = now;
  return s;
}

// Zeroes a copy of the communications commitment (its randomness is secret) when the scope ends.
class WipeCommitment {
 public:
  explicit WipeCommitment(std::optional<zkir::CommunicationsCommitment>* c) : c_(c) {}
  WipeCommitment(const WipeCommitment&) = delete;
  WipeCommitment& operator=(const WipeCommitment&) = delete;
  ~WipeCommitment() {
    if (c_->has_value()) secure_zero(&**c_, sizeof(zkir::CommunicationsCommitment));
  }

 private:
  std::optional<zkir::CommunicationsCommitment>* c_;
};

Status cancelled_status() { return Status(StatusCode::kCancelled, "proof cancelled"); }

}  // namespace

Result<ProvedCall> ProverService::prove(const CircuitCall& call, plonk::RandomSource& rng,
                                        const plonk::CancelCheck& cancelled) const {
  NIGHTJAR_CHECK(call.preimage != nullptr);
  const auto stop = [&cancelled] { return cancelled && cancelled(); };
  ProvedCall out;
  ProveStats& stats = out.stats;
  Clock::time_point clock = Clock::now();

  if (stop()) return cancelled_status();
  Result<std::shared_ptr<const LoadedCircuit>> keys =
      keys_->get(call.prover_key, call.verifier_key, &stats.keys_cached);
  if (!keys.is_ok()) return keys.status();
  const LoadedCircuit& circuit = **keys;
  out.k = circuit.k;
  stats.keys = lap(clock);

  if (stop()) return cancelled_status();
  Result<std::shared_ptr<const Srs>> srs = srs_->get(circuit.k);
  if (!srs.is_ok()) return srs.status();
  stats.srs = lap(clock);

  const zkir::Ir& relation = call.ir != nullptr ? *call.ir : circuit.relation;
  zkir::CheckInputs inputs = check_inputs(*call.preimage);
  WipeCommitment wipe_inputs(&inputs.communications_commitment);
  if (call.binding_input) inputs.binding_input = *call.binding_input;

  // Every witness buffer (the interpreter's memory, the assignment) lives in this block and is
  // zeroed when it ends, before the proof is verified.
  {
    if (stop()) return cancelled_status();
    Result<zkir::Preprocessed> pre = zkir::preprocess(relation, inputs);
    if (!pre.is_ok()) {
      return Status(pre.status().code(), "preimage rejected: " + pre.status().message());
    }
    stats.check = lap(clock);

    if (stop()) return cancelled_status();
    zkir::SynthesisWitness witness{pre->memory.values(), inputs.binding_input,
                                   inputs.communications_commitment};
    WipeCommitment wipe_witness(&witness.communications_commitment);
    Result<zkir::Synthesized> synthesized =
        zkir::synthesize(relation, witness, circuit.max_bit_len, circuit.k);
    if (!synthesized.is_ok()) {
      return Status(synthesized.status().code(), "synthesis: " + synthesized.status().message());
    }
    stats.layout = lap(clock);

    if (stop()) return cancelled_status();
    Result<std::vector<uint8_t>> proof =
        prove_circuit((*srs)->commitment_key, circuit.proving, synthesized->assignment,
                      pre->public_inputs, rng, &stats.rounds, cancelled);
    if (!proof.is_ok()) return proof.status();
    stats.prove = lap(clock);
    out.proof = std::move(proof).value();
    out.public_inputs = std::move(pre->public_inputs);
    out.pi_skips = std::move(pre->pi_skips);
  }

  const Status verified =
      verify_proof((*srs)->verifier, circuit.verifier, out.public_inputs, out.proof);
  if (!verified.is_ok()) {
    return invalid_argument(
        "the proof fails its self-check against the verifier key (do the IR, the prover key and "
        "the verifier key belong to one circuit?): " +
        verified.message());
  }
  stats.verify = lap(clock);
  return out;
}

}  // namespace nightjar::midnight
