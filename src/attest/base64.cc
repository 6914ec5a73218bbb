#include "attest/base64.h"

#include <openssl/evp.h>

#include <algorithm>

namespace nightjar::attest {

std::string base64_encode(std::span<const uint8_t> bytes) {
  std::string out(4 * ((bytes.size() + 2) / 3), '\0');
  if (bytes.empty()) return out;
  int n = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()), bytes.data(),
                          static_cast<int>(bytes.size()));
  NIGHTJAR_CHECK(n >= 0 && static_cast<size_t>(n) == out.size());
  return out;
}

Result<std::vector<uint8_t>> base64_decode(std::string_view text, size_t max_bytes) {
  if (text.size() % 4 != 0) return invalid_argument("base64: length is not a multiple of four");
  if (text.size() / 4 * 3 > max_bytes + 2) {
    return invalid_argument("base64: more than " + std::to_string(max_bytes) + " bytes");
  }
  size_t padding = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    bool alphabet = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                    c == '+' || c == '/';
    if (c == '=' && i + 2 >= text.size()) {
      ++padding;
    } else if (!alphabet || padding != 0) {
      return invalid_argument("base64: unexpected character at offset " + std::to_string(i));
    }
  }
  std::vector<uint8_t> out(text.size() / 4 * 3);
  if (text.empty()) return out;
  int n = EVP_DecodeBlock(out.data(), reinterpret_cast<const unsigned char*>(text.data()),
                          static_cast<int>(text.size()));
  if (n < 0) return invalid_argument("base64: malformed text");
  // EVP_DecodeBlock counts the padding as zero bytes.
  out.resize(static_cast<size_t>(n) - padding);
  if (out.size() > max_bytes) {
    return invalid_argument("base64: more than " + std::to_string(max_bytes) + " bytes");
  }
  return out;
}

}  // namespace nightjar::attest
