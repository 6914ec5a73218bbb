#include "attest/document_verifier.h"

#include <openssl/crypto.h>

#include <algorithm>
#include <chrono>
#include <set>

#include "attest/azure_hcl_report.h"
#include "attest/azure_verifier.h"
#include "attest/byte_reader.h"
#include "attest/evidence_file.h"
#include "attest/nitro_verifier.h"
#include "attest/snp_report.h"
#include "attest/snp_verifier.h"
#include "attest/tdx_verifier.h"
#include "attest/tpm_attest.h"
#include "attest/tpm_evidence.h"
#include "attest/tpm_verifier.h"
#include "base/hex.h"

namespace nightjar::attest {
namespace {

Verdict refused(Platform platform, const std::string& why) {
  Verdict verdict;
  verdict.platform = platform;
  verdict.fail("parse", why);
  return verdict;
}

std::vector<Certificate> join(std::span<const Certificate> a, std::span<const Certificate> b) {
  std::vector<Certificate> out(a.begin(), a.end());
  out.insert(out.end(), b.begin(), b.end());
  return out;
}

bool is_event_measurement(const std::string& name) {
  return name == event_measurement_name(kEventExecutable) ||
         name == event_measurement_name(kEventImageManifest);
}

// The quoted value of a register, as the platform verifier recorded it ("PCR13"; Nitro's
// SHA-384 PCRs carry the same names).
std::string register_name(const WorkloadEvent& e) { return "PCR" + std::to_string(*e.pcr); }

void check_event_log(const AttestationDocument& d, Verdict* verdict) {
  if (d.event_log.empty()) {
    verdict->notes.push_back("no workload event log: the server measured nothing at start-up");
    return;
  }
  std::set<uint32_t> registers;
  for (const WorkloadEvent& e : d.event_log) {
    if (!e.pcr) {
      verdict->notes.push_back("workload event \"" + e.type +
                               "\" is in no hardware register: it proves nothing");
    } else {
      registers.insert(*e.pcr);
    }
  }
  if (registers.empty()) return;
  bool ok = true;
  for (uint32_t pcr : registers) {
    const WorkloadEvent* first = nullptr;
    for (const WorkloadEvent& e : d.event_log) {
      if (e.pcr == pcr && first == nullptr) first = &e;
    }
    Result<std::vector<uint8_t>> replayed = replay_events(d.event_log, pcr, first->bank);
    std::string_view quoted = verdict->measurement(register_name(*first));
    if (!replayed.is_ok()) {
      verdict->fail("event_log", replayed.status().message());
      ok = false;
    } else if (quoted.empty()) {
      verdict->fail("event_log", "the events extend PCR" + std::to_string(pcr) +
                                     ", which the evidence does not cover");
      ok = false;
    } else if (to_hex(*replayed) != quoted) {
      verdict->fail("event_log",
                    "the events replay to " + to_hex(*replayed) + " but PCR" + std::to_string(pcr) +
                        " is " + std::string(quoted) +
                        ": something else extended it (or the server restarted without a reboot)");
      ok = false;
    }
  }
  if (!ok) return;
  verdict->pass("event_log", "the workload events replay to the quoted register");
  for (const WorkloadEvent& e : d.event_log) {
    std::string name = event_measurement_name(e.type);
    if (e.pcr && !name.empty() && verdict->measurement(name).empty()) {
      verdict->add_measurement(name, e.digest);
    }
  }
}

void check_event_measurements(const Policy& policy, Verdict* verdict) {
  for (const auto& [name, expected] : policy.expected_measurements) {
    if (!is_event_measurement(name)) continue;
    std::string_view actual = verdict->measurement(name);
    if (actual.empty()) {
      verdict->fail("measurement " + name, "no replayed workload event gives " + name);
    } else if (actual != to_hex(expected)) {
      verdict->fail("measurement " + name,
                    "is " + std::string(actual) + ", the policy expects " + to_hex(expected));
    } else {
      verdict->pass("measurement " + name, "matches the policy");
    }
  }
}

}  // namespace

std::optional<Platform> recognise_evidence(std::span<const uint8_t> b) {
  if (looks_like_tpm_evidence(b)) {
    Result<TpmEvidence> e = parse_tpm_evidence(b);
    return e.is_ok() ? std::optional(e->platform()) : std::nullopt;
  }
  // COSE_Sign1: an array of four, untagged as NSM emits it or under tag 18.
  if (!b.empty() && (b[0] == 0x84 || (b.size() > 1 && b[0] == 0xd2 && b[1] == 0x84))) {
    return Platform::kNitro;
  }
  if (b.size() >= 4 && load_le32(b, 0) == kHclMagic) return Platform::kAzure;
  // TDX v4: version 4, attestation key type 2, TEE type 0x81.
  if (b.size() >= 8 && load_le16(b, 0) == 4 && load_le16(b, 2) == 2 && load_le32(b, 4) == 0x81) {
    return Platform::kTdx;
  }
  if (b.size() >= kSnpReportSize) {
    uint32_t version = load_le32(b, 0);
    if (version >= 2 && version <= 5) return Platform::kSevSnp;
  }
  return std::nullopt;
}

Verdict verify_native_evidence(Platform platform, std::span<const uint8_t> bytes,
                               std::span<const Certificate> certificates, const Policy& policy,
                               const VerifyContext& context) {
  // Azure evidence is either nightjar's bundle (HCL report and quote) or a bare HCL report.
  if (platform == Platform::kAzure && looks_like_tpm_evidence(bytes)) platform = Platform::kTpm;
  switch (platform) {
    case Platform::kNitro:
      return verify_nitro(bytes, policy, context);
    case Platform::kTdx:
      return verify_tdx(bytes, policy, context);
    case Platform::kSevSnp:
    case Platform::kAzure: {
      Result<EvidenceWithCertificates> parts =
          split_trailing_pem(bytes, platform == Platform::kSevSnp ? kSnpReportSize : 0);
      if (!parts.is_ok()) return refused(platform, parts.status().message());
      std::vector<Certificate> all = join(parts->certificates, certificates);
      if (platform == Platform::kSevSnp) {
        return verify_snp(parts->evidence, amd_certificates(all), policy, context);
      }
      return verify_azure({parts->evidence, amd_certificates(all), std::nullopt}, policy, context);
    }
    case Platform::kTpm:
    case Platform::kGcp: {
      Result<TpmEvidence> evidence = parse_tpm_evidence(bytes);
      if (!evidence.is_ok()) return refused(platform, evidence.status().message());
      return verify_tpm_evidence(*evidence, certificates, policy, context);
    }
    case Platform::kNone:
      break;
  }
  Verdict verdict;
  verdict.platform = Platform::kNone;
  // There is no evidence to carry a binding: what the server says is all there is.
  Policy no_binding = policy;
  no_binding.require_binding = false;
  VerifyContext unbound = context;
  unbound.binding.reset();
  apply_policy(no_binding, unbound, {}, &verdict);
  verdict.notes.push_back("no TEE: nothing about the server is attested");
  return verdict;
}

Verdict verify_attestation_document(const AttestationDocument& d,
                                    std::span<const Certificate> extra_certificates,
                                    const Expectations& expect, const Policy& policy,
                                    const VerifyContext& context) {
  std::vector<Certificate> certificates(extra_certificates.begin(), extra_certificates.end());
  std::string certificate_error;
  for (const std::string& pem : d.certificates) {
    Result<std::vector<Certificate>> parsed = certificates_from_pem(pem);
    if (!parsed.is_ok()) {
      certificate_error = parsed.status().message();
      continue;
    }
    certificates.insert(certificates.end(), parsed->begin(), parsed->end());
  }

  const Nonce nonce = expect.nonce.value_or(d.nonce);
  const Sha256Digest spki = expect.live_tls_spki_sha256.value_or(d.tls_public_key_sha256);
  VerifyContext bound = context;
  bound.binding = binding_digest(nonce, spki);
  Policy platform_policy = policy;
  std::erase_if(platform_policy.expected_measurements,
                [](const auto& entry) { return is_event_measurement(entry.first); });

  std::optional<Platform> recognised =
      d.evidence.empty() ? std::optional(Platform::kNone) : recognise_evidence(d.evidence);
  Verdict verdict =
      recognised
          ? verify_native_evidence(*recognised, d.evidence, certificates, platform_policy, bound)
          : refused(d.platform, "the evidence is no platform's evidence nightjar knows");
  if (!certificate_error.empty()) verdict.fail("certificates", certificate_error);

  if (recognised && *recognised == d.platform) {
    verdict.pass("platform_claim", "the evidence is " + std::string(platform_name(d.platform)) +
                                       " evidence, as the document says");
  } else {
    verdict.fail("platform_claim",
                 "the document says " + std::string(platform_name(d.platform)) +
                     " but the evidence is " +
                     (recognised ? std::string(platform_name(*recognised)) : "unrecognised"));
  }

  if (expect.nonce) {
    if (CRYPTO_memcmp(d.nonce.data(), expect.nonce->data(), d.nonce.size()) == 0) {
      verdict.pass("nonce", "the document answers this client's nonce");
    } else {
      verdict.fail("nonce", "the document answers nonce " + to_hex(d.nonce) + ", not " +
                                to_hex(*expect.nonce) + " which this client sent");
    }
  } else {
    verdict.notes.push_back(
        "no nonce given: the evidence is checked against the document's own nonce and TLS key, "
        "which shows consistency, not freshness");
  }
  if (expect.live_tls_spki_sha256) {
    if (d.tls_public_key_sha256 == *expect.live_tls_spki_sha256) {
      verdict.pass("tls_key", "the document names the key of this TLS connection");
    } else {
      verdict.fail("tls_key", "the document is for TLS key " + to_hex(d.tls_public_key_sha256) +
                                  " but this connection's key is " +
                                  to_hex(*expect.live_tls_spki_sha256) +
                                  ": the channel does not end where the evidence was made");
    }
  } else {
    verdict.notes.push_back("no live TLS connection: the TLS key is the document's own claim");
  }

  check_event_log(d, &verdict);
  check_event_measurements(policy, &verdict);

  const auto age = context.now - d.timestamp;
  if (age <= policy.max_age && -age <= policy.max_age) {
    verdict.pass("freshness", "made at " + format_utc_time(d.timestamp));
  } else {
    verdict.fail("freshness",
                 "made at " + format_utc_time(d.timestamp) + ", judged at " +
                     format_utc_time(context.now) + ": more than " +
                     std::to_string(
                         std::chrono::duration_cast<std::chrono::seconds>(policy.max_age).count()) +
                     " s apart");
  }
  return verdict;
}

Verdict verify_evidence_contents(std::span<const uint8_t> contents,
                                 std::span<const Certificate> extra_certificates,
                                 const Expectations& expect, const Policy& policy,
                                 const VerifyContext& context) {
  if (looks_like_attestation_document(contents)) {
    Result<AttestationDocument> d = parse_attestation_document(
        std::string_view(reinterpret_cast<const char*>(contents.data()), contents.size()));
    if (!d.is_ok()) return refused(Platform::kNone, d.status().message());
    return verify_attestation_document(*d, extra_certificates, expect, policy, context);
  }
  Result<std::vector<uint8_t>> bytes = decode_if_base64(contents);
  if (!bytes.is_ok()) return refused(Platform::kNone, bytes.status().message());
  std::optional<Platform> platform = recognise_evidence(*bytes);
  if (!platform) {
    return refused(Platform::kNone,
                   "the file is neither an /attestation document nor evidence "
                   "of a platform nightjar knows");
  }
  VerifyContext bound = context;
  if (expect.nonce && expect.live_tls_spki_sha256) {
    bound.binding = binding_digest(*expect.nonce, *expect.live_tls_spki_sha256);
  }
  return verify_native_evidence(*platform, *bytes, extra_certificates, policy, bound);
}

}  // namespace nightjar::attest
