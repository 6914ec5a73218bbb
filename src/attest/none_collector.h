// The `none` platform: no TEE (a developer's laptop). It collects nothing and says so: the
// document's platform is "none", its evidence empty, and verifiers refuse it unless their policy
// lists `none`. The workload events are recorded without a register.
// Thread safety: stateless.
#pragma once

#include "attest/collector.h"

namespace nightjar::attest {

class NoneCollector : public EvidenceCollector {
 public:
  Platform platform() const override { return Platform::kNone; }
  Result<std::vector<WorkloadEvent>> measure_workload(const WorkloadMeasurement& m) override;
  Result<CollectedEvidence> collect(const Sha256Digest& binding, const Nonce& nonce) override;
};

}  // namespace nightjar::attest
