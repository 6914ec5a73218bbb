// libFuzzer target: the TPM 2.0 structures (TPMS_ATTEST, TPMT_SIGNATURE, TPMT_PUBLIC), nightjar's
// TPM evidence bundle and its verifier, and Azure's serialized vTPM quote. A TPMT_PUBLIC that
// parses must marshal back to the same bytes; a bundle that parses must survive re-encoding.
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "attest/azure_vtpm_quote.h"
#include "attest/tpm_attest.h"
#include "attest/tpm_evidence.h"
#include "attest/tpm_public.h"
#include "attest/tpm_signature.h"
#include "attest/tpm_verifier.h"
#include "attest/utc_time.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace nightjar::attest;
  std::span<const uint8_t> input(data, size);
  nightjar::Result<TpmsAttest> attest = parse_tpms_attest(input);
  if (attest.is_ok()) (void)marshal_pcr_selection(attest->pcr_select);
  nightjar::Result<TpmtSignature> signature = parse_tpmt_signature(input);
  if (signature.is_ok()) (void)marshal_tpmt_signature(*signature);
  nightjar::Result<TpmPublic> key = parse_tpmt_public(input);
  if (key.is_ok()) {
    if (marshal_tpmt_public(*key) != std::vector<uint8_t>(input.begin(), input.end())) {
      __builtin_trap();
    }
    (void)tpm_public_key(*key);
    (void)tpm_primary_qualified_name(input, kTpmRhEndorsement);
  }
  nightjar::Result<TpmEvidence> bundle = parse_tpm_evidence(input);
  if (bundle.is_ok()) {
    nightjar::Result<TpmEvidence> again = parse_tpm_evidence(encode_tpm_evidence(*bundle));
    if (!again.is_ok() || again->pcrs != bundle->pcrs || again->quote != bundle->quote) {
      __builtin_trap();
    }
    Policy policy;
    policy.allowed_platforms.insert(Platform::kTpm);
    policy.allow_unpinned_ak = true;
    static const VerifyContext context{.now = from_unix_millis(1767225600000)};
    (void)verify_tpm_evidence(*bundle, {}, policy, context).accepted();
  }
  (void)parse_azure_vtpm_quote(input);
  return 0;
}
