// Proofs as the proof server returns them (transient-crypto proofs.rs Proof, ledger structure.rs
// ProofVersioned).
//
// Representation: `proof[v5]` is a vec(u8) holding the raw PLONK proof; `proof-versioned` is the
// byte 0x01 (V2) followed by a proof[v5] body. The proof bytes are public.
// Thread safety: plain values.
#pragma once

#include <cstdint>
#include <vector>

#include "midnight/tagged.h"

namespace nightjar::midnight {

struct Proof {
  std::vector<uint8_t> bytes;
};

struct ProofVersioned {
  Proof proof;  // the V2 variant, the only one that decodes
};

template <>
struct Codec<Proof> {
  static constexpr std::string_view kTag = "proof[v5]";
  static void read(Reader& r, Proof& out);
  static void write(Writer& w, const Proof& v);
};

template <>
struct Codec<ProofVersioned> {
  static constexpr std::string_view kTag = "proof-versioned";
  static void read(Reader& r, ProofVersioned& out);
  static void write(Writer& w, const ProofVersioned& v);
};

}  // namespace nightjar::midnight
