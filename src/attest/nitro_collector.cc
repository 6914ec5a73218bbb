#include "attest/nitro_collector.h"

#include <algorithm>

#include "attest/nitro_document.h"
#include "attest/tpm_attest.h"
#include "base/hex.h"

namespace nightjar::attest {

Result<std::vector<WorkloadEvent>> NitroCollector::measure_workload(const WorkloadMeasurement& m) {
  std::vector<WorkloadEvent> events =
      workload_events(kNitroWorkloadPcr, kTpmAlgSha384, m.executable, m.executable_path, m.manifest,
                      m.manifest_path);
  for (const WorkloadEvent& e : events) {
    Result<std::vector<uint8_t>> response =
        device_.call(nsm_extend_pcr_request(kNitroWorkloadPcr, e.digest));
    if (!response.is_ok()) return response.status();
    Result<std::vector<uint8_t>> value = parse_nsm_extend_pcr_response(*response);
    if (!value.is_ok()) return value.status();
  }
  return events;
}

Result<CollectedEvidence> NitroCollector::collect(const Sha256Digest& binding, const Nonce& nonce) {
  Result<std::vector<uint8_t>> response =
      device_.call(nsm_attestation_request(binding, nonce, std::nullopt));
  if (!response.is_ok()) return response.status();
  Result<std::vector<uint8_t>> document = parse_nsm_attestation_response(*response);
  if (!document.is_ok()) return document.status();
  Result<NitroDocument> parsed = parse_nitro_document(*document);
  if (!parsed.is_ok()) return parsed.status();
  CollectedEvidence out;
  // A debug enclave's image PCRs are all zero (attestation.md §3.4).
  bool debug = false;
  for (uint32_t index : {0u, 1u, 2u}) {
    auto pcr = parsed->pcrs.find(index);
    if (pcr != parsed->pcrs.end() &&
        std::all_of(pcr->second.begin(), pcr->second.end(), [](uint8_t b) { return b == 0; })) {
      debug = true;
    }
  }
  out.debug = debug ? DebugState::kOn : DebugState::kOff;
  for (uint32_t index : {0u, 1u, 2u, 8u, uint32_t{kNitroWorkloadPcr}}) {
    auto pcr = parsed->pcrs.find(index);
    if (pcr != parsed->pcrs.end()) {
      out.measurements.emplace_back("PCR" + std::to_string(index), to_hex(pcr->second));
    }
  }
  out.evidence = std::move(document).value();
  return out;
}

}  // namespace nightjar::attest
