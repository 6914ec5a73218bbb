#include "midnight/preimage.h"

#include "base/secure_zero.h"

namespace nightjar::midnight {

zkir::CheckInputs check_inputs(const ProofPreimage& p) {
  return {p.inputs,
          p.private_transcript,
          p.public_transcript_inputs,
          p.public_transcript_outputs,
          p.binding_input,
          p.communications_commitment};
}

namespace {

// An empty container's data() may be null, which memset must not see.
void zero(void* data, size_t size) {
  if (size != 0) secure_zero(data, size);
}

void zero(std::vector<ff::Fr>& v) { zero(v.data(), v.size() * sizeof(ff::Fr)); }

void read_fr_vec(Reader& r, std::string_view name, std::vector<ff::Fr>& out) {
  Reader::Scope field = r.nest(name);
  size_t n = r.count(sizeof(ff::Fr));
  out.assign(n, ff::Fr::zero());
  for (size_t i = 0; i < n && r.ok(); ++i) {
    field.at(i);
    out[i] = r.fr();
  }
}

void write_fr_vec(Writer& w, const std::vector<ff::Fr>& v) {
  w.compact(v.size());
  for (const ff::Fr& x : v) w.fr(x);
}

}  // namespace

ProofPreimage::~ProofPreimage() {
  zero(inputs);
  zero(private_transcript);
  zero(public_transcript_inputs);
  zero(public_transcript_outputs);
  secure_zero(&binding_input, sizeof(binding_input));
  if (communications_commitment) {
    secure_zero(&*communications_commitment, sizeof(CommunicationsCommitment));
  }
  zero(key_location.data(), key_location.size());
}

void Codec<ProofPreimage>::read(Reader& r, ProofPreimage& out) {
  read_fr_vec(r, "inputs", out.inputs);
  read_fr_vec(r, "private_transcript", out.private_transcript);
  read_fr_vec(r, "public_transcript_inputs", out.public_transcript_inputs);
  read_fr_vec(r, "public_transcript_outputs", out.public_transcript_outputs);
  {
    Reader::Scope field = r.scope("binding_input");
    out.binding_input = r.fr();
  }
  {
    Reader::Scope field = r.nest("communications_commitment");
    if (r.option()) {
      CommunicationsCommitment c;
      c.commitment = r.fr();
      c.randomness = r.fr();
      out.communications_commitment = c;
      secure_zero(&c, sizeof(c));
    } else {
      out.communications_commitment.reset();
    }
  }
  Reader::Scope field = r.scope("key_location");
  out.key_location = r.string();
}

void Codec<ProofPreimage>::write(Writer& w, const ProofPreimage& v) {
  write_fr_vec(w, v.inputs);
  write_fr_vec(w, v.private_transcript);
  write_fr_vec(w, v.public_transcript_inputs);
  write_fr_vec(w, v.public_transcript_outputs);
  w.fr(v.binding_input);
  w.option(v.communications_commitment.has_value());
  if (v.communications_commitment) {
    w.fr(v.communications_commitment->commitment);
    w.fr(v.communications_commitment->randomness);
  }
  w.string(v.key_location);
}

void Codec<ProofPreimageVersioned>::read(Reader& r, ProofPreimageVersioned& out) {
  size_t at = r.offset();
  uint8_t version = r.u8();
  if (!r.ok()) return;
  if (version == 0) {
    r.fail_at(at, "invalid old discriminant for ProofPreimageVersioned: 0");
    return;
  }
  if (version != 1) {
    r.fail_at(at, "unknown discriminant for ProofPreimageVersioned: " + std::to_string(version));
    return;
  }
  read_as(r, out.preimage);
}

void Codec<ProofPreimageVersioned>::write(Writer& w, const ProofPreimageVersioned& v) {
  w.u8(1);
  Codec<ProofPreimage>::write(w, v.preimage);
}

}  // namespace nightjar::midnight
