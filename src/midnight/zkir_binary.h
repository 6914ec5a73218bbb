// Binary codec of ZKIR v2 (zkir/src/ir.rs): the `.bzkir` files and the IR inside prover keys.
//
// Two envelopes carry the same instruction list:
//   `midnight:ir-source[v2]:`          num_inputs (compact u32), do_communications_commitment
//                                      (bool), instructions (vec) — minor version 0 only;
//   `midnight:ir-source[v2-generic]:`  a minor-version byte (0 or 1) first, then the same.
// An instruction is its discriminant byte (zkir::Instruction's alternative index) followed by its
// fields in declaration order: indices and bit counts as compact u32, guards as option(compact
// u32), input lists as vec(compact u32), immediates as fr-bls, alignments as fab-alignment.
// decode_ir records which envelope it read (Ir::flavour) so that encode_ir reproduces the input
// byte for byte.
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
#include "zkir/ir.h"

namespace nightjar::midnight {

inline constexpr std::string_view kTagIrLegacy = "ir-source[v2]";
inline constexpr std::string_view kTagIrGeneric = "ir-source[v2-generic]";

// Accepts either envelope; anything else fails with the official "expected one of" message.
Result<zkir::Ir> decode_ir(std::span<const uint8_t> bytes, const DecodeLimits& limits = {});
// Precondition: a legacy-flavoured IR has minor version 0.
std::vector<uint8_t> encode_ir(const zkir::Ir& ir);

// Envelope bodies, for IRs embedded in prover keys. read_ir_body sets ir.flavour to `flavour`.
void read_ir_body(Reader& r, zkir::IrFlavour flavour, zkir::Ir& ir);
void write_ir_body(Writer& w, const zkir::Ir& ir);

}  // namespace nightjar::midnight
