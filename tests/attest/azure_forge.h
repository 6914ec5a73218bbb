// Azure HCL reports assembled by the test: a test-signed SNP report whose REPORT_DATA is the
// hash of runtime JSON naming the test's vTPM attestation key.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "tests/attest/test_pki.h"

namespace nightjar::attest::testing {

// The runtime JSON Azure writes, with `ak` as the HCLAkPub JWK.
std::string hcl_runtime_json(const KeyPair& ak, bool secure_boot);

// Header, `hardware_report` (1184 bytes), IGVM request data (SNP, SHA-256) and `runtime`,
// zero-padded to 2048 bytes like an NV read.
std::vector<uint8_t> hcl_report(const std::vector<uint8_t>& hardware_report,
                                const std::string& runtime);

// Azure's THIM answer (thim.h) for `vcek_ask_ark`, with `tcbm` as 16 hex digits if given.
std::string thim_json(const std::vector<Certificate>& vcek_ask_ark, std::optional<uint64_t> tcbm);

}  // namespace nightjar::attest::testing
