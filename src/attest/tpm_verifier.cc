#include "attest/tpm_verifier.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>

#include <algorithm>
#include <optional>
#include <string>

#include "attest/azure_verifier.h"
#include "attest/snp_report.h"
#include "attest/snp_verifier.h"
#include "attest/tpm_attest.h"
#include "attest/tpm_public.h"
#include "attest/tpm_quote_verifier.h"
#include "attest/tpm_signature.h"
#include "base/hex.h"

namespace nightjar::attest {
namespace {

Status failed(std::string message) {
  return Status(StatusCode::kFailedPrecondition, std::move(message));
}

std::string attributes_text(uint32_t missing) {
  static constexpr std::pair<uint32_t, const char*> kNames[] = {
      {kTpmaFixedTpm, "fixedTPM"},
      {kTpmaFixedParent, "fixedParent"},
      {kTpmaSensitiveDataOrigin, "sensitiveDataOrigin"},
      {kTpmaRestricted, "restricted"},
      {kTpmaSign, "sign"}};
  std::string out;
  for (const auto& [bit, name] : kNames) {
    if ((missing & bit) != 0) out += std::string(out.empty() ? "" : ", ") + name;
  }
  return out;
}

// Trust in the AK, in the order of the header: pins, then certificates, then the policy's leave.
void check_ak_trust(const PublicKey& ak, std::span<const Certificate> certificates,
                    const Policy& policy, const VerifyContext& context, Verdict* verdict) {
  const Sha256Digest fingerprint = spki_sha256(ak);
  verdict->add_claim("ak_sha256", to_hex(fingerprint));
  if (!policy.pinned_attestation_keys.empty()) {
    if (policy.pinned_attestation_keys.count(fingerprint) != 0) {
      verdict->pass("ak_trust", "the attestation key is pinned by the policy");
    } else {
      verdict->fail("ak_trust", "the attestation key " + to_hex(fingerprint) +
                                    " is not one the policy pins: a quote from another TPM");
    }
    return;
  }

  std::string why = "no AK certificate";
  for (const Certificate& leaf : certificates) {
    PublicKey key = leaf.public_key();
    if (key == nullptr || EVP_PKEY_eq(key.get(), ak.get()) != 1) continue;
    const Certificate* root = nullptr;
    std::vector<Certificate> intermediates;
    for (const Certificate& c : certificates) {
      const Sha256Digest id = c.sha256();
      if (&c == &leaf) continue;
      if (std::find(context.anchors.tpm_ak_roots.begin(), context.anchors.tpm_ak_roots.end(), id) !=
          context.anchors.tpm_ak_roots.end()) {
        root = &c;
      } else {
        intermediates.push_back(c);
      }
    }
    if (root == nullptr) {
      why = "the AK certificate's chain does not reach a pinned AK root";
      continue;
    }
    Status chain = verify_chain(leaf, intermediates, *root, context.now);
    if (chain.is_ok()) {
      verdict->pass("ak_trust",
                    "the AK certificate (" + leaf.subject() + ") chains to a pinned AK root");
      return;
    }
    why = chain.message();
  }
  if (policy.allow_unpinned_ak) {
    verdict->pass("ak_trust", "UNPINNED attestation key (" + why +
                                  "), accepted because the policy allows it (--allow-unpinned-ak)");
    verdict->notes.push_back(
        "the attestation key is not pinned: any TPM, a simulator included, could have made this "
        "quote; pin it (ak_sha256) to trust this machine");
    return;
  }
  verdict->fail("ak_trust", why + ", and the policy pins no attestation key");
}

void fail_quote(const std::string& why, Verdict* verdict) {
  for (const char* name : {"quote.signature", "quote.magic", "quote.type", "quote.pcr_selection",
                           "quote.pcr_digest"}) {
    verdict->fail(name, why);
  }
}

Status check_snp_binding(const SnpReport& report, const VerifyContext& context) {
  if (!std::all_of(report.report_data.begin() + 32, report.report_data.end(),
                   [](uint8_t b) { return b == 0; })) {
    return failed("REPORT_DATA[32..64] is not zero");
  }
  if (!context.binding) return Status::ok();
  if (CRYPTO_memcmp(report.report_data.data(), context.binding->data(), 32) != 0) {
    return failed(
        "REPORT_DATA is not this request's binding: the SNP report belongs to another request");
  }
  return Status::ok();
}

Verdict verify_azure_bundle(const TpmEvidence& e, std::span<const Certificate> certificates,
                            const Policy& policy, const VerifyContext& context) {
  AzureEvidence azure;
  azure.hcl_report = *e.hcl_report;
  azure.vcek_chain = amd_certificates(certificates);
  Result<TpmtSignature> signature = parse_tpmt_signature(e.signature);
  bool contiguous = e.pcr_bank == kTpmAlgSha256;
  uint32_t expected = 0;
  for (const auto& [index, value] : e.pcrs) contiguous &= index == expected++ && value.size() == 32;
  if (signature.is_ok() && contiguous) {
    AzureQuote quote{e.quote, std::move(signature).value(), {}};
    for (const auto& [index, value] : e.pcrs) {
      std::array<uint8_t, 32> v;
      std::copy(value.begin(), value.end(), v.begin());
      quote.pcrs.push_back(v);
    }
    azure.quote = std::move(quote);
  }
  Verdict verdict = verify_azure(azure, policy, context);
  if (!signature.is_ok()) verdict.fail("quote.parse", signature.status().message());
  if (!contiguous) verdict.fail("quote.pcrs", "the PCR values are not the SHA-256 PCRs 0..n");
  return verdict;
}

}  // namespace

bool is_amd_leaf(const Certificate& c) { return c.extension("1.3.6.1.4.1.3704.1.3.1").has_value(); }

std::vector<Certificate> amd_certificates(std::span<const Certificate> certificates) {
  auto leaf = std::find_if(certificates.begin(), certificates.end(), is_amd_leaf);
  if (leaf == certificates.end()) return {};
  // The others are untrusted intermediates at most: the chain must still end at a pinned ARK.
  std::vector<Certificate> out = {*leaf};
  for (auto it = certificates.begin(); it != certificates.end(); ++it) {
    if (it != leaf) out.push_back(*it);
  }
  return out;
}

Verdict verify_tpm_evidence(const TpmEvidence& e, std::span<const Certificate> certificates,
                            const Policy& policy, const VerifyContext& context) {
  if (e.platform() == Platform::kAzure)
    return verify_azure_bundle(e, certificates, policy, context);

  Verdict verdict;
  verdict.platform = e.platform();
  std::optional<SnpReport> snp;
  if (e.snp_report) {
    Result<SnpReport> report = parse_snp_report(*e.snp_report);
    if (!report.is_ok()) {
      verdict.fail("parse", report.status().message());
      return verdict;
    }
    snp = std::move(report).value();
    verdict.debug = snp->debug() ? DebugState::kOn : DebugState::kOff;
  }

  TpmPcrBank bank{e.pcr_bank, {}};
  for (const auto& [index, value] : e.pcrs) {
    bank.values[index] = value;
    verdict.add_measurement(
        "PCR" + std::to_string(index) +
            (e.pcr_bank == kTpmAlgSha256 ? std::string() : ":" + tpm_alg_name(e.pcr_bank)),
        value);
  }

  std::vector<uint8_t> extra_data;
  Result<TpmPublic> ak_public = parse_tpmt_public(e.ak_public);
  Result<PublicKey> ak = ak_public.is_ok() ? tpm_public_key(*ak_public) : ak_public.status();
  Result<TpmtSignature> signature = parse_tpmt_signature(e.signature);
  if (!ak.is_ok()) {
    verdict.fail("ak_public", ak.status().message());
    verdict.fail("ak_trust", "not verified: no attestation key");
    fail_quote("not verified: no attestation key", &verdict);
  } else {
    verdict.pass("ak_public", ak_public->type == kTpmAlgRsa ? "an RSA key" : "an ECC P-256 key");
    const uint32_t missing = kTpmaAttestationKey & ~ak_public->attributes;
    if (missing == 0 && (ak_public->attributes & kTpmaDecrypt) == 0) {
      verdict.pass("ak_attributes", "a restricted signing key bound to its TPM");
    } else {
      verdict.fail("ak_attributes", missing != 0 ? "the key lacks " + attributes_text(missing) +
                                                       ": it could sign a forged TPMS_ATTEST"
                                                 : "the key can decrypt: not an attestation key");
    }
    check_ak_trust(*ak, certificates, policy, context, &verdict);
    if (!signature.is_ok()) {
      fail_quote(signature.status().message(), &verdict);
    } else {
      std::optional<TpmsAttest> attest =
          check_tpm_quote(e.quote, *signature, *ak, {bank}, std::nullopt, "quote.", &verdict);
      if (attest) {
        Result<std::vector<uint8_t>> name =
            tpm_primary_qualified_name(e.ak_public, kTpmRhEndorsement);
        if (name.is_ok() && *name == attest->qualified_signer) {
          verdict.pass("ak_signer",
                       "qualifiedSigner is this key as a primary of the endorsement hierarchy");
        } else {
          verdict.fail("ak_signer", "qualifiedSigner " + to_hex(attest->qualified_signer) +
                                        " is not this key as a primary of the endorsement "
                                        "hierarchy");
        }
        verdict.add_claim("quote.clock", std::to_string(attest->clock));
        verdict.add_claim("quote.reset_count", std::to_string(attest->reset_count));
        verdict.add_claim("quote.firmware_version", hex_u64(attest->firmware_version));
        extra_data = std::move(attest->extra_data);
      }
    }
  }

  if (snp) {
    describe_snp_report(*snp, "snp.", &verdict);
    check_snp_report(*snp, amd_certificates(certificates), policy, context, "snp.", &verdict);
    verdict.record("snp.binding", check_snp_binding(*snp, context),
                   context.binding ? "REPORT_DATA is this request's binding, as the quote's is"
                                   : "REPORT_DATA[32..64] is zero");
    verdict.notes.push_back("AMD's CRL is not consulted");
  }
  apply_policy(policy, context, extra_data, &verdict);
  return verdict;
}

}  // namespace nightjar::attest
