// The `azure` platform: an Azure confidential VM (SEV-SNP under the HCL paravisor). The HCL
// report in vTPM NV 0x01400001 carries an SNP report whose REPORT_DATA is the hash of runtime
// data naming the vTPM's AK (persistent 0x81000003); each request adds a quote by that AK over
// PCRs 0..23 with qualifyingData = the binding, which is where freshness comes from
// (azure_verifier.h). The HCL report is read per request: the paravisor may refresh it.
// The VCEK chain for its SNP report is not in the guest (Azure serves it from its instance
// metadata service); the verifier takes it from AMD or from --certs.
// Thread safety: none (collector.h).
#pragma once

#include <memory>

#include "attest/collector.h"
#include "attest/tpm_device.h"
#include "attest/tpm_quoter.h"

namespace nightjar::attest {

inline constexpr uint32_t kAzureHclReportNv = 0x01400001;

class AzureCollector : public EvidenceCollector {
 public:
  // `device` must outlive the collector.
  static Result<std::unique_ptr<AzureCollector>> open(TpmDevice& device,
                                                      uint32_t workload_pcr = kDefaultWorkloadPcr);

  Platform platform() const override { return Platform::kAzure; }
  Result<std::vector<WorkloadEvent>> measure_workload(const WorkloadMeasurement& m) override;
  Result<CollectedEvidence> collect(const Sha256Digest& binding, const Nonce& nonce) override;

 private:
  AzureCollector(std::unique_ptr<TpmQuoter> quoter, TpmDevice& device)
      : quoter_(std::move(quoter)), device_(device) {}
  std::unique_ptr<TpmQuoter> quoter_;
  TpmDevice& device_;
};

}  // namespace nightjar::attest
