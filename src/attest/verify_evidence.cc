#include "attest/verify_evidence.h"

#include "attest/azure_verifier.h"
#include "attest/evidence_file.h"
#include "attest/nitro_verifier.h"
#include "attest/snp_report.h"
#include "attest/snp_verifier.h"
#include "attest/tdx_verifier.h"
#include "attest/tpm_evidence.h"
#include "attest/tpm_verifier.h"

namespace nightjar::attest {
namespace {

Verdict refused(Platform platform, const Status& status) {
  Verdict verdict;
  verdict.platform = platform;
  verdict.fail("parse", status.message());
  return verdict;
}

}  // namespace

Verdict verify_evidence(Platform platform, std::span<const uint8_t> contents, const Policy& policy,
                        const VerifyContext& context) {
  Result<std::vector<uint8_t>> bytes = decode_if_base64(contents);
  if (!bytes.is_ok()) return refused(platform, bytes.status());
  switch (platform) {
    case Platform::kNitro:
      return verify_nitro(*bytes, policy, context);
    case Platform::kTdx:
      return verify_tdx(*bytes, policy, context);
    case Platform::kSevSnp: {
      Result<EvidenceWithCertificates> parts = split_trailing_pem(*bytes, kSnpReportSize);
      if (!parts.is_ok()) return refused(platform, parts.status());
      return verify_snp(parts->evidence, parts->certificates, policy, context);
    }
    case Platform::kAzure: {
      Result<EvidenceWithCertificates> parts = split_trailing_pem(*bytes, 0);
      if (!parts.is_ok()) return refused(platform, parts.status());
      return verify_azure({parts->evidence, parts->certificates, std::nullopt}, policy, context);
    }
    case Platform::kTpm:
    case Platform::kGcp: {
      Result<TpmEvidence> evidence = parse_tpm_evidence(*bytes);
      if (!evidence.is_ok()) return refused(platform, evidence.status());
      return verify_tpm_evidence(*evidence, {}, policy, context);
    }
    case Platform::kNone:
      break;
  }
  Verdict verdict;
  verdict.platform = Platform::kNone;
  apply_policy(policy, context, {}, &verdict);
  verdict.notes.push_back("no TEE: nothing about the server is attested");
  return verdict;
}

}  // namespace nightjar::attest
