// The `gcp` platform: a GCP confidential VM with SEV-SNP. Google's vTPM runs on the host, outside
// the guest's encrypted memory, so its quote alone proves nothing about SEV-SNP
// (attestation.md §2.5): each request gets both an SNP report from configfs-tsm with
// REPORT_DATA = binding ‖ 0^32 (AMD vouches for the guest) and a vTPM quote with the same binding
// as qualifyingData (Google vouches for the boot and the workload PCR). The AK is GCE's
// (templates and certificates in NV), or the default one where GCE provisions none.
// Thread safety: none (collector.h).
#pragma once

#include <memory>

#include "attest/collector.h"
#include "attest/tpm_device.h"
#include "attest/tpm_quoter.h"
#include "attest/tsm_report.h"

namespace nightjar::attest {

class GcpCollector : public EvidenceCollector {
 public:
  // `device` and `tsm` must outlive the collector.
  static Result<std::unique_ptr<GcpCollector>> open(TpmDevice& device, TsmReporter& tsm,
                                                    uint32_t workload_pcr = kDefaultWorkloadPcr);

  Platform platform() const override { return Platform::kGcp; }
  Result<std::vector<WorkloadEvent>> measure_workload(const WorkloadMeasurement& m) override;
  Result<CollectedEvidence> collect(const Sha256Digest& binding, const Nonce& nonce) override;

 private:
  GcpCollector(std::unique_ptr<TpmQuoter> quoter, TsmReporter& tsm)
      : quoter_(std::move(quoter)), tsm_(tsm) {}
  std::unique_ptr<TpmQuoter> quoter_;
  TsmReporter& tsm_;
};

// An SNP report for `binding` through configfs-tsm, with the host's certificates as PEM
// (shared with the bare sev-snp collector).
struct SnpEvidence {
  std::vector<uint8_t> report;
  std::vector<std::string> certificates;
  DebugState debug = DebugState::kUnknown;
  std::vector<uint8_t> measurement;
};
Result<SnpEvidence> snp_report_for(TsmReporter& tsm, const Sha256Digest& binding);

}  // namespace nightjar::attest
