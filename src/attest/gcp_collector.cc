#include "attest/gcp_collector.h"

#include <algorithm>

#include "attest/snp_report.h"
#include "base/hex.h"

namespace nightjar::attest {

Result<SnpEvidence> snp_report_for(TsmReporter& tsm, const Sha256Digest& binding) {
  std::array<uint8_t, 64> inblob{};
  std::copy(binding.begin(), binding.end(), inblob.begin());
  Result<TsmReport> r = tsm.report(inblob, 0);
  if (!r.is_ok()) return r.status();
  if (r->provider != "sev_guest") {
    return Status(StatusCode::kFailedPrecondition,
                  "configfs-tsm provider is \"" + r->provider + "\", not sev_guest");
  }
  Result<SnpReport> report = parse_snp_report(r->outblob);
  if (!report.is_ok()) return report.status();
  if (!std::equal(inblob.begin(), inblob.end(), report->report_data.begin())) {
    return Status(StatusCode::kInternal, "SNP report: REPORT_DATA is not what was asked for");
  }
  SnpEvidence out;
  out.report = std::move(r->outblob);
  out.debug = report->debug() ? DebugState::kOn : DebugState::kOff;
  out.measurement.assign(report->measurement.begin(), report->measurement.end());
  if (!r->auxblob.empty()) {
    Result<std::vector<Certificate>> certs = parse_snp_certificate_table(r->auxblob);
    if (!certs.is_ok()) return certs.status();
    for (const Certificate& c : *certs) out.certificates.push_back(certificate_pem(c));
  }
  return out;
}

Result<std::unique_ptr<GcpCollector>> GcpCollector::open(TpmDevice& device, TsmReporter& tsm,
                                                         uint32_t workload_pcr) {
  std::vector<AkSource> sources = gce_ak_sources();
  Result<std::unique_ptr<TpmQuoter>> quoter =
      TpmQuoter::open(device, sources, mip_pcrs(workload_pcr), workload_pcr);
  if (!quoter.is_ok()) return quoter.status();
  return std::unique_ptr<GcpCollector>(new GcpCollector(std::move(quoter).value(), tsm));
}

Result<std::vector<WorkloadEvent>> GcpCollector::measure_workload(const WorkloadMeasurement& m) {
  return quoter_->measure(m);
}

Result<CollectedEvidence> GcpCollector::collect(const Sha256Digest& binding, const Nonce&) {
  Result<SnpEvidence> snp = snp_report_for(tsm_, binding);
  if (!snp.is_ok()) return snp.status();
  Result<TpmEvidence> quote = quoter_->quote(binding);
  if (!quote.is_ok()) return quote.status();
  quote->snp_report = snp->report;
  CollectedEvidence out;
  out.evidence = encode_tpm_evidence(*quote);
  out.certificates = quoter_->certificates();
  out.certificates.insert(out.certificates.end(), snp->certificates.begin(),
                          snp->certificates.end());
  out.debug = snp->debug;
  out.measurements = pcr_measurements(*quote);
  // Named as the verifier names it (tpm_verifier.h): the SNP report's fields carry "snp.".
  out.measurements.emplace_back("snp.MEASUREMENT", to_hex(snp->measurement));
  return out;
}

}  // namespace nightjar::attest
