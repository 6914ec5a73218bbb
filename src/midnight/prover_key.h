// Prover keys, `prover-key[v7](ir-source[v2])` (the legacy facade, minor version 0) and
// `prover-key[v7](ir-source[v2-generic])` (transient-crypto proofs.rs ProverKey, zkir ir.rs,
// midnight-zk zk_stdlib MidnightPK::write and midnight-proofs ProvingKey::write).
//
// Representation. The tagged body is a vec(u8) holding one gzip member; decompressed it is
//   u8 max_bit_len, u8 k,
//   the relation (ZKIR): minor version 0 as an untagged ir-source[v2] body; otherwise the byte
//     0xff (never the first byte of a canonical compact u32) + vec(u8) of a tagged
//     ir-source[v2-generic] file,
//   the midnight-proofs ProvingKey in RawBytesUnchecked form:
//     u8 version (3), u8 k, u32 LE fixed-commitment count, the fixed commitments, the
//     permutation commitments (96-byte uncompressed G1, ZCash big-endian encoding),
//     u32 BE count + fixed-column polynomials, u32 BE count + permutation polynomials, each
//     polynomial u32 BE length (2^k) + that many 32-byte raw Montgomery scalars.
// The key does not store the permutation-column count; the layout solves for it (there is one
// fixed polynomial per fixed commitment and one permutation polynomial per permutation
// commitment) and then checks every count and length. The proving-key part is kept as byte
// ranges into `body`; decoding and checking its points and scalars belongs to the prover.
//
// Invariants after decoding: the layout ranges lie inside `body` and tile it exactly after the
// relation. Thread safety: plain values.
#pragma once

#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "midnight/reader.h"
#include "zkir/ir.h"

namespace nightjar::midnight {

inline constexpr std::string_view kTagProverKeyLegacy = "prover-key[v7](ir-source[v2])";
inline constexpr std::string_view kTagProverKeyGeneric = "prover-key[v7](ir-source[v2-generic])";

enum class ProverKeyFlavour : uint8_t { kLegacy, kGeneric };

struct ByteRange {
  size_t offset = 0;
  size_t size = 0;
};

struct ProvingKeyLayout {
  static constexpr uint8_t kVersion = 3;
  static constexpr size_t kPointBytes = 96;
  static constexpr size_t kScalarBytes = 32;

  uint8_t k = 0;
  uint32_t num_fixed = 0;        // fixed commitments = fixed polynomials
  uint32_t num_permutation = 0;  // permutation commitments = permutation polynomials
  uint64_t poly_len = 0;         // 2^k
  ByteRange fixed_commitments;
  ByteRange permutation_commitments;
  ByteRange fixed_polys;        // from the u32 BE count on
  ByteRange permutation_polys;  // from the u32 BE count on
};

struct ProverKey {
  ProverKeyFlavour flavour = ProverKeyFlavour::kLegacy;
  std::vector<uint8_t> body;  // decompressed
  uint8_t max_bit_len = 0;
  uint8_t k = 0;
  // Its flavour says how it is embedded: legacy = untagged body, generic = 0xff + tagged.
  zkir::Ir relation;
  ByteRange proving_key;  // from the ProvingKey version byte to the end of body
  ProvingKeyLayout layout;

  std::span<const uint8_t> view(ByteRange range) const {
    return std::span<const uint8_t>(body).subspan(range.offset, range.size);
  }
};

Result<ProverKey> decode_prover_key(std::span<const uint8_t> tagged,
                                    const DecodeLimits& limits = {});
// Parses an already decompressed body.
Result<ProverKey> parse_prover_key_body(std::vector<uint8_t> body, ProverKeyFlavour flavour,
                                        const DecodeLimits& limits = {});
// The decompressed body: header and relation re-encoded from the model, the proving-key part
// copied from `body`.
std::vector<uint8_t> encode_prover_key_body(const ProverKey& key);
// The tagged file (gzip level 6).
std::vector<uint8_t> encode_prover_key(const ProverKey& key);

}  // namespace nightjar::midnight
