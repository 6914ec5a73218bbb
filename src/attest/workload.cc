#include "attest/workload.h"

#include <unistd.h>

#include <filesystem>
#include <fstream>

namespace nightjar::attest {

Result<Sha256Digest> sha256_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status(StatusCode::kNotFound, "cannot open " + path);
  Sha256 hasher;
  std::vector<uint8_t> buffer(1 << 16);
  while (in.read(reinterpret_cast<char*>(buffer.data()),
                 static_cast<std::streamsize>(buffer.size())) ||
         in.gcount() > 0) {
    hasher.update(std::span(buffer).first(static_cast<size_t>(in.gcount())));
  }
  if (in.bad()) return Status(StatusCode::kInternal, "cannot read " + path);
  return hasher.finish();
}

Result<WorkloadMeasurement> measure_workload_files(const std::string& executable_path,
                                                   const std::string& manifest_path) {
  WorkloadMeasurement m;
  Result<Sha256Digest> exe = sha256_file(executable_path);
  if (!exe.is_ok()) return exe.status();
  m.executable = *exe;
  // /proc/self/exe is a link; the event names the file it points at.
  std::error_code ec;
  std::filesystem::path resolved = std::filesystem::canonical(executable_path, ec);
  m.executable_path = ec ? executable_path : resolved.string();
  if (!manifest_path.empty() && std::filesystem::exists(manifest_path, ec)) {
    Result<Sha256Digest> manifest = sha256_file(manifest_path);
    if (!manifest.is_ok()) return manifest.status();
    m.manifest = *manifest;
    m.manifest_path = manifest_path;
  }
  return m;
}

}  // namespace nightjar::attest
