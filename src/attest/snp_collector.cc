#include "attest/snp_collector.h"

#include "attest/gcp_collector.h"
#include "attest/tpm_attest.h"
#include "base/hex.h"

namespace nightjar::attest {

Result<std::vector<WorkloadEvent>> SnpCollector::measure_workload(const WorkloadMeasurement& m) {
  return workload_events(std::nullopt, kTpmAlgSha256, m.executable, m.executable_path, m.manifest,
                         m.manifest_path);
}

Result<CollectedEvidence> SnpCollector::collect(const Sha256Digest& binding, const Nonce&) {
  Result<SnpEvidence> snp = snp_report_for(tsm_, binding);
  if (!snp.is_ok()) return snp.status();
  CollectedEvidence out;
  out.evidence = std::move(snp->report);
  out.certificates = std::move(snp->certificates);
  out.debug = snp->debug;
  out.measurements.emplace_back("MEASUREMENT", to_hex(snp->measurement));
  return out;
}

}  // namespace nightjar::attest
