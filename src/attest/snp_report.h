// The AMD SEV-SNP attestation report (SEV-SNP ABI spec 56860, "ATTESTATION_REPORT"): 1184 bytes,
// little-endian, versions 2 to 5 (every field read here sits at the same offset in all of them).
// The signature covers bytes [0, 0x2A0) with ECDSA P-384 / SHA-384; R and S are stored
// little-endian, zero-extended to 72 bytes each.
//
// SnpReport keeps the raw bytes (what the signature covers) and the decoded fields. Parsing
// checks the size, the version and the must-be-zero signer bits only; whether the report is
// genuine and acceptable is the verifier's question. Plain value.
#pragma once

#include <array>
#include <cstdint>
#include <span>
#include <vector>

#include "attest/amd_product.h"
#include "base/status.h"

namespace nightjar::attest {

inline constexpr size_t kSnpReportSize = 0x4A0;
inline constexpr size_t kSnpSignedSize = 0x2A0;
inline constexpr uint32_t kSnpSignatureEcdsaP384Sha384 = 1;
inline constexpr int kSnpPolicyReservedOneBit = 17;
inline constexpr int kSnpPolicyDebugBit = 19;

// SIGNING_KEY (signer info bits 2..4).
enum class SnpSigningKey : uint8_t { kVcek = 0, kVlek = 1, kNone = 7 };

// The security patch levels of a TCB_VERSION. Milan and Genoa: BL, TEE, 4 reserved, SNP,
// UCODE; Turin: FMC, BL, TEE, SNP, 3 reserved, UCODE.
struct SnpTcb {
  uint8_t fmc = 0;
  uint8_t bootloader = 0;
  uint8_t tee = 0;
  uint8_t snp = 0;
  uint8_t microcode = 0;
  bool operator==(const SnpTcb&) const = default;
};

SnpTcb decode_snp_tcb(uint64_t tcb_version, AmdProduct product);

struct SnpReport {
  std::vector<uint8_t> raw;
  uint32_t version = 0;
  uint32_t guest_svn = 0;
  uint64_t policy = 0;
  uint32_t vmpl = 0;
  uint32_t signature_algo = 0;
  uint64_t current_tcb = 0;
  uint64_t platform_info = 0;
  bool author_key_enabled = false;
  bool mask_chip_id = false;
  SnpSigningKey signing_key = SnpSigningKey::kVcek;
  std::array<uint8_t, 64> report_data{};
  std::array<uint8_t, 48> measurement{};
  std::array<uint8_t, 32> host_data{};
  std::array<uint8_t, 48> id_key_digest{};
  std::array<uint8_t, 32> report_id{};
  uint64_t reported_tcb = 0;
  std::array<uint8_t, 64> chip_id{};
  uint64_t committed_tcb = 0;
  uint64_t launch_tcb = 0;
  // Big-endian, as OpenSSL wants them.
  std::array<uint8_t, 72> signature_r{};
  std::array<uint8_t, 72> signature_s{};

  bool debug() const { return (policy >> kSnpPolicyDebugBit & 1) != 0; }
  std::span<const uint8_t> signed_bytes() const { return std::span(raw).first(kSnpSignedSize); }
};

Result<SnpReport> parse_snp_report(std::span<const uint8_t> bytes);

}  // namespace nightjar::attest
