#include "midnight/tagged_object.h"

#include <cstring>
#include <string>

#include "midnight/zkir_binary.h"

namespace nightjar::midnight {

namespace {

template <class T>
Result<TaggedObject> decode_as(std::span<const uint8_t> bytes, const DecodeLimits& limits) {
  Result<T> decoded = decode_tagged<T>(bytes, limits);
  if (!decoded.is_ok()) return decoded.status();
  return TaggedObject(std::move(decoded).value());
}

template <class T>
bool tag_is(std::string_view tag) {
  return tag == Codec<T>::kTag;
}

}  // namespace

std::string_view peek_tag(std::span<const uint8_t> bytes) {
  constexpr std::string_view kGlobalTag = "midnight:";
  if (bytes.size() < kGlobalTag.size() ||
      std::memcmp(bytes.data(), kGlobalTag.data(), kGlobalTag.size()) != 0) {
    return {};
  }
  const char* tag = reinterpret_cast<const char*>(bytes.data()) + kGlobalTag.size();
  size_t limit = std::min(bytes.size() - kGlobalTag.size(), kMaxTagLength + 1);
  const void* colon = std::memchr(tag, ':', limit);
  if (colon == nullptr) return {};
  return std::string_view(tag, static_cast<const char*>(colon) - tag);
}

Result<TaggedObject> decode_any(std::span<const uint8_t> bytes, const DecodeLimits& limits) {
  std::string_view tag = peek_tag(bytes);
  if (tag_is<ProofPreimage>(tag)) return decode_as<ProofPreimage>(bytes, limits);
  if (tag_is<ProofPreimageVersioned>(tag)) return decode_as<ProofPreimageVersioned>(bytes, limits);
  if (tag_is<Proof>(tag)) return decode_as<Proof>(bytes, limits);
  if (tag_is<ProofVersioned>(tag)) return decode_as<ProofVersioned>(bytes, limits);
  if (tag_is<ProvingKeyMaterial>(tag)) return decode_as<ProvingKeyMaterial>(bytes, limits);
  if (tag_is<WrappedIr>(tag)) return decode_as<WrappedIr>(bytes, limits);
  if (tag_is<CheckRequest>(tag)) return decode_as<CheckRequest>(bytes, limits);
  if (tag_is<ProveRequest>(tag)) return decode_as<ProveRequest>(bytes, limits);
  if (tag_is<CheckResponse>(tag)) return decode_as<CheckResponse>(bytes, limits);
  if (tag_is<ff::Fr>(tag)) return decode_as<ff::Fr>(bytes, limits);
  if (tag_is<VerifierKey>(tag)) return decode_as<VerifierKey>(bytes, limits);
  if (tag == kTagIrLegacy || tag == kTagIrGeneric) {
    Result<zkir::Ir> ir = decode_ir(bytes, limits);
    if (!ir.is_ok()) return ir.status();
    return TaggedObject(std::move(ir).value());
  }
  if (tag == kTagProverKeyLegacy || tag == kTagProverKeyGeneric) {
    Result<ProverKey> key = decode_prover_key(bytes, limits);
    if (!key.is_ok()) return key.status();
    return TaggedObject(std::move(key).value());
  }
  if (peek_tag(bytes).empty()) {
    return invalid_argument("not a Midnight tagged object (no 'midnight:<tag>:' header)");
  }
  std::string printable;
  for (char c : tag) printable.push_back(c >= 0x20 && c < 0x7f ? c : '?');
  return invalid_argument("unsupported tag '" + printable + "'");
}

std::vector<uint8_t> encode_any(const TaggedObject& object) {
  return std::visit(
      [](const auto& value) -> std::vector<uint8_t> {
        using T = std::decay_t<decltype(value)>;
        if constexpr (std::is_same_v<T, zkir::Ir>) {
          return encode_ir(value);
        } else if constexpr (std::is_same_v<T, ProverKey>) {
          return encode_prover_key(value);
        } else {
          return encode_tagged(value);
        }
      },
      object);
}

}  // namespace nightjar::midnight
