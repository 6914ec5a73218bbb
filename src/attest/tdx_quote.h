// The Intel TDX quote, version 4 (Intel DCAP "Quote Format", as go-tdx-guest's abi reads it),
// little-endian:
//   0x000  header (0x30): version u16 = 4, attestation key type u16 = 2 (ECDSA P-256),
//          TEE type u32 = 0x81 (TDX), QE SVN, PCE SVN, QE vendor ID (16), user data (20)
//   0x030  TD quote body (0x248): TEE_TCB_SVN, MRSEAM, MRSIGNERSEAM, SEAM_ATTRIBUTES,
//          TD_ATTRIBUTES (bit 0 DEBUG), XFAM, MRTD, MRCONFIGID, MROWNER, MROWNERCONFIG,
//          RTMR0..3, REPORTDATA (64)
//   0x278  u32 size of the signature data, then: ECDSA signature r‖s (64) over header‖body,
//          the attestation public key x‖y (64), and certification data type 6: the QE report
//          (384), its signature by the PCK (64), QE auth data (u16 + bytes), and inner
//          certification data type 5: the PCK certificate chain in PEM.
//
// TdxQuote keeps the raw bytes and the decoded fields, the PCK chain parsed (leaf first). Bytes
// after the declared signature data are ignored and counted (go-tdx-guest's sample carries
// some). Limits: the signature data and the PEM chain are bounded by the input; at most
// kMaxCertificates certificates. Plain value.
#pragma once

#include <array>
#include <cstdint>
#include <span>
#include <vector>

#include "attest/x509.h"
#include "base/status.h"

namespace nightjar::attest {

inline constexpr size_t kTdxSignedSize = 0x278;
inline constexpr size_t kTdxQeReportSize = 384;

using Measurement48 = std::array<uint8_t, 48>;

struct TdxQuote {
  std::vector<uint8_t> raw;
  uint16_t version = 0;
  uint16_t attestation_key_type = 0;
  uint32_t tee_type = 0;
  uint16_t qe_svn = 0;
  uint16_t pce_svn = 0;
  std::array<uint8_t, 16> qe_vendor_id{};
  std::array<uint8_t, 16> tee_tcb_svn{};
  Measurement48 mr_seam{};
  uint64_t td_attributes = 0;
  uint64_t xfam = 0;
  Measurement48 mr_td{};
  Measurement48 mr_config_id{};
  Measurement48 mr_owner{};
  Measurement48 mr_owner_config{};
  std::array<Measurement48, 4> rtmr{};
  std::array<uint8_t, 64> report_data{};
  std::array<uint8_t, 64> signature{};
  std::array<uint8_t, 64> attestation_key{};
  std::array<uint8_t, kTdxQeReportSize> qe_report{};
  std::array<uint8_t, 64> qe_report_signature{};
  std::vector<uint8_t> qe_auth_data;
  std::vector<Certificate> pck_chain;
  size_t trailing_bytes = 0;

  bool debug() const { return (td_attributes & 1) != 0; }
  std::span<const uint8_t> signed_bytes() const { return std::span(raw).first(kTdxSignedSize); }
  // REPORTDATA of the QE report (an SGX REPORT body, REPORTDATA at 320).
  std::span<const uint8_t> qe_report_data() const { return std::span(qe_report).subspan(320); }
};

Result<TdxQuote> parse_tdx_quote(std::span<const uint8_t> bytes);

}  // namespace nightjar::attest
