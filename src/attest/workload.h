// What the server measures about itself at start-up: the SHA-256 of its executable (as the
// kernel has it mapped: /proc/self/exe) and of the image manifest, when one is deployed, read in
// chunks so neither is held in memory. Pure functions of the files; thread-safe.
#pragma once

#include <optional>
#include <string>

#include "attest/collector.h"
#include "base/sha256.h"
#include "base/status.h"

namespace nightjar::attest {

inline constexpr const char* kSelfExecutable = "/proc/self/exe";

Result<Sha256Digest> sha256_file(const std::string& path);

// `manifest_path` may be empty or name a file that does not exist: then there is no manifest.
Result<WorkloadMeasurement> measure_workload_files(const std::string& executable_path,
                                                   const std::string& manifest_path);

}  // namespace nightjar::attest
