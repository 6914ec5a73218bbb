#include "attest/x509.h"

#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/objects.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509_vfy.h>

#include <ctime>

namespace nightjar::attest {

void X509Deleter::operator()(X509* cert) const { X509_free(cert); }
void EvpPkeyDeleter::operator()(EVP_PKEY* key) const { EVP_PKEY_free(key); }

namespace {

// OpenSSL keeps failures on a per-thread queue; drain it so they cannot leak into later calls.
std::string openssl_error() {
  unsigned long code = ERR_get_error();
  const char* reason = code == 0 ? nullptr : ERR_reason_error_string(code);
  ERR_clear_error();
  return reason != nullptr ? reason : "unknown OpenSSL error";
}

}  // namespace

Result<Certificate> Certificate::from_der(std::span<const uint8_t> der) {
  if (der.empty()) return invalid_argument("X.509: empty certificate");
  if (der.size() > kMaxCertificateBytes) {
    return invalid_argument("X.509: certificate of " + std::to_string(der.size()) +
                            " bytes exceeds the limit");
  }
  const unsigned char* p = der.data();
  X509Ptr cert(d2i_X509(nullptr, &p, static_cast<long>(der.size())));
  if (cert == nullptr) return invalid_argument("X.509: not a DER certificate: " + openssl_error());
  if (p != der.data() + der.size()) {
    return invalid_argument("X.509: trailing bytes after the DER certificate");
  }
  return Certificate(std::move(cert), std::vector<uint8_t>(der.begin(), der.end()));
}

Certificate::Certificate(const Certificate& other) : der_(other.der_) {
  NIGHTJAR_CHECK(X509_up_ref(other.cert_.get()) == 1);
  cert_.reset(other.cert_.get());
}

Certificate& Certificate::operator=(const Certificate& other) {
  if (this != &other) *this = Certificate(other);
  return *this;
}

std::string Certificate::subject() const {
  char buffer[512];
  X509_NAME_oneline(X509_get_subject_name(cert_.get()), buffer, sizeof(buffer));
  return buffer;
}

PublicKey Certificate::public_key() const { return PublicKey(X509_get_pubkey(cert_.get())); }

std::optional<std::vector<uint8_t>> Certificate::extension(std::string_view oid) const {
  std::unique_ptr<ASN1_OBJECT, decltype(&ASN1_OBJECT_free)> object(
      OBJ_txt2obj(std::string(oid).c_str(), 1), ASN1_OBJECT_free);
  NIGHTJAR_CHECK(object != nullptr);
  int index = X509_get_ext_by_OBJ(cert_.get(), object.get(), -1);
  if (index < 0 || X509_get_ext_by_OBJ(cert_.get(), object.get(), index) >= 0) return std::nullopt;
  const ASN1_OCTET_STRING* value = X509_EXTENSION_get_data(X509_get_ext(cert_.get(), index));
  const unsigned char* data = ASN1_STRING_get0_data(value);
  return std::vector<uint8_t>(data, data + ASN1_STRING_length(value));
}

Sha256Digest spki_sha256(const PublicKey& key) {
  NIGHTJAR_CHECK(key != nullptr);
  unsigned char* spki = nullptr;
  int length = i2d_PUBKEY(key.get(), &spki);
  NIGHTJAR_CHECK(length > 0);
  Sha256Digest digest = sha256(std::span<const uint8_t>(spki, static_cast<size_t>(length)));
  OPENSSL_free(spki);
  return digest;
}

std::string certificate_pem(const Certificate& certificate) {
  std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new(BIO_s_mem()), BIO_free);
  NIGHTJAR_CHECK(bio != nullptr && PEM_write_bio_X509(bio.get(), certificate.get()) == 1);
  char* data = nullptr;
  long length = BIO_get_mem_data(bio.get(), &data);
  return std::string(data, static_cast<size_t>(length));
}

Result<std::vector<Certificate>> certificates_from_pem(std::string_view pem) {
  constexpr std::string_view kBegin = "-----BEGIN CERTIFICATE-----";
  constexpr std::string_view kEnd = "-----END CERTIFICATE-----";
  std::vector<Certificate> out;
  size_t pos = 0;
  while (true) {
    size_t begin = pem.find(kBegin, pos);
    std::string_view between =
        pem.substr(pos, begin == std::string_view::npos ? pem.npos : begin - pos);
    if (between.find_first_not_of(" \t\r\n") != std::string_view::npos) {
      return invalid_argument("PEM: unexpected text outside a certificate block at offset " +
                              std::to_string(pos));
    }
    if (begin == std::string_view::npos) break;
    size_t end = pem.find(kEnd, begin);
    if (end == std::string_view::npos) return invalid_argument("PEM: unterminated certificate");
    end += kEnd.size();
    if (out.size() == kMaxCertificates) {
      return invalid_argument("PEM: more than " + std::to_string(kMaxCertificates) +
                              " certificates");
    }
    std::string_view block = pem.substr(begin, end - begin);
    std::unique_ptr<BIO, decltype(&BIO_free)> bio(
        BIO_new_mem_buf(block.data(), static_cast<int>(block.size())), BIO_free);
    NIGHTJAR_CHECK(bio != nullptr);
    X509Ptr cert(PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr));
    if (cert == nullptr) return invalid_argument("PEM: bad certificate: " + openssl_error());
    int length = i2d_X509(cert.get(), nullptr);
    NIGHTJAR_CHECK(length > 0);
    std::vector<uint8_t> der(static_cast<size_t>(length));
    unsigned char* p = der.data();
    i2d_X509(cert.get(), &p);
    Result<Certificate> parsed = Certificate::from_der(der);
    if (!parsed.is_ok()) return parsed.status();
    out.push_back(std::move(parsed).value());
    pos = end;
  }
  return out;
}

Status verify_chain(const Certificate& leaf, std::span<const Certificate> intermediates,
                    const Certificate& root, TimePoint at) {
  std::unique_ptr<X509_STORE, decltype(&X509_STORE_free)> store(X509_STORE_new(), X509_STORE_free);
  // sk_X509_free is a macro; the stack borrows its certificates from `intermediates`.
  auto free_stack = [](STACK_OF(X509) * stack) { sk_X509_free(stack); };
  std::unique_ptr<STACK_OF(X509), decltype(free_stack)> untrusted(sk_X509_new_null(), free_stack);
  std::unique_ptr<X509_STORE_CTX, decltype(&X509_STORE_CTX_free)> ctx(X509_STORE_CTX_new(),
                                                                      X509_STORE_CTX_free);
  NIGHTJAR_CHECK(store != nullptr && untrusted != nullptr && ctx != nullptr);
  NIGHTJAR_CHECK(X509_STORE_add_cert(store.get(), root.get()) == 1);
  for (const Certificate& c : intermediates) {
    NIGHTJAR_CHECK(sk_X509_push(untrusted.get(), c.get()) > 0);
  }
  NIGHTJAR_CHECK(X509_STORE_CTX_init(ctx.get(), store.get(), leaf.get(), untrusted.get()) == 1);
  X509_VERIFY_PARAM* param = X509_STORE_CTX_get0_param(ctx.get());
  X509_VERIFY_PARAM_set_time(param, std::chrono::system_clock::to_time_t(at));
  int rc = X509_verify_cert(ctx.get());
  if (rc == 1) return Status::ok();
  int error = X509_STORE_CTX_get_error(ctx.get());
  int depth = X509_STORE_CTX_get_error_depth(ctx.get());
  ERR_clear_error();
  return Status(StatusCode::kFailedPrecondition, std::string("certificate chain: ") +
                                                     X509_verify_cert_error_string(error) +
                                                     " (at depth " + std::to_string(depth) +
                                                     ", checked at " + format_utc_time(at) + ")");
}

}  // namespace nightjar::attest
