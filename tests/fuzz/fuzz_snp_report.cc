// libFuzzer target: the SEV-SNP attestation report (with any trailing PEM certificates, as the
// offline verifier reads files) and the extended report's certificate table.
#include <cstddef>
#include <cstdint>
#include <span>

#include "attest/document_verifier.h"
#include "attest/snp_report.h"
#include "attest/tsm_report.h"
#include "attest/utc_time.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace nightjar::attest;
  std::span<const uint8_t> input(data, size);
  (void)parse_snp_report(input);
  (void)parse_snp_certificate_table(input);
  static const VerifyContext context{.now = from_unix_millis(1735689600000)};
  (void)verify_native_evidence(Platform::kSevSnp, input, {}, Policy{}, context).accepted();
  return 0;
}
