// libFuzzer target: the ZKIR v2 JSON reader (the compiler's .zkir files). Accepted documents must
// encode to a binary that decodes to the same model, and print to JSON that reads back the same.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "midnight/zkir_binary.h"
#include "midnight/zkir_json.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace nightjar::midnight;
  std::string_view text(reinterpret_cast<const char*>(data), size);
  nightjar::Result<nightjar::zkir::Ir> ir = ir_from_json(text);
  if (!ir.is_ok()) return 0;
  nightjar::Result<nightjar::zkir::Ir> from_binary = decode_ir(encode_ir(*ir));
  if (!from_binary.is_ok() || !(*from_binary == *ir)) __builtin_trap();
  nightjar::Result<nightjar::zkir::Ir> again = ir_from_json(ir_to_json(*ir));
  if (!again.is_ok() || !(*again == *ir)) __builtin_trap();
  return 0;
}
