#include "tests/diff/vectors_util.h"

#include <fstream>

namespace nightjar::diff {
namespace {

int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

std::string load_vectors(const std::string& path, size_t limit_per_op, VectorSet& set) {
  std::ifstream in(path);
  if (!in) return "cannot open " + path;
  set.files.push_back(path);
  const size_t file = set.files.size() - 1;
  std::string line;
  size_t line_no = 0;
  while (std::getline(in, line)) {
    ++line_no;
    if (line.empty() || line[0] == '#') continue;
    size_t end = line.find(' ');
    std::string_view op = std::string_view(line).substr(0, end);
    auto it = set.by_op.find(op);
    if (it == set.by_op.end()) it = set.by_op.emplace(std::string(op), std::vector<Case>()).first;
    if (limit_per_op != 0 && it->second.size() >= limit_per_op) continue;
    Case c{file, line_no, {}};
    while (end != std::string::npos) {
      size_t start = end + 1;
      end = line.find(' ', start);
      c.tokens.emplace_back(line, start, end == std::string::npos ? end : end - start);
    }
    it->second.push_back(std::move(c));
    ++set.total;
  }
  if (in.bad()) return "error reading " + path;
  return "";
}

std::vector<uint8_t> hex_bytes(std::string_view hex, size_t size) {
  if (hex.size() != 2 * size) {
    throw MalformedCase("expected " + std::to_string(size) + " hex bytes, got '" +
                        std::string(hex) + "'");
  }
  std::vector<uint8_t> out(size);
  for (size_t i = 0; i < size; ++i) {
    int hi = hex_digit(hex[2 * i]);
    int lo = hex_digit(hex[2 * i + 1]);
    if (hi < 0 || lo < 0) throw MalformedCase("not hex: '" + std::string(hex) + "'");
    out[i] = static_cast<uint8_t>(16 * hi + lo);
  }
  return out;
}

std::string hex(std::span<const uint8_t> bytes) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out(2 * bytes.size(), '0');
  for (size_t i = 0; i < bytes.size(); ++i) {
    out[2 * i] = kDigits[bytes[i] >> 4];
    out[2 * i + 1] = kDigits[bytes[i] & 15];
  }
  return out;
}

}  // namespace nightjar::diff
