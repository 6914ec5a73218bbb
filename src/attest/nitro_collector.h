// The `nitro` platform: an AWS Nitro Enclave. Each request asks the NSM for an attestation
// document with user_data = the binding and nonce = the client's nonce (nsm.h); the enclave's
// image is measured by the hardware (PCR0..2), and the workload measurement extends PCR 16, the
// first PCR an enclave may extend, SHA-384 like all of Nitro's.
// Thread safety: none (collector.h).
#pragma once

#include <memory>

#include "attest/collector.h"
#include "attest/nsm.h"

namespace nightjar::attest {

inline constexpr uint16_t kNitroWorkloadPcr = 16;

class NitroCollector : public EvidenceCollector {
 public:
  // `device` must outlive the collector.
  explicit NitroCollector(NsmDevice& device) : device_(device) {}

  Platform platform() const override { return Platform::kNitro; }
  Result<std::vector<WorkloadEvent>> measure_workload(const WorkloadMeasurement& m) override;
  Result<CollectedEvidence> collect(const Sha256Digest& binding, const Nonce& nonce) override;

 private:
  NsmDevice& device_;
};

}  // namespace nightjar::attest
