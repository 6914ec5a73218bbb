#include "attest/cose_sign1.h"

#include <string>

namespace nightjar::attest {
namespace {

constexpr int64_t kHeaderAlgorithm = 1;
constexpr int64_t kHeaderCritical = 2;

Status parse_protected_header(std::span<const uint8_t> bytes, const CborLimits& limits,
                              int64_t* algorithm) {
  if (bytes.empty()) return invalid_argument("COSE_Sign1: empty protected header (no algorithm)");
  Result<CborItem> header = cbor_decode(bytes, limits);
  if (!header.is_ok()) {
    return invalid_argument("COSE_Sign1 protected header: " + header.status().message());
  }
  const cbor_item_t* map = header->get();
  if (!cbor_isa_map(map)) return invalid_argument("COSE_Sign1: protected header is not a map");
  if (cbor_map_has_duplicate_keys(map)) {
    return invalid_argument("COSE_Sign1: duplicate label in the protected header");
  }
  if (cbor_map_get(map, kHeaderCritical) != nullptr) {
    return invalid_argument("COSE_Sign1: critical header parameters are not supported");
  }
  std::optional<int64_t> alg = cbor_int(cbor_map_get(map, kHeaderAlgorithm));
  if (!alg) return invalid_argument("COSE_Sign1: protected header has no integer algorithm");
  *algorithm = *alg;
  return Status::ok();
}

// Reads a leading CBOR tag head by hand: libcbor 0.8 refuses the one-byte heads of tags 6..20
// (0xc6..0xd4) as unassigned, and tag 18's canonical head is 0xd2. Returns the tag's content.
Result<std::span<const uint8_t>> strip_tag(std::span<const uint8_t> data, bool* tagged) {
  *tagged = false;
  if (data.empty() || (data[0] >> 5) != 6) return data;
  uint8_t info = data[0] & 0x1f;
  size_t head = 1;
  uint64_t tag = info;
  if (info >= 24 && info <= 27) {
    size_t extra = size_t{1} << (info - 24);
    if (data.size() < 1 + extra) return invalid_argument("COSE_Sign1: truncated CBOR tag");
    tag = 0;
    for (size_t i = 1; i <= extra; ++i) tag = tag << 8 | data[i];
    head += extra;
  } else if (info > 27) {
    return invalid_argument("COSE_Sign1: malformed CBOR tag");
  }
  if (tag != kCoseSign1Tag) {
    return invalid_argument("COSE_Sign1: unexpected CBOR tag " + std::to_string(tag) +
                            " (want 18)");
  }
  *tagged = true;
  return data.subspan(head);
}

}  // namespace

Result<CoseSign1> parse_cose_sign1(std::span<const uint8_t> data, const CborLimits& limits) {
  CoseSign1 cose;
  Result<std::span<const uint8_t>> untagged = strip_tag(data, &cose.tagged);
  if (!untagged.is_ok()) return untagged.status();
  Result<CborItem> root = cbor_decode(*untagged, limits);
  if (!root.is_ok()) return root.status();
  const cbor_item_t* array = root->get();
  if (!cbor_isa_array(array) || cbor_array_size(array) != 4) {
    return invalid_argument("COSE_Sign1: not an array of four items");
  }
  cbor_item_t** items = cbor_array_handle(array);
  std::optional<std::span<const uint8_t>> protected_bytes = cbor_bytes(items[0]);
  if (!protected_bytes) return invalid_argument("COSE_Sign1: protected header is not a bstr");
  if (!cbor_isa_map(items[1]) && !is_cbor_null(items[1])) {
    return invalid_argument("COSE_Sign1: unprotected header is not a map");
  }
  std::optional<std::span<const uint8_t>> payload = cbor_bytes(items[2]);
  if (!payload) return invalid_argument("COSE_Sign1: payload is not a bstr (detached?)");
  std::optional<std::span<const uint8_t>> signature = cbor_bytes(items[3]);
  if (!signature) return invalid_argument("COSE_Sign1: signature is not a bstr");

  if (Status s = parse_protected_header(*protected_bytes, limits, &cose.algorithm); !s.is_ok()) {
    return s;
  }
  cose.protected_header.assign(protected_bytes->begin(), protected_bytes->end());
  cose.payload.assign(payload->begin(), payload->end());
  cose.signature.assign(signature->begin(), signature->end());
  return cose;
}

std::vector<uint8_t> cose_sig_structure(const CoseSign1& cose) {
  CborItem array(cbor_new_definite_array(4));
  NIGHTJAR_CHECK(array != nullptr);
  auto push = [&](cbor_item_t* item) {
    NIGHTJAR_CHECK(item != nullptr && cbor_array_push(array.get(), cbor_move(item)));
  };
  // libcbor copies with memcpy, which must not see a null source even for zero bytes.
  static const uint8_t kNothing = 0;
  auto bytes = [](const std::vector<uint8_t>& v) {
    return cbor_build_bytestring(v.empty() ? &kNothing : v.data(), v.size());
  };
  push(cbor_build_string("Signature1"));
  push(bytes(cose.protected_header));
  push(bytes({}));
  push(bytes(cose.payload));
  return cbor_encode(array.get());
}

}  // namespace nightjar::attest
