#include "attest/snp_report.h"

#include <algorithm>
#include <string>

#include "attest/byte_reader.h"

namespace nightjar::attest {

SnpTcb decode_snp_tcb(uint64_t tcb_version, AmdProduct product) {
  auto byte = [&](int i) { return static_cast<uint8_t>(tcb_version >> (8 * i)); };
  if (product == AmdProduct::kTurin) {
    return SnpTcb{.fmc = byte(0),
                  .bootloader = byte(1),
                  .tee = byte(2),
                  .snp = byte(3),
                  .microcode = byte(7)};
  }
  return SnpTcb{
      .fmc = 0, .bootloader = byte(0), .tee = byte(1), .snp = byte(6), .microcode = byte(7)};
}

Result<SnpReport> parse_snp_report(std::span<const uint8_t> bytes) {
  if (bytes.size() != kSnpReportSize) {
    return invalid_argument("SEV-SNP report: " + std::to_string(bytes.size()) +
                            " bytes (want 1184)");
  }
  SnpReport r;
  r.raw.assign(bytes.begin(), bytes.end());
  r.version = load_le32(bytes, 0x000);
  if (r.version < 2 || r.version > 5) {
    return invalid_argument("SEV-SNP report: unsupported version " + std::to_string(r.version));
  }
  r.guest_svn = load_le32(bytes, 0x004);
  r.policy = load_le64(bytes, 0x008);
  r.vmpl = load_le32(bytes, 0x030);
  r.signature_algo = load_le32(bytes, 0x034);
  r.current_tcb = load_le64(bytes, 0x038);
  r.platform_info = load_le64(bytes, 0x040);
  uint32_t signer = load_le32(bytes, 0x048);
  if (signer >> 5 != 0 || load_le32(bytes, 0x04C) != 0) {
    return invalid_argument("SEV-SNP report: reserved signer bits are set");
  }
  r.author_key_enabled = (signer & 1) != 0;
  r.mask_chip_id = (signer & 2) != 0;
  uint8_t key = static_cast<uint8_t>(signer >> 2 & 7);
  if (key != 0 && key != 1 && key != 7) {
    return invalid_argument("SEV-SNP report: unknown SIGNING_KEY " + std::to_string(key));
  }
  r.signing_key = static_cast<SnpSigningKey>(key);
  r.report_data = load_array<64>(bytes, 0x050);
  r.measurement = load_array<48>(bytes, 0x090);
  r.host_data = load_array<32>(bytes, 0x0C0);
  r.id_key_digest = load_array<48>(bytes, 0x0E0);
  r.report_id = load_array<32>(bytes, 0x140);
  r.reported_tcb = load_le64(bytes, 0x180);
  r.chip_id = load_array<64>(bytes, 0x1A0);
  r.committed_tcb = load_le64(bytes, 0x1E0);
  r.launch_tcb = load_le64(bytes, 0x1F0);
  std::array<uint8_t, 72> r_le = load_array<72>(bytes, 0x2A0);
  std::array<uint8_t, 72> s_le = load_array<72>(bytes, 0x2A0 + 0x48);
  std::reverse_copy(r_le.begin(), r_le.end(), r.signature_r.begin());
  std::reverse_copy(s_le.begin(), s_le.end(), r.signature_s.begin());
  return r;
}

}  // namespace nightjar::attest
