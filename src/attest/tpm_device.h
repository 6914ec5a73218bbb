// TpmDevice: the few TPM 2.0 commands attestation needs, behind an interface, so that the
// collectors' logic (which key, which PCRs, retries) is tested without a TPM. The real one is
// EsysTpmDevice (tpm2-tss ESYS, esys_tpm_device.h); tests use a software double.
//
// Byte formats are the TPM's marshalled structures: TPMT_PUBLIC for keys and templates,
// TPMS_ATTEST and TPMT_SIGNATURE for quotes. The attestation key (AK) is whichever key the last
// successful create_endorsement_ak() or load_persistent_ak() made current; quote() signs with it.
// Thread safety: none; one caller at a time.
#pragma once

#include <cstdint>
#include <map>
#include <span>
#include <vector>

#include "base/status.h"

namespace nightjar::attest {

struct TpmQuoteResult {
  std::vector<uint8_t> attest;     // TPMS_ATTEST
  std::vector<uint8_t> signature;  // TPMT_SIGNATURE
};

class TpmDevice {
 public:
  virtual ~TpmDevice() = default;

  // The contents of an NV index; kNotFound when the index is not defined.
  virtual Result<std::vector<uint8_t>> nv_read(uint32_t index) = 0;

  // TPM2_CreatePrimary under the endorsement hierarchy from the template; the key becomes the
  // AK. Returns its TPMT_PUBLIC. The same template on the same TPM gives the same key.
  virtual Result<std::vector<uint8_t>> create_endorsement_ak(
      std::span<const uint8_t> tpmt_public_template) = 0;

  // The persistent key at `handle` becomes the AK; kNotFound when there is none.
  virtual Result<std::vector<uint8_t>> load_persistent_ak(uint32_t handle) = 0;

  virtual Result<std::map<uint32_t, std::vector<uint8_t>>> pcr_read(
      uint16_t bank, std::span<const uint32_t> pcrs) = 0;

  virtual Status pcr_extend(uint32_t pcr, uint16_t bank, std::span<const uint8_t> digest) = 0;

  // TPM2_Quote by the AK with the key's own scheme.
  virtual Result<TpmQuoteResult> quote(std::span<const uint8_t> qualifying_data, uint16_t bank,
                                       std::span<const uint32_t> pcrs) = 0;
};

}  // namespace nightjar::attest
