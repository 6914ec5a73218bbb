#include <openssl/evp.h>

#include <cstdio>
#include <nlohmann/json.hpp>

#include "tests/attest/azure_forge.h"
#include "tests/attest/snp_forge.h"

namespace nightjar::attest::testing {
namespace {

std::string base64url(const std::vector<uint8_t>& bytes) {
  std::string out(4 * ((bytes.size() + 2) / 3) + 1, '\0');
  int n = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()), bytes.data(),
                          static_cast<int>(bytes.size()));
  out.resize(static_cast<size_t>(n));
  while (!out.empty() && out.back() == '=') out.pop_back();
  for (char& c : out) {
    if (c == '+') c = '-';
    if (c == '/') c = '_';
  }
  return out;
}

}  // namespace

std::string hcl_runtime_json(const KeyPair& ak, bool secure_boot) {
  auto [n, e] = rsa_modulus_exponent(ak);
  return R"({"keys":[{"kid":"HCLAkPub","key_ops":["sign"],"kty":"RSA","e":")" + base64url(e) +
         R"(","n":")" + base64url(n) + R"("}],"vm-configuration":{"console-enabled":true,)" +
         R"("current-time":1700000000,"secure-boot":)" + (secure_boot ? "true" : "false") +
         R"(,"tpm-enabled":true,"vmUniqueId":"00000000-0000-4000-8000-000000000001"}})";
}

std::vector<uint8_t> hcl_report(const std::vector<uint8_t>& hardware_report,
                                const std::string& runtime) {
  std::vector<uint8_t> out(0x4D4, 0);
  out[0] = 'H';
  out[1] = 'C';
  out[2] = 'L';
  out[3] = 'A';
  uint32_t data_size = static_cast<uint32_t>(20 + runtime.size());
  store_le32(&out, 4, 1);
  store_le32(&out, 8, 32 + 1184 + data_size);
  store_le32(&out, 12, 2);
  std::copy(hardware_report.begin(), hardware_report.end(), out.begin() + 0x20);
  store_le32(&out, 0x4C0, data_size);
  store_le32(&out, 0x4C4, 1);
  store_le32(&out, 0x4C8, 2);
  store_le32(&out, 0x4CC, 1);
  store_le32(&out, 0x4D0, static_cast<uint32_t>(runtime.size()));
  out.insert(out.end(), runtime.begin(), runtime.end());
  if (out.size() < 2048) out.resize(2048, 0);
  return out;
}

std::string thim_json(const std::vector<Certificate>& vcek_ask_ark, std::optional<uint64_t> tcbm) {
  NIGHTJAR_CHECK(vcek_ask_ark.size() == 3);
  nlohmann::json j;
  j["vcekCert"] = to_pem(vcek_ask_ark[0]);
  j["certificateChain"] = to_pem(vcek_ask_ark[1]) + to_pem(vcek_ask_ark[2]);
  if (tcbm) {
    char hex[17];
    std::snprintf(hex, sizeof hex, "%016llX", static_cast<unsigned long long>(*tcbm));
    j["tcbm"] = hex;
  }
  j["cacheControl"] = "86400";
  return j.dump();
}

}  // namespace nightjar::attest::testing
