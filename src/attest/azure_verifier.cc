#include "attest/azure_verifier.h"

#include <openssl/crypto.h>

#include <algorithm>

#include "attest/azure_hcl_report.h"
#include "attest/snp_report.h"
#include "attest/snp_verifier.h"
#include "attest/tpm_quote_verifier.h"
#include "base/hex.h"

namespace nightjar::attest {
namespace {

constexpr uint32_t kAzurePcrCount = 24;

Status check_runtime_data(const HclReport& hcl) {
  if (hcl.report_data_hash_type != kHclHashSha256) {
    return Status(StatusCode::kFailedPrecondition, "report_data_hash_type " +
                                                       std::to_string(hcl.report_data_hash_type) +
                                                       " is not SHA-256 (1)");
  }
  std::array<uint8_t, 64> report_data = hcl.hardware_report_data();
  Sha256Digest digest = sha256(hcl.runtime_data);
  if (CRYPTO_memcmp(digest.data(), report_data.data(), digest.size()) != 0) {
    return Status(StatusCode::kFailedPrecondition,
                  "SHA-256 of the runtime data (" + to_hex(digest) +
                      ") is not REPORT_DATA[0..32]: the hardware does not vouch for it");
  }
  if (!std::all_of(report_data.begin() + 32, report_data.end(), [](uint8_t b) { return b == 0; })) {
    return Status(StatusCode::kFailedPrecondition, "REPORT_DATA[32..64] is not zero");
  }
  return Status::ok();
}

void fail_quote(const std::string& why, Verdict* verdict) {
  for (const char* name : {"quote.signature", "quote.magic", "quote.type", "quote.pcr_selection",
                           "quote.pcr_digest"}) {
    verdict->fail(name, why);
  }
}

}  // namespace

Verdict verify_azure(const AzureEvidence& evidence, const Policy& policy,
                     const VerifyContext& context) {
  Verdict verdict;
  verdict.platform = Platform::kAzure;
  Result<HclReport> hcl = parse_hcl_report(evidence.hcl_report);
  if (!hcl.is_ok()) {
    verdict.fail("parse", hcl.status().message());
    return verdict;
  }
  if (hcl->report_type != kHclReportTypeSnp) {
    verdict.fail("parse", "HCL report: only SEV-SNP hardware reports are supported (type " +
                              std::to_string(hcl->report_type) + ")");
    return verdict;
  }
  Result<SnpReport> snp = parse_snp_report(hcl->hardware_report);
  if (!snp.is_ok()) {
    verdict.fail("parse", snp.status().message());
    return verdict;
  }
  verdict.debug = snp->debug() ? DebugState::kOn : DebugState::kOff;
  describe_snp_report(*snp, "snp.", &verdict);
  check_snp_report(*snp, evidence.vcek_chain, policy, context, "snp.", &verdict);
  verdict.record("runtime_data", check_runtime_data(*hcl),
                 "SHA-256 of the runtime data is the SNP REPORT_DATA");

  Result<HclRuntimeData> runtime = parse_hcl_runtime_data(hcl->runtime_data);
  std::vector<uint8_t> extra_data;
  if (!runtime.is_ok()) {
    verdict.fail("attestation_key", runtime.status().message());
    fail_quote("not verified: no attestation key", &verdict);
  } else {
    verdict.pass("attestation_key", "HCLAkPub, an RSA key, read from the runtime data");
    if (!runtime->vm_unique_id.empty()) verdict.add_claim("vm_unique_id", runtime->vm_unique_id);
    if (runtime->secure_boot && runtime->tpm_enabled) {
      verdict.pass("vm_configuration", "secure boot and the vTPM are enabled");
    } else {
      verdict.fail("vm_configuration", "secure boot or the vTPM is not enabled");
    }
    if (!evidence.quote) {
      fail_quote("no vTPM quote: the HCL report alone is cached at boot and proves no freshness",
                 &verdict);
    } else {
      TpmPcrBank bank{kTpmAlgSha256, {}};
      for (size_t i = 0; i < evidence.quote->pcrs.size(); ++i) {
        bank.values[static_cast<uint32_t>(i)].assign(evidence.quote->pcrs[i].begin(),
                                                     evidence.quote->pcrs[i].end());
        verdict.add_measurement("PCR" + std::to_string(i), evidence.quote->pcrs[i]);
      }
      if (evidence.quote->pcrs.size() != kAzurePcrCount) {
        verdict.fail("quote.pcr_count", std::to_string(evidence.quote->pcrs.size()) +
                                            " PCR values given, Azure quotes PCRs 0..23");
      }
      std::optional<TpmsAttest> attest =
          check_tpm_quote(evidence.quote->attest, evidence.quote->signature,
                          runtime->attestation_key, {bank}, std::nullopt, "quote.", &verdict);
      if (attest) {
        verdict.add_claim("quote.extra_data", to_hex(attest->extra_data));
        verdict.add_claim("quote.clock", std::to_string(attest->clock));
        verdict.add_claim("quote.reset_count", std::to_string(attest->reset_count));
        extra_data = std::move(attest->extra_data);
      }
    }
  }
  apply_policy(policy, context, extra_data, &verdict);
  verdict.notes.push_back("AMD's CRL is not consulted");
  verdict.notes.push_back(
      "the vTPM AK certificate (NV 0x01C101D0) is not used: the SNP report vouches for the AK");
  return verdict;
}

}  // namespace nightjar::attest
