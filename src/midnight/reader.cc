#include "midnight/reader.h"

#include <cstring>
#include <limits>

#include "base/secure_zero.h"
#include "midnight/utf8.h"

namespace nightjar::midnight {

namespace {

constexpr std::string_view kGlobalTag = "midnight:";

// The official decoder replaces anything outside this set when echoing a bad header.
std::string sanitise_tag(std::span<const uint8_t> bytes) {
  std::string out;
  for (uint8_t c : bytes) {
    bool allowed = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                   std::strchr(":_-()[],", c) != nullptr;
    if (c != 0 && allowed) {
      out.push_back(static_cast<char>(c));
    } else {
      out += "\xEF\xBF\xBD";  // U+FFFD
    }
  }
  return out;
}

}  // namespace

void Reader::expect_header(std::string_view tag) {
  if (!ok()) return;
  std::string expected = std::string(kGlobalTag) + std::string(tag) + ":";
  size_t n = std::min(expected.size(), remaining());
  std::span<const uint8_t> got = data_.subspan(pos_, n);
  if (n != expected.size() || std::memcmp(got.data(), expected.data(), n) != 0) {
    status_ =
        invalid_argument("expected header tag '" + expected + "', got '" + sanitise_tag(got) + "'");
    return;
  }
  pos_ += n;
}

Status Reader::finish(std::string_view tag) {
  if (ok() && remaining() != 0) {
    status_ = invalid_argument("Not all bytes read deserializing '" + std::string(kGlobalTag) +
                               std::string(tag) + ":'; " + std::to_string(remaining()) +
                               " bytes remaining");
  }
  return status_;
}

void Reader::fail(std::string_view problem) { fail_at(pos_, problem); }

void Reader::fail_at(size_t offset, std::string_view problem) {
  if (!ok()) return;
  std::string message(problem);
  message += " at byte " + std::to_string(base_offset_ + offset);
  if (std::string where = path(); !where.empty()) message += " in " + where;
  status_ = invalid_argument(std::move(message));
}

void Reader::adopt(const Status& status) {
  if (ok() && !status.is_ok()) status_ = status;
}

std::string Reader::path() const {
  std::string out = outer_path_;
  for (const Frame& frame : path_) {
    if (!out.empty()) out.push_back('.');
    out += frame.name;
    if (frame.indexed) out += "[" + std::to_string(frame.index) + "]";
  }
  return out;
}

Reader::Scope::Scope(Reader& reader, std::string_view name, bool nested)
    : reader_(reader), nested_(nested) {
  reader_.path_.push_back({name, 0, false});
  if (nested_ && ++reader_.depth_ > reader_.limits_.max_depth) {
    reader_.fail("nesting deeper than " + std::to_string(reader_.limits_.max_depth) + " levels");
  }
}

Reader::Scope::~Scope() {
  reader_.path_.pop_back();
  if (nested_) --reader_.depth_;
}

void Reader::Scope::at(size_t index) {
  reader_.path_.back().index = index;
  reader_.path_.back().indexed = true;
}

bool Reader::need(size_t n) {
  if (!ok()) return false;
  if (n > remaining()) {
    fail("truncated input: " + std::to_string(n) + " bytes needed, " + std::to_string(remaining()) +
         " left");
    return false;
  }
  return true;
}

uint8_t Reader::u8() {
  if (!need(1)) return 0;
  return data_[pos_++];
}

uint8_t Reader::peek_u8() {
  if (!need(1)) return 0;
  return data_[pos_];
}

uint32_t Reader::u32_le() {
  std::span<const uint8_t> b = bytes(4);
  if (b.empty()) return 0;
  return uint32_t{b[0]} | uint32_t{b[1]} << 8 | uint32_t{b[2]} << 16 | uint32_t{b[3]} << 24;
}

uint32_t Reader::u32_be() {
  std::span<const uint8_t> b = bytes(4);
  if (b.empty()) return 0;
  return uint32_t{b[3]} | uint32_t{b[2]} << 8 | uint32_t{b[1]} << 16 | uint32_t{b[0]} << 24;
}

std::span<const uint8_t> Reader::bytes(size_t n) {
  if (!need(n)) return {};
  std::span<const uint8_t> out = data_.subspan(pos_, n);
  pos_ += n;
  return out;
}

bool Reader::boolean() {
  size_t at = pos_;
  uint8_t b = u8();
  if (b > 1) fail_at(at, "invalid bool byte " + std::to_string(b));
  return b == 1;
}

bool Reader::option() {
  size_t at = pos_;
  uint8_t b = u8();
  if (b > 1) fail_at(at, "Invalid discriminant: " + std::to_string(b) + ". (option)");
  return b == 1;
}

size_t Reader::compact_le(std::array<uint8_t, 32>& out, size_t max_bytes, std::string_view type) {
  out.fill(0);
  size_t at = pos_;
  uint8_t first = u8();
  if (!ok()) return SIZE_MAX;
  auto non_canonical = [&] {
    fail_at(at, "non-canonical compact encoding of " + std::string(type));
    return SIZE_MAX;
  };
  uint64_t small = 0;
  switch (first & 3) {
    case 0:
      small = first >> 2;
      break;
    case 1: {
      uint8_t second = u8();
      small = (uint64_t{first} | uint64_t{second} << 8) >> 2;
      if (ok() && small < (1u << 6)) return non_canonical();
      break;
    }
    case 2: {
      std::span<const uint8_t> rest = bytes(3);
      if (rest.empty()) return SIZE_MAX;
      small = (uint64_t{first} | uint64_t{rest[0]} << 8 | uint64_t{rest[1]} << 16 |
               uint64_t{rest[2]} << 24) >>
              2;
      if (small < (1u << 14)) return non_canonical();
      break;
    }
    default: {
      size_t n = static_cast<size_t>(first >> 2) + 4;
      std::span<const uint8_t> value = bytes(n);
      if (value.empty()) return SIZE_MAX;
      // The official decoder also accepts a 4-byte value below 2^30 here; its encoder never
      // writes one, and accepting it would break byte-identical re-encoding.
      if (value[n - 1] == 0 || (n == 4 && value[3] < 0x40)) return non_canonical();
      if (n > max_bytes) {
        fail_at(at, "compact integer of " + std::to_string(n) + " bytes is out of range for " +
                        std::string(type));
        return SIZE_MAX;
      }
      std::memcpy(out.data(), value.data(), n);
      return n;
    }
  }
  if (!ok()) return SIZE_MAX;
  size_t len = 0;
  for (uint64_t v = small; v != 0; v >>= 8) out[len++] = static_cast<uint8_t>(v);
  return len;
}

uint64_t Reader::compact_u64() {
  std::array<uint8_t, 32> le;
  size_t n = compact_le(le, 8, "u64");
  if (n == SIZE_MAX) return 0;
  uint64_t v = 0;
  for (size_t i = n; i-- > 0;) v = v << 8 | le[i];
  return v;
}

uint32_t Reader::compact_u32() {
  std::array<uint8_t, 32> le;
  size_t n = compact_le(le, 4, "u32");
  if (n == SIZE_MAX) return 0;
  uint32_t v = 0;
  for (size_t i = n; i-- > 0;) v = v << 8 | le[i];
  return v;
}

ff::Fr Reader::fr() {
  std::array<uint8_t, 32> le;
  size_t at = pos_;
  size_t n = compact_le(le, 32, "a field element");
  if (n == SIZE_MAX) return ff::Fr::zero();
  std::optional<ff::Fr> value = ff::Fr::from_bytes_le(le);
  secure_zero(le.data(), le.size());
  if (!value) {
    fail_at(at, "field element is not below the BLS12-381 scalar modulus");
    return ff::Fr::zero();
  }
  return *value;
}

size_t Reader::count(size_t element_size, size_t min_wire_bytes) {
  size_t at = pos_;
  uint32_t n = compact_u32();
  if (!ok()) return 0;
  if (min_wire_bytes != 0 && n > remaining() / min_wire_bytes) {
    fail_at(at, "declared length " + std::to_string(n) + " exceeds the " +
                    std::to_string(remaining()) + " bytes left");
    return 0;
  }
  if (element_size != 0 && n > limits_.max_allocation / element_size) {
    fail_at(at, "declared length " + std::to_string(n) + " exceeds the allocation limit of " +
                    std::to_string(limits_.max_allocation) + " bytes");
    return 0;
  }
  return n;
}

std::span<const uint8_t> Reader::byte_vec() {
  size_t n = count(0, 1);
  return bytes(n);
}

std::string Reader::string() {
  size_t at = pos_;
  std::span<const uint8_t> raw = byte_vec();
  if (!ok()) return {};
  if (!is_valid_utf8(raw)) {
    fail_at(at, "string is not valid UTF-8");
    return {};
  }
  return std::string(raw.begin(), raw.end());
}

}  // namespace nightjar::midnight
