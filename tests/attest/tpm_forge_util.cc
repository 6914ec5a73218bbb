#include <openssl/evp.h>

#include "tests/attest/tpm_forge.h"

namespace nightjar::attest::testing {
namespace {

void put(std::vector<uint8_t>* out, uint64_t v, int bytes) {
  for (int i = bytes - 1; i >= 0; --i) out->push_back(static_cast<uint8_t>(v >> (8 * i)));
}

void put2b(std::vector<uint8_t>* out, const std::vector<uint8_t>& v) {
  put(out, v.size(), 2);
  out->insert(out->end(), v.begin(), v.end());
}

}  // namespace

std::vector<uint8_t> marshal_tpms_attest(const QuoteFields& f) {
  std::vector<uint8_t> out;
  put(&out, f.magic, 4);
  put(&out, f.type, 2);
  std::vector<uint8_t> name = {0x00, 0x0b};
  name.resize(34, 0x5e);
  put2b(&out, name);
  put2b(&out, f.extra_data);
  put(&out, 0x282b, 8);  // clock
  put(&out, 1, 4);       // resetCount
  put(&out, 0, 4);       // restartCount
  out.push_back(1);      // safe
  put(&out, 0x2019102300163636, 8);
  std::vector<uint8_t> selection = marshal_pcr_selection(f.selection);
  out.insert(out.end(), selection.begin(), selection.end());
  put2b(&out, f.pcr_digest);
  return out;
}

std::vector<TpmPcrSelection> selection_for(const TpmPcrBank& bank) {
  TpmPcrSelection s{bank.hash_alg, std::vector<uint8_t>(3, 0)};
  for (const auto& [index, value] : bank.values) {
    s.bitmap[index / 8] |= static_cast<uint8_t>(1 << (index % 8));
  }
  return {s};
}

std::vector<uint8_t> pcr_digest_for(const TpmPcrBank& bank, uint16_t hash_alg) {
  std::vector<uint8_t> all;
  for (const auto& [index, value] : bank.values) all.insert(all.end(), value.begin(), value.end());
  std::vector<uint8_t> out(EVP_MAX_MD_SIZE);
  unsigned int length = 0;
  EVP_Digest(all.data(), all.size(), out.data(), &length,
             hash_alg == kTpmAlgSha384 ? EVP_sha384() : EVP_sha256(), nullptr);
  out.resize(length);
  return out;
}

TpmtSignature sign_quote(const KeyPair& key, uint16_t hash_alg,
                         const std::vector<uint8_t>& attest) {
  HashAlg hash = hash_alg == kTpmAlgSha384 ? HashAlg::kSha384 : HashAlg::kSha256;
  TpmtSignature sig;
  sig.hash_alg = hash_alg;
  if (EVP_PKEY_is_a(key.get(), "RSA")) {
    sig.sig_alg = kTpmAlgRsassa;
    sig.rsa_signature = sign_rsa_pkcs1(key, hash, attest);
  } else {
    sig.sig_alg = kTpmAlgEcdsa;
    size_t width = hash == HashAlg::kSha256 ? 32 : 48;
    std::vector<uint8_t> rs = sign_ecdsa_raw(key, hash, attest, width);
    sig.ecdsa_r.assign(rs.begin(), rs.begin() + static_cast<ptrdiff_t>(width));
    sig.ecdsa_s.assign(rs.begin() + static_cast<ptrdiff_t>(width), rs.end());
  }
  return sig;
}

TpmPcrBank sha256_pcrs(uint32_t n) {
  TpmPcrBank bank;
  for (uint32_t i = 0; i < n; ++i)
    bank.values[i] = std::vector<uint8_t>(32, static_cast<uint8_t>(i + 1));
  return bank;
}

}  // namespace nightjar::attest::testing
