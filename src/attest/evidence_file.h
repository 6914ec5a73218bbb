// Evidence as it is stored in files for offline verification (the CLI, tests).
//
// A file holds the platform's native evidence bytes, either raw or as base64 text (the public
// Nitro samples are .b64), optionally followed by PEM certificates the evidence needs but does
// not embed (an SNP report's VCEK, ASK and ARK, in that order). The split is the caller's: it
// knows the native size (SNP) or that the native bytes contain no PEM (an HCL report); a TDX
// quote embeds its own PEM chain and takes no suffix. Limits: kMaxEvidenceFileBytes.
// Pure functions; thread-safe.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "attest/x509.h"
#include "base/status.h"

namespace nightjar::attest {

inline constexpr size_t kMaxEvidenceFileBytes = 256 * 1024;

Result<std::vector<uint8_t>> read_evidence_file(const std::string& path);

// The bytes themselves when they are not base64 text; their decoding when they are (whitespace
// and line breaks allowed, nothing else).
Result<std::vector<uint8_t>> decode_if_base64(std::span<const uint8_t> contents);

// Splits at the first "-----BEGIN CERTIFICATE-----" at or after `search_from`: the bytes before,
// and the certificates from there to the end (none if there is no marker).
struct EvidenceWithCertificates {
  std::vector<uint8_t> evidence;
  std::vector<Certificate> certificates;
};
Result<EvidenceWithCertificates> split_trailing_pem(std::span<const uint8_t> contents,
                                                    size_t search_from);

}  // namespace nightjar::attest
