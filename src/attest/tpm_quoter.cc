#include "attest/tpm_quoter.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>

#include <algorithm>

#include "attest/tpm_attest.h"
#include "attest/tpm_public.h"
#include "attest/tpm_signature.h"
#include "attest/x509.h"
#include "base/hex.h"

namespace nightjar::attest {
namespace {

constexpr int kQuoteAttempts = 3;

// NV indices are allocated larger than the certificate they hold: the DER header says how long
// it really is.
std::span<const uint8_t> der_prefix(std::span<const uint8_t> nv) {
  if (nv.size() < 2 || nv[0] != 0x30) return nv;
  size_t length = nv[1];
  size_t header = 2;
  if (length & 0x80) {
    size_t bytes = length & 0x7f;
    if (bytes == 0 || bytes > 3 || nv.size() < 2 + bytes) return nv;
    length = 0;
    for (size_t i = 0; i < bytes; ++i) length = length << 8 | nv[2 + i];
    header += bytes;
  }
  return header + length <= nv.size() ? nv.first(header + length) : nv;
}

Result<std::vector<uint8_t>> load_ak(TpmDevice& device, const AkSource& source) {
  switch (source.kind) {
    case AkSource::Kind::kTemplateInNv: {
      Result<std::vector<uint8_t>> tmpl = device.nv_read(source.location);
      if (!tmpl.is_ok()) return tmpl.status();
      return device.create_endorsement_ak(*tmpl);
    }
    case AkSource::Kind::kPersistent:
      return device.load_persistent_ak(source.location);
    case AkSource::Kind::kTemplate:
      break;
  }
  return device.create_endorsement_ak(source.tmpl);
}

Result<std::vector<uint8_t>> pcr_digest(uint16_t hash_alg,
                                        const std::map<uint32_t, std::vector<uint8_t>>& values) {
  const EVP_MD* md = hash_alg == kTpmAlgSha384   ? EVP_sha384()
                     : hash_alg == kTpmAlgSha256 ? EVP_sha256()
                                                 : nullptr;
  if (md == nullptr) return invalid_argument("quote: signature hash " + tpm_alg_name(hash_alg));
  std::vector<uint8_t> all;
  for (const auto& [index, value] : values) all.insert(all.end(), value.begin(), value.end());
  std::vector<uint8_t> out(static_cast<size_t>(EVP_MD_get_size(md)));
  unsigned int length = 0;
  NIGHTJAR_CHECK(EVP_Digest(all.data(), all.size(), out.data(), &length, md, nullptr) == 1);
  return out;
}

}  // namespace

std::vector<AkSource> gce_ak_sources() {
  return {{AkSource::Kind::kTemplateInNv,
           kGceAkTemplateEccNv,
           {},
           kGceAkCertEccNv,
           "GCE ECC AK (template NV 0x01C10003)"},
          {AkSource::Kind::kTemplateInNv,
           kGceAkTemplateRsaNv,
           {},
           kGceAkCertRsaNv,
           "GCE RSA AK (template NV 0x01C10001)"},
          {AkSource::Kind::kTemplate, 0, marshal_tpmt_public(default_ecc_ak_template()),
           std::nullopt, "ECC AK from the default template"}};
}

std::vector<AkSource> azure_ak_sources() {
  return {{AkSource::Kind::kPersistent,
           kAzureAkHandle,
           {},
           kAzureAkCertNv,
           "Azure vTPM AK (persistent 0x81000003)"}};
}

std::vector<AkSource> default_ak_sources() {
  return {{AkSource::Kind::kTemplate, 0, marshal_tpmt_public(default_ecc_ak_template()),
           std::nullopt, "ECC AK from the default template"}};
}

std::vector<uint32_t> mip_pcrs(uint32_t workload_pcr) {
  std::vector<uint32_t> pcrs = {0, 4, 9, workload_pcr};
  std::sort(pcrs.begin(), pcrs.end());
  pcrs.erase(std::unique(pcrs.begin(), pcrs.end()), pcrs.end());
  return pcrs;
}

Result<std::unique_ptr<TpmQuoter>> TpmQuoter::open(TpmDevice& device,
                                                   std::span<const AkSource> sources,
                                                   std::vector<uint32_t> pcrs,
                                                   uint32_t workload_pcr) {
  if (workload_pcr > 23 || std::find(pcrs.begin(), pcrs.end(), workload_pcr) == pcrs.end()) {
    return invalid_argument("TPM: the workload PCR " + std::to_string(workload_pcr) +
                            " must be one of the quoted PCRs 0..23");
  }
  std::unique_ptr<TpmQuoter> quoter(new TpmQuoter(device, std::move(pcrs), workload_pcr));
  std::string tried;
  for (const AkSource& source : sources) {
    Result<std::vector<uint8_t>> ak = load_ak(device, source);
    if (!ak.is_ok()) {
      // An absent platform key is expected off that platform; any other error is real.
      if (ak.status().code() != StatusCode::kNotFound) return ak.status();
      tried += (tried.empty() ? "" : "; ") + source.description + ": " + ak.status().message();
      continue;
    }
    Result<TpmPublic> key = parse_tpmt_public(*ak);
    if (!key.is_ok()) return key.status();
    quoter->ak_public_ = std::move(ak).value();
    quoter->ak_description_ = source.description;
    if (source.certificate_nv) {
      Result<std::vector<uint8_t>> nv = device.nv_read(*source.certificate_nv);
      Result<PublicKey> ak_key = tpm_public_key(*key);
      if (nv.is_ok() && ak_key.is_ok()) {
        Result<Certificate> cert = Certificate::from_der(der_prefix(*nv));
        if (cert.is_ok() && EVP_PKEY_eq(cert->public_key().get(), ak_key->get()) == 1) {
          quoter->certificates_.push_back(certificate_pem(*cert));
          quoter->ak_description_ += ", with its certificate";
        }
      }
    }
    return quoter;
  }
  return Status(StatusCode::kNotFound, "TPM: no attestation key: " + tried);
}

Result<std::vector<WorkloadEvent>> TpmQuoter::measure(const WorkloadMeasurement& m) {
  std::vector<WorkloadEvent> events = workload_events(
      workload_pcr_, kTpmAlgSha256, m.executable, m.executable_path, m.manifest, m.manifest_path);
  for (const WorkloadEvent& e : events) {
    Status extended = device_.pcr_extend(workload_pcr_, kTpmAlgSha256, e.digest);
    if (!extended.is_ok()) return extended;
  }
  return events;
}

Result<TpmEvidence> TpmQuoter::quote(const Sha256Digest& binding) {
  for (int attempt = 0; attempt < kQuoteAttempts; ++attempt) {
    Result<TpmQuoteResult> q = device_.quote(binding, kTpmAlgSha256, pcrs_);
    if (!q.is_ok()) return q.status();
    Result<std::map<uint32_t, std::vector<uint8_t>>> values =
        device_.pcr_read(kTpmAlgSha256, pcrs_);
    if (!values.is_ok()) return values.status();
    Result<TpmsAttest> attest = parse_tpms_attest(q->attest);
    if (!attest.is_ok()) return attest.status();
    Result<TpmtSignature> signature = parse_tpmt_signature(q->signature);
    if (!signature.is_ok()) return signature.status();
    Result<std::vector<uint8_t>> digest = pcr_digest(signature->hash_alg, *values);
    if (!digest.is_ok()) return digest.status();
    if (values->size() != pcrs_.size() || *digest != attest->pcr_digest) continue;
    TpmEvidence e;
    e.quote = std::move(q->attest);
    e.signature = std::move(q->signature);
    e.ak_public = ak_public_;
    e.pcr_bank = kTpmAlgSha256;
    e.pcrs = std::move(values).value();
    return e;
  }
  return Status(StatusCode::kInternal, "TPM: the PCRs kept changing while being quoted (" +
                                           std::to_string(kQuoteAttempts) + " attempts)");
}

std::vector<std::pair<std::string, std::string>> pcr_measurements(const TpmEvidence& evidence) {
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& [index, value] : evidence.pcrs) {
    out.emplace_back("PCR" + std::to_string(index), to_hex(value));
  }
  return out;
}

}  // namespace nightjar::attest
