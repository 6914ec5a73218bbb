#include "attest/tpm_quote_verifier.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>

#include <cstdio>

#include "base/hex.h"

namespace nightjar::attest {
namespace {

Status failed(std::string message) {
  return Status(StatusCode::kFailedPrecondition, std::move(message));
}

std::optional<HashAlg> signing_hash(uint16_t tpm_hash) {
  if (tpm_hash == kTpmAlgSha256) return HashAlg::kSha256;
  if (tpm_hash == kTpmAlgSha384) return HashAlg::kSha384;
  return std::nullopt;
}

Status check_signature(std::span<const uint8_t> attest, const TpmtSignature& sig,
                       const PublicKey& ak) {
  std::optional<HashAlg> hash = signing_hash(sig.hash_alg);
  if (!hash) {
    return failed("signature hash " + tpm_alg_name(sig.hash_alg) +
                  " is not allowed (SHA-256 or SHA-384)");
  }
  if (sig.sig_alg == kTpmAlgRsassa) return verify_rsa_pkcs1(ak, *hash, attest, sig.rsa_signature);
  if (sig.sig_alg == kTpmAlgEcdsa) {
    Curve curve = *hash == HashAlg::kSha256 ? Curve::kP256 : Curve::kP384;
    return verify_ecdsa(ak, curve, *hash, attest, sig.ecdsa_r, sig.ecdsa_s);
  }
  return failed("signature scheme " + tpm_alg_name(sig.sig_alg) + " is not allowed");
}

std::vector<TpmPcrSelection> selection_of(const std::vector<TpmPcrBank>& pcrs) {
  std::vector<TpmPcrSelection> out;
  for (const TpmPcrBank& bank : pcrs) {
    TpmPcrSelection s{bank.hash_alg, std::vector<uint8_t>(3, 0)};
    for (const auto& [index, value] : bank.values) {
      if (index / 8 >= s.bitmap.size()) s.bitmap.resize(index / 8 + 1, 0);
      s.bitmap[index / 8] |= static_cast<uint8_t>(1 << (index % 8));
    }
    out.push_back(std::move(s));
  }
  return out;
}

std::string selection_text(const std::vector<TpmPcrSelection>& banks) {
  std::string out;
  for (const TpmPcrSelection& bank : banks) {
    if (!out.empty()) out += " + ";
    out += tpm_alg_name(bank.hash_alg) + ":";
    std::vector<uint32_t> pcrs = bank.pcrs();
    for (size_t i = 0; i < pcrs.size(); ++i) out += (i ? "," : "") + std::to_string(pcrs[i]);
  }
  return out.empty() ? "nothing" : out;
}

Status check_selection(const TpmsAttest& attest, const std::vector<TpmPcrBank>& pcrs) {
  std::vector<TpmPcrSelection> presented = selection_of(pcrs);
  bool same = presented.size() == attest.pcr_select.size();
  for (size_t i = 0; same && i < presented.size(); ++i) {
    same = presented[i].same_pcrs(attest.pcr_select[i]);
  }
  if (!same) {
    return failed("the quote covers " + selection_text(attest.pcr_select) +
                  " but the values presented are for " + selection_text(presented));
  }
  return Status::ok();
}

Status check_digest(const TpmsAttest& attest, const TpmtSignature& sig,
                    const std::vector<TpmPcrBank>& pcrs) {
  const EVP_MD* md = sig.hash_alg == kTpmAlgSha384 ? EVP_sha384() : EVP_sha256();
  std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx(EVP_MD_CTX_new(), EVP_MD_CTX_free);
  NIGHTJAR_CHECK(ctx != nullptr && EVP_DigestInit_ex(ctx.get(), md, nullptr) == 1);
  for (const TpmPcrBank& bank : pcrs) {
    size_t size = tpm_digest_size(bank.hash_alg);
    for (const auto& [index, value] : bank.values) {
      if (size == 0 || value.size() != size) {
        return failed("PCR" + std::to_string(index) + " value of " + std::to_string(value.size()) +
                      " bytes in the " + tpm_alg_name(bank.hash_alg) + " bank");
      }
      NIGHTJAR_CHECK(EVP_DigestUpdate(ctx.get(), value.data(), value.size()) == 1);
    }
  }
  uint8_t digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  NIGHTJAR_CHECK(EVP_DigestFinal_ex(ctx.get(), digest, &length) == 1);
  if (attest.pcr_digest.size() != length ||
      CRYPTO_memcmp(attest.pcr_digest.data(), digest, length) != 0) {
    return failed("pcrDigest " + to_hex(attest.pcr_digest) +
                  " is not the digest of the presented PCR values");
  }
  return Status::ok();
}

}  // namespace

std::optional<TpmsAttest> check_tpm_quote(std::span<const uint8_t> attest_bytes,
                                          const TpmtSignature& signature, const PublicKey& ak,
                                          const std::vector<TpmPcrBank>& pcrs,
                                          std::optional<std::span<const uint8_t>> extra_data,
                                          const std::string& prefix, Verdict* verdict) {
  verdict->record(prefix + "signature", check_signature(attest_bytes, signature, ak),
                  tpm_alg_name(signature.sig_alg) + "-" + tpm_alg_name(signature.hash_alg) +
                      " over TPMS_ATTEST verifies with the attestation key");
  Result<TpmsAttest> attest = parse_tpms_attest(attest_bytes);
  if (!attest.is_ok()) {
    verdict->fail(prefix + "parse", attest.status().message());
    return std::nullopt;
  }
  if (attest->magic == kTpmGeneratedValue) {
    verdict->pass(prefix + "magic", "TPM_GENERATED_VALUE");
  } else {
    char magic[16];
    std::snprintf(magic, sizeof(magic), "0x%08x", attest->magic);
    verdict->fail(prefix + "magic",
                  std::string("magic ") + magic + " is not TPM_GENERATED_VALUE: not made by a TPM");
  }
  if (attest->type == kTpmStAttestQuote) {
    verdict->pass(prefix + "type", "TPM_ST_ATTEST_QUOTE");
    verdict->record(
        prefix + "pcr_selection", check_selection(*attest, pcrs),
        "the quote covers exactly the presented PCRs: " + selection_text(attest->pcr_select));
    verdict->record(prefix + "pcr_digest", check_digest(*attest, signature, pcrs),
                    "pcrDigest matches the presented PCR values");
  } else {
    verdict->fail(prefix + "type",
                  "attestation type " + tpm_alg_name(attest->type) + " is not a quote (0x8018)");
    verdict->fail(prefix + "pcr_selection", "not verified: not a quote");
    verdict->fail(prefix + "pcr_digest", "not verified: not a quote");
  }
  if (extra_data) {
    bool same =
        attest->extra_data.size() == extra_data->size() &&
        CRYPTO_memcmp(attest->extra_data.data(), extra_data->data(), extra_data->size()) == 0;
    if (same) {
      verdict->pass(prefix + "extra_data", "extraData is the expected nonce");
    } else {
      verdict->fail(prefix + "extra_data",
                    "extraData " + to_hex(attest->extra_data) + " is not the expected nonce");
    }
  }
  return std::move(attest).value();
}

}  // namespace nightjar::attest
