#include "attest/tpm_evidence.h"

#include <algorithm>
#include <string>

#include "attest/cbor.h"
#include "attest/tpm_attest.h"

namespace nightjar::attest {
namespace {

constexpr size_t kMaxQuote = 1024;
constexpr size_t kMaxSignature = 1024;
constexpr size_t kMaxAkPublic = 1024;
constexpr size_t kMaxPcrValue = 64;
constexpr size_t kMaxSnpReport = 4096;
constexpr size_t kMaxHclReport = 8192;

Status bad(const std::string& why) { return invalid_argument("TPM evidence: " + why); }

Result<std::vector<uint8_t>> bytes_field(const cbor_item_t* map, const char* key, size_t max) {
  std::optional<std::span<const uint8_t>> value = cbor_bytes(cbor_map_get(map, key));
  if (!value) return bad(std::string("\"") + key + "\" is missing or not a byte string");
  if (value->size() > max) {
    return bad(std::string("\"") + key + "\" is longer than " + std::to_string(max) + " bytes");
  }
  return std::vector<uint8_t>(value->begin(), value->end());
}

}  // namespace

Platform TpmEvidence::platform() const {
  if (hcl_report) return Platform::kAzure;
  if (snp_report) return Platform::kGcp;
  return Platform::kTpm;
}

std::vector<uint8_t> encode_tpm_evidence(const TpmEvidence& e) {
  CborWriter w;
  w.map(6 + (e.snp_report ? 1 : 0) + (e.hcl_report ? 1 : 0));
  w.text("format");
  w.text(kTpmEvidenceFormat);
  w.text("quote");
  w.bytes(e.quote);
  w.text("signature");
  w.bytes(e.signature);
  w.text("ak_public");
  w.bytes(e.ak_public);
  w.text("pcr_bank");
  w.integer(e.pcr_bank);
  w.text("pcrs");
  w.map(e.pcrs.size());
  for (const auto& [index, value] : e.pcrs) {
    w.integer(index);
    w.bytes(value);
  }
  if (e.snp_report) {
    w.text("snp_report");
    w.bytes(*e.snp_report);
  }
  if (e.hcl_report) {
    w.text("hcl_report");
    w.bytes(*e.hcl_report);
  }
  return w.take();
}

Result<TpmEvidence> parse_tpm_evidence(std::span<const uint8_t> bytes) {
  CborLimits limits;
  limits.max_size = 32 * 1024;
  limits.max_depth = 2;
  limits.max_items = 128;
  Result<CborItem> root = cbor_decode(bytes, limits);
  if (!root.is_ok()) return bad(root.status().message());
  const cbor_item_t* map = root->get();
  if (!cbor_isa_map(map)) return bad("not a CBOR map");
  if (cbor_map_has_duplicate_keys(map)) return bad("duplicate keys");
  static constexpr std::string_view kKeys[] = {"format",   "quote", "signature",  "ak_public",
                                               "pcr_bank", "pcrs",  "snp_report", "hcl_report"};
  cbor_pair* pairs = cbor_map_handle(map);
  for (size_t i = 0; i < cbor_map_size(map); ++i) {
    std::optional<std::string_view> key = cbor_text(pairs[i].key);
    if (!key || std::find(std::begin(kKeys), std::end(kKeys), *key) == std::end(kKeys)) {
      return bad("unknown key");
    }
  }
  std::optional<std::string_view> format = cbor_text(cbor_map_get(map, "format"));
  if (!format || *format != kTpmEvidenceFormat) {
    return bad(std::string("\"format\" is not \"") + std::string(kTpmEvidenceFormat) + "\"");
  }

  TpmEvidence e;
  Result<std::vector<uint8_t>> quote = bytes_field(map, "quote", kMaxQuote);
  if (!quote.is_ok()) return quote.status();
  e.quote = std::move(quote).value();
  Result<std::vector<uint8_t>> signature = bytes_field(map, "signature", kMaxSignature);
  if (!signature.is_ok()) return signature.status();
  e.signature = std::move(signature).value();
  Result<std::vector<uint8_t>> ak = bytes_field(map, "ak_public", kMaxAkPublic);
  if (!ak.is_ok()) return ak.status();
  e.ak_public = std::move(ak).value();

  std::optional<uint64_t> bank = cbor_uint(cbor_map_get(map, "pcr_bank"));
  if (!bank || tpm_digest_size(static_cast<uint16_t>(*bank)) == 0 || *bank > 0xffff) {
    return bad("\"pcr_bank\" is not a TPM hash algorithm");
  }
  e.pcr_bank = static_cast<uint16_t>(*bank);

  const cbor_item_t* pcrs = cbor_map_get(map, "pcrs");
  if (pcrs == nullptr || !cbor_isa_map(pcrs)) return bad("\"pcrs\" is missing or not a map");
  if (cbor_map_size(pcrs) > kMaxTpmEvidencePcrs) {
    return bad("more than " + std::to_string(kMaxTpmEvidencePcrs) + " PCRs");
  }
  cbor_pair* entries = cbor_map_handle(pcrs);
  for (size_t i = 0; i < cbor_map_size(pcrs); ++i) {
    std::optional<uint64_t> index = cbor_uint(entries[i].key);
    std::optional<std::span<const uint8_t>> value = cbor_bytes(entries[i].value);
    if (!index || *index >= 32 || !value || value->size() > kMaxPcrValue) {
      return bad("a PCR entry is not index (0..31) -> value (at most 64 bytes)");
    }
    if (!e.pcrs.emplace(static_cast<uint32_t>(*index), std::vector(value->begin(), value->end()))
             .second) {
      return bad("PCR " + std::to_string(*index) + " appears twice");
    }
  }

  if (cbor_map_get(map, "snp_report") != nullptr) {
    Result<std::vector<uint8_t>> snp = bytes_field(map, "snp_report", kMaxSnpReport);
    if (!snp.is_ok()) return snp.status();
    e.snp_report = std::move(snp).value();
  }
  if (cbor_map_get(map, "hcl_report") != nullptr) {
    Result<std::vector<uint8_t>> hcl = bytes_field(map, "hcl_report", kMaxHclReport);
    if (!hcl.is_ok()) return hcl.status();
    e.hcl_report = std::move(hcl).value();
  }
  if (e.snp_report && e.hcl_report) return bad("both an SNP and an HCL report");
  return e;
}

bool looks_like_tpm_evidence(std::span<const uint8_t> bytes) {
  // A map head (major type 5, at most 23 pairs), then the text "format".
  static constexpr uint8_t kPrefix[] = {0x66, 'f', 'o', 'r', 'm', 'a', 't'};
  return bytes.size() > sizeof(kPrefix) && (bytes[0] & 0xe0) == 0xa0 && (bytes[0] & 0x1f) < 24 &&
         std::equal(std::begin(kPrefix), std::end(kPrefix), bytes.begin() + 1);
}

}  // namespace nightjar::attest
