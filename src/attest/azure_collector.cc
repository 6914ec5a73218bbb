#include "attest/azure_collector.h"

#include "attest/azure_hcl_report.h"
#include "attest/snp_report.h"
#include "base/hex.h"

namespace nightjar::attest {

Result<std::unique_ptr<AzureCollector>> AzureCollector::open(TpmDevice& device,
                                                             uint32_t workload_pcr) {
  // Without the HCL report this is not an Azure confidential VM, whatever the DMI says.
  Result<std::vector<uint8_t>> hcl = device.nv_read(kAzureHclReportNv);
  if (!hcl.is_ok())
    return Status(hcl.status().code(), "Azure: no HCL report: " + hcl.status().message());
  std::vector<uint32_t> all(24);
  for (uint32_t i = 0; i < 24; ++i) all[i] = i;
  std::vector<AkSource> sources = azure_ak_sources();
  Result<std::unique_ptr<TpmQuoter>> quoter = TpmQuoter::open(device, sources, all, workload_pcr);
  if (!quoter.is_ok()) return quoter.status();
  return std::unique_ptr<AzureCollector>(new AzureCollector(std::move(quoter).value(), device));
}

Result<std::vector<WorkloadEvent>> AzureCollector::measure_workload(const WorkloadMeasurement& m) {
  return quoter_->measure(m);
}

Result<CollectedEvidence> AzureCollector::collect(const Sha256Digest& binding, const Nonce&) {
  Result<std::vector<uint8_t>> hcl = device_.nv_read(kAzureHclReportNv);
  if (!hcl.is_ok()) return hcl.status();
  Result<HclReport> parsed = parse_hcl_report(*hcl);
  if (!parsed.is_ok()) return parsed.status();
  Result<TpmEvidence> quote = quoter_->quote(binding);
  if (!quote.is_ok()) return quote.status();
  CollectedEvidence out;
  out.measurements = pcr_measurements(*quote);
  if (parsed->report_type == kHclReportTypeSnp) {
    if (Result<SnpReport> snp = parse_snp_report(parsed->hardware_report); snp.is_ok()) {
      out.debug = snp->debug() ? DebugState::kOn : DebugState::kOff;
      out.measurements.emplace_back("snp.MEASUREMENT", to_hex(snp->measurement));
    }
  }
  quote->hcl_report = std::move(hcl).value();
  out.evidence = encode_tpm_evidence(*quote);
  out.certificates = quoter_->certificates();
  return out;
}

}  // namespace nightjar::attest
