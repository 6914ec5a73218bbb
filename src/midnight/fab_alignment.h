// Binary codec of FAB alignments (`fab-alignment[v1]`, base-crypto fab/serialize.rs), the
// `alignment` operand of ZKIR's persistent_hash.
//
// Encoding: every node starts with a "flagged int": bit 7 = x, bit 6 = y, bit 5 = continuation,
// low 5 bits = value bits 0..4; a continuation byte adds 7 bits (its bit 7 continues), at most
// three bytes in all (values < 2^19), and never a longer form than needed. Atoms are (0,0,len)
// Bytes, (0,1,0) Compress, (0,1,1) Field; an option is (1,0,n) + n alignments; a multi-segment
// alignment is (1,1,n) + n segments, while a single segment is written bare.
//
// Thread safety: stateless functions.
#pragma once

#include "midnight/reader.h"
#include "midnight/writer.h"
#include "zkir/ir.h"

namespace nightjar::midnight {

// Largest value a flagged int can carry: atom lengths and counts must stay below it.
inline constexpr uint32_t kFlaggedIntLimit = uint32_t{1} << 19;

void read_alignment(Reader& r, zkir::Alignment& out);
// Precondition: every length and count < kFlaggedIntLimit (decoders guarantee it).
void write_alignment(Writer& w, const zkir::Alignment& alignment);

}  // namespace nightjar::midnight
