// A vTPM quote as kinvolk/azure-cvm-tooling serializes it (az-cvm-vtpm, bincode): three
// length-prefixed fields, each length a u64 little-endian: the raw RSASSA signature, the
// TPMS_ATTEST, and the PCR values (a count, then that many 32-byte SHA-256 values, PCR 0 up).
// Limits: a 512-byte signature, a 1 KiB TPMS_ATTEST, 24 PCRs. Plain value.
#pragma once

#include <array>
#include <cstdint>
#include <span>
#include <vector>

#include "base/status.h"

namespace nightjar::attest {

struct AzureVtpmQuote {
  std::vector<uint8_t> signature;
  std::vector<uint8_t> attest;
  std::vector<std::array<uint8_t, 32>> pcrs;
};

Result<AzureVtpmQuote> parse_azure_vtpm_quote(std::span<const uint8_t> bytes);

}  // namespace nightjar::attest
