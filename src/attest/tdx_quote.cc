#include "attest/tdx_quote.h"

#include <string>
#include <string_view>

#include "attest/byte_reader.h"

namespace nightjar::attest {
namespace {

constexpr uint16_t kQuoteVersion = 4;
constexpr uint16_t kAttestationKeyEcdsaP256 = 2;
constexpr uint32_t kTeeTypeTdx = 0x81;
constexpr uint16_t kCertificationQeReport = 6;
constexpr uint16_t kCertificationPckChain = 5;

}  // namespace

Result<TdxQuote> parse_tdx_quote(std::span<const uint8_t> bytes) {
  ByteReader in(bytes, "TDX quote");
  TdxQuote q;
  q.version = in.u16_le("version");
  if (in.ok() && q.version != kQuoteVersion) in.fail("version is not 4");
  q.attestation_key_type = in.u16_le("attestation key type");
  if (in.ok() && q.attestation_key_type != kAttestationKeyEcdsaP256) {
    in.fail("attestation key type is not ECDSA P-256 (2)");
  }
  q.tee_type = in.u32_le("TEE type");
  if (in.ok() && q.tee_type != kTeeTypeTdx) in.fail("TEE type is not TDX (0x81)");
  q.qe_svn = in.u16_le("QE SVN");
  q.pce_svn = in.u16_le("PCE SVN");
  q.qe_vendor_id = in.array<16>("QE vendor ID");
  in.bytes(20, "user data");

  q.tee_tcb_svn = in.array<16>("TEE_TCB_SVN");
  q.mr_seam = in.array<48>("MRSEAM");
  in.bytes(48, "MRSIGNERSEAM");
  in.u64_le("SEAM_ATTRIBUTES");
  q.td_attributes = in.u64_le("TD_ATTRIBUTES");
  q.xfam = in.u64_le("XFAM");
  q.mr_td = in.array<48>("MRTD");
  q.mr_config_id = in.array<48>("MRCONFIGID");
  q.mr_owner = in.array<48>("MROWNER");
  q.mr_owner_config = in.array<48>("MROWNERCONFIG");
  for (Measurement48& r : q.rtmr) r = in.array<48>("RTMR");
  q.report_data = in.array<64>("REPORTDATA");

  uint32_t signed_data_size = in.u32_le("signature data size");
  if (in.ok() && signed_data_size > in.remaining()) {
    in.fail("signature data size exceeds the quote");
  }
  if (!in.ok()) return in.status();
  ByteReader sig(bytes.subspan(in.offset(), signed_data_size), "TDX quote signature data");
  q.trailing_bytes = in.remaining() - signed_data_size;
  q.signature = sig.array<64>("quote signature");
  q.attestation_key = sig.array<64>("attestation key");
  uint16_t cert_type = sig.u16_le("certification data type");
  if (sig.ok() && cert_type != kCertificationQeReport) {
    sig.fail("certification data type is not the QE report (6)");
  }
  uint32_t cert_size = sig.u32_le("certification data size");
  if (sig.ok() && cert_size != sig.remaining()) {
    sig.fail("certification data size disagrees with the signature data size");
  }
  q.qe_report = sig.array<kTdxQeReportSize>("QE report");
  q.qe_report_signature = sig.array<64>("QE report signature");
  uint16_t auth_size = sig.u16_le("QE auth data size");
  std::span<const uint8_t> auth = sig.bytes(auth_size, "QE auth data");
  q.qe_auth_data.assign(auth.begin(), auth.end());
  uint16_t inner_type = sig.u16_le("PCK certification data type");
  if (sig.ok() && inner_type != kCertificationPckChain) {
    sig.fail("inner certification data is not a PCK chain (5)");
  }
  uint32_t pem_size = sig.u32_le("PCK chain size");
  std::span<const uint8_t> pem = sig.bytes(pem_size, "PCK chain");
  if (Status s = sig.finish(); !s.is_ok()) return s;

  // Some producers end the PEM text with a NUL.
  std::string_view pem_text(reinterpret_cast<const char*>(pem.data()), pem.size());
  while (!pem_text.empty() && pem_text.back() == '\0') pem_text.remove_suffix(1);
  Result<std::vector<Certificate>> chain = certificates_from_pem(pem_text);
  if (!chain.is_ok()) return invalid_argument("TDX quote PCK chain: " + chain.status().message());
  if (chain->empty()) return invalid_argument("TDX quote: empty PCK chain");
  q.pck_chain = std::move(chain).value();
  q.raw.assign(bytes.begin(), bytes.end());
  return q;
}

}  // namespace nightjar::attest
