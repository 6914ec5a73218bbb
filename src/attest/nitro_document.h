// The AWS Nitro Enclaves attestation document: a COSE_Sign1 (ES384) whose payload is a CBOR map
// with text keys (aws-nitro-enclaves-nsm-api, docs/attestation_process.md):
//   module_id tstr, digest "SHA384", timestamp uint (ms since the epoch), pcrs {uint 0..31 ->
//   bstr of 32/48/64 bytes}, certificate bstr (DER leaf), cabundle [bstr] (root first),
//   public_key / user_data / nonce: optional bstr or null.
//
// NitroDocument owns copies of every field plus the COSE envelope it came from. Parsing checks
// types, sizes and limits only (at most 32 PCRs, optional fields at most 1024 bytes, which real
// NSM documents reach although AWS's text says 512); whether the document is genuine is the
// verifier's question. A null cabundle is read as empty, as nitrite's self-signed sample has it,
// so that such a document fails where it should: at the root pin. Plain value.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "attest/cose_sign1.h"
#include "base/status.h"

namespace nightjar::attest {

inline constexpr size_t kNitroMaxPcrs = 32;
inline constexpr size_t kNitroMaxFieldBytes = 1024;

struct NitroDocument {
  CoseSign1 cose;
  std::string module_id;
  std::string digest;
  uint64_t timestamp_ms = 0;
  std::map<uint32_t, std::vector<uint8_t>> pcrs;
  std::vector<uint8_t> certificate;
  std::vector<std::vector<uint8_t>> cabundle;
  std::optional<std::vector<uint8_t>> public_key;
  std::optional<std::vector<uint8_t>> user_data;
  std::optional<std::vector<uint8_t>> nonce;
};

Result<NitroDocument> parse_nitro_document(std::span<const uint8_t> cose_bytes);

}  // namespace nightjar::attest
