// Verification of nightjar's TPM evidence (tpm_evidence.h) on the tpm, gcp and azure platforms.
//
// tpm and gcp, each check in the verdict:
//   "ak_public"      the attestation key's TPMT_PUBLIC is an RSA (2048+) or P-256 key;
//   "ak_attributes"  it is restricted, signing, fixedTPM, fixedParent and sensitiveDataOrigin:
//                    only such a key makes the quote's magic meaningful (attestation.md §2.4);
//   "ak_signer"      the quote's qualifiedSigner is that key's Qualified Name as a primary of the
//                    endorsement hierarchy, where nightjar's server and GCE create their AKs;
//   "ak_trust"       the key is trusted: pinned by the policy; or, when the policy pins none, an
//                    AK certificate for exactly this key chains to a pinned AK root (GCP); or
//                    the policy allows an unpinned AK, which the reason and a note then say;
//   "quote.*"        the TPM quote checks (tpm_quote_verifier.h) over the presented PCRs;
//   gcp only: "snp.*" the SNP report's hardware checks (snp_verifier.h) with the AMD
//                    certificates, and "snp.binding": REPORT_DATA is binding ‖ 0^32, so the
//                    same request is bound into AMD's evidence and Google's;
// then the shared policy checks with the binding in the quote's extraData. Debug: a tpm has no
// TEE; on gcp it is the SNP report's POLICY bit.
// azure: the bundle becomes an AzureEvidence (azure_verifier.h): the quote must be over PCRs
// 0..23 and is checked with the HCL report's HCLAkPub, whatever "ak_public" says.
//
// `certificates` may mix the AK chain and the AMD chain (VCEK or VLEK, ASK, ARK) in any order:
// each chain is built from its own leaf (the VCEK by its AMD extensions, the AK certificate by
// its key) to a pinned root, and the rest are only untrusted intermediates.
// Pure functions; thread-safe.
#pragma once

#include <span>

#include "attest/policy.h"
#include "attest/tpm_evidence.h"
#include "attest/verdict.h"
#include "attest/x509.h"

namespace nightjar::attest {

Verdict verify_tpm_evidence(const TpmEvidence& evidence, std::span<const Certificate> certificates,
                            const Policy& policy, const VerifyContext& context);

// A VCEK or VLEK: it carries AMD's KDS extensions, the boot loader's SPL among them.
bool is_amd_leaf(const Certificate& certificate);

// `certificates` with the VCEK (or VLEK) first, as check_snp_report wants; empty without one.
std::vector<Certificate> amd_certificates(std::span<const Certificate> certificates);

}  // namespace nightjar::attest
