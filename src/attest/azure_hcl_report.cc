#include "attest/azure_hcl_report.h"

#include <openssl/evp.h>

#include <nlohmann/json.hpp>

#include "attest/byte_reader.h"
#include "attest/signature.h"

namespace nightjar::attest {
namespace {

constexpr size_t kHeaderSize = 0x20;
constexpr size_t kHardwareReportSize = 1184;
constexpr size_t kRequestDataSize = 20;

Status bad(const std::string& message) { return invalid_argument("HCL report: " + message); }

// JWK fields are base64url without padding (RFC 7515 §2).
Result<std::vector<uint8_t>> base64url_decode(std::string_view text) {
  if (text.empty() || text.size() > 1024) return bad("JWK field of an unsupported size");
  std::string standard;
  for (char c : text) {
    if (c == '-') {
      standard += '+';
    } else if (c == '_') {
      standard += '/';
    } else if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
      standard += c;
    } else {
      return bad("JWK field is not base64url");
    }
  }
  if (standard.size() % 4 == 1) return bad("JWK field has a bad base64url length");
  size_t padding = (4 - standard.size() % 4) % 4;
  standard.append(padding, '=');
  std::vector<uint8_t> out(standard.size() / 4 * 3);
  int n = EVP_DecodeBlock(out.data(), reinterpret_cast<const unsigned char*>(standard.data()),
                          static_cast<int>(standard.size()));
  if (n < 0) return bad("JWK field is not base64url");
  out.resize(static_cast<size_t>(n) - padding);
  return out;
}

}  // namespace

std::array<uint8_t, 64> HclReport::hardware_report_data() const {
  size_t offset = report_type == kHclReportTypeTdx ? 0x80 : 0x50;
  return load_array<64>(hardware_report, offset);
}

Result<HclReport> parse_hcl_report(std::span<const uint8_t> bytes) {
  ByteReader in(bytes, "HCL report");
  HclReport r;
  uint32_t magic = in.u32_le("signature");
  if (in.ok() && magic != kHclMagic) in.fail("signature is not \"HCLA\"");
  r.version = in.u32_le("version");
  uint32_t report_size = in.u32_le("report_size");
  r.request_type = in.u32_le("request_type");
  in.u32_le("status");
  in.bytes(kHeaderSize - 20, "reserved");
  std::span<const uint8_t> hardware = in.bytes(kHardwareReportSize, "hardware report");
  r.hardware_report.assign(hardware.begin(), hardware.end());
  uint32_t data_size = in.u32_le("request data size");
  in.u32_le("request data version");
  r.report_type = in.u32_le("report_type");
  r.report_data_hash_type = in.u32_le("report_data_hash_type");
  uint32_t variable_size = in.u32_le("variable_data_size");
  if (!in.ok()) return in.status();
  if (r.report_type != kHclReportTypeSnp && r.report_type != kHclReportTypeTdx) {
    return bad("unknown hardware report type " + std::to_string(r.report_type));
  }
  if (variable_size > kMaxRuntimeDataBytes || data_size != kRequestDataSize + variable_size ||
      report_size != kHeaderSize + kHardwareReportSize + data_size) {
    return bad("the header's sizes disagree with each other");
  }
  std::span<const uint8_t> runtime = in.bytes(variable_size, "runtime data");
  if (!in.ok()) return in.status();
  r.runtime_data.assign(runtime.begin(), runtime.end());
  // The rest is the NV index's zero padding.
  for (size_t i = in.offset(); i < bytes.size(); ++i) {
    if (bytes[i] != 0) return bad("non-zero bytes after the runtime data");
  }
  return r;
}

Result<HclRuntimeData> parse_hcl_runtime_data(std::span<const uint8_t> json) {
  if (json.size() > kMaxRuntimeDataBytes) return bad("runtime data too large");
  nlohmann::json doc = nlohmann::json::parse(json.begin(), json.end(), nullptr, false);
  if (doc.is_discarded() || !doc.is_object()) return bad("runtime data is not a JSON object");
  HclRuntimeData out;
  const nlohmann::json* key = nullptr;
  if (auto keys = doc.find("keys"); keys != doc.end() && keys->is_array()) {
    for (const nlohmann::json& k : *keys) {
      if (k.is_object() && k.value("kid", "") == "HCLAkPub") {
        if (key != nullptr) return bad("two HCLAkPub keys");
        key = &k;
      }
    }
  }
  if (key == nullptr) return bad("runtime data has no HCLAkPub key");
  if (key->value("kty", "") != "RSA" || !key->contains("n") || !key->contains("e") ||
      !(*key)["n"].is_string() || !(*key)["e"].is_string()) {
    return bad("HCLAkPub is not an RSA JWK");
  }
  Result<std::vector<uint8_t>> n = base64url_decode((*key)["n"].get<std::string>());
  if (!n.is_ok()) return n.status();
  Result<std::vector<uint8_t>> e = base64url_decode((*key)["e"].get<std::string>());
  if (!e.is_ok()) return e.status();
  Result<PublicKey> ak = rsa_public_key(*n, *e);
  if (!ak.is_ok()) return bad("HCLAkPub: " + ak.status().message());
  out.attestation_key = std::move(ak).value();
  if (auto config = doc.find("vm-configuration"); config != doc.end() && config->is_object()) {
    auto flag = [&](const char* name) {
      auto it = config->find(name);
      return it != config->end() && it->is_boolean() && it->get<bool>();
    };
    out.secure_boot = flag("secure-boot");
    out.tpm_enabled = flag("tpm-enabled");
    if (auto id = config->find("vmUniqueId"); id != config->end() && id->is_string()) {
      out.vm_unique_id = id->get<std::string>();
    }
  }
  return out;
}

}  // namespace nightjar::attest
