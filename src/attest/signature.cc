#include "attest/signature.h"

#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/ec.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/param_build.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>

#include <cstring>
#include <string>

namespace nightjar::attest {
namespace {

constexpr int kMinRsaBits = 2048;

Status failed(std::string message) {
  ERR_clear_error();
  return Status(StatusCode::kFailedPrecondition, std::move(message));
}

const EVP_MD* md(HashAlg hash) { return hash == HashAlg::kSha256 ? EVP_sha256() : EVP_sha384(); }

std::string_view curve_name(Curve curve) { return curve == Curve::kP256 ? "P-256" : "P-384"; }

size_t curve_bytes(Curve curve) { return curve == Curve::kP256 ? 32 : 48; }

Status verify_digest_signature(const PublicKey& key, HashAlg hash, bool pkcs1,
                               std::span<const uint8_t> message,
                               std::span<const uint8_t> signature) {
  std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx(EVP_MD_CTX_new(), EVP_MD_CTX_free);
  NIGHTJAR_CHECK(ctx != nullptr);
  EVP_PKEY_CTX* pctx = nullptr;
  if (EVP_DigestVerifyInit(ctx.get(), &pctx, md(hash), nullptr, key.get()) != 1) {
    return failed("signature: the key cannot verify this kind of signature");
  }
  if (pkcs1 && EVP_PKEY_CTX_set_rsa_padding(pctx, RSA_PKCS1_PADDING) != 1) {
    return failed("signature: RSA PKCS#1 v1.5 padding unavailable");
  }
  int rc = EVP_DigestVerify(ctx.get(), signature.data(), signature.size(), message.data(),
                            message.size());
  if (rc != 1) return failed("signature does not verify");
  return Status::ok();
}

}  // namespace

Status expect_ec_key(const PublicKey& key, Curve curve) {
  if (key == nullptr || !EVP_PKEY_is_a(key.get(), "EC")) {
    return failed("key is not an EC key (want " + std::string(curve_name(curve)) + ")");
  }
  char group[64] = {0};
  size_t length = 0;
  if (EVP_PKEY_get_utf8_string_param(key.get(), OSSL_PKEY_PARAM_GROUP_NAME, group, sizeof(group),
                                     &length) != 1) {
    return failed("EC key without a named curve");
  }
  const int nid = OBJ_sn2nid(group);
  const int want = curve == Curve::kP256 ? NID_X9_62_prime256v1 : NID_secp384r1;
  if (nid != want) {
    return failed("EC key on curve " + std::string(group) + " (want " +
                  std::string(curve_name(curve)) + ")");
  }
  return Status::ok();
}

Status verify_ecdsa(const PublicKey& key, Curve curve, HashAlg hash,
                    std::span<const uint8_t> message, std::span<const uint8_t> r,
                    std::span<const uint8_t> s) {
  if (Status k = expect_ec_key(key, curve); !k.is_ok()) return k;
  if (r.empty() || s.empty()) return failed("ECDSA signature: empty r or s");
  std::unique_ptr<ECDSA_SIG, decltype(&ECDSA_SIG_free)> sig(ECDSA_SIG_new(), ECDSA_SIG_free);
  NIGHTJAR_CHECK(sig != nullptr);
  BIGNUM* br = BN_bin2bn(r.data(), static_cast<int>(r.size()), nullptr);
  BIGNUM* bs = BN_bin2bn(s.data(), static_cast<int>(s.size()), nullptr);
  NIGHTJAR_CHECK(br != nullptr && bs != nullptr);
  // Wider encodings are allowed (AMD zero-extends to 72 bytes) but not wider values.
  if (static_cast<size_t>(BN_num_bytes(br)) > curve_bytes(curve) ||
      static_cast<size_t>(BN_num_bytes(bs)) > curve_bytes(curve)) {
    BN_free(br);
    BN_free(bs);
    return failed("ECDSA signature: r or s larger than the curve order");
  }
  NIGHTJAR_CHECK(ECDSA_SIG_set0(sig.get(), br, bs) == 1);
  unsigned char* der = nullptr;
  int der_length = i2d_ECDSA_SIG(sig.get(), &der);
  NIGHTJAR_CHECK(der_length > 0);
  std::vector<uint8_t> encoded(der, der + der_length);
  OPENSSL_free(der);
  return verify_digest_signature(key, hash, false, message, encoded);
}

Status verify_rsa_pkcs1(const PublicKey& key, HashAlg hash, std::span<const uint8_t> message,
                        std::span<const uint8_t> signature) {
  if (key == nullptr || !EVP_PKEY_is_a(key.get(), "RSA")) return failed("key is not an RSA key");
  if (EVP_PKEY_get_bits(key.get()) < kMinRsaBits) {
    return failed("RSA key of " + std::to_string(EVP_PKEY_get_bits(key.get())) +
                  " bits (want at least 2048)");
  }
  return verify_digest_signature(key, hash, true, message, signature);
}

Result<PublicKey> p256_public_key(std::span<const uint8_t> xy) {
  if (xy.size() != 64) return invalid_argument("P-256 point: want 64 bytes x||y");
  uint8_t point[65];
  point[0] = 0x04;
  std::memcpy(point + 1, xy.data(), 64);
  std::unique_ptr<OSSL_PARAM_BLD, decltype(&OSSL_PARAM_BLD_free)> build(OSSL_PARAM_BLD_new(),
                                                                        OSSL_PARAM_BLD_free);
  NIGHTJAR_CHECK(build != nullptr);
  NIGHTJAR_CHECK(OSSL_PARAM_BLD_push_utf8_string(build.get(), OSSL_PKEY_PARAM_GROUP_NAME,
                                                 "prime256v1", 0) == 1);
  NIGHTJAR_CHECK(OSSL_PARAM_BLD_push_octet_string(build.get(), OSSL_PKEY_PARAM_PUB_KEY, point,
                                                  sizeof(point)) == 1);
  std::unique_ptr<OSSL_PARAM, decltype(&OSSL_PARAM_free)> params(
      OSSL_PARAM_BLD_to_param(build.get()), OSSL_PARAM_free);
  std::unique_ptr<EVP_PKEY_CTX, decltype(&EVP_PKEY_CTX_free)> ctx(
      EVP_PKEY_CTX_new_from_name(nullptr, "EC", nullptr), EVP_PKEY_CTX_free);
  NIGHTJAR_CHECK(params != nullptr && ctx != nullptr);
  EVP_PKEY* raw = nullptr;
  if (EVP_PKEY_fromdata_init(ctx.get()) != 1 ||
      EVP_PKEY_fromdata(ctx.get(), &raw, EVP_PKEY_PUBLIC_KEY, params.get()) != 1) {
    ERR_clear_error();
    return invalid_argument("P-256 point: not on the curve");
  }
  PublicKey key(raw);
  std::unique_ptr<EVP_PKEY_CTX, decltype(&EVP_PKEY_CTX_free)> check(
      EVP_PKEY_CTX_new_from_pkey(nullptr, key.get(), nullptr), EVP_PKEY_CTX_free);
  NIGHTJAR_CHECK(check != nullptr);
  if (EVP_PKEY_public_check(check.get()) != 1) {
    ERR_clear_error();
    return invalid_argument("P-256 point: not a valid public key");
  }
  return key;
}

Result<PublicKey> rsa_public_key(std::span<const uint8_t> modulus,
                                 std::span<const uint8_t> exponent) {
  if (modulus.empty() || modulus.size() > 2048 || exponent.empty() || exponent.size() > 8) {
    return invalid_argument("RSA key: modulus or exponent of an unsupported size");
  }
  std::unique_ptr<BIGNUM, decltype(&BN_free)> n(
      BN_bin2bn(modulus.data(), static_cast<int>(modulus.size()), nullptr), BN_free);
  std::unique_ptr<BIGNUM, decltype(&BN_free)> e(
      BN_bin2bn(exponent.data(), static_cast<int>(exponent.size()), nullptr), BN_free);
  NIGHTJAR_CHECK(n != nullptr && e != nullptr);
  if (BN_num_bits(n.get()) < kMinRsaBits) {
    return invalid_argument("RSA key of " + std::to_string(BN_num_bits(n.get())) +
                            " bits (want at least 2048)");
  }
  if (!BN_is_odd(e.get()) || BN_is_one(e.get())) return invalid_argument("RSA key: bad exponent");
  std::unique_ptr<OSSL_PARAM_BLD, decltype(&OSSL_PARAM_BLD_free)> build(OSSL_PARAM_BLD_new(),
                                                                        OSSL_PARAM_BLD_free);
  NIGHTJAR_CHECK(build != nullptr);
  NIGHTJAR_CHECK(OSSL_PARAM_BLD_push_BN(build.get(), OSSL_PKEY_PARAM_RSA_N, n.get()) == 1);
  NIGHTJAR_CHECK(OSSL_PARAM_BLD_push_BN(build.get(), OSSL_PKEY_PARAM_RSA_E, e.get()) == 1);
  std::unique_ptr<OSSL_PARAM, decltype(&OSSL_PARAM_free)> params(
      OSSL_PARAM_BLD_to_param(build.get()), OSSL_PARAM_free);
  std::unique_ptr<EVP_PKEY_CTX, decltype(&EVP_PKEY_CTX_free)> ctx(
      EVP_PKEY_CTX_new_from_name(nullptr, "RSA", nullptr), EVP_PKEY_CTX_free);
  NIGHTJAR_CHECK(params != nullptr && ctx != nullptr);
  EVP_PKEY* raw = nullptr;
  if (EVP_PKEY_fromdata_init(ctx.get()) != 1 ||
      EVP_PKEY_fromdata(ctx.get(), &raw, EVP_PKEY_PUBLIC_KEY, params.get()) != 1) {
    ERR_clear_error();
    return invalid_argument("RSA key: OpenSSL refused the modulus and exponent");
  }
  return PublicKey(raw);
}

Result<PublicKey> public_key_from_pem(std::string_view pem) {
  if (pem.size() > kMaxCertificateBytes) return invalid_argument("PEM public key too large");
  std::unique_ptr<BIO, decltype(&BIO_free)> bio(
      BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())), BIO_free);
  NIGHTJAR_CHECK(bio != nullptr);
  EVP_PKEY* raw = PEM_read_bio_PUBKEY(bio.get(), nullptr, nullptr, nullptr);
  if (raw == nullptr) {
    ERR_clear_error();
    return invalid_argument("not a PEM public key");
  }
  return PublicKey(raw);
}

std::array<uint8_t, 48> sha384(std::span<const uint8_t> data) {
  std::array<uint8_t, 48> out;
  unsigned int length = 0;
  NIGHTJAR_CHECK(EVP_Digest(data.data(), data.size(), out.data(), &length, EVP_sha384(), nullptr) ==
                     1 &&
                 length == out.size());
  return out;
}

}  // namespace nightjar::attest
