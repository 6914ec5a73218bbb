#include "attest/none_collector.h"

#include "attest/tpm_attest.h"

namespace nightjar::attest {

Result<std::vector<WorkloadEvent>> NoneCollector::measure_workload(const WorkloadMeasurement& m) {
  return workload_events(std::nullopt, kTpmAlgSha256, m.executable, m.executable_path, m.manifest,
                         m.manifest_path);
}

Result<CollectedEvidence> NoneCollector::collect(const Sha256Digest&, const Nonce&) {
  return CollectedEvidence{};
}

}  // namespace nightjar::attest
