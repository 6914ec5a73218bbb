// libFuzzer target: the ZKIR v2 binary decoder (`ir-source[v2]`, `ir-source[v2-generic]`).
// Accepted inputs must re-encode byte for byte and survive a trip through the JSON codec.
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "midnight/zkir_binary.h"
#include "midnight/zkir_json.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace nightjar::midnight;
  std::span<const uint8_t> input(data, size);
  nightjar::Result<nightjar::zkir::Ir> ir = decode_ir(input);
  if (!ir.is_ok()) return 0;
  if (encode_ir(*ir) != std::vector<uint8_t>(input.begin(), input.end())) __builtin_trap();
  nightjar::Result<nightjar::zkir::Ir> from_json = ir_from_json(ir_to_json(*ir));
  // JSON cannot express the generic envelope around minor version 0 (it maps 0 to legacy).
  if (!from_json.is_ok()) __builtin_trap();
  nightjar::zkir::Ir expected = *ir;
  expected.flavour = nightjar::zkir::default_flavour(expected.version);
  if (!(*from_json == expected)) __builtin_trap();
  return 0;
}
