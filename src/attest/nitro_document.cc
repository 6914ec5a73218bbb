#include "attest/nitro_document.h"

#include "attest/x509.h"

namespace nightjar::attest {
namespace {

Status bad(const std::string& message) {
  return invalid_argument("Nitro attestation document: " + message);
}

Status read_optional_bytes(const cbor_item_t* map, const char* key,
                           std::optional<std::vector<uint8_t>>* out) {
  const cbor_item_t* item = cbor_map_get(map, key);
  if (item == nullptr || is_cbor_null(item)) return Status::ok();
  std::optional<std::span<const uint8_t>> bytes = cbor_bytes(item);
  if (!bytes) return bad(std::string(key) + " is neither a bstr nor null");
  if (bytes->size() > kNitroMaxFieldBytes) {
    return bad(std::string(key) + " of " + std::to_string(bytes->size()) + " bytes exceeds 1024");
  }
  out->emplace(bytes->begin(), bytes->end());
  return Status::ok();
}

Status read_pcrs(const cbor_item_t* item, std::map<uint32_t, std::vector<uint8_t>>* pcrs) {
  if (item == nullptr || !cbor_isa_map(item)) return bad("pcrs is missing or not a map");
  size_t n = cbor_map_size(item);
  if (n == 0 || n > kNitroMaxPcrs) return bad("pcrs holds " + std::to_string(n) + " entries");
  cbor_pair* pairs = cbor_map_handle(item);
  for (size_t i = 0; i < n; ++i) {
    std::optional<uint64_t> index = cbor_uint(pairs[i].key);
    if (!index || *index >= kNitroMaxPcrs) return bad("a PCR index is not an integer 0..31");
    std::optional<std::span<const uint8_t>> value = cbor_bytes(pairs[i].value);
    if (!value || (value->size() != 32 && value->size() != 48 && value->size() != 64)) {
      return bad("PCR" + std::to_string(*index) + " is not a 32, 48 or 64-byte bstr");
    }
    if (!pcrs->emplace(static_cast<uint32_t>(*index), std::vector(value->begin(), value->end()))
             .second) {
      return bad("PCR" + std::to_string(*index) + " appears twice");
    }
  }
  return Status::ok();
}

Status read_certificates(const cbor_item_t* map, NitroDocument* doc) {
  std::optional<std::span<const uint8_t>> leaf = cbor_bytes(cbor_map_get(map, "certificate"));
  if (!leaf || leaf->empty()) return bad("certificate is missing or not a bstr");
  if (leaf->size() > kMaxCertificateBytes) return bad("certificate too large");
  doc->certificate.assign(leaf->begin(), leaf->end());

  const cbor_item_t* bundle = cbor_map_get(map, "cabundle");
  if (bundle == nullptr) return bad("cabundle is missing");
  if (is_cbor_null(bundle)) return Status::ok();
  if (!cbor_isa_array(bundle)) return bad("cabundle is not an array");
  if (cbor_array_size(bundle) > kMaxCertificates)
    return bad("cabundle holds too many certificates");
  cbor_item_t** items = cbor_array_handle(bundle);
  for (size_t i = 0; i < cbor_array_size(bundle); ++i) {
    std::optional<std::span<const uint8_t>> cert = cbor_bytes(items[i]);
    if (!cert || cert->empty() || cert->size() > kMaxCertificateBytes) {
      return bad("cabundle[" + std::to_string(i) + "] is not a certificate bstr");
    }
    doc->cabundle.emplace_back(cert->begin(), cert->end());
  }
  return Status::ok();
}

}  // namespace

Result<NitroDocument> parse_nitro_document(std::span<const uint8_t> cose_bytes) {
  Result<CoseSign1> cose = parse_cose_sign1(cose_bytes);
  if (!cose.is_ok()) return bad(cose.status().message());
  NitroDocument doc;
  doc.cose = std::move(cose).value();

  Result<CborItem> payload = cbor_decode(doc.cose.payload);
  if (!payload.is_ok()) return bad("payload: " + payload.status().message());
  const cbor_item_t* map = payload->get();
  if (!cbor_isa_map(map)) return bad("payload is not a map");
  if (cbor_map_has_duplicate_keys(map)) return bad("payload has a duplicate key");

  std::optional<std::string_view> module_id = cbor_text(cbor_map_get(map, "module_id"));
  if (!module_id || module_id->empty() || module_id->size() > 256) {
    return bad("module_id is missing, empty or too long");
  }
  doc.module_id = *module_id;
  std::optional<std::string_view> digest = cbor_text(cbor_map_get(map, "digest"));
  if (!digest || digest->size() > 16) return bad("digest is missing or not text");
  doc.digest = *digest;
  std::optional<uint64_t> timestamp = cbor_uint(cbor_map_get(map, "timestamp"));
  if (!timestamp || *timestamp == 0) return bad("timestamp is missing or zero");
  doc.timestamp_ms = *timestamp;

  if (Status s = read_pcrs(cbor_map_get(map, "pcrs"), &doc.pcrs); !s.is_ok()) return s;
  if (Status s = read_certificates(map, &doc); !s.is_ok()) return s;
  for (auto [key, field] :
       {std::pair{"public_key", &doc.public_key}, std::pair{"user_data", &doc.user_data},
        std::pair{"nonce", &doc.nonce}}) {
    if (Status s = read_optional_bytes(map, key, field); !s.is_ok()) return s;
  }
  return doc;
}

}  // namespace nightjar::attest
