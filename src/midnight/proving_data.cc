#include "midnight/proving_data.h"

namespace nightjar::midnight {

namespace {

void read_blob(Reader& r, std::string_view name, std::vector<uint8_t>& out) {
  Reader::Scope field = r.scope(name);
  std::span<const uint8_t> bytes = r.byte_vec();
  out.assign(bytes.begin(), bytes.end());
}

}  // namespace

void Codec<ProvingKeyMaterial>::read(Reader& r, ProvingKeyMaterial& out) {
  read_blob(r, "prover_key", out.prover_key);
  read_blob(r, "verifier_key", out.verifier_key);
  read_blob(r, "ir_source", out.ir_source);
}

void Codec<ProvingKeyMaterial>::write(Writer& w, const ProvingKeyMaterial& v) {
  w.byte_vec(v.prover_key);
  w.byte_vec(v.verifier_key);
  w.byte_vec(v.ir_source);
}

void Codec<WrappedIr>::read(Reader& r, WrappedIr& out) { read_blob(r, "ir", out.ir); }

void Codec<WrappedIr>::write(Writer& w, const WrappedIr& v) { w.byte_vec(v.ir); }

}  // namespace nightjar::midnight
