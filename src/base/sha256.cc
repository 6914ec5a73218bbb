#include "base/sha256.h"

#include <openssl/evp.h>

#include <utility>

#include "base/mapped_file.h"

namespace nightjar {

// OpenSSL fails here only when it cannot allocate or its default provider is missing: an
// environment fault no caller could recover from, hence a check rather than a Status.
Sha256::Sha256() : ctx_(EVP_MD_CTX_new()) {
  NIGHTJAR_CHECK(ctx_ != nullptr);
  NIGHTJAR_CHECK(EVP_DigestInit_ex(ctx_, EVP_sha256(), nullptr) == 1);
}

Sha256::~Sha256() { EVP_MD_CTX_free(ctx_); }

Sha256::Sha256(Sha256&& other) noexcept : ctx_(std::exchange(other.ctx_, nullptr)) {}

Sha256& Sha256::operator=(Sha256&& other) noexcept {
  if (this != &other) {
    EVP_MD_CTX_free(ctx_);
    ctx_ = std::exchange(other.ctx_, nullptr);
  }
  return *this;
}

void Sha256::update(std::span<const uint8_t> data) {
  NIGHTJAR_CHECK(ctx_ != nullptr);
  if (data.empty()) return;
  NIGHTJAR_CHECK(EVP_DigestUpdate(ctx_, data.data(), data.size()) == 1);
}

Sha256Digest Sha256::finish() {
  NIGHTJAR_CHECK(ctx_ != nullptr);
  Sha256Digest digest;
  unsigned int length = 0;
  NIGHTJAR_CHECK(EVP_DigestFinal_ex(ctx_, digest.data(), &length) == 1);
  NIGHTJAR_CHECK(length == digest.size());
  return digest;
}

Sha256Digest sha256(std::span<const uint8_t> data) {
  Sha256 hasher;
  hasher.update(data);
  return hasher.finish();
}

Result<Sha256Digest> sha256_file(const std::string& path) {
  Result<MappedFile> file = MappedFile::open(path);
  if (!file.is_ok()) return file.status();
  return sha256(file->bytes());
}

}  // namespace nightjar
