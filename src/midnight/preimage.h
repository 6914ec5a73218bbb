// Proof preimages: everything a prover needs to prove one circuit call (transient-crypto
// proofs.rs ProofPreimage, ledger structure.rs ProofPreimageVersioned).
//
// Representation: `proof-preimage` is inputs, private_transcript, public_transcript_inputs,
// public_transcript_outputs (vec(fr-bls) each), binding_input (fr-bls), communications_commitment
// (option((fr-bls, fr-bls)): the commitment then its randomness) and key_location (string).
// `proof-preimage-versioned` is the byte 0x01 (V2) followed by a proof-preimage; 0x00 names a
// retired version and is rejected like any other value.
//
// Invariants: none beyond well-formedness; the interpreter checks the values.
// Witness data: inputs, transcripts and the commitment randomness are secret. A ProofPreimage
// zeroes them when destroyed; never log or print them.
// Thread safety: plain values.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "ff/fr.h"
#include "midnight/tagged.h"
#include "zkir/interpreter.h"

namespace nightjar::midnight {

using CommunicationsCommitment = zkir::CommunicationsCommitment;

struct ProofPreimage {
  std::vector<ff::Fr> inputs;
  std::vector<ff::Fr> private_transcript;
  std::vector<ff::Fr> public_transcript_inputs;
  std::vector<ff::Fr> public_transcript_outputs;
  ff::Fr binding_input;
  std::optional<CommunicationsCommitment> communications_commitment;
  std::string key_location;

  ProofPreimage() = default;
  ProofPreimage(const ProofPreimage&) = default;
  ProofPreimage(ProofPreimage&&) = default;
  ProofPreimage& operator=(const ProofPreimage&) = default;
  ProofPreimage& operator=(ProofPreimage&&) = default;
  ~ProofPreimage();
};

// The interpreter's view of a preimage: spans into `p`, which must outlive the result.
zkir::CheckInputs check_inputs(const ProofPreimage& p);

struct ProofPreimageVersioned {
  ProofPreimage preimage;  // the V2 variant, the only one that decodes
};

template <>
struct Codec<ProofPreimage> {
  static constexpr std::string_view kTag = "proof-preimage";
  static void read(Reader& r, ProofPreimage& out);
  static void write(Writer& w, const ProofPreimage& v);
};

template <>
struct Codec<ProofPreimageVersioned> {
  static constexpr std::string_view kTag = "proof-preimage-versioned";
  static void read(Reader& r, ProofPreimageVersioned& out);
  static void write(Writer& w, const ProofPreimageVersioned& v);
};

}  // namespace nightjar::midnight
