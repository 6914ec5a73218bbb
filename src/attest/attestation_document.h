// The /attestation response: a JSON object that carries the hardware evidence and what a client
// needs to check it, for one nonce on one TLS channel:
//
//   {"platform": "tpm", "nonce": "<64 hex>", "tls_public_key_sha256": "<64 hex>",
//    "timestamp": "2026-05-20T10:09:32.123Z", "debug": false | true | "unknown",
//    "measurements": {"PCR0": "<hex>", ...}, "evidence": "<base64>",
//    "certificates": ["-----BEGIN CERTIFICATE-----...", ...],
//    "event_log": [{"pcr": 13 | null, "bank": "sha256", "digest": "<hex>",
//                   "type": "executable", "description": "/usr/bin/nightjar-server"}]}
//
// Everything but `evidence` (and what it embeds) is the server's own statement and unsigned:
// platform, debug and measurements are there for people and logs, and the verifier takes them
// from the evidence instead; the nonce and the TLS key hash are compared with the client's own.
// Parsing is bounded (kMaxDocumentBytes of text, kMaxCertificates certificates, 16 events,
// 64 measurements) and refuses missing or mistyped fields. Plain value; thread-safe functions.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "attest/binding.h"
#include "attest/event_log.h"
#include "attest/platform.h"
#include "attest/utc_time.h"
#include "attest/verdict.h"
#include "base/sha256.h"
#include "base/status.h"

namespace nightjar::attest {

inline constexpr size_t kMaxDocumentBytes = 512 * 1024;
inline constexpr size_t kMaxDocumentEvidenceBytes = 64 * 1024;

struct AttestationDocument {
  Platform platform = Platform::kNone;
  Nonce nonce{};
  Sha256Digest tls_public_key_sha256{};
  TimePoint timestamp;
  DebugState debug = DebugState::kUnknown;
  std::vector<std::pair<std::string, std::string>> measurements;  // name -> lower-case hex
  std::vector<uint8_t> evidence;
  std::vector<std::string> certificates;  // PEM, one certificate each
  std::vector<WorkloadEvent> event_log;
};

std::string attestation_document_json(const AttestationDocument& document);

Result<AttestationDocument> parse_attestation_document(std::string_view json);

// True when the text looks like a JSON object rather than raw evidence (for files given to the
// offline verifier).
bool looks_like_attestation_document(std::span<const uint8_t> contents);

}  // namespace nightjar::attest
