#include "midnight/proof.h"

#include <string>

namespace nightjar::midnight {

void Codec<Proof>::read(Reader& r, Proof& out) {
  std::span<const uint8_t> bytes = r.byte_vec();
  out.bytes.assign(bytes.begin(), bytes.end());
}

void Codec<Proof>::write(Writer& w, const Proof& v) { w.byte_vec(v.bytes); }

void Codec<ProofVersioned>::read(Reader& r, ProofVersioned& out) {
  size_t at = r.offset();
  uint8_t version = r.u8();
  if (!r.ok()) return;
  if (version == 0) {
    r.fail_at(at, "invalid old discriminant for ProofVersioned: 0");
    return;
  }
  if (version != 1) {
    r.fail_at(at, "unknown discriminant for ProofVersioned: " + std::to_string(version));
    return;
  }
  read_as(r, out.proof);
}

void Codec<ProofVersioned>::write(Writer& w, const ProofVersioned& v) {
  w.u8(1);
  Codec<Proof>::write(w, v.proof);
}

}  // namespace nightjar::midnight
