#include "attest/open_collector.h"

#include "attest/azure_collector.h"
#include "attest/esys_tpm_device.h"
#include "attest/gcp_collector.h"
#include "attest/imds_client.h"
#include "attest/nitro_collector.h"
#include "attest/none_collector.h"
#include "attest/snp_collector.h"
#include "attest/tpm_collector.h"

namespace nightjar::attest {
namespace {

// A collector together with the devices it borrows; the collector is destroyed first.
class OwningCollector : public EvidenceCollector {
 public:
  std::unique_ptr<TpmDevice> tpm;
  std::unique_ptr<TsmFilesystem> tsm_fs;
  std::unique_ptr<TsmReporter> tsm;
  std::unique_ptr<NsmDevice> nsm;
  std::unique_ptr<EvidenceCollector> inner;

  Platform platform() const override { return inner->platform(); }
  Result<std::vector<WorkloadEvent>> measure_workload(const WorkloadMeasurement& m) override {
    return inner->measure_workload(m);
  }
  Result<CollectedEvidence> collect(const Sha256Digest& binding, const Nonce& nonce) override {
    return inner->collect(binding, nonce);
  }
  std::vector<std::string> startup_warnings() const override { return inner->startup_warnings(); }
};

template <class T>
Result<std::unique_ptr<EvidenceCollector>> finish(std::unique_ptr<OwningCollector> owner,
                                                  Result<std::unique_ptr<T>> inner) {
  if (!inner.is_ok()) return inner.status();
  owner->inner = std::move(inner).value();
  return std::unique_ptr<EvidenceCollector>(std::move(owner));
}

}  // namespace

Result<std::unique_ptr<EvidenceCollector>> open_collector(Platform platform,
                                                          const CollectorConfig& config) {
  auto owner = std::make_unique<OwningCollector>();
  if (platform == Platform::kTpm || platform == Platform::kGcp || platform == Platform::kAzure) {
    Result<std::unique_ptr<EsysTpmDevice>> tpm = EsysTpmDevice::open(config.tcti);
    if (!tpm.is_ok()) return tpm.status();
    owner->tpm = std::move(tpm).value();
  }
  if (platform == Platform::kGcp || platform == Platform::kSevSnp) {
    owner->tsm_fs = system_tsm_filesystem();
    owner->tsm = std::make_unique<TsmReporter>(*owner->tsm_fs, config.tsm_root);
  }
  switch (platform) {
    case Platform::kTpm: {
      auto inner = TpmCollector::open(*owner->tpm, config.workload_pcr);
      return finish(std::move(owner), std::move(inner));
    }
    case Platform::kGcp: {
      auto inner = GcpCollector::open(*owner->tpm, *owner->tsm, config.workload_pcr);
      return finish(std::move(owner), std::move(inner));
    }
    case Platform::kAzure: {
      std::unique_ptr<MetadataGetter> imds = http_metadata_getter(config.imds);
      auto inner = AzureCollector::open(*owner->tpm, *imds, config.workload_pcr);
      return finish(std::move(owner), std::move(inner));
    }
    case Platform::kSevSnp: {
      Result<std::unique_ptr<SnpCollector>> inner = std::make_unique<SnpCollector>(*owner->tsm);
      return finish(std::move(owner), std::move(inner));
    }
    case Platform::kNitro: {
      Result<std::unique_ptr<NsmDevice>> nsm = open_nsm_device(config.nsm_path);
      if (!nsm.is_ok()) return nsm.status();
      owner->nsm = std::move(nsm).value();
      Result<std::unique_ptr<NitroCollector>> inner = std::make_unique<NitroCollector>(*owner->nsm);
      return finish(std::move(owner), std::move(inner));
    }
    case Platform::kNone: {
      Result<std::unique_ptr<NoneCollector>> inner = std::make_unique<NoneCollector>();
      return finish(std::move(owner), std::move(inner));
    }
    case Platform::kTdx:
      break;
  }
  return Status(StatusCode::kInvalidArgument, "collecting " + std::string(platform_name(platform)) +
                                                  " evidence is not supported (the verifier is)");
}

}  // namespace nightjar::attest
