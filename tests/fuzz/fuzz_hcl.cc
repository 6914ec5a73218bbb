// libFuzzer target: Azure's HCL report (header, hardware report, IGVM request data, runtime
// JSON), the runtime data on its own, and the Azure verifier over a bare report.
#include <cstddef>
#include <cstdint>
#include <span>

#include "attest/azure_hcl_report.h"
#include "attest/azure_verifier.h"
#include "attest/utc_time.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace nightjar::attest;
  std::span<const uint8_t> input(data, size);
  nightjar::Result<HclReport> report = parse_hcl_report(input);
  if (report.is_ok()) {
    (void)report->hardware_report_data();
    (void)parse_hcl_runtime_data(report->runtime_data);
  }
  (void)parse_hcl_runtime_data(input);
  static const VerifyContext context{.now = from_unix_millis(1735689600000)};
  AzureEvidence evidence;
  evidence.hcl_report.assign(input.begin(), input.end());
  (void)verify_azure(evidence, Policy{}, context).accepted();
  return 0;
}
