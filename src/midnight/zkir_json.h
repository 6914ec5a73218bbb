// JSON codec of ZKIR v2: the `.zkir` files the Compact compiler writes (zkir/src/ir.rs serde).
//
//   { "version": {"major": 2, "minor": 0|1}, "do_communications_commitment": bool,
//     "num_inputs": u32, "instructions": [ {"op": "<snake_case>", <fields>}, ... ] }
//
// Fields carry the official names; indices and bit counts are JSON integers in u32 range, guards
// are an index, null or absent (None), immediates are little-endian hex strings (optional "0x",
// a leading "-" negates; at most 32 bytes, below r), alignments are arrays of segments
// {"tag":"atom","value":{"tag":"bytes","length":n}|{"tag":"compress"}|{"tag":"field"}} or
// {"tag":"option","value":[alignment, ...]}. As with serde, unknown keys are ignored and a
// repeated key keeps its last value. Minor version 0 maps to the legacy binary envelope and 1 to
// the generic one, as the official encoder does, so json_ir_to_binary equals jsonIrToBinary.
//
// Nesting deeper than 128 (serde_json's limit) is rejected before parsing.
// Thread safety: stateless functions.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "midnight/reader.h"
#include "zkir/ir.h"

namespace nightjar::midnight {

// Deep enough for every IR the binary decoder accepts: each alignment nesting level the binary
// form allows (at most max_depth) takes three JSON levels (segment array, option object, branch
// array), plus the document's own few levels. A lower limit let binary IRs decode whose JSON
// could not be read back (found by fuzz_zkir_binary).
inline constexpr size_t kMaxJsonDepth = 3 * size_t{DecodeLimits{}.max_depth} + 8;

Result<zkir::Ir> ir_from_json(std::string_view text);
// Immediates are written as the official serializer writes them: lower-case hex, trailing zero
// bytes dropped (at least one byte).
std::string ir_to_json(const zkir::Ir& ir);
Result<std::vector<uint8_t>> json_ir_to_binary(std::string_view text);

}  // namespace nightjar::midnight
