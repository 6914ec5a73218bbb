// The proof server's request and response bodies (proof-server endpoints.rs).
//
//   /check request   `(proof-preimage-versioned,option(wrapped-ir))`
//   /check response  `vec(option(u64))`: one entry per pi_skip, None = taken, Some(n) = n public
//                    inputs skipped
//   /prove request   `(proof-preimage-versioned,option(proving-data),option(fr-bls))`: the
//                    third element, when present, replaces the preimage's binding_input
//   /prove response  `proof-versioned` (proof.h)
// Tuples are their elements' bodies concatenated; options are 0x00 / 0x01 + body.
//
// Witness data: both requests carry a ProofPreimage (see preimage.h).
// Thread safety: plain values.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "ff/fr.h"
#include "midnight/preimage.h"
#include "midnight/proving_data.h"
#include "midnight/tagged.h"

namespace nightjar::midnight {

struct CheckRequest {
  ProofPreimageVersioned preimage;
  std::optional<WrappedIr> ir;
};

struct ProveRequest {
  ProofPreimageVersioned preimage;
  std::optional<ProvingKeyMaterial> key_material;
  std::optional<ff::Fr> binding_input;
};

struct CheckResponse {
  std::vector<std::optional<uint64_t>> pi_skips;
};

template <>
struct Codec<CheckRequest> {
  static constexpr std::string_view kTag = "(proof-preimage-versioned,option(wrapped-ir))";
  static void read(Reader& r, CheckRequest& out);
  static void write(Writer& w, const CheckRequest& v);
};

template <>
struct Codec<ProveRequest> {
  static constexpr std::string_view kTag =
      "(proof-preimage-versioned,option(proving-data),option(fr-bls))";
  static void read(Reader& r, ProveRequest& out);
  static void write(Writer& w, const ProveRequest& v);
};

template <>
struct Codec<CheckResponse> {
  static constexpr std::string_view kTag = "vec(option(u64))";
  static void read(Reader& r, CheckResponse& out);
  static void write(Writer& w, const CheckResponse& v);
};

// A bare field element, `fr-bls`.
template <>
struct Codec<ff::Fr> {
  static constexpr std::string_view kTag = "fr-bls";
  static void read(Reader& r, ff::Fr& out) { out = r.fr(); }
  static void write(Writer& w, const ff::Fr& v) { w.fr(v); }
};

}  // namespace nightjar::midnight
