// Key generation for a ZKIR circuit, as the official toolchain makes `.prover` and `.verifier`
// files (transient-crypto proofs.rs Zkir::keygen: zk-stdlib setup_vk then setup_pk, written by
// MidnightVK::write with SerdeFormat::Processed and MidnightPK::write with RawBytesUnchecked).
//
// The circuit's max_bit_len and k are the cost model's (zkir::cost_model, what
// MidnightCircuit::from_relation and min_k choose); the circuit is laid out without a witness
// (zkir::synthesize_layout) and plonk::keygen commits to its fixed columns and σ. Nothing is
// random, so the keys equal the official ones byte for byte; only the gzip stream around a prover
// key may differ (the official writer is flate2 at level 6, ours zlib at level 6).
//
// The prover key body is
//   u8 max_bit_len, u8 k, the relation (prover_key.h: untagged ir-source[v2] body for a legacy
//   IR, 0xff + tagged ir-source[v2-generic] for a generic one), then midnight-proofs
//   ProvingKey::write: the verifying key (u8 version 3, u8 k, u32 LE fixed count, fixed
//   commitments, permutation commitments, each 96-byte ZCash uncompressed), then u32 BE count +
//   the fixed polynomials and u32 BE count + the σ polynomials, each u32 BE 2^k + its Lagrange
//   values as 32-byte raw Montgomery limbs, little-endian.
//
// Scope: ZKIR minor version 0 in either envelope (what zkir 2.0 and 2.1 prove). Minor version 1
// IRs are refused with synthesis's error, as is any IR the official synthesis rejects.
// Thread safety: pure functions; MSMs run on up to max_threads threads of ThreadPool::global().
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "base/status.h"
#include "midnight/prover_key.h"
#include "midnight/verifier_key.h"
#include "midnight/writer.h"
#include "pcs/kzg/params.h"
#include "plonk/keygen.h"
#include "zkir/ir.h"
#include "zkir/synthesis.h"

namespace nightjar::midnight {

struct CircuitKeys {
  ProverKey prover;  // body decompressed; encode_prover_key gives the file
  VerifierKey verifier;
};

// Keys for `ir` laid out as `model` says (max_bit_len, k), with `params` the SRS of size exactly
// 2^model.k. Not OK when synthesis refuses the IR, the circuit does not fit 2^k rows or the SRS
// has another size.
[[nodiscard]] Result<CircuitKeys> generate_keys(const zkir::Ir& ir, const zkir::CircuitModel& model,
                                                const kzg::Params& params, size_t max_threads = 0);

// midnight-proofs ProvingKey::write (RawBytesUnchecked) of `keys`, and its size in bytes.
void write_proving_key(Writer& w, const plonk::PlonkKeys& keys);
size_t proving_key_size(const plonk::PlonkKeys& keys);

}  // namespace nightjar::midnight
