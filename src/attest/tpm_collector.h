// The `tpm` platform: a TPM 2.0 quote and nothing else (bare metal with measured boot, or swtpm
// in development). The AK comes from the default template under the endorsement hierarchy
// (tpm_quoter.h) and has no certificate, so verifiers trust it only when pinned or told to.
// Thread safety: none (collector.h).
#pragma once

#include <memory>

#include "attest/collector.h"
#include "attest/tpm_device.h"
#include "attest/tpm_quoter.h"

namespace nightjar::attest {

class TpmCollector : public EvidenceCollector {
 public:
  // `device` must outlive the collector.
  static Result<std::unique_ptr<TpmCollector>> open(TpmDevice& device,
                                                    uint32_t workload_pcr = kDefaultWorkloadPcr);

  Platform platform() const override { return Platform::kTpm; }
  Result<std::vector<WorkloadEvent>> measure_workload(const WorkloadMeasurement& m) override;
  Result<CollectedEvidence> collect(const Sha256Digest& binding, const Nonce& nonce) override;

 private:
  explicit TpmCollector(std::unique_ptr<TpmQuoter> quoter) : quoter_(std::move(quoter)) {}
  std::unique_ptr<TpmQuoter> quoter_;
};

}  // namespace nightjar::attest
