#include "server/tls.h"

#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include "base/hex.h"

namespace nightjar::server {
namespace {

namespace ssl = boost::asio::ssl;

template <class T, void (*Free)(T*)>
struct Deleter {
  void operator()(T* p) const { Free(p); }
};
using PkeyPtr = std::unique_ptr<EVP_PKEY, Deleter<EVP_PKEY, EVP_PKEY_free>>;
using X509Ptr = std::unique_ptr<X509, Deleter<X509, X509_free>>;
using ExtPtr = std::unique_ptr<X509_EXTENSION, Deleter<X509_EXTENSION, X509_EXTENSION_free>>;

Status openssl_error(const std::string& what) {
  char buf[256] = "unknown error";
  if (unsigned long e = ERR_get_error(); e != 0) ERR_error_string_n(e, buf, sizeof buf);
  ERR_clear_error();
  return Status(StatusCode::kInternal, what + ": " + buf);
}

int select_http11(SSL*, const unsigned char** out, unsigned char* outlen, const unsigned char* in,
                  unsigned int inlen, void*) {
  static const unsigned char kHttp11[] = "\x08http/1.1";
  unsigned char* selected = nullptr;
  if (SSL_select_next_proto(&selected, outlen, kHttp11, sizeof kHttp11 - 1, in, inlen) !=
      OPENSSL_NPN_NEGOTIATED) {
    // The client offers only protocols we do not speak (h2 alone): proceed without ALPN.
    return SSL_TLSEXT_ERR_NOACK;
  }
  *out = selected;
  return SSL_TLSEXT_ERR_OK;
}

std::unique_ptr<ssl::context> base_context() {
  auto ctx = std::make_unique<ssl::context>(ssl::context::tls_server);
  ctx->set_options(ssl::context::default_workarounds | ssl::context::no_compression |
                   ssl::context::single_dh_use);
  SSL_CTX_set_min_proto_version(ctx->native_handle(), TLS1_2_VERSION);
  SSL_CTX_set_alpn_select_cb(ctx->native_handle(), select_http11, nullptr);
  return ctx;
}

Result<std::string> leaf_pem(SSL_CTX* ctx) {
  X509* leaf = SSL_CTX_get0_certificate(ctx);
  BIO* bio = BIO_new(BIO_s_mem());
  if (leaf == nullptr || bio == nullptr || PEM_write_bio_X509(bio, leaf) != 1) {
    BIO_free(bio);
    return openssl_error("cannot encode the certificate");
  }
  char* data = nullptr;
  const long len = BIO_get_mem_data(bio, &data);
  std::string pem(data, static_cast<size_t>(len));
  BIO_free(bio);
  return pem;
}

Result<std::string> leaf_sha256(SSL_CTX* ctx) {
  X509* leaf = SSL_CTX_get0_certificate(ctx);
  if (leaf == nullptr) return Status(StatusCode::kInternal, "no certificate loaded");
  unsigned char md[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  if (X509_digest(leaf, EVP_sha256(), md, &len) != 1) {
    return openssl_error("cannot hash the certificate");
  }
  return to_hex(std::span<const uint8_t>(md, len));
}

Status add_extension(X509* cert, int nid, const char* value) {
  X509V3_CTX v3;
  X509V3_set_ctx_nodb(&v3);
  X509V3_set_ctx(&v3, cert, cert, nullptr, nullptr, 0);
  ExtPtr ext(X509V3_EXT_conf_nid(nullptr, &v3, nid, value));
  if (!ext || X509_add_ext(cert, ext.get(), -1) != 1) {
    return openssl_error("cannot add a certificate extension");
  }
  return Status::ok();
}

Result<Sha256Digest> leaf_spki_sha256(SSL_CTX* ctx) {
  X509* leaf = SSL_CTX_get0_certificate(ctx);
  unsigned char* spki = nullptr;
  const int length = leaf == nullptr ? 0 : i2d_PUBKEY(X509_get0_pubkey(leaf), &spki);
  if (length <= 0) return openssl_error("cannot encode the certificate's public key");
  Sha256Digest digest = sha256(std::span<const uint8_t>(spki, static_cast<size_t>(length)));
  OPENSSL_free(spki);
  return digest;
}

Result<TlsContext> finish(std::unique_ptr<ssl::context> ctx) {
  Result<std::string> fingerprint = leaf_sha256(ctx->native_handle());
  if (!fingerprint.is_ok()) return fingerprint.status();
  Result<std::string> pem = leaf_pem(ctx->native_handle());
  if (!pem.is_ok()) return pem.status();
  Result<Sha256Digest> spki = leaf_spki_sha256(ctx->native_handle());
  if (!spki.is_ok()) return spki.status();
  return TlsContext{std::move(ctx), std::move(fingerprint).value(), std::move(pem).value(), *spki};
}

}  // namespace

Result<TlsContext> tls_from_files(const std::string& cert_file, const std::string& key_file) {
  std::unique_ptr<ssl::context> ctx = base_context();
  SSL_CTX* native = ctx->native_handle();
  if (SSL_CTX_use_certificate_chain_file(native, cert_file.c_str()) != 1) {
    return openssl_error("TLS certificate " + cert_file);
  }
  if (SSL_CTX_use_PrivateKey_file(native, key_file.c_str(), SSL_FILETYPE_PEM) != 1) {
    return openssl_error("TLS key " + key_file);
  }
  if (SSL_CTX_check_private_key(native) != 1) {
    return openssl_error("TLS key " + key_file + " does not match certificate " + cert_file);
  }
  return finish(std::move(ctx));
}

Result<TlsContext> tls_self_signed() {
  PkeyPtr key(EVP_EC_gen("P-256"));
  if (!key) return openssl_error("cannot generate a P-256 key");

  X509Ptr cert(X509_new());
  if (!cert) return openssl_error("X509_new");
  X509_set_version(cert.get(), 2);  // v3
  unsigned char serial[16];
  if (RAND_bytes(serial, sizeof serial) != 1) return openssl_error("RAND_bytes");
  serial[0] &= 0x7f;  // a positive INTEGER
  BIGNUM* bn = BN_bin2bn(serial, sizeof serial, nullptr);
  BN_to_ASN1_INTEGER(bn, X509_get_serialNumber(cert.get()));
  BN_free(bn);
  // Back-dated a minute for clients whose clocks lag.
  X509_gmtime_adj(X509_getm_notBefore(cert.get()), -60);
  X509_gmtime_adj(X509_getm_notAfter(cert.get()), 365L * 24 * 3600);
  X509_NAME* name = X509_get_subject_name(cert.get());
  X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC,
                             reinterpret_cast<const unsigned char*>("nightjar"), -1, -1, 0);
  X509_set_issuer_name(cert.get(), name);
  X509_set_pubkey(cert.get(), key.get());
  for (auto [nid, value] : {std::pair{NID_subject_alt_name, "DNS:localhost,IP:127.0.0.1,IP:::1"},
                            std::pair{NID_basic_constraints, "critical,CA:FALSE"},
                            std::pair{NID_key_usage, "critical,digitalSignature"},
                            std::pair{NID_ext_key_usage, "serverAuth"}}) {
    if (Status s = add_extension(cert.get(), nid, value); !s.is_ok()) return s;
  }
  if (X509_sign(cert.get(), key.get(), EVP_sha256()) == 0) {
    return openssl_error("cannot sign the certificate");
  }

  std::unique_ptr<ssl::context> ctx = base_context();
  if (SSL_CTX_use_certificate(ctx->native_handle(), cert.get()) != 1 ||
      SSL_CTX_use_PrivateKey(ctx->native_handle(), key.get()) != 1) {
    return openssl_error("cannot install the self-signed certificate");
  }
  return finish(std::move(ctx));
}

}  // namespace nightjar::server
