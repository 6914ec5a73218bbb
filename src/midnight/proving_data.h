// Key material a client sends with a request (transient-crypto proofs.rs ProvingKeyMaterial,
// WrappedIr).
//
// Representation: `proving-data` is prover_key, verifier_key, ir_source, each a vec(u8) holding a
// complete tagged file (`midnight:prover-key[v7](...)`, `midnight:verifier-key[v6]:`,
// `midnight:ir-source[...]:`); `wrapped-ir` is one vec(u8) holding a tagged IR. The blobs are
// kept verbatim: the official server decodes them only when it uses them, so a request whose
// blobs are malformed still decodes here and fails later (decode_ir, decode_verifier_key,
// decode_prover_key).
// Thread safety: plain values.
#pragma once

#include <cstdint>
#include <vector>

#include "midnight/tagged.h"

namespace nightjar::midnight {

struct ProvingKeyMaterial {
  std::vector<uint8_t> prover_key;
  std::vector<uint8_t> verifier_key;
  std::vector<uint8_t> ir_source;
};

struct WrappedIr {
  std::vector<uint8_t> ir;
};

template <>
struct Codec<ProvingKeyMaterial> {
  static constexpr std::string_view kTag = "proving-data";
  static void read(Reader& r, ProvingKeyMaterial& out);
  static void write(Writer& w, const ProvingKeyMaterial& v);
};

template <>
struct Codec<WrappedIr> {
  static constexpr std::string_view kTag = "wrapped-ir";
  static void read(Reader& r, WrappedIr& out);
  static void write(Writer& w, const WrappedIr& v);
};

}  // namespace nightjar::midnight
