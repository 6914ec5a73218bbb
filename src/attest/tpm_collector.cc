#include "attest/tpm_collector.h"

namespace nightjar::attest {

Result<std::unique_ptr<TpmCollector>> TpmCollector::open(TpmDevice& device, uint32_t workload_pcr) {
  std::vector<AkSource> sources = default_ak_sources();
  Result<std::unique_ptr<TpmQuoter>> quoter =
      TpmQuoter::open(device, sources, mip_pcrs(workload_pcr), workload_pcr);
  if (!quoter.is_ok()) return quoter.status();
  return std::unique_ptr<TpmCollector>(new TpmCollector(std::move(quoter).value()));
}

Result<std::vector<WorkloadEvent>> TpmCollector::measure_workload(const WorkloadMeasurement& m) {
  return quoter_->measure(m);
}

Result<CollectedEvidence> TpmCollector::collect(const Sha256Digest& binding, const Nonce&) {
  Result<TpmEvidence> quote = quoter_->quote(binding);
  if (!quote.is_ok()) return quote.status();
  CollectedEvidence out;
  out.evidence = encode_tpm_evidence(*quote);
  out.certificates = quoter_->certificates();
  out.measurements = pcr_measurements(*quote);
  return out;
}

}  // namespace nightjar::attest
