// SEV-SNP reports signed by a test ARK -> ASK -> VCEK chain (test_pki.h) whose VCEK carries the
// AMD KDS extensions the test chooses: the way to reach each SNP check with a valid signature.
#pragma once

#include <cstdint>
#include <vector>

#include "attest/amd_product.h"
#include "attest/snp_report.h"
#include "tests/attest/test_pki.h"

namespace nightjar::attest::testing {

struct SnpTestPki {
  KeyPair ark_key;
  Certificate ark;
  KeyPair ask_key;
  Certificate ask;
  KeyPair vcek_key;
  Certificate vcek;

  // As the evidence carries them: VCEK, ASK, ARK.
  std::vector<Certificate> chain() const { return {vcek, ask, ark}; }
};

// The VCEK endorses `tcb` and `hwid` (64 bytes, or 8 for Turin). RSA ARK and ASK sign with
// RSASSA-PSS as AMD's do (2048-bit here, to keep key generation quick).
SnpTestPki make_snp_pki(TimePoint now, AmdProduct product, const SnpTcb& tcb,
                        const std::vector<uint8_t>& hwid);

uint64_t encode_snp_tcb(const SnpTcb& tcb, AmdProduct product);

// A version 2 report: POLICY 0x30000 (debug off), VMPL 0, SIGNATURE_ALGO 1, signed by the VCEK,
// REPORTED_TCB `tcb`, CHIP_ID `chip_id` (zero-extended to 64 bytes).
std::vector<uint8_t> snp_report_template(uint64_t reported_tcb,
                                         const std::vector<uint8_t>& chip_id);

void store_le32(std::vector<uint8_t>* bytes, size_t offset, uint32_t value);
void store_le64(std::vector<uint8_t>* bytes, size_t offset, uint64_t value);

// Writes R and S (little-endian, zero-extended to 72 bytes) for bytes [0, 0x2A0).
void sign_snp_report(std::vector<uint8_t>* report, const KeyPair& vcek_key);

}  // namespace nightjar::attest::testing
