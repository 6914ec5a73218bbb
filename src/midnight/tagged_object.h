// Any tagged object the proof server handles, chosen by its header: the entry point for tools
// (nightjar decode) and the tagged-format fuzz target.
//
// Thread safety: stateless functions.
#pragma once

#include <cstdint>
#include <span>
#include <string_view>
#include <variant>
#include <vector>

#include "base/status.h"
#include "ff/fr.h"
#include "midnight/preimage.h"
#include "midnight/proof.h"
#include "midnight/prover_key.h"
#include "midnight/proving_data.h"
#include "midnight/reader.h"
#include "midnight/requests.h"
#include "midnight/verifier_key.h"
#include "zkir/ir.h"

namespace nightjar::midnight {

using TaggedObject = std::variant<ProofPreimage, ProofPreimageVersioned, Proof, ProofVersioned,
                                  ProvingKeyMaterial, WrappedIr, CheckRequest, ProveRequest,
                                  CheckResponse, ff::Fr, VerifierKey, zkir::Ir, ProverKey>;

// The tag of `midnight:<tag>:...`, or empty when the input has no such header (tags never
// contain ':' and are at most kMaxTagLength bytes).
inline constexpr size_t kMaxTagLength = 256;
std::string_view peek_tag(std::span<const uint8_t> bytes);

Result<TaggedObject> decode_any(std::span<const uint8_t> bytes, const DecodeLimits& limits = {});
// The tagged bytes of `object`; a ProverKey is re-compressed (see encode_prover_key).
std::vector<uint8_t> encode_any(const TaggedObject& object);

}  // namespace nightjar::midnight
