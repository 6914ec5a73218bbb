// libFuzzer target: every decoder of Midnight tagged objects (the proof server's request bodies,
// keys, proofs, IR). Whatever decodes must re-encode to the same bytes; nothing may crash, leak or
// allocate beyond the limits. The raw input is also tried as a decompressed prover-key body,
// which the fuzzer could not otherwise reach through gzip.
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "midnight/prover_key.h"
#include "midnight/tagged_object.h"

namespace {

nightjar::midnight::DecodeLimits fuzz_limits() {
  nightjar::midnight::DecodeLimits limits;
  limits.max_inflated = size_t{64} << 20;
  return limits;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace nightjar::midnight;
  static const DecodeLimits limits = fuzz_limits();
  std::span<const uint8_t> input(data, size);

  nightjar::Result<TaggedObject> object = decode_any(input, limits);
  if (object.is_ok()) {
    if (const auto* key = std::get_if<ProverKey>(&*object)) {
      if (encode_prover_key_body(*key) != key->body) __builtin_trap();
    } else if (encode_any(*object) != std::vector<uint8_t>(input.begin(), input.end())) {
      __builtin_trap();
    }
  }

  for (ProverKeyFlavour flavour : {ProverKeyFlavour::kLegacy, ProverKeyFlavour::kGeneric}) {
    nightjar::Result<ProverKey> body =
        parse_prover_key_body(std::vector<uint8_t>(input.begin(), input.end()), flavour, limits);
    if (body.is_ok() && encode_prover_key_body(*body) != body->body) __builtin_trap();
  }
  return 0;
}
