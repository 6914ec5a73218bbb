#include <chrono>

#include "attest/cbor.h"
#include "attest/cose_sign1.h"
#include "tests/attest/nitro_forge.h"

namespace nightjar::attest::testing {
namespace {

cbor_item_t* bytes(const std::vector<uint8_t>& v) {
  static const uint8_t kNothing = 0;
  return cbor_build_bytestring(v.empty() ? &kNothing : v.data(), v.size());
}

void put(cbor_item_t* map, cbor_item_t* key, cbor_item_t* value) {
  NIGHTJAR_CHECK(cbor_map_add(map, {cbor_move(key), cbor_move(value)}));
}

}  // namespace

NitroTestPki make_nitro_pki(TimePoint now) {
  using std::chrono::hours;
  KeyPair root_key = generate_ec_key(Curve::kP384);
  Certificate root = make_certificate({.common_name = "test nitro root",
                                       .not_before = now - hours(1),
                                       .not_after = now + hours(1),
                                       .is_ca = true,
                                       .extensions = {}},
                                      root_key, nullptr, root_key);
  KeyPair leaf_key = generate_ec_key(Curve::kP384);
  Certificate leaf = make_certificate({.common_name = "test nitro leaf",
                                       .not_before = now - hours(1),
                                       .not_after = now + hours(1),
                                       .is_ca = false,
                                       .extensions = {}},
                                      leaf_key, &root, root_key);
  return {std::move(root_key), std::move(root), std::move(leaf_key), std::move(leaf)};
}

std::map<uint32_t, std::vector<uint8_t>> nitro_pcrs(uint8_t image_byte) {
  std::map<uint32_t, std::vector<uint8_t>> pcrs;
  for (uint32_t i = 0; i < 16; ++i) {
    pcrs[i] = std::vector<uint8_t>(48, i <= 2 ? image_byte : 0);
  }
  return pcrs;
}

std::vector<uint8_t> forge_nitro_document(const NitroFields& fields, const NitroTestPki& pki) {
  CborItem payload(cbor_new_definite_map(9));
  put(payload.get(), cbor_build_string("module_id"), cbor_build_string(fields.module_id.c_str()));
  put(payload.get(), cbor_build_string("digest"), cbor_build_string(fields.digest.c_str()));
  put(payload.get(), cbor_build_string("timestamp"), cbor_build_uint64(fields.timestamp_ms));
  CborItem pcrs(cbor_new_definite_map(fields.pcrs.size()));
  for (const auto& [index, value] : fields.pcrs) {
    put(pcrs.get(), cbor_build_uint8(static_cast<uint8_t>(index)), bytes(value));
  }
  put(payload.get(), cbor_build_string("pcrs"), cbor_incref(pcrs.get()));
  put(payload.get(), cbor_build_string("certificate"), bytes(pki.leaf.der()));
  CborItem bundle(cbor_new_definite_array(1));
  NIGHTJAR_CHECK(cbor_array_push(bundle.get(), cbor_move(bytes(pki.root.der()))));
  put(payload.get(), cbor_build_string("cabundle"), cbor_incref(bundle.get()));
  put(payload.get(), cbor_build_string("public_key"), cbor_new_null());
  put(payload.get(), cbor_build_string("user_data"),
      fields.user_data ? bytes(*fields.user_data) : cbor_new_null());
  put(payload.get(), cbor_build_string("nonce"),
      fields.nonce ? bytes(*fields.nonce) : cbor_new_null());

  CborItem header(cbor_new_definite_map(1));
  put(header.get(), cbor_build_uint8(1),
      fields.algorithm < 0 ? cbor_build_negint8(static_cast<uint8_t>(-1 - fields.algorithm))
                           : cbor_build_uint8(static_cast<uint8_t>(fields.algorithm)));

  CoseSign1 cose;
  cose.protected_header = cbor_encode(header.get());
  cose.payload = cbor_encode(payload.get());
  cose.signature = sign_ecdsa_raw(pki.leaf_key, HashAlg::kSha384, cose_sig_structure(cose), 48);

  CborItem array(cbor_new_definite_array(4));
  NIGHTJAR_CHECK(cbor_array_push(array.get(), cbor_move(bytes(cose.protected_header))));
  NIGHTJAR_CHECK(cbor_array_push(array.get(), cbor_move(cbor_new_definite_map(0))));
  NIGHTJAR_CHECK(cbor_array_push(array.get(), cbor_move(bytes(cose.payload))));
  NIGHTJAR_CHECK(cbor_array_push(array.get(), cbor_move(bytes(cose.signature))));
  if (!fields.tagged) return cbor_encode(array.get());
  CborItem tagged(cbor_new_tag(kCoseSign1Tag));
  cbor_tag_set_item(tagged.get(), array.get());
  return cbor_encode(tagged.get());
}

}  // namespace nightjar::attest::testing
