// Azure's THIM (Trusted Hardware Identity Management) certificates for the SEV-SNP chip a
// confidential VM runs on. GET kThimCertificationPath on the instance metadata service
// (imds_client.h) answers
//   {"vcekCert": PEM, "certificateChain": PEM ASK then ARK, "tcbm": hex, "cacheControl": secs}
// where tcbm is the TCB version the VCEK endorses, in the encoding of the SNP report's
// REPORTED_TCB (16 hex digits). The host caches them from AMD's KDS; they change only with the
// TCB, so a collector fetches them once, at start-up.
//
// Nothing here is trusted: the client verifies VCEK <- ASK <- ARK to its own pinned ARK and the
// VCEK against the report (snp_verifier.h). These checks only keep an answer that could help no
// verifier out of the documents, so that a broken THIM is one warning in the server's log
// rather than a puzzling refusal at every client: vcekCert is exactly one certificate with
// AMD's KDS extensions, certificateChain exactly two, the VCEK chains through the ASK to that
// ARK at `now`, and tcbm, when present, is 1 to 16 hex digits. Other members are ignored.
//
// Thread safety: parse_thim_certification is a pure function; fetch_thim_certification uses
// the getter as imds_client.h allows.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "attest/imds_client.h"
#include "attest/utc_time.h"
#include "attest/x509.h"
#include "base/status.h"

namespace nightjar::attest {

inline constexpr std::string_view kThimCertificationPath = "/metadata/THIM/amd/certification";
// Three PEM certificates take about 7 KiB.
inline constexpr size_t kMaxThimResponseBytes = 64 * 1024;

struct ThimCertification {
  Certificate vcek;
  Certificate ask;
  Certificate ark;
  std::optional<uint64_t> tcbm;

  // VCEK, ASK, ARK, one PEM each, as an attestation document carries certificates.
  std::vector<std::string> pem() const;
};

Result<ThimCertification> parse_thim_certification(std::string_view json, TimePoint now);

// GET and parse; errors say which step failed ("THIM: ...").
Result<ThimCertification> fetch_thim_certification(MetadataGetter& getter, TimePoint now);

}  // namespace nightjar::attest
