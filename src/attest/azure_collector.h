// The `azure` platform: an Azure confidential VM (SEV-SNP under the HCL paravisor). The HCL
// report in vTPM NV 0x01400001 carries an SNP report whose REPORT_DATA is the hash of runtime
// data naming the vTPM's AK (persistent 0x81000003); each request adds a quote by that AK over
// PCRs 0..23 with qualifyingData = the binding, which is where freshness comes from
// (azure_verifier.h). The HCL report is read per request: the paravisor may refresh it.
//
// The VCEK chain for its SNP report is not in the guest: Azure's instance metadata service
// serves it (thim.h). open() fetches it once, since it changes only with the TCB, and every
// document carries it, so a client verifies HCL report -> SNP report -> VCEK -> ASK -> pinned ARK
// with nothing else. When the fetch or its checks fail, the collector still opens, its
// documents carry no VCEK, and startup_warnings() says why: clients must then bring the chain
// (`nightjar attest verify --certs`). A tcbm that is not the report's REPORTED_TCB is a warning
// too, but the chain is kept: tcbm is THIM's word, the client's "snp.tcb" check the judge.
// Thread safety: none (collector.h).
#pragma once

#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include "attest/collector.h"
#include "attest/imds_client.h"
#include "attest/tpm_device.h"
#include "attest/tpm_quoter.h"
#include "attest/utc_time.h"

namespace nightjar::attest {

inline constexpr uint32_t kAzureHclReportNv = 0x01400001;

class AzureCollector : public EvidenceCollector {
 public:
  // `device` must outlive the collector; `metadata` is used only within open(), and the chain
  // it serves must be valid at `now`.
  static Result<std::unique_ptr<AzureCollector>> open(
      TpmDevice& device, MetadataGetter& metadata, uint32_t workload_pcr = kDefaultWorkloadPcr,
      TimePoint now = std::chrono::system_clock::now());

  Platform platform() const override { return Platform::kAzure; }
  Result<std::vector<WorkloadEvent>> measure_workload(const WorkloadMeasurement& m) override;
  Result<CollectedEvidence> collect(const Sha256Digest& binding, const Nonce& nonce) override;
  std::vector<std::string> startup_warnings() const override { return warnings_; }

 private:
  AzureCollector(std::unique_ptr<TpmQuoter> quoter, TpmDevice& device)
      : quoter_(std::move(quoter)), device_(device) {}
  std::unique_ptr<TpmQuoter> quoter_;
  TpmDevice& device_;
  std::vector<std::string> vcek_chain_;  // PEM VCEK, ASK, ARK; empty when THIM failed
  std::vector<std::string> warnings_;
};

}  // namespace nightjar::attest
