#include "attest/byte_reader.h"

namespace nightjar::attest {

bool ByteReader::take(size_t n, std::string_view field) {
  if (!ok()) return false;
  if (n > remaining()) {
    status_ =
        invalid_argument(std::string(structure_) + ": truncated reading " + std::string(field) +
                         " at offset " + std::to_string(pos_) + " (needs " + std::to_string(n) +
                         " bytes, " + std::to_string(remaining()) + " left)");
    return false;
  }
  return true;
}

uint8_t ByteReader::u8(std::string_view field) {
  if (!take(1, field)) return 0;
  return data_[pos_++];
}

std::span<const uint8_t> ByteReader::bytes(size_t n, std::string_view field) {
  if (!take(n, field)) return {};
  std::span<const uint8_t> out = data_.subspan(pos_, n);
  pos_ += n;
  return out;
}

namespace {

template <class T>
T big_endian(std::span<const uint8_t> b) {
  T v = 0;
  for (uint8_t byte : b) v = static_cast<T>((v << 8) | byte);
  return v;
}

template <class T>
T little_endian(std::span<const uint8_t> b) {
  T v = 0;
  for (size_t i = b.size(); i-- > 0;) v = static_cast<T>((v << 8) | b[i]);
  return v;
}

}  // namespace

uint16_t ByteReader::u16_be(std::string_view field) {
  return big_endian<uint16_t>(bytes(2, field));
}
uint32_t ByteReader::u32_be(std::string_view field) {
  return big_endian<uint32_t>(bytes(4, field));
}
uint64_t ByteReader::u64_be(std::string_view field) {
  return big_endian<uint64_t>(bytes(8, field));
}
uint16_t ByteReader::u16_le(std::string_view field) {
  return little_endian<uint16_t>(bytes(2, field));
}
uint32_t ByteReader::u32_le(std::string_view field) {
  return little_endian<uint32_t>(bytes(4, field));
}
uint64_t ByteReader::u64_le(std::string_view field) {
  return little_endian<uint64_t>(bytes(8, field));
}

std::span<const uint8_t> ByteReader::tpm2b(std::string_view field, size_t max_size) {
  size_t at = pos_;
  uint16_t size = u16_be(field);
  if (!ok()) return {};
  if (size > max_size) {
    status_ = invalid_argument(std::string(structure_) + ": " + std::string(field) + " at offset " +
                               std::to_string(at) + " declares " + std::to_string(size) +
                               " bytes, more than its limit of " + std::to_string(max_size));
    return {};
  }
  return bytes(size, field);
}

void ByteReader::fail(std::string_view message) {
  if (!ok()) return;
  status_ = invalid_argument(std::string(structure_) + ": " + std::string(message) + " (offset " +
                             std::to_string(pos_) + ")");
}

Status ByteReader::finish() {
  if (ok() && remaining() != 0) {
    status_ =
        invalid_argument(std::string(structure_) + ": " + std::to_string(remaining()) +
                         " unexpected bytes after the end, at offset " + std::to_string(pos_));
  }
  return status_;
}

uint16_t load_le16(std::span<const uint8_t> data, size_t offset) {
  NIGHTJAR_CHECK(offset <= data.size() && data.size() - offset >= 2);
  return little_endian<uint16_t>(data.subspan(offset, 2));
}

uint32_t load_le32(std::span<const uint8_t> data, size_t offset) {
  NIGHTJAR_CHECK(offset <= data.size() && data.size() - offset >= 4);
  return little_endian<uint32_t>(data.subspan(offset, 4));
}

uint64_t load_le64(std::span<const uint8_t> data, size_t offset) {
  NIGHTJAR_CHECK(offset <= data.size() && data.size() - offset >= 8);
  return little_endian<uint64_t>(data.subspan(offset, 8));
}

}  // namespace nightjar::attest
