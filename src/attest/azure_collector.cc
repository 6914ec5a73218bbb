#include "attest/azure_collector.h"

#include <cstdint>
#include <optional>
#include <span>

#include "attest/azure_hcl_report.h"
#include "attest/snp_report.h"
#include "attest/thim.h"
#include "attest/verdict.h"
#include "base/hex.h"

namespace nightjar::attest {
namespace {

// REPORTED_TCB of the SNP report inside an HCL report; nullopt for any other report.
std::optional<uint64_t> reported_tcb(std::span<const uint8_t> hcl) {
  Result<HclReport> parsed = parse_hcl_report(hcl);
  if (!parsed.is_ok() || parsed->report_type != kHclReportTypeSnp) return std::nullopt;
  Result<SnpReport> snp = parse_snp_report(parsed->hardware_report);
  if (!snp.is_ok()) return std::nullopt;
  return snp->reported_tcb;
}

}  // namespace

Result<std::unique_ptr<AzureCollector>> AzureCollector::open(TpmDevice& device,
                                                             MetadataGetter& metadata,
                                                             uint32_t workload_pcr, TimePoint now) {
  // Without the HCL report this is not an Azure confidential VM, whatever the DMI says.
  Result<std::vector<uint8_t>> hcl = device.nv_read(kAzureHclReportNv);
  if (!hcl.is_ok())
    return Status(hcl.status().code(), "Azure: no HCL report: " + hcl.status().message());
  std::vector<uint32_t> all(24);
  for (uint32_t i = 0; i < 24; ++i) all[i] = i;
  std::vector<AkSource> sources = azure_ak_sources();
  Result<std::unique_ptr<TpmQuoter>> quoter = TpmQuoter::open(device, sources, all, workload_pcr);
  if (!quoter.is_ok()) return quoter.status();
  std::unique_ptr<AzureCollector> collector(new AzureCollector(std::move(quoter).value(), device));

  Result<ThimCertification> thim = fetch_thim_certification(metadata, now);
  if (!thim.is_ok()) {
    // The consequence first: the log cuts long lines, and the reason can be long.
    collector->warnings_.push_back("Azure: documents carry no VCEK chain, clients need --certs: " +
                                   thim.status().message());
    return collector;
  }
  collector->vcek_chain_ = thim->pem();
  const std::optional<uint64_t> tcb = reported_tcb(*hcl);
  if (thim->tcbm && tcb && *thim->tcbm != *tcb) {
    collector->warnings_.push_back(
        "Azure: THIM says its VCEK endorses TCB " + hex_u64(*thim->tcbm) +
        " but the SNP report's REPORTED_TCB is " + hex_u64(*tcb) +
        ": a VCEK for another TCB fails the clients' snp.tcb check (they can pass the right "
        "chain with --certs)");
  }
  return collector;
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
  out.certificates.insert(out.certificates.end(), vcek_chain_.begin(), vcek_chain_.end());
  return out;
}

}  // namespace nightjar::attest
