#include "midnight/fab_alignment.h"

#include <string>

#include "base/status.h"

namespace nightjar::midnight {

namespace {

struct FlaggedInt {
  bool x = false;
  bool y = false;
  uint32_t value = 0;
};

FlaggedInt read_flagged_int(Reader& r) {
  size_t at = r.offset();
  uint8_t b0 = r.u8();
  FlaggedInt out{(b0 & 0x80) != 0, (b0 & 0x40) != 0, uint32_t{b0} & 0x1F};
  if ((b0 & 0x20) == 0 || !r.ok()) return out;
  uint8_t b1 = r.u8();
  out.value |= (uint32_t{b1} & 0x7F) << 5;
  if ((b1 & 0x80) == 0) {
    if ((b1 & 0x7F) == 0) r.fail_at(at, "flagged int uses a longer encoding than necessary");
    return out;
  }
  uint8_t b2 = r.u8();
  out.value |= (uint32_t{b2} & 0x7F) << 12;
  if ((b2 & 0x80) != 0) {
    r.fail_at(at, "flagged int uses the reserved flag of its third byte");
  } else if ((b2 & 0x7F) == 0) {
    r.fail_at(at, "flagged int uses a longer encoding than necessary");
  }
  return out;
}

void write_flagged_int(Writer& w, bool x, bool y, uint32_t value) {
  NIGHTJAR_CHECK(value < kFlaggedIntLimit);
  uint8_t flags = static_cast<uint8_t>((x ? 0x80 : 0) | (y ? 0x40 : 0));
  if (value < 32) {
    w.u8(flags | static_cast<uint8_t>(value));
  } else if (value < (uint32_t{1} << 12)) {
    w.u8(flags | 0x20 | static_cast<uint8_t>(value & 0x1F));
    w.u8(static_cast<uint8_t>(value >> 5));
  } else {
    w.u8(flags | 0x20 | static_cast<uint8_t>(value & 0x1F));
    w.u8(0x80 | static_cast<uint8_t>((value >> 5) & 0x7F));
    w.u8(static_cast<uint8_t>(value >> 12));
  }
}

// Each element of a count-prefixed list takes at least one byte and `element_size` of memory.
bool check_count(Reader& r, size_t at, uint32_t n, size_t element_size) {
  if (n > r.remaining() || n > r.limits().max_allocation / element_size) {
    r.fail_at(at, "declared count " + std::to_string(n) + " exceeds the input or allocation limit");
    return false;
  }
  return true;
}

void read_alignment_from(Reader& r, FlaggedInt head, size_t at, zkir::Alignment& out);

void read_segment_from(Reader& r, FlaggedInt head, size_t at, zkir::AlignmentSegment& out) {
  if (!head.x) {
    if (!head.y) {
      out = zkir::AlignmentAtom::bytes(head.value);
    } else if (head.value == 0) {
      out = zkir::AlignmentAtom::compress();
    } else if (head.value == 1) {
      out = zkir::AlignmentAtom::field();
    } else {
      r.fail_at(at, "illegal alignment atom");
    }
    return;
  }
  if (head.y) {
    r.fail_at(at, "alignment segment uses the reserved flags '11'");
    return;
  }
  if (!check_count(r, at, head.value, sizeof(zkir::Alignment))) return;
  zkir::AlignmentOption option;
  option.branches.resize(head.value);
  for (uint32_t i = 0; i < head.value && r.ok(); ++i) {
    Reader::Scope branch = r.nest("branch");
    branch.at(i);
    size_t branch_at = r.offset();
    FlaggedInt branch_head = read_flagged_int(r);
    if (!r.ok()) return;
    read_alignment_from(r, branch_head, branch_at, option.branches[i]);
  }
  out = std::move(option);
}

void read_alignment_from(Reader& r, FlaggedInt head, size_t at, zkir::Alignment& out) {
  out.segments.clear();
  if (!(head.x && head.y)) {
    out.segments.emplace_back();
    read_segment_from(r, head, at, out.segments.back());
    return;
  }
  if (head.value == 1) {
    r.fail_at(at, "singleton alignment encoded as a multi-segment alignment");
    return;
  }
  if (!check_count(r, at, head.value, sizeof(zkir::AlignmentSegment))) return;
  out.segments.resize(head.value);
  for (uint32_t i = 0; i < head.value && r.ok(); ++i) {
    Reader::Scope segment = r.nest("segment");
    segment.at(i);
    size_t segment_at = r.offset();
    FlaggedInt segment_head = read_flagged_int(r);
    if (!r.ok()) return;
    read_segment_from(r, segment_head, segment_at, out.segments[i]);
  }
}

void write_segment(Writer& w, const zkir::AlignmentSegment& segment) {
  if (const auto* atom = std::get_if<zkir::AlignmentAtom>(&segment)) {
    switch (atom->kind) {
      case zkir::AlignmentAtomKind::kCompress:
        write_flagged_int(w, false, true, 0);
        break;
      case zkir::AlignmentAtomKind::kField:
        write_flagged_int(w, false, true, 1);
        break;
      case zkir::AlignmentAtomKind::kBytes:
        write_flagged_int(w, false, false, atom->length);
        break;
    }
    return;
  }
  const auto& option = std::get<zkir::AlignmentOption>(segment);
  write_flagged_int(w, true, false, static_cast<uint32_t>(option.branches.size()));
  for (const zkir::Alignment& branch : option.branches) write_alignment(w, branch);
}

}  // namespace

void read_alignment(Reader& r, zkir::Alignment& out) {
  Reader::Scope scope = r.nest("alignment");
  size_t at = r.offset();
  FlaggedInt head = read_flagged_int(r);
  if (!r.ok()) return;
  read_alignment_from(r, head, at, out);
}

void write_alignment(Writer& w, const zkir::Alignment& alignment) {
  if (alignment.segments.size() == 1) {
    write_segment(w, alignment.segments[0]);
    return;
  }
  write_flagged_int(w, true, true, static_cast<uint32_t>(alignment.segments.size()));
  for (const zkir::AlignmentSegment& segment : alignment.segments) write_segment(w, segment);
}

}  // namespace nightjar::midnight
