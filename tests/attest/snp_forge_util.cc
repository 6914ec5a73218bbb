#include <openssl/asn1.h>

#include <algorithm>

#include "tests/attest/snp_forge.h"

namespace nightjar::attest::testing {
namespace {

std::vector<uint8_t> der_integer(uint8_t value) {
  ASN1_INTEGER* integer = ASN1_INTEGER_new();
  ASN1_INTEGER_set(integer, value);
  unsigned char* der = nullptr;
  int length = i2d_ASN1_INTEGER(integer, &der);
  std::vector<uint8_t> out(der, der + length);
  OPENSSL_free(der);
  ASN1_INTEGER_free(integer);
  return out;
}

}  // namespace

SnpTestPki make_snp_pki(TimePoint now, AmdProduct product, const SnpTcb& tcb,
                        const std::vector<uint8_t>& hwid) {
  using std::chrono::hours;
  CertSpec ca{.common_name = "test ARK",
              .not_before = now - hours(24),
              .not_after = now + hours(24 * 365),
              .is_ca = true,
              .extensions = {}};
  KeyPair ark_key = generate_rsa_key(2048);
  Certificate ark = make_certificate(ca, ark_key, nullptr, ark_key);
  ca.common_name = "test ASK";
  KeyPair ask_key = generate_rsa_key(2048);
  Certificate ask = make_certificate(ca, ask_key, &ark, ark_key);

  CertSpec leaf{.common_name = "test VCEK",
                .not_before = now - hours(24),
                .not_after = now + hours(24 * 365),
                .is_ca = false,
                .extensions = {{"1.3.6.1.4.1.3704.1.3.1", der_integer(tcb.bootloader)},
                               {"1.3.6.1.4.1.3704.1.3.2", der_integer(tcb.tee)},
                               {"1.3.6.1.4.1.3704.1.3.3", der_integer(tcb.snp)},
                               {"1.3.6.1.4.1.3704.1.3.8", der_integer(tcb.microcode)},
                               {"1.3.6.1.4.1.3704.1.4", hwid}}};
  if (product == AmdProduct::kTurin) {
    leaf.extensions.push_back({"1.3.6.1.4.1.3704.1.3.9", der_integer(tcb.fmc)});
  }
  KeyPair vcek_key = generate_ec_key(Curve::kP384);
  Certificate vcek = make_certificate(leaf, vcek_key, &ask, ask_key);
  return {std::move(ark_key), std::move(ark),      std::move(ask_key),
          std::move(ask),     std::move(vcek_key), std::move(vcek)};
}

uint64_t encode_snp_tcb(const SnpTcb& t, AmdProduct product) {
  auto at = [](uint8_t v, int byte) { return static_cast<uint64_t>(v) << (8 * byte); };
  if (product == AmdProduct::kTurin) {
    return at(t.fmc, 0) | at(t.bootloader, 1) | at(t.tee, 2) | at(t.snp, 3) | at(t.microcode, 7);
  }
  return at(t.bootloader, 0) | at(t.tee, 1) | at(t.snp, 6) | at(t.microcode, 7);
}

void store_le32(std::vector<uint8_t>* bytes, size_t offset, uint32_t value) {
  for (int i = 0; i < 4; ++i) (*bytes)[offset + i] = static_cast<uint8_t>(value >> (8 * i));
}

void store_le64(std::vector<uint8_t>* bytes, size_t offset, uint64_t value) {
  for (int i = 0; i < 8; ++i) (*bytes)[offset + i] = static_cast<uint8_t>(value >> (8 * i));
}

std::vector<uint8_t> snp_report_template(uint64_t reported_tcb,
                                         const std::vector<uint8_t>& chip_id) {
  std::vector<uint8_t> r(kSnpReportSize, 0);
  store_le32(&r, 0x000, 2);
  store_le64(&r, 0x008, 0x30000);
  store_le32(&r, 0x034, kSnpSignatureEcdsaP384Sha384);
  store_le64(&r, 0x038, reported_tcb);
  std::fill(r.begin() + 0x090, r.begin() + 0x0C0, 0x4d);  // MEASUREMENT
  store_le64(&r, 0x180, reported_tcb);
  std::copy(chip_id.begin(), chip_id.end(), r.begin() + 0x1A0);
  return r;
}

void sign_snp_report(std::vector<uint8_t>* report, const KeyPair& vcek_key) {
  std::vector<uint8_t> rs =
      sign_ecdsa_raw(vcek_key, HashAlg::kSha384, std::span(*report).first(kSnpSignedSize), 48);
  std::fill(report->begin() + kSnpSignedSize, report->end(), 0);
  std::reverse_copy(rs.begin(), rs.begin() + 48, report->begin() + 0x2A0);
  std::reverse_copy(rs.begin() + 48, rs.end(), report->begin() + 0x2A0 + 0x48);
}

}  // namespace nightjar::attest::testing
