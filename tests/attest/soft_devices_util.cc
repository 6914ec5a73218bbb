#include <openssl/evp.h>

#include <chrono>

#include "attest/cbor.h"
#include "attest/tpm_attest.h"
#include "attest/tpm_signature.h"
#include "tests/attest/soft_devices.h"
#include "tests/attest/tpm_forge.h"

namespace nightjar::attest::testing {
namespace {

void put(std::vector<uint8_t>* out, uint64_t v, int bytes) {
  for (int i = bytes - 1; i >= 0; --i) out->push_back(static_cast<uint8_t>(v >> (8 * i)));
}

void put2b(std::vector<uint8_t>* out, std::span<const uint8_t> v) {
  put(out, v.size(), 2);
  out->insert(out->end(), v.begin(), v.end());
}

std::vector<uint8_t> digest(const EVP_MD* md, std::span<const uint8_t> data) {
  std::vector<uint8_t> out(static_cast<size_t>(EVP_MD_get_size(md)));
  unsigned int length = 0;
  EVP_Digest(data.data(), data.size(), out.data(), &length, md, nullptr);
  return out;
}

}  // namespace

std::vector<uint8_t> ak_public_area(const KeyPair& key, uint32_t attributes) {
  TpmPublic p;
  p.name_alg = kTpmAlgSha256;
  p.attributes = attributes;
  p.scheme_hash = kTpmAlgSha256;
  if (EVP_PKEY_is_a(key.get(), "RSA")) {
    p.type = kTpmAlgRsa;
    p.scheme = kTpmAlgRsassa;
    p.rsa_bits = 2048;
    p.rsa_modulus = rsa_modulus_exponent(key).first;
  } else {
    p.type = kTpmAlgEcc;
    p.scheme = kTpmAlgEcdsa;
    p.curve = kTpmEccNistP256;
    std::vector<uint8_t> xy = p256_point(key);
    p.ecc_x.assign(xy.begin(), xy.begin() + 32);
    p.ecc_y.assign(xy.begin() + 32, xy.end());
  }
  return marshal_tpmt_public(p);
}

SoftTpm::SoftTpm() {
  for (auto& pcr : pcrs) pcr.assign(32, 0);
}

void SoftTpm::add_persistent_ak(uint32_t handle, KeyPair key) {
  auto pair = std::make_shared<KeyPair>(std::move(key));
  persistent_[handle] = {ak_public_area(*pair, kTpmaAttestationKey | kTpmaUserWithAuth), pair};
}

void SoftTpm::extend(uint32_t pcr, std::span<const uint8_t> d) {
  std::vector<uint8_t> input = pcrs[pcr];
  input.insert(input.end(), d.begin(), d.end());
  pcrs[pcr] = digest(EVP_sha256(), input);
}

Result<std::vector<uint8_t>> SoftTpm::nv_read(uint32_t index) {
  auto it = nv.find(index);
  if (it == nv.end()) return Status(StatusCode::kNotFound, "no NV index");
  return it->second;
}

Result<std::vector<uint8_t>> SoftTpm::create_endorsement_ak(std::span<const uint8_t> tmpl) {
  std::vector<uint8_t> key(tmpl.begin(), tmpl.end());
  auto it = primaries_.find(key);
  if (it == primaries_.end()) {
    Result<TpmPublic> t = parse_tpmt_public(tmpl);
    if (!t.is_ok()) return t.status();
    auto pair = std::make_shared<KeyPair>(t->type == kTpmAlgRsa ? generate_rsa_key(2048)
                                                                : generate_ec_key(Curve::kP256));
    it = primaries_.emplace(key, Key{ak_public_area(*pair, t->attributes), pair}).first;
  }
  ak_public_ = it->second.tpmt_public;
  ak_ = it->second.pair;
  return ak_public_;
}

Result<std::vector<uint8_t>> SoftTpm::load_persistent_ak(uint32_t handle) {
  auto it = persistent_.find(handle);
  if (it == persistent_.end()) return Status(StatusCode::kNotFound, "no persistent key");
  ak_public_ = it->second.tpmt_public;
  ak_ = it->second.pair;
  return ak_public_;
}

Result<std::map<uint32_t, std::vector<uint8_t>>> SoftTpm::pcr_read(uint16_t,
                                                                   std::span<const uint32_t> list) {
  std::map<uint32_t, std::vector<uint8_t>> out;
  for (uint32_t pcr : list) out[pcr] = pcrs[pcr];
  return out;
}

Status SoftTpm::pcr_extend(uint32_t pcr, uint16_t, std::span<const uint8_t> d) {
  extend(pcr, d);
  return Status::ok();
}

Result<TpmQuoteResult> SoftTpm::quote(std::span<const uint8_t> qualifying_data, uint16_t bank,
                                      std::span<const uint32_t> list) {
  if (!ak_) return Status(StatusCode::kInternal, "no AK");
  ++quotes;
  TpmPcrSelection selection{bank, std::vector<uint8_t>(3, 0)};
  std::vector<uint8_t> values;
  for (uint32_t pcr : list) {
    selection.bitmap[pcr / 8] |= static_cast<uint8_t>(1 << (pcr % 8));
    values.insert(values.end(), pcrs[pcr].begin(), pcrs[pcr].end());
  }
  std::vector<uint8_t> attest;
  put(&attest, kTpmGeneratedValue, 4);
  put(&attest, kTpmStAttestQuote, 2);
  Result<std::vector<uint8_t>> signer = tpm_primary_qualified_name(ak_public_, kTpmRhEndorsement);
  NIGHTJAR_CHECK(signer.is_ok());
  put2b(&attest, *signer);
  put2b(&attest, qualifying_data);
  put(&attest, 1000 + static_cast<uint64_t>(quotes), 8);  // clock
  put(&attest, 1, 4);                                     // resetCount
  put(&attest, 0, 4);                                     // restartCount
  attest.push_back(1);                                    // safe
  put(&attest, 0x2019102300163636, 8);
  std::vector<uint8_t> marshalled = marshal_pcr_selection({selection});
  attest.insert(attest.end(), marshalled.begin(), marshalled.end());
  put2b(&attest, digest(EVP_sha256(), values));
  TpmQuoteResult out{attest, marshal_tpmt_signature(sign_quote(*ak_, kTpmAlgSha256, attest))};
  if (after_quote) after_quote(*this);
  return out;
}

Status FakeTsm::make_dir(const std::string& path) {
  live_dirs.push_back(path);
  ++made;
  generation_reads_ = 0;
  return Status::ok();
}

Status FakeTsm::remove_dir(const std::string& path) {
  std::erase(live_dirs, path);
  return Status::ok();
}

Status FakeTsm::write_file(const std::string& path, std::span<const uint8_t> bytes) {
  if (path.ends_with("/inblob")) {
    if (bytes.size() != 64) return invalid_argument("inblob: 64 bytes");
    std::copy(bytes.begin(), bytes.end(), inblob_.begin());
  }
  ++generation_;
  return Status::ok();
}

Result<std::vector<uint8_t>> FakeTsm::read_file(const std::string& path, size_t) {
  auto text = [](const std::string& s) { return std::vector<uint8_t>(s.begin(), s.end()); };
  if (path.ends_with("/outblob")) return make_report(inblob_);
  if (path.ends_with("/auxblob")) return auxblob;
  if (path.ends_with("/provider")) return text(provider + "\n");
  if (path.ends_with("/generation")) {
    if (++generation_reads_ == 2 && interfere > 0) {
      --interfere;
      ++generation_;
    }
    return text(std::to_string(generation_) + "\n");
  }
  return Status(StatusCode::kNotFound, "no such file " + path);
}

std::vector<uint8_t> snp_certificate_table(const std::vector<Certificate>& certs) {
  static constexpr std::array<std::array<uint8_t, 16>, 3> kGuids = {{
      {0x63, 0xda, 0x75, 0x8d, 0xe6, 0x64, 0x45, 0x64, 0xad, 0xc5, 0xf4, 0xb9, 0x3b, 0xe8, 0xac,
       0xcd},
      {0x4a, 0xb7, 0xb3, 0x79, 0xbb, 0xac, 0x4f, 0xe4, 0xa0, 0x2f, 0x05, 0xae, 0xf3, 0x27, 0xc7,
       0x82},
      {0xc0, 0xb4, 0x06, 0xa4, 0xa8, 0x03, 0x49, 0x52, 0x97, 0x43, 0x3f, 0xb6, 0x01, 0x4c, 0xd0,
       0xae},
  }};
  std::vector<uint8_t> table((certs.size() + 1) * 24, 0);
  for (size_t i = 0; i < certs.size(); ++i) {
    std::copy(kGuids[i].begin(), kGuids[i].end(), table.begin() + static_cast<ptrdiff_t>(24 * i));
    uint32_t offset = static_cast<uint32_t>(table.size());
    uint32_t length = static_cast<uint32_t>(certs[i].der().size());
    for (int b = 0; b < 4; ++b) {
      table[24 * i + 16 + b] = static_cast<uint8_t>(offset >> (8 * b));
      table[24 * i + 20 + b] = static_cast<uint8_t>(length >> (8 * b));
    }
    table.insert(table.end(), certs[i].der().begin(), certs[i].der().end());
  }
  return table;
}

FakeNsm::FakeNsm(TimePoint now) : pki(make_nitro_pki(now)) {
  pcrs = nitro_pcrs(image_byte);
  pcrs[16] = std::vector<uint8_t>(48, 0);
}

Result<std::vector<uint8_t>> FakeNsm::call(std::span<const uint8_t> request) {
  Result<CborItem> root = cbor_decode(request);
  if (!root.is_ok()) return root.status();
  CborWriter w;
  if (error) {
    w.map(1);
    w.text("Error");
    w.text(*error);
    return w.take();
  }
  if (const cbor_item_t* extend = cbor_map_get(root->get(), "ExtendPCR")) {
    uint32_t index = static_cast<uint32_t>(*cbor_uint(cbor_map_get(extend, "index")));
    std::span<const uint8_t> data = *cbor_bytes(cbor_map_get(extend, "data"));
    std::vector<uint8_t> input = pcrs[index];
    input.insert(input.end(), data.begin(), data.end());
    pcrs[index] = digest(EVP_sha384(), input);
    w.map(1);
    w.text("ExtendPCR");
    w.map(1);
    w.text("data");
    w.bytes(pcrs[index]);
    return w.take();
  }
  const cbor_item_t* attestation = cbor_map_get(root->get(), "Attestation");
  if (attestation == nullptr) return invalid_argument("unknown NSM request");
  NitroFields fields;
  fields.timestamp_ms =
      static_cast<uint64_t>(std::chrono::duration_cast<std::chrono::milliseconds>(
                                std::chrono::system_clock::now().time_since_epoch())
                                .count());
  fields.pcrs = pcrs;
  for (uint32_t i = 0; i <= 2; ++i) fields.pcrs[i].assign(48, image_byte);
  if (auto user = cbor_bytes(cbor_map_get(attestation, "user_data"))) {
    fields.user_data.emplace(user->begin(), user->end());
  }
  if (auto nonce = cbor_bytes(cbor_map_get(attestation, "nonce"))) {
    fields.nonce.emplace(nonce->begin(), nonce->end());
  }
  w.map(1);
  w.text("Attestation");
  w.map(1);
  w.text("document");
  w.bytes(forge_nitro_document(fields, pki));
  return w.take();
}

Result<std::string> FakeMetadata::get(std::string_view path, size_t max_bytes) {
  paths.emplace_back(path);
  if (answer.is_ok() && answer->size() > max_bytes) {
    return Status(StatusCode::kOutOfRange,
                  "body longer than " + std::to_string(max_bytes) + " bytes");
  }
  return answer;
}

}  // namespace nightjar::attest::testing
