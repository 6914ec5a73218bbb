// The tagged envelope: `midnight:<tag>:` followed by a body that must be consumed exactly
// (serialize/src/tagged.rs, deserializable.rs). Each wire type specialises Codec<T>:
//
//   template <> struct Codec<T> {
//     static constexpr std::string_view kTag = "...";
//     static void read(Reader& r, T& out);       // body only; failures go to the Reader
//     static void write(Writer& w, const T& v);  // body only
//   };
//
// decode_tagged / encode_tagged wrap a body codec in its header. Types with two accepted headers
// (ZKIR, prover keys) have their own entry points instead.
//
// Thread safety: stateless functions.
#pragma once

#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "midnight/reader.h"
#include "midnight/writer.h"

namespace nightjar::midnight {

template <class T>
struct Codec;

// Whether `bytes` starts with `midnight:<tag>:`.
bool has_header(std::span<const uint8_t> bytes, std::string_view tag);

// The error for an input that has neither of two accepted headers, in the official wording.
Status expected_one_of(std::span<const uint8_t> bytes, std::string_view tag_a,
                       std::string_view tag_b);

// Reads the body of T under its own path frame (for bodies nested inside tuples).
template <class T>
void read_as(Reader& r, T& out) {
  Reader::Scope scope = r.nest(Codec<T>::kTag);
  Codec<T>::read(r, out);
}

template <class T>
Result<T> decode_tagged(std::span<const uint8_t> bytes, const DecodeLimits& limits = {}) {
  Reader r(bytes, limits);
  r.expect_header(Codec<T>::kTag);
  T value{};
  if (r.ok()) read_as(r, value);
  Status status = r.finish(Codec<T>::kTag);
  if (!status.is_ok()) return status;
  return value;
}

template <class T>
std::vector<uint8_t> encode_tagged(const T& value) {
  Writer w;
  w.header(Codec<T>::kTag);
  Codec<T>::write(w, value);
  return w.take();
}

}  // namespace nightjar::midnight
