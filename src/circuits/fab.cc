#include "circuits/fab.h"

#include <algorithm>
#include <array>
#include <string>

#include "base/secure_zero.h"

namespace nightjar::circuits {

namespace {

using ff::Fr;

// Bytes one field element carries in a Bytes atom: the 32-byte encoding minus its top byte, so
// that every chunk is below the modulus (the ledger's FR_BYTES_STORED).
constexpr size_t kBytesPerElement = 31;
constexpr size_t kFieldBytes = 32;

uint64_t field_len(const Alignment& alignment);
uint64_t bin_len(const Alignment& alignment);

uint64_t atom_field_len(const AlignmentAtom& atom) {
  return atom.kind == AlignmentAtomKind::kBytes
             ? (uint64_t{atom.length} + kBytesPerElement - 1) / kBytesPerElement
             : 1;
}

uint64_t atom_bin_len(const AlignmentAtom& atom) {
  return atom.kind == AlignmentAtomKind::kBytes ? atom.length : kFieldBytes;
}

uint64_t longest_branch(const AlignmentOption& option, uint64_t (*len)(const Alignment&)) {
  uint64_t longest = 0;
  for (const Alignment& branch : option.branches) longest = std::max(longest, len(branch));
  return longest;
}

uint64_t field_len(const Alignment& alignment) {
  uint64_t total = 0;
  for (const AlignmentSegment& segment : alignment.segments) {
    if (const auto* atom = std::get_if<AlignmentAtom>(&segment)) {
      total += atom_field_len(*atom);
    } else {
      total += 1 + longest_branch(std::get<AlignmentOption>(segment), field_len);
    }
  }
  return total;
}

uint64_t bin_len(const Alignment& alignment) {
  uint64_t total = 0;
  for (const AlignmentSegment& segment : alignment.segments) {
    if (const auto* atom = std::get_if<AlignmentAtom>(&segment)) {
      total += atom_bin_len(*atom);
    } else {
      total += 2 + longest_branch(std::get<AlignmentOption>(segment), bin_len);
    }
  }
  return total;
}

Status mismatch(const std::string& why) {
  return invalid_argument("Inputs did not match alignment: " + why);
}

class Encoder {
 public:
  Encoder(std::span<const Fr> fields, std::vector<uint8_t>& out) : rest_(fields), out_(out) {}

  Status encode(const Alignment& alignment) {
    for (const AlignmentSegment& segment : alignment.segments) {
      Status status = std::holds_alternative<AlignmentAtom>(segment)
                          ? atom(std::get<AlignmentAtom>(segment))
                          : option(std::get<AlignmentOption>(segment));
      if (!status.is_ok()) return status;
    }
    return Status::ok();
  }

 private:
  Status atom(const AlignmentAtom& atom) {
    switch (atom.kind) {
      case AlignmentAtomKind::kCompress:
        return mismatch("a compress atom cannot be decoded from field elements");
      case AlignmentAtomKind::kField: {
        if (rest_.empty()) return mismatch("missing field element");
        std::array<uint8_t, kFieldBytes> bytes = rest_.front().to_bytes_le();
        rest_ = rest_.subspan(1);
        append(bytes);
        return Status::ok();
      }
      case AlignmentAtomKind::kBytes:
        return bytes(atom.length);
    }
    return mismatch("unknown atom");
  }

  // Stray bytes first (in the first element), then whole chunks taken from the last element
  // backwards: the inverse of the ledger's <[u8] as FieldRepr>.
  Status bytes(uint32_t length) {
    const size_t stray = length % kBytesPerElement;
    const size_t chunks = length / kBytesPerElement;
    if (rest_.size() < chunks + (stray != 0 ? 1 : 0)) {
      return mismatch("not enough field elements for a " + std::to_string(length) + "-byte atom");
    }
    const size_t start = out_.size();
    out_.resize(start + length);
    std::span<uint8_t> dest(out_.data() + start, length);
    if (stray != 0) {
      if (!take_chunk(rest_.front(), dest.subspan(length - stray))) return out_of_range(length);
      rest_ = rest_.subspan(1);
    }
    for (size_t i = 0; i < chunks; ++i) {
      if (!take_chunk(rest_[chunks - 1 - i], dest.subspan(i * kBytesPerElement, kBytesPerElement)))
        return out_of_range(length);
    }
    rest_ = rest_.subspan(chunks);
    return Status::ok();
  }

  static Status out_of_range(uint32_t length) {
    return mismatch("field element out of range for a " + std::to_string(length) + "-byte atom");
  }

  // Copies the low dest.size() bytes of x; false if a higher byte is set.
  static bool take_chunk(const Fr& x, std::span<uint8_t> dest) {
    std::array<uint8_t, kFieldBytes> bytes = x.to_bytes_le();
    uint8_t high = 0;
    for (size_t i = dest.size(); i < kFieldBytes; ++i) high |= bytes[i];
    std::copy_n(bytes.begin(), dest.size(), dest.begin());
    return high == 0;
  }

  Status option(const AlignmentOption& option) {
    if (rest_.empty()) return mismatch("missing option discriminant");
    std::array<uint8_t, kFieldBytes> discriminant = rest_.front().to_bytes_le();
    rest_ = rest_.subspan(1);
    if (std::any_of(discriminant.begin() + 2, discriminant.end(), [](uint8_t b) { return b; })) {
      return mismatch("option discriminant out of range");
    }
    const size_t branch = discriminant[0] | size_t{discriminant[1]} << 8;
    if (branch >= option.branches.size()) {
      return mismatch("option discriminant beyond the " + std::to_string(option.branches.size()) +
                      " branches");
    }
    const Alignment& chosen = option.branches[branch];
    append(std::span<const uint8_t>(discriminant.data(), 2));
    if (Status s = encode(chosen); !s.is_ok()) return s;
    const uint64_t field_padding = longest_branch(option, field_len) - field_len(chosen);
    if (rest_.size() < field_padding) return mismatch("missing option padding");
    for (uint64_t i = 0; i < field_padding; ++i) {
      if (!rest_[i].is_zero()) return mismatch("non-zero option padding");
    }
    rest_ = rest_.subspan(field_padding);
    out_.resize(out_.size() + (longest_branch(option, bin_len) - bin_len(chosen)), 0);
    return Status::ok();
  }

  void append(std::span<const uint8_t> bytes) {
    out_.insert(out_.end(), bytes.begin(), bytes.end());
  }

  std::span<const Fr> rest_;
  std::vector<uint8_t>& out_;
};

}  // namespace

Result<std::vector<uint8_t>> fab_bytes_from_fields(const Alignment& alignment,
                                                   std::span<const Fr> fields) {
  // The encoding always has the alignment's binary length (options pad to their longest branch),
  // so one allocation suffices and no reallocation leaves witness bytes behind.
  const uint64_t length = bin_len(alignment);
  if (length > kMaxFabBytes) {
    return Status(StatusCode::kOutOfRange, "persistent_hash alignment encodes to " +
                                               std::to_string(length) + " bytes, more than " +
                                               std::to_string(kMaxFabBytes));
  }
  std::vector<uint8_t> out;
  out.reserve(length);
  Status status = Encoder(fields, out).encode(alignment);
  if (!status.is_ok()) {
    if (!out.empty()) secure_zero(out.data(), out.size());
    return status;
  }
  return out;
}

}  // namespace nightjar::circuits
