// Which TEE the server runs in, from facts about the host, decided once at start-up (the
// server's --tee flag overrides it). The facts are gathered by probe_host(); detect_platform()
// is a pure function of them, so every rule is tested:
//   /dev/nsm                                        -> nitro
//   a TPM, DMI vendor "Microsoft Corporation"       -> azure
//   a TPM, DMI vendor "Google", an SNP guest device -> gcp
//   an SNP guest device (/dev/sev-guest)            -> sev-snp
//   NIGHTJAR_TPM_TCTI set, or a TPM on GCE          -> tpm
//   otherwise                                       -> none
// A TPM on a machine of one's own (a laptop) is left alone unless asked for: the workload
// measurement extends one of its PCRs, which other software may seal secrets to.
// Thread safety: probe_host reads files; both functions are safe to call concurrently.
#pragma once

#include <string>

#include "attest/platform.h"

namespace nightjar::attest {

struct HostFacts {
  bool nsm_device = false;       // /dev/nsm
  bool snp_guest = false;        // /dev/sev-guest (configfs-tsm also serves TDX guests)
  bool tpm = false;              // /dev/tpmrm0, or a TCTI configured
  bool tcti_configured = false;  // NIGHTJAR_TPM_TCTI set
  std::string dmi_sys_vendor;    // /sys/class/dmi/id/sys_vendor, trimmed
};

HostFacts probe_host(bool tcti_configured);

Platform detect_platform(const HostFacts& facts);

}  // namespace nightjar::attest
