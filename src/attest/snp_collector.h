// The `sev-snp` platform: a bare SEV-SNP guest with no vTPM. Each request gets an SNP report
// from configfs-tsm with REPORT_DATA = binding ‖ 0^32 and the host's certificate table (when the
// host provides one; otherwise the verifier fetches the VCEK from AMD or takes --certs).
// SEV-SNP has no register the guest can extend after launch, so the workload events are recorded
// without one: here the workload is attested only if it is part of the launch MEASUREMENT.
// Thread safety: none (collector.h).
#pragma once

#include "attest/collector.h"
#include "attest/tsm_report.h"

namespace nightjar::attest {

class SnpCollector : public EvidenceCollector {
 public:
  // `tsm` must outlive the collector.
  explicit SnpCollector(TsmReporter& tsm) : tsm_(tsm) {}

  Platform platform() const override { return Platform::kSevSnp; }
  Result<std::vector<WorkloadEvent>> measure_workload(const WorkloadMeasurement& m) override;
  Result<CollectedEvidence> collect(const Sha256Digest& binding, const Nonce& nonce) override;

 private:
  TsmReporter& tsm_;
};

}  // namespace nightjar::attest
