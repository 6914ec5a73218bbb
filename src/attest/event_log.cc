#include "attest/event_log.h"

#include <openssl/evp.h>

#include "attest/tpm_attest.h"

namespace nightjar::attest {

std::vector<WorkloadEvent> workload_events(std::optional<uint32_t> pcr, uint16_t bank,
                                           const Sha256Digest& executable,
                                           std::string executable_path,
                                           std::optional<Sha256Digest> manifest,
                                           std::string manifest_path) {
  std::vector<WorkloadEvent> events;
  events.push_back(
      {pcr, bank, executable, std::string(kEventExecutable), std::move(executable_path)});
  if (manifest) {
    events.push_back(
        {pcr, bank, *manifest, std::string(kEventImageManifest), std::move(manifest_path)});
  }
  return events;
}

Result<std::vector<uint8_t>> replay_events(std::span<const WorkloadEvent> events, uint32_t pcr,
                                           uint16_t bank) {
  const EVP_MD* md = bank == kTpmAlgSha256   ? EVP_sha256()
                     : bank == kTpmAlgSha384 ? EVP_sha384()
                                             : nullptr;
  if (md == nullptr) return invalid_argument("event log: bank " + tpm_alg_name(bank));
  std::vector<uint8_t> value(static_cast<size_t>(EVP_MD_get_size(md)), 0);
  for (const WorkloadEvent& event : events) {
    if (event.pcr != pcr || event.bank != bank) continue;
    std::vector<uint8_t> input = value;
    input.insert(input.end(), event.digest.begin(), event.digest.end());
    unsigned int length = 0;
    NIGHTJAR_CHECK(EVP_Digest(input.data(), input.size(), value.data(), &length, md, nullptr) == 1);
  }
  return value;
}

std::string event_measurement_name(std::string_view type) {
  if (type == kEventExecutable) return "EXECUTABLE";
  if (type == kEventImageManifest) return "IMAGE_MANIFEST";
  return {};
}

}  // namespace nightjar::attest
