// configfs-tsm (Linux 6.7+, Documentation/ABI/testing/configfs-tsm): the kernel's interface to a
// confidential guest's attestation reports, SEV-SNP or TDX alike. One request is one directory:
//
//   mkdir  <root>/<entry>            root: /sys/kernel/config/tsm/report
//   write  <entry>/inblob            the 64 bytes of REPORT_DATA
//   write  <entry>/privlevel         optional: the VMPL to report from (SNP)
//   read   <entry>/outblob           the report (SNP) or quote (TDX)
//   read   <entry>/auxblob           SNP: the host's certificate table (VCEK or VLEK, ASK, ARK)
//   read   <entry>/provider          "sev_guest" or "tdx_guest"
//   read   <entry>/generation        bumped by every write; a jump means another writer
//   rmdir  <entry>
//
// Each request gets its own directory, named after the process and a counter, so concurrent
// servers do not share one; the generation is still checked, and a report made for someone
// else's inblob is asked for again. File access goes through TsmFilesystem so tests replay
// recorded kernel answers.
// Thread safety: TsmReporter is used by one thread at a time.
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "attest/x509.h"
#include "base/status.h"

namespace nightjar::attest {

inline constexpr const char* kTsmReportRoot = "/sys/kernel/config/tsm/report";

class TsmFilesystem {
 public:
  virtual ~TsmFilesystem() = default;
  virtual Status make_dir(const std::string& path) = 0;
  virtual Status remove_dir(const std::string& path) = 0;
  virtual Status write_file(const std::string& path, std::span<const uint8_t> bytes) = 0;
  // At most `max_bytes`; more is an error.
  virtual Result<std::vector<uint8_t>> read_file(const std::string& path, size_t max_bytes) = 0;
};

// The real configfs, through POSIX calls.
std::unique_ptr<TsmFilesystem> system_tsm_filesystem();

struct TsmReport {
  std::string provider;
  std::vector<uint8_t> outblob;
  std::vector<uint8_t> auxblob;
};

class TsmReporter {
 public:
  TsmReporter(TsmFilesystem& fs, std::string root = kTsmReportRoot)
      : fs_(fs), root_(std::move(root)) {}

  Result<TsmReport> report(const std::array<uint8_t, 64>& inblob,
                           std::optional<uint32_t> privlevel);

 private:
  Result<TsmReport> attempt(const std::string& entry, const std::array<uint8_t, 64>& inblob,
                            std::optional<uint32_t> privlevel);

  TsmFilesystem& fs_;
  const std::string root_;
  uint64_t counter_ = 0;
};

// The SEV-SNP extended report's certificate table (GHCB spec): 24-byte entries {GUID, u32 offset,
// u32 length} up to an all-zero entry, offsets from the table's start. Returns the VCEK or VLEK,
// ASK and ARK it holds, in that order; other entries are skipped. Bounded by the table's size.
Result<std::vector<Certificate>> parse_snp_certificate_table(std::span<const uint8_t> table);

}  // namespace nightjar::attest
