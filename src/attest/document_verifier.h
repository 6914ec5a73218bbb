// The client verifier: judges an /attestation document (or raw evidence from a file) against
// what the client knows by itself — the nonce it sent and the TLS key of the connection it is
// on — and a policy. Checks added to the platform verifier's (verify_*):
//   "nonce"            the document answers this client's nonce;
//   "tls_key"          the document names the key of the live connection (when there is one);
//                      either way the binding is computed from the client's nonce and the live
//                      key, so evidence made for another channel fails "binding";
//   "platform_claim"   the platform the document claims is the one its evidence is;
//   "event_log"        the workload events replay to the quoted register (event_log.h), which
//                      makes their digests measurements ("EXECUTABLE", "IMAGE_MANIFEST");
//   "freshness"        the document's timestamp is within policy.max_age of context.now.
// Without a nonce (offline inspection) the document's own nonce and key are used: the evidence is
// then only shown consistent with the document, and a note says so.
// Pure functions; thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <span>

#include "attest/attestation_document.h"
#include "attest/binding.h"
#include "attest/platform.h"
#include "attest/policy.h"
#include "attest/verdict.h"
#include "attest/x509.h"

namespace nightjar::attest {

struct Expectations {
  std::optional<Nonce> nonce;                        // the nonce this client sent
  std::optional<Sha256Digest> live_tls_spki_sha256;  // the key the live connection presented
};

// The platform whose native evidence `bytes` are (nitro COSE_Sign1, an SNP report, an HCL
// report, a TDX v4 quote, nightjar's TPM bundle); nullopt when none.
std::optional<Platform> recognise_evidence(std::span<const uint8_t> bytes);

// Native evidence of a known platform with the certificates it needs (SNP and HCL reports may
// also carry them as PEM after the report).
Verdict verify_native_evidence(Platform platform, std::span<const uint8_t> bytes,
                               std::span<const Certificate> certificates, const Policy& policy,
                               const VerifyContext& context);

Verdict verify_attestation_document(const AttestationDocument& document,
                                    std::span<const Certificate> extra_certificates,
                                    const Expectations& expect, const Policy& policy,
                                    const VerifyContext& context);

// A file's contents for the offline verifier: an /attestation document, or native evidence
// (raw or base64), its platform recognised from the contents.
Verdict verify_evidence_contents(std::span<const uint8_t> contents,
                                 std::span<const Certificate> extra_certificates,
                                 const Expectations& expect, const Policy& policy,
                                 const VerifyContext& context);

}  // namespace nightjar::attest
