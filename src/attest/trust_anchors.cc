#include "attest/trust_anchors.h"

#include <string_view>

namespace nightjar::attest {
namespace {

consteval Sha256Digest fingerprint(std::string_view hex) {
  auto nibble = [](char c) -> uint8_t {
    if (c >= '0' && c <= '9') return static_cast<uint8_t>(c - '0');
    if (c >= 'a' && c <= 'f') return static_cast<uint8_t>(c - 'a' + 10);
    throw "fingerprint: not a lower-case hex digit";
  };
  if (hex.size() != 64) throw "fingerprint: want 64 hex digits";
  Sha256Digest out{};
  for (size_t i = 0; i < out.size(); ++i) {
    out[i] = static_cast<uint8_t>(nibble(hex[2 * i]) << 4 | nibble(hex[2 * i + 1]));
  }
  return out;
}

// CN=aws.nitro-enclaves, O=Amazon, OU=AWS, C=US, valid 2019-10-28 to 2049-10-28 (AWS's
// AWS_NitroEnclaves_Root-G1; the same value Brave pins as kAWSRootCertFP).
constexpr Sha256Digest kAwsNitroRoot =
    fingerprint("641a0321a3e244efe456463195d606317ed7cdcc3c1756e09893f3c68f79bb5b");

// The self-signed ARK-Milan / ARK-Genoa / ARK-Turin of
// kdsintf.amd.com/vcek/v1/<product>/cert_chain.
constexpr Sha256Digest kArkMilan =
    fingerprint("69d063b45344d26a2e94e1f4210de49ef555308287d4c174445c95639a540bcd");
constexpr Sha256Digest kArkGenoa =
    fingerprint("4c6598d19c18719c5dfd4a7d335f674e5bfe1d8f800cea2cf270c10d103db2f1");
constexpr Sha256Digest kArkTurin =
    fingerprint("1f084161a44bb6d93778a904877d4819cafa5d05ef4193b2ded9dd9c73dd3f6a");

// Intel SGX Root CA (certificates.trustedservices.intel.com), the root of every PCK chain.
constexpr Sha256Digest kIntelSgxRoot =
    fingerprint("44a0196b2b99f889b8e149e95b807a350e7424964399e885a7cbb8ccfab674d3");

// Google's roots of the AK and EK certificates in GCE vTPM NV (go-tpm-tools server/ca-certs):
// "EK/AK CA Root" (Google Cloud, valid 2022 to 2122) and the older
// "tpm_ek_v1_cloud_host_root-signer" (2018 to 2118).
constexpr Sha256Digest kGcpEkAkRoot =
    fingerprint("594759594b9b61524f6c8ef668f7177f7b9066bc0674f2f49fe9e052be78beb2");
constexpr Sha256Digest kGcpTpmEkRoot1 =
    fingerprint("9bd5285f8fb18502a7947e621ffd470266f49fcd3b73e19a190f690ad32a7caf");

}  // namespace

TrustAnchors TrustAnchors::production() {
  return TrustAnchors{
      .aws_nitro_root = kAwsNitroRoot,
      .amd_arks = {{AmdProduct::kMilan, kArkMilan},
                   {AmdProduct::kGenoa, kArkGenoa},
                   {AmdProduct::kTurin, kArkTurin}},
      .intel_sgx_root = kIntelSgxRoot,
      .tpm_ak_roots = {kGcpEkAkRoot, kGcpTpmEkRoot1},
  };
}

std::optional<AmdProduct> TrustAnchors::amd_product_of(const Sha256Digest& ark_sha256) const {
  for (const AmdArkPin& pin : amd_arks) {
    if (pin.sha256 == ark_sha256) return pin.product;
  }
  return std::nullopt;
}

}  // namespace nightjar::attest
