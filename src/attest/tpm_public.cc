#include "attest/tpm_public.h"

#include <openssl/evp.h>

#include <string>

#include "attest/byte_reader.h"
#include "attest/signature.h"
#include "attest/tpm_attest.h"

namespace nightjar::attest {
namespace {

constexpr size_t kMaxDigest = 64;
constexpr size_t kMaxRsaModulus = 512;
constexpr size_t kMaxEccCoordinate = 66;
constexpr uint16_t kTpmAlgEcdaa = 0x001A;
constexpr uint16_t kTpmAlgRsaes = 0x0015;

void put16(std::vector<uint8_t>* out, uint16_t v) {
  out->push_back(static_cast<uint8_t>(v >> 8));
  out->push_back(static_cast<uint8_t>(v));
}

void put32(std::vector<uint8_t>* out, uint32_t v) {
  for (int shift = 24; shift >= 0; shift -= 8) out->push_back(static_cast<uint8_t>(v >> shift));
}

void put2b(std::vector<uint8_t>* out, const std::vector<uint8_t>& v) {
  put16(out, static_cast<uint16_t>(v.size()));
  out->insert(out->end(), v.begin(), v.end());
}

std::vector<uint8_t> copy(std::span<const uint8_t> s) { return {s.begin(), s.end()}; }

// A scheme whose details are one hash (every signing and OAEP scheme), none (NULL, RSAES) or a
// hash and a count (ECDAA).
void read_scheme(ByteReader& r, TpmPublic* key) {
  key->scheme = r.u16_be("scheme");
  if (key->scheme == kTpmAlgNull || key->scheme == kTpmAlgRsaes) return;
  key->scheme_hash = r.u16_be("scheme hash");
  if (key->scheme == kTpmAlgEcdaa) key->scheme_count = r.u16_be("ECDAA count");
}

void write_scheme(std::vector<uint8_t>* out, const TpmPublic& key) {
  put16(out, key.scheme);
  if (key.scheme == kTpmAlgNull || key.scheme == kTpmAlgRsaes) return;
  put16(out, key.scheme_hash);
  if (key.scheme == kTpmAlgEcdaa) put16(out, key.scheme_count);
}

const EVP_MD* name_digest(uint16_t alg) {
  switch (alg) {
    case kTpmAlgSha256:
      return EVP_sha256();
    case kTpmAlgSha384:
      return EVP_sha384();
    case kTpmAlgSha512:
      return EVP_sha512();
    default:
      return nullptr;
  }
}

}  // namespace

Result<TpmPublic> parse_tpmt_public(std::span<const uint8_t> bytes) {
  ByteReader r(bytes, "TPMT_PUBLIC");
  TpmPublic key;
  key.type = r.u16_be("type");
  key.name_alg = r.u16_be("nameAlg");
  key.attributes = r.u32_be("objectAttributes");
  key.auth_policy = copy(r.tpm2b("authPolicy", kMaxDigest));
  if (r.ok() && key.type != kTpmAlgRsa && key.type != kTpmAlgEcc) {
    r.fail("type " + tpm_alg_name(key.type) + " is neither RSA nor ECC");
  }
  key.symmetric = r.u16_be("symmetric");
  if (key.symmetric != kTpmAlgNull) {
    key.symmetric_bits = r.u16_be("symmetric keyBits");
    key.symmetric_mode = r.u16_be("symmetric mode");
  }
  read_scheme(r, &key);
  if (key.type == kTpmAlgRsa) {
    key.rsa_bits = r.u16_be("keyBits");
    key.rsa_exponent = r.u32_be("exponent");
    key.rsa_modulus = copy(r.tpm2b("unique.rsa", kMaxRsaModulus));
  } else {
    key.curve = r.u16_be("curveID");
    key.kdf = r.u16_be("kdf");
    if (key.kdf != kTpmAlgNull) key.kdf_hash = r.u16_be("kdf hash");
    key.ecc_x = copy(r.tpm2b("unique.x", kMaxEccCoordinate));
    key.ecc_y = copy(r.tpm2b("unique.y", kMaxEccCoordinate));
  }
  Status status = r.finish();
  if (!status.is_ok()) return status;
  return key;
}

std::vector<uint8_t> marshal_tpmt_public(const TpmPublic& key) {
  std::vector<uint8_t> out;
  put16(&out, key.type);
  put16(&out, key.name_alg);
  put32(&out, key.attributes);
  put2b(&out, key.auth_policy);
  put16(&out, key.symmetric);
  if (key.symmetric != kTpmAlgNull) {
    put16(&out, key.symmetric_bits);
    put16(&out, key.symmetric_mode);
  }
  write_scheme(&out, key);
  if (key.type == kTpmAlgRsa) {
    put16(&out, key.rsa_bits);
    put32(&out, key.rsa_exponent);
    put2b(&out, key.rsa_modulus);
  } else {
    put16(&out, key.curve);
    put16(&out, key.kdf);
    if (key.kdf != kTpmAlgNull) put16(&out, key.kdf_hash);
    put2b(&out, key.ecc_x);
    put2b(&out, key.ecc_y);
  }
  return out;
}

Result<std::vector<uint8_t>> tpm_object_name(std::span<const uint8_t> tpmt_public) {
  if (tpmt_public.size() < 4) return invalid_argument("TPMT_PUBLIC: too short for a name");
  uint16_t name_alg = static_cast<uint16_t>(tpmt_public[2] << 8 | tpmt_public[3]);
  const EVP_MD* md = name_digest(name_alg);
  if (md == nullptr) {
    return invalid_argument("TPMT_PUBLIC: nameAlg " + tpm_alg_name(name_alg) +
                            " is not SHA-256, SHA-384 or SHA-512");
  }
  std::vector<uint8_t> name = {static_cast<uint8_t>(name_alg >> 8), static_cast<uint8_t>(name_alg)};
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  NIGHTJAR_CHECK(EVP_Digest(tpmt_public.data(), tpmt_public.size(), digest, &length, md, nullptr) ==
                 1);
  name.insert(name.end(), digest, digest + length);
  return name;
}

Result<std::vector<uint8_t>> tpm_primary_qualified_name(std::span<const uint8_t> tpmt_public,
                                                        uint32_t hierarchy) {
  Result<std::vector<uint8_t>> name = tpm_object_name(tpmt_public);
  if (!name.is_ok()) return name.status();
  std::vector<uint8_t> input;
  put32(&input, hierarchy);
  input.insert(input.end(), name->begin(), name->end());
  // tpm_object_name has checked the name algorithm.
  std::vector<uint8_t> qualified(name->begin(), name->begin() + 2);
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  NIGHTJAR_CHECK(EVP_Digest(input.data(), input.size(), digest, &length,
                            name_digest(static_cast<uint16_t>((*name)[0] << 8 | (*name)[1])),
                            nullptr) == 1);
  qualified.insert(qualified.end(), digest, digest + length);
  return qualified;
}

Result<PublicKey> tpm_public_key(const TpmPublic& key) {
  if (key.type == kTpmAlgRsa) {
    uint32_t e = key.rsa_exponent == 0 ? 65537 : key.rsa_exponent;
    std::vector<uint8_t> exponent;
    put32(&exponent, e);
    return rsa_public_key(key.rsa_modulus, exponent);
  }
  if (key.curve != kTpmEccNistP256) {
    return invalid_argument("TPMT_PUBLIC: ECC curve " + std::to_string(key.curve) +
                            " is not NIST P-256");
  }
  if (key.ecc_x.size() > 32 || key.ecc_y.size() > 32) {
    return invalid_argument("TPMT_PUBLIC: P-256 coordinate longer than 32 bytes");
  }
  // The TPM may drop leading zero bytes; the point encoding wants fixed widths.
  std::vector<uint8_t> xy(64, 0);
  std::copy(key.ecc_x.begin(), key.ecc_x.end(), xy.begin() + (32 - key.ecc_x.size()));
  std::copy(key.ecc_y.begin(), key.ecc_y.end(), xy.begin() + (64 - key.ecc_y.size()));
  return p256_public_key(xy);
}

// As go-tpm-tools' AKTemplateECC/AKTemplateRSA (the GCE defaults): a TPM derives the same key
// from the same template and seed, so the AK survives restarts without being stored.
TpmPublic default_ecc_ak_template() {
  TpmPublic t;
  t.type = kTpmAlgEcc;
  t.name_alg = kTpmAlgSha256;
  t.attributes = kTpmaAttestationKey | kTpmaUserWithAuth;
  t.scheme = kTpmAlgEcdsa;
  t.scheme_hash = kTpmAlgSha256;
  t.curve = kTpmEccNistP256;
  t.ecc_x.assign(32, 0);
  t.ecc_y.assign(32, 0);
  return t;
}

TpmPublic default_rsa_ak_template() {
  TpmPublic t;
  t.type = kTpmAlgRsa;
  t.name_alg = kTpmAlgSha256;
  t.attributes = kTpmaAttestationKey | kTpmaUserWithAuth;
  t.scheme = kTpmAlgRsassa;
  t.scheme_hash = kTpmAlgSha256;
  t.rsa_bits = 2048;
  t.rsa_modulus.assign(256, 0);
  return t;
}

}  // namespace nightjar::attest
