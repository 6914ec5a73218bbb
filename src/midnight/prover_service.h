// Proving one Midnight circuit call, as the official /prove does (midnight-ledger 8.1.0
// transient-crypto ProofPreimage::prove with zkir-2.1.0 IrSource::prove):
//   keys     the prover and verifier key files decoded, checked against each other and the
//            proving key derived (or found in the ProvingKeyCache);
//   SRS      the commitment key for the key's k (SrsCache);
//   check    the relation run on the preimage (zkir::preprocess), with the binding input
//            replaced when the call overrides it: public inputs and the final memory; a preimage
//            the official check rejects stops here with its reason and no proof is made;
//   layout   zkir::synthesize with the key's max_bit_len and k: the witness columns;
//   prove    the PLONK prover (plonk::create_proof through prove_circuit);
//   verify   the proof checked against the verifier key and the SRS, as the official code does
//            before it answers ("self-verification"): a proof that does not verify is an error.
// The relation is the call's IR when it has one (the official server proves with the request's
// `ir_source`, not with the prover key's embedded copy) and the prover key's otherwise.
//
// Errors: kInvalidArgument for key material that does not decode or does not belong together, a
// preimage the relation rejects, or a proof that fails its self-check; kNotFound / kDataLoss /
// kOutOfRange for the SRS (srs_cache.h); kCancelled once the cancel check says so. The check runs
// before each step and between the prover's rounds (plonk/prover.h).
//
// Witness data: the interpreter's memory, the synthesised assignment, every prover polynomial and
// the copies of the communications randomness are zeroed before prove() returns, whether it
// succeeds or fails. The caller owns (and zeroes) the preimage.
//
// Thread safety: a ProverService holds only the two caches, which are thread-safe; any number of
// threads may prove at once (each with its own RandomSource). The prover's parallel loops run on
// the global thread pool, which the calls share.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "base/status.h"
#include "ff/fr.h"
#include "midnight/key_cache.h"
#include "midnight/preimage.h"
#include "midnight/srs_cache.h"
#include "plonk/prover.h"
#include "plonk/random.h"
#include "zkir/interpreter.h"
#include "zkir/ir.h"

namespace nightjar::midnight {

// One call to prove: a preimage and its circuit's key material (the parts of a /prove request).
struct CircuitCall {
  const ProofPreimage* preimage = nullptr;
  std::span<const uint8_t> prover_key;    // the tagged prover-key[v7] file
  std::span<const uint8_t> verifier_key;  // the tagged verifier-key[v6] file
  const zkir::Ir* ir = nullptr;           // nullptr: the relation inside the prover key
  std::optional<ff::Fr> binding_input;    // /prove's override of the preimage's binding input
};

// Wall-clock seconds of each step, for benchmarks and logs.
struct ProveStats {
  bool keys_cached = false;
  double keys = 0;
  double srs = 0;
  double check = 0;
  double layout = 0;
  double prove = 0;
  double verify = 0;
  plonk::ProofTimings rounds;  // the prove step, round by round
};

struct ProvedCall {
  std::vector<uint8_t> proof;  // the raw PLONK bytes: the body of a proof[v5]
  std::vector<ff::Fr> public_inputs;
  zkir::PiSkips pi_skips;
  uint32_t k = 0;
  ProveStats stats;
};

class ProverService {
 public:
  ProverService(SrsCache* srs, ProvingKeyCache* keys) : srs_(srs), keys_(keys) {}

  [[nodiscard]] Result<ProvedCall> prove(const CircuitCall& call, plonk::RandomSource& rng,
                                         const plonk::CancelCheck& cancelled = {}) const;

 private:
  SrsCache* srs_;
  ProvingKeyCache* keys_;
};

}  // namespace nightjar::midnight
