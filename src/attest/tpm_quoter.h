// TpmQuoter: the TPM half of the tpm, gcp and azure collectors, over a TpmDevice.
//
// Opening picks the attestation key (AK) from the platform's sources, first that exists:
//   GCE     the AK templates Google provisions in NV (ECC 0x01C10003, RSA 0x01C10001), recreated
//           as primaries under the endorsement hierarchy; their certificates in 0x01C10002 and
//           0x01C10000 chain to Google's EK/AK CA;
//   Azure   the persistent AK 0x81000003 the paravisor provisions (certificate 0x01C101D0);
//   default an ECC P-256 AK created from go-tpm-tools' template under the endorsement
//           hierarchy, as GCE derives its own: deterministic, so it survives restarts.
// An AK certificate is kept only when it certifies the AK actually loaded.
//
// A quote covers the configured PCRs (PCRs 0, 4, 9 and the workload PCR, or 0..23 on Azure) in
// the SHA-256 bank, with qualifyingData = the MIP binding. The PCR values are read after the
// quote and checked against its pcrDigest; a PCR that changed in between makes it quote again
// (three attempts), so the evidence is always consistent.
// Thread safety: none (TpmDevice).
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "attest/collector.h"
#include "attest/tpm_device.h"
#include "attest/tpm_evidence.h"

namespace nightjar::attest {

inline constexpr uint32_t kGceAkCertRsaNv = 0x01C10000;
inline constexpr uint32_t kGceAkTemplateRsaNv = 0x01C10001;
inline constexpr uint32_t kGceAkCertEccNv = 0x01C10002;
inline constexpr uint32_t kGceAkTemplateEccNv = 0x01C10003;
inline constexpr uint32_t kAzureAkHandle = 0x81000003;
inline constexpr uint32_t kAzureAkCertNv = 0x01C101D0;
inline constexpr uint32_t kDefaultWorkloadPcr = 13;

struct AkSource {
  enum class Kind { kTemplateInNv, kPersistent, kTemplate };
  Kind kind = Kind::kTemplate;
  uint32_t location = 0;                   // the template's NV index, or the persistent handle
  std::vector<uint8_t> tmpl;               // kTemplate: a TPMT_PUBLIC
  std::optional<uint32_t> certificate_nv;  // where the AK's DER certificate is, if anywhere
  std::string description;
};

std::vector<AkSource> gce_ak_sources();
std::vector<AkSource> azure_ak_sources();
std::vector<AkSource> default_ak_sources();

// PCRs 0, 4, 9 and the workload PCR, ascending and without repeats.
std::vector<uint32_t> mip_pcrs(uint32_t workload_pcr);

class TpmQuoter {
 public:
  static Result<std::unique_ptr<TpmQuoter>> open(TpmDevice& device,
                                                 std::span<const AkSource> sources,
                                                 std::vector<uint32_t> pcrs, uint32_t workload_pcr);

  // Extends the workload PCR with the executable's digest, then the manifest's.
  Result<std::vector<WorkloadEvent>> measure(const WorkloadMeasurement& m);

  Result<TpmEvidence> quote(const Sha256Digest& binding);

  // The AK certificate (PEM), when the platform provisions one for this AK.
  const std::vector<std::string>& certificates() const { return certificates_; }
  const std::string& ak_description() const { return ak_description_; }

 private:
  TpmQuoter(TpmDevice& device, std::vector<uint32_t> pcrs, uint32_t workload_pcr)
      : device_(device), pcrs_(std::move(pcrs)), workload_pcr_(workload_pcr) {}

  TpmDevice& device_;
  const std::vector<uint32_t> pcrs_;
  const uint32_t workload_pcr_;
  std::vector<uint8_t> ak_public_;
  std::vector<std::string> certificates_;
  std::string ak_description_;
};

// The measurements a document shows for TPM evidence: "PCR<i>" -> hex.
std::vector<std::pair<std::string, std::string>> pcr_measurements(const TpmEvidence& evidence);

}  // namespace nightjar::attest
