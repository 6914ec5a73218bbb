#include "attest/platform_detect.h"

#include <filesystem>
#include <fstream>

namespace nightjar::attest {
namespace {

bool exists(const char* path) {
  std::error_code ec;
  return std::filesystem::exists(path, ec);
}

std::string first_line(const char* path) {
  std::ifstream in(path);
  std::string line;
  std::getline(in, line);
  while (!line.empty() && (line.back() == ' ' || line.back() == '\r')) line.pop_back();
  return line;
}

}  // namespace

HostFacts probe_host(bool tcti_configured) {
  HostFacts facts;
  facts.nsm_device = exists("/dev/nsm");
  // configfs-tsm serves TDX guests too; the sev-guest device is SNP's own.
  facts.snp_guest = exists("/dev/sev-guest");
  facts.tpm = tcti_configured || exists("/dev/tpmrm0");
  facts.tcti_configured = tcti_configured;
  facts.dmi_sys_vendor = first_line("/sys/class/dmi/id/sys_vendor");
  return facts;
}

Platform detect_platform(const HostFacts& f) {
  if (f.nsm_device) return Platform::kNitro;
  if (f.tpm && f.dmi_sys_vendor == "Microsoft Corporation") return Platform::kAzure;
  if (f.tpm && f.snp_guest && f.dmi_sys_vendor == "Google") return Platform::kGcp;
  if (f.snp_guest) return Platform::kSevSnp;
  if (f.tcti_configured || (f.tpm && f.dmi_sys_vendor == "Google")) return Platform::kTpm;
  return Platform::kNone;
}

}  // namespace nightjar::attest
