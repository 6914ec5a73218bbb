#include "midnight/requests.h"

namespace nightjar::midnight {

namespace {

template <class T>
void read_option(Reader& r, std::optional<T>& out) {
  Reader::Scope scope = r.nest("option");
  if (!r.option()) {
    out.reset();
    return;
  }
  out.emplace();
  read_as(r, *out);
}

template <class T>
void write_option(Writer& w, const std::optional<T>& v) {
  w.option(v.has_value());
  if (v) Codec<T>::write(w, *v);
}

}  // namespace

void Codec<CheckRequest>::read(Reader& r, CheckRequest& out) {
  read_as(r, out.preimage);
  read_option(r, out.ir);
}

void Codec<CheckRequest>::write(Writer& w, const CheckRequest& v) {
  Codec<ProofPreimageVersioned>::write(w, v.preimage);
  write_option(w, v.ir);
}

void Codec<ProveRequest>::read(Reader& r, ProveRequest& out) {
  read_as(r, out.preimage);
  read_option(r, out.key_material);
  read_option(r, out.binding_input);
}

void Codec<ProveRequest>::write(Writer& w, const ProveRequest& v) {
  Codec<ProofPreimageVersioned>::write(w, v.preimage);
  write_option(w, v.key_material);
  write_option(w, v.binding_input);
}

void Codec<CheckResponse>::read(Reader& r, CheckResponse& out) {
  // An entry takes at least its option byte.
  size_t n = r.count(sizeof(std::optional<uint64_t>));
  out.pi_skips.assign(n, std::nullopt);
  for (size_t i = 0; i < n && r.ok(); ++i) {
    Reader::Scope entry = r.nest("entry");
    entry.at(i);
    if (r.option()) out.pi_skips[i] = r.compact_u64();
  }
}

void Codec<CheckResponse>::write(Writer& w, const CheckResponse& v) {
  w.compact(v.pi_skips.size());
  for (const std::optional<uint64_t>& skip : v.pi_skips) {
    w.option(skip.has_value());
    if (skip) w.compact(*skip);
  }
}

}  // namespace nightjar::midnight
