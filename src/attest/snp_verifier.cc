#include "attest/snp_verifier.h"

#include <openssl/asn1.h>

#include <algorithm>
#include <optional>

#include "attest/signature.h"
#include "base/hex.h"

namespace nightjar::attest {
namespace {

constexpr const char* kOidBlSpl = "1.3.6.1.4.1.3704.1.3.1";
constexpr const char* kOidTeeSpl = "1.3.6.1.4.1.3704.1.3.2";
constexpr const char* kOidSnpSpl = "1.3.6.1.4.1.3704.1.3.3";
constexpr const char* kOidUcodeSpl = "1.3.6.1.4.1.3704.1.3.8";
constexpr const char* kOidFmcSpl = "1.3.6.1.4.1.3704.1.3.9";
constexpr const char* kOidHwid = "1.3.6.1.4.1.3704.1.4";

Status failed(std::string message) {
  return Status(StatusCode::kFailedPrecondition, std::move(message));
}

// An SPL extension holds a DER INTEGER 0..255.
std::optional<uint8_t> spl_extension(const Certificate& cert, const char* oid) {
  std::optional<std::vector<uint8_t>> value = cert.extension(oid);
  if (!value) return std::nullopt;
  const unsigned char* p = value->data();
  ASN1_INTEGER* integer = d2i_ASN1_INTEGER(nullptr, &p, static_cast<long>(value->size()));
  if (integer == nullptr) return std::nullopt;
  uint64_t v = 0;
  bool ok =
      ASN1_INTEGER_get_uint64(&v, integer) == 1 && p == value->data() + value->size() && v <= 255;
  ASN1_INTEGER_free(integer);
  if (!ok) return std::nullopt;
  return static_cast<uint8_t>(v);
}

// AMD's KDS stores the hwID as raw bytes with no OCTET STRING header; accept both forms.
std::optional<std::vector<uint8_t>> hwid_extension(const Certificate& cert, size_t size) {
  std::optional<std::vector<uint8_t>> value = cert.extension(kOidHwid);
  if (!value) return std::nullopt;
  if (value->size() == size) return value;
  if (value->size() == size + 2 && (*value)[0] == 0x04 && (*value)[1] == size) {
    return std::vector<uint8_t>(value->begin() + 2, value->end());
  }
  return std::nullopt;
}

std::string tcb_text(const SnpTcb& t, AmdProduct product) {
  std::string s = "bl " + std::to_string(t.bootloader) + ", tee " + std::to_string(t.tee) +
                  ", snp " + std::to_string(t.snp) + ", ucode " + std::to_string(t.microcode);
  if (product == AmdProduct::kTurin) s += ", fmc " + std::to_string(t.fmc);
  return s;
}

Status check_tcb(const SnpReport& report, const Certificate& vcek, AmdProduct product) {
  SnpTcb reported = decode_snp_tcb(report.reported_tcb, product);
  SnpTcb endorsed;
  std::optional<uint8_t> bl = spl_extension(vcek, kOidBlSpl);
  std::optional<uint8_t> tee = spl_extension(vcek, kOidTeeSpl);
  std::optional<uint8_t> snp = spl_extension(vcek, kOidSnpSpl);
  std::optional<uint8_t> ucode = spl_extension(vcek, kOidUcodeSpl);
  if (!bl || !tee || !snp || !ucode) return failed("the VCEK lacks a valid SPL extension");
  endorsed.bootloader = *bl;
  endorsed.tee = *tee;
  endorsed.snp = *snp;
  endorsed.microcode = *ucode;
  if (product == AmdProduct::kTurin) {
    std::optional<uint8_t> fmc = spl_extension(vcek, kOidFmcSpl);
    if (!fmc) return failed("the Turin VCEK lacks its FMC SPL extension");
    endorsed.fmc = *fmc;
  }
  if (reported != endorsed) {
    return failed("REPORTED_TCB (" + tcb_text(reported, product) + ") differs from the VCEK's (" +
                  tcb_text(endorsed, product) + ")");
  }
  return Status::ok();
}

Status check_chip_id(const SnpReport& report, const Certificate& vcek, AmdProduct product) {
  if (report.mask_chip_id) return failed("CHIP_ID is masked: the VCEK cannot be matched");
  size_t size = product == AmdProduct::kTurin ? 8 : 64;
  std::optional<std::vector<uint8_t>> hwid = hwid_extension(vcek, size);
  if (!hwid) return failed("the VCEK has no " + std::to_string(size) + "-byte hwID extension");
  if (!std::equal(hwid->begin(), hwid->end(), report.chip_id.begin())) {
    return failed("CHIP_ID differs from the VCEK's hwID: another chip's certificate");
  }
  return Status::ok();
}

Status check_signature(const SnpReport& report, const Certificate& vcek) {
  if (report.signature_algo != kSnpSignatureEcdsaP384Sha384) {
    return failed("SIGNATURE_ALGO " + std::to_string(report.signature_algo) +
                  " is not ECDSA P-384 with SHA-384");
  }
  if (report.signing_key != SnpSigningKey::kVcek) {
    return failed("the report is not signed by a VCEK (VLEK or unsigned)");
  }
  return verify_ecdsa(vcek.public_key(), Curve::kP384, HashAlg::kSha384, report.signed_bytes(),
                      report.signature_r, report.signature_s);
}

Status check_guest_policy(uint64_t policy) {
  if ((policy >> kSnpPolicyReservedOneBit & 1) == 0) {
    return failed("POLICY bit 17 (reserved, must be one) is clear");
  }
  if (policy >> 26 != 0) return failed("POLICY bits 26..63 (must be zero) are set");
  return Status::ok();
}

}  // namespace

void describe_snp_report(const SnpReport& report, const std::string& prefix, Verdict* verdict) {
  verdict->add_measurement(prefix + "MEASUREMENT", report.measurement);
  verdict->add_measurement(prefix + "HOST_DATA", report.host_data);
  verdict->add_claim(prefix + "version", std::to_string(report.version));
  verdict->add_claim(prefix + "policy", hex_u64(report.policy));
  verdict->add_claim(prefix + "vmpl", std::to_string(report.vmpl));
  verdict->add_claim(prefix + "guest_svn", std::to_string(report.guest_svn));
  verdict->add_claim(prefix + "reported_tcb", hex_u64(report.reported_tcb));
  verdict->add_claim(prefix + "chip_id", to_hex(report.chip_id));
  verdict->add_claim(prefix + "report_data", to_hex(report.report_data));
}

void check_snp_report(const SnpReport& report, std::span<const Certificate> certificates,
                      const Policy& policy, const VerifyContext& context, const std::string& prefix,
                      Verdict* verdict) {
  if (report.vmpl == policy.snp_vmpl.value_or(report.vmpl)) {
    verdict->pass(prefix + "vmpl", "VMPL " + std::to_string(report.vmpl));
  } else {
    verdict->fail(prefix + "vmpl", "VMPL " + std::to_string(report.vmpl) + ", the policy wants " +
                                       std::to_string(*policy.snp_vmpl));
  }
  verdict->record(prefix + "guest_policy", check_guest_policy(report.policy),
                  "POLICY " + hex_u64(report.policy) + " is well-formed");

  const char* not_verified = "not verified: no VCEK";
  if (certificates.empty()) {
    for (const char* name : {"root", "chain", "signature", "chip_id", "tcb"}) {
      verdict->fail(prefix + name, not_verified);
    }
    return;
  }
  const Certificate& vcek = certificates.front();
  verdict->record(prefix + "signature", check_signature(report, vcek),
                  "ECDSA P-384 over the report verifies with the VCEK");

  std::optional<AmdProduct> product;
  const Certificate* ark = nullptr;
  std::vector<Certificate> intermediates;
  for (const Certificate& c : certificates.subspan(1)) {
    if (std::optional<AmdProduct> p = context.anchors.amd_product_of(c.sha256()); p && !ark) {
      product = p;
      ark = &c;
    } else {
      intermediates.push_back(c);
    }
  }
  if (ark == nullptr) {
    verdict->fail(prefix + "root", "no certificate given is a pinned AMD ARK");
    verdict->fail(prefix + "chain", "not verified: the chain does not reach a pinned root");
    verdict->fail(prefix + "chip_id", "not verified: the product is unknown");
    verdict->fail(prefix + "tcb", "not verified: the product is unknown");
    return;
  }
  verdict->pass(prefix + "root",
                "the ARK is the pinned ARK-" + std::string(amd_product_name(*product)));
  verdict->add_claim(prefix + "product", std::string(amd_product_name(*product)));
  verdict->record(prefix + "chain", verify_chain(vcek, intermediates, *ark, context.now),
                  "VCEK <- ASK <- ARK, valid at " + format_utc_time(context.now));
  verdict->record(prefix + "chip_id", check_chip_id(report, vcek, *product),
                  "CHIP_ID matches the VCEK's hwID");
  verdict->record(prefix + "tcb", check_tcb(report, vcek, *product),
                  "REPORTED_TCB (" +
                      tcb_text(decode_snp_tcb(report.reported_tcb, *product), *product) +
                      ") matches the VCEK");
}

Verdict verify_snp(std::span<const uint8_t> report_bytes, std::span<const Certificate> certificates,
                   const Policy& policy, const VerifyContext& context) {
  Verdict verdict;
  verdict.platform = Platform::kSevSnp;
  Result<SnpReport> report = parse_snp_report(report_bytes);
  if (!report.is_ok()) {
    verdict.fail("parse", report.status().message());
    return verdict;
  }
  verdict.debug = report->debug() ? DebugState::kOn : DebugState::kOff;
  describe_snp_report(*report, "", &verdict);
  check_snp_report(*report, certificates, policy, context, "", &verdict);
  apply_policy(policy, context, std::span(report->report_data).first(32), &verdict);
  verdict.notes.push_back("AMD's CRL is not consulted");
  return verdict;
}

}  // namespace nightjar::attest
