#include "attest/evidence_file.h"

#include <openssl/evp.h>

#include <algorithm>
#include <fstream>
#include <iterator>

namespace nightjar::attest {

Result<std::vector<uint8_t>> read_evidence_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status(StatusCode::kNotFound, "cannot open " + path);
  std::vector<uint8_t> contents;
  char buffer[4096];
  while (in.read(buffer, sizeof(buffer)) || in.gcount() > 0) {
    contents.insert(contents.end(), buffer, buffer + in.gcount());
    if (contents.size() > kMaxEvidenceFileBytes) {
      return invalid_argument(path + ": larger than " + std::to_string(kMaxEvidenceFileBytes) +
                              " bytes, not evidence");
    }
  }
  return contents;
}

Result<std::vector<uint8_t>> decode_if_base64(std::span<const uint8_t> contents) {
  auto is_base64 = [](uint8_t c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' ||
           c == '/' || c == '=' || c == '\n' || c == '\r' || c == ' ' || c == '\t';
  };
  if (contents.empty() || !std::all_of(contents.begin(), contents.end(), is_base64)) {
    return std::vector<uint8_t>(contents.begin(), contents.end());
  }
  std::vector<uint8_t> compact;
  std::copy_if(contents.begin(), contents.end(), std::back_inserter(compact),
               [](uint8_t c) { return c != '\n' && c != '\r' && c != ' ' && c != '\t'; });
  if (compact.empty() || compact.size() % 4 != 0) {
    return invalid_argument("base64: length is not a multiple of four");
  }
  std::vector<uint8_t> out(compact.size() / 4 * 3);
  int n = EVP_DecodeBlock(out.data(), compact.data(), static_cast<int>(compact.size()));
  if (n < 0) return invalid_argument("base64: malformed text");
  // EVP_DecodeBlock counts the padding as zero bytes; drop them.
  size_t padding = static_cast<size_t>(std::count(compact.end() - 2, compact.end(), '='));
  out.resize(static_cast<size_t>(n) - padding);
  return out;
}

Result<EvidenceWithCertificates> split_trailing_pem(std::span<const uint8_t> contents,
                                                    size_t search_from) {
  constexpr std::string_view kMarker = "-----BEGIN CERTIFICATE-----";
  EvidenceWithCertificates out;
  search_from = std::min(search_from, contents.size());
  auto it = std::search(contents.begin() + static_cast<ptrdiff_t>(search_from), contents.end(),
                        kMarker.begin(), kMarker.end());
  out.evidence.assign(contents.begin(), it);
  if (it == contents.end()) return out;
  std::string_view pem(reinterpret_cast<const char*>(&*it),
                       static_cast<size_t>(contents.end() - it));
  Result<std::vector<Certificate>> certs = certificates_from_pem(pem);
  if (!certs.is_ok()) return certs.status();
  out.certificates = std::move(certs).value();
  return out;
}

}  // namespace nightjar::attest
