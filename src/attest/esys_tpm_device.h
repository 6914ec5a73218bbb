// EsysTpmDevice: TpmDevice on a real TPM 2.0 through tpm2-tss (ESYS for the commands, MU for the
// byte formats, the TCTI loader for the transport). The TCTI string is tpm2-tss's:
// "device:/dev/tpmrm0" (the kernel's resource manager, the default), "swtpm:host=...,port=..."
// for swtpm, "mssim:..." for the Microsoft simulator.
//
// The AK is a transient object (created primary) or a persistent one; a transient AK is flushed
// when replaced or when the device closes, so the TPM's object slots are never leaked (swtpm has
// three without a resource manager). NV indices are read in chunks of the TPM's
// TPM2_PT_NV_BUFFER_MAX, with owner or index authorisation as the index's attributes allow.
// Empty authorisation values are assumed everywhere, as on the clouds' vTPMs and swtpm.
//
// Built only where tpm2-tss is (not in the aarch64 cross build, which has no server).
// Thread safety: none; one ESYS context, one caller at a time.
#pragma once

#include <memory>
#include <string>

#include "attest/tpm_device.h"

namespace nightjar::attest {

inline constexpr const char* kDefaultTcti = "device:/dev/tpmrm0";

// The TCTI from NIGHTJAR_TPM_TCTI, else the default.
std::string tcti_from_environment();

class EsysTpmDevice : public TpmDevice {
 public:
  static Result<std::unique_ptr<EsysTpmDevice>> open(const std::string& tcti);
  ~EsysTpmDevice() override;

  Result<std::vector<uint8_t>> nv_read(uint32_t index) override;
  Result<std::vector<uint8_t>> create_endorsement_ak(
      std::span<const uint8_t> tpmt_public_template) override;
  Result<std::vector<uint8_t>> load_persistent_ak(uint32_t handle) override;
  Result<std::map<uint32_t, std::vector<uint8_t>>> pcr_read(
      uint16_t bank, std::span<const uint32_t> pcrs) override;
  Status pcr_extend(uint32_t pcr, uint16_t bank, std::span<const uint8_t> digest) override;
  Result<TpmQuoteResult> quote(std::span<const uint8_t> qualifying_data, uint16_t bank,
                               std::span<const uint32_t> pcrs) override;

 private:
  struct Impl;
  explicit EsysTpmDevice(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace nightjar::attest
