// The Azure confidential VM's HCL report: what the paravisor (HCL, at VMPL0) stores in vTPM NV
// index 0x01400001 (layout: attestation.md §4.5, read from kinvolk/azure-cvm-tooling):
//   0x000  header: "HCLA" (u32 LE), version, report_size, request_type, status, 3 reserved
//   0x020  the hardware report, 1184 bytes: an SNP report, or a TDX TDREPORT
//   0x4C0  IGVM request data: data_size, version, report_type (2 SNP, 4 TDX),
//          report_data_hash_type (1 SHA-256), variable_data_size
//   0x4D4  runtime data: UTF-8 JSON with the vTPM attestation key "HCLAkPub" and the
//          vm-configuration; the NV read pads the rest with zeros
// The hardware report's REPORT_DATA holds the hash of the runtime data, which is how the
// hardware vouches for the vTPM's attestation key.
//
// HclReport owns copies of the parts. Parsing checks the magic, the types and that the sizes
// agree with each other and the input (runtime data at most kMaxRuntimeDataBytes).
// Plain value; the functions are thread-safe.
#pragma once

#include <array>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "attest/x509.h"
#include "base/status.h"

namespace nightjar::attest {

inline constexpr uint32_t kHclMagic = 0x414C4348;  // "HCLA" little-endian
inline constexpr uint32_t kHclReportTypeSnp = 2;
inline constexpr uint32_t kHclReportTypeTdx = 4;
inline constexpr uint32_t kHclHashSha256 = 1;
inline constexpr size_t kMaxRuntimeDataBytes = 16 * 1024;

struct HclReport {
  uint32_t version = 0;
  uint32_t request_type = 0;
  uint32_t report_type = 0;
  uint32_t report_data_hash_type = 0;
  std::vector<uint8_t> hardware_report;
  std::vector<uint8_t> runtime_data;

  // REPORT_DATA of the hardware report: an SNP report's at 0x50, a TDREPORT's at 0x80.
  std::array<uint8_t, 64> hardware_report_data() const;
};

Result<HclReport> parse_hcl_report(std::span<const uint8_t> bytes);

// The runtime data's parts a verifier needs.
struct HclRuntimeData {
  PublicKey attestation_key;  // keys[kid == "HCLAkPub"], an RSA JWK
  bool secure_boot = false;
  bool tpm_enabled = false;
  std::string vm_unique_id;
};

Result<HclRuntimeData> parse_hcl_runtime_data(std::span<const uint8_t> json);

}  // namespace nightjar::attest
