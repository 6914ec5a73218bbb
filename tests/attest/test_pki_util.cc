#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/ec.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <cstring>

#include "tests/attest/test_pki.h"

namespace nightjar::attest::testing {
namespace {

const EVP_MD* md(HashAlg hash) { return hash == HashAlg::kSha256 ? EVP_sha256() : EVP_sha384(); }

std::vector<uint8_t> bn_bytes(const BIGNUM* bn, size_t width) {
  std::vector<uint8_t> out(width == 0 ? static_cast<size_t>(BN_num_bytes(bn)) : width);
  NIGHTJAR_CHECK(BN_bn2binpad(bn, out.data(), static_cast<int>(out.size())) > 0 || BN_is_zero(bn));
  return out;
}

void set_time(ASN1_TIME* field, TimePoint t) {
  NIGHTJAR_CHECK(ASN1_TIME_set(field, std::chrono::system_clock::to_time_t(t)) != nullptr);
}

}  // namespace

KeyPair generate_ec_key(Curve curve) {
  EVP_PKEY* key = EVP_EC_gen(curve == Curve::kP256 ? "P-256" : "P-384");
  NIGHTJAR_CHECK(key != nullptr);
  return KeyPair(key);
}

KeyPair generate_rsa_key(int bits) {
  EVP_PKEY* key = EVP_RSA_gen(static_cast<unsigned int>(bits));
  NIGHTJAR_CHECK(key != nullptr);
  return KeyPair(key);
}

Certificate make_certificate(const CertSpec& spec, const KeyPair& subject_key,
                             const Certificate* issuer_cert, const KeyPair& issuer_key) {
  X509Ptr cert(X509_new());
  NIGHTJAR_CHECK(cert != nullptr);
  X509_set_version(cert.get(), 2);
  static long serial = 1;
  ASN1_INTEGER_set(X509_get_serialNumber(cert.get()), serial++);
  set_time(X509_getm_notBefore(cert.get()), spec.not_before);
  set_time(X509_getm_notAfter(cert.get()), spec.not_after);
  X509_NAME* name = X509_get_subject_name(cert.get());
  X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_UTF8,
                             reinterpret_cast<const unsigned char*>(spec.common_name.c_str()), -1,
                             -1, 0);
  X509_set_issuer_name(cert.get(),
                       issuer_cert != nullptr ? X509_get_subject_name(issuer_cert->get()) : name);
  X509_set_pubkey(cert.get(), subject_key.get());

  X509V3_CTX ctx;
  X509V3_set_ctx(&ctx, issuer_cert != nullptr ? issuer_cert->get() : cert.get(), cert.get(),
                 nullptr, nullptr, 0);
  auto add = [&](int nid, const char* value) {
    X509_EXTENSION* ext = X509V3_EXT_conf_nid(nullptr, &ctx, nid, value);
    NIGHTJAR_CHECK(ext != nullptr);
    X509_add_ext(cert.get(), ext, -1);
    X509_EXTENSION_free(ext);
  };
  add(NID_basic_constraints, spec.is_ca ? "critical,CA:TRUE" : "critical,CA:FALSE");
  add(NID_key_usage, spec.is_ca ? "critical,keyCertSign,cRLSign" : "critical,digitalSignature");
  for (const auto& [oid, value] : spec.extensions) {
    ASN1_OBJECT* object = OBJ_txt2obj(oid.c_str(), 1);
    ASN1_OCTET_STRING* data = ASN1_OCTET_STRING_new();
    ASN1_OCTET_STRING_set(data, value.data(), static_cast<int>(value.size()));
    X509_EXTENSION* ext = X509_EXTENSION_create_by_OBJ(nullptr, object, 0, data);
    NIGHTJAR_CHECK(ext != nullptr);
    X509_add_ext(cert.get(), ext, -1);
    X509_EXTENSION_free(ext);
    ASN1_OCTET_STRING_free(data);
    ASN1_OBJECT_free(object);
  }

  std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> sign(EVP_MD_CTX_new(), EVP_MD_CTX_free);
  EVP_PKEY_CTX* pctx = nullptr;
  NIGHTJAR_CHECK(EVP_DigestSignInit(sign.get(), &pctx, EVP_sha384(), nullptr, issuer_key.get()) ==
                 1);
  if (EVP_PKEY_is_a(issuer_key.get(), "RSA")) {
    NIGHTJAR_CHECK(EVP_PKEY_CTX_set_rsa_padding(pctx, RSA_PKCS1_PSS_PADDING) == 1);
    NIGHTJAR_CHECK(EVP_PKEY_CTX_set_rsa_pss_saltlen(pctx, 48) == 1);
  }
  NIGHTJAR_CHECK(X509_sign_ctx(cert.get(), sign.get()) > 0);

  int length = i2d_X509(cert.get(), nullptr);
  std::vector<uint8_t> der(static_cast<size_t>(length));
  unsigned char* p = der.data();
  i2d_X509(cert.get(), &p);
  Result<Certificate> parsed = Certificate::from_der(der);
  NIGHTJAR_CHECK(parsed.is_ok());
  return std::move(parsed).value();
}

std::vector<uint8_t> sign_ecdsa_raw(const KeyPair& key, HashAlg hash,
                                    std::span<const uint8_t> message, size_t coordinate_bytes) {
  std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx(EVP_MD_CTX_new(), EVP_MD_CTX_free);
  NIGHTJAR_CHECK(EVP_DigestSignInit(ctx.get(), nullptr, md(hash), nullptr, key.get()) == 1);
  size_t length = 0;
  NIGHTJAR_CHECK(EVP_DigestSign(ctx.get(), nullptr, &length, message.data(), message.size()) == 1);
  std::vector<uint8_t> der(length);
  NIGHTJAR_CHECK(EVP_DigestSign(ctx.get(), der.data(), &length, message.data(), message.size()) ==
                 1);
  const unsigned char* p = der.data();
  ECDSA_SIG* sig = d2i_ECDSA_SIG(nullptr, &p, static_cast<long>(length));
  NIGHTJAR_CHECK(sig != nullptr);
  std::vector<uint8_t> out = bn_bytes(ECDSA_SIG_get0_r(sig), coordinate_bytes);
  std::vector<uint8_t> s = bn_bytes(ECDSA_SIG_get0_s(sig), coordinate_bytes);
  out.insert(out.end(), s.begin(), s.end());
  ECDSA_SIG_free(sig);
  return out;
}

std::vector<uint8_t> sign_rsa_pkcs1(const KeyPair& key, HashAlg hash,
                                    std::span<const uint8_t> message) {
  std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx(EVP_MD_CTX_new(), EVP_MD_CTX_free);
  EVP_PKEY_CTX* pctx = nullptr;
  NIGHTJAR_CHECK(EVP_DigestSignInit(ctx.get(), &pctx, md(hash), nullptr, key.get()) == 1);
  NIGHTJAR_CHECK(EVP_PKEY_CTX_set_rsa_padding(pctx, RSA_PKCS1_PADDING) == 1);
  size_t length = 0;
  NIGHTJAR_CHECK(EVP_DigestSign(ctx.get(), nullptr, &length, message.data(), message.size()) == 1);
  std::vector<uint8_t> out(length);
  NIGHTJAR_CHECK(EVP_DigestSign(ctx.get(), out.data(), &length, message.data(), message.size()) ==
                 1);
  out.resize(length);
  return out;
}

std::vector<uint8_t> p256_point(const KeyPair& key) {
  uint8_t point[65];
  size_t length = 0;
  NIGHTJAR_CHECK(EVP_PKEY_get_octet_string_param(key.get(), OSSL_PKEY_PARAM_PUB_KEY, point,
                                                 sizeof(point), &length) == 1);
  NIGHTJAR_CHECK(length == 65 && point[0] == 0x04);
  return std::vector<uint8_t>(point + 1, point + 65);
}

std::pair<std::vector<uint8_t>, std::vector<uint8_t>> rsa_modulus_exponent(const KeyPair& key) {
  BIGNUM* n = nullptr;
  BIGNUM* e = nullptr;
  NIGHTJAR_CHECK(EVP_PKEY_get_bn_param(key.get(), OSSL_PKEY_PARAM_RSA_N, &n) == 1);
  NIGHTJAR_CHECK(EVP_PKEY_get_bn_param(key.get(), OSSL_PKEY_PARAM_RSA_E, &e) == 1);
  auto out = std::make_pair(bn_bytes(n, 0), bn_bytes(e, 0));
  BN_free(n);
  BN_free(e);
  return out;
}

std::string to_pem(const Certificate& cert) {
  std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new(BIO_s_mem()), BIO_free);
  NIGHTJAR_CHECK(PEM_write_bio_X509(bio.get(), cert.get()) == 1);
  char* data = nullptr;
  long length = BIO_get_mem_data(bio.get(), &data);
  return std::string(data, static_cast<size_t>(length));
}

}  // namespace nightjar::attest::testing
