// Opens the real devices of a platform and the collector over them, for the server's start-up
// (the collectors themselves take injectable devices; this is where the real ones are chosen):
//   tpm, gcp, azure  tpm2-tss on the TCTI (esys_tpm_device.h); gcp adds configfs-tsm, azure
//                    the instance metadata service at start-up (imds_client.h, thim.h)
//   sev-snp          configfs-tsm
//   nitro            /dev/nsm
//   none             nothing
// The returned collector owns its devices. Built with the server only (it needs tpm2-tss).
// Thread safety: as collector.h.
#pragma once

#include <memory>
#include <string>

#include "attest/collector.h"
#include "attest/imds_client.h"
#include "attest/nsm.h"
#include "attest/platform.h"
#include "attest/tpm_quoter.h"
#include "attest/tsm_report.h"

namespace nightjar::attest {

struct CollectorConfig {
  std::string tcti;  // tpm2-tss TCTI string (esys_tpm_device.h)
  uint32_t workload_pcr = kDefaultWorkloadPcr;
  std::string tsm_root = kTsmReportRoot;
  std::string nsm_path = kNsmDevicePath;
  MetadataEndpoint imds;
};

Result<std::unique_ptr<EvidenceCollector>> open_collector(Platform platform,
                                                          const CollectorConfig& config);

}  // namespace nightjar::attest
