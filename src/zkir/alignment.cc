#include "zkir/alignment.h"

namespace nightjar::zkir {

namespace {

circuits::AlignmentAtomKind to_circuits(AlignmentAtomKind kind) {
  switch (kind) {
    case AlignmentAtomKind::kCompress:
      return circuits::AlignmentAtomKind::kCompress;
    case AlignmentAtomKind::kField:
      return circuits::AlignmentAtomKind::kField;
    case AlignmentAtomKind::kBytes:
      return circuits::AlignmentAtomKind::kBytes;
  }
  NIGHTJAR_CHECK(false);
  return circuits::AlignmentAtomKind::kBytes;
}

}  // namespace

circuits::Alignment to_circuits(const Alignment& alignment) {
  circuits::Alignment out;
  out.segments.reserve(alignment.segments.size());
  for (const AlignmentSegment& segment : alignment.segments) {
    if (const auto* atom = std::get_if<AlignmentAtom>(&segment)) {
      out.segments.push_back(circuits::AlignmentAtom{to_circuits(atom->kind), atom->length});
    } else {
      circuits::AlignmentOption option;
      for (const Alignment& branch : std::get<AlignmentOption>(segment).branches) {
        option.branches.push_back(to_circuits(branch));
      }
      out.segments.push_back(std::move(option));
    }
  }
  return out;
}

}  // namespace nightjar::zkir
