// The MIP binding of attestation evidence to one TLS channel and one client request.
//
//   binding = SHA-256(kBindingLabel ‖ nonce (32 bytes) ‖ SHA-256(TLS SubjectPublicKeyInfo DER))
//
// The server puts these 32 bytes where each platform carries signed caller data:
//   AWS Nitro       user_data = binding (nonce = the client's raw nonce, informational);
//   SEV-SNP, TDX    REPORT_DATA[0..32] = binding;
//   TPM 2.0 quote   qualifyingData = binding, which the quote returns as extraData (GCP, Azure).
// A client recomputes it from its own nonce and the SPKI of the connection it is actually on, so
// evidence relayed from another server, or produced for an earlier nonce, does not match. The
// label keeps this hash apart from every other use of SHA-256; the fields have fixed sizes, so
// the concatenation is unambiguous. The nonce is 32 raw bytes, never its text form.
// Pure functions; thread-safe.
#pragma once

#include <array>
#include <cstdint>
#include <span>
#include <string_view>

#include "base/sha256.h"
#include "base/status.h"

namespace nightjar::attest {

inline constexpr std::string_view kBindingLabel = "midnight-tee-attest-v1";

using Nonce = std::array<uint8_t, 32>;

Sha256Digest binding_digest(const Nonce& nonce, const Sha256Digest& tls_spki_sha256);

// SHA-256 of the DER SubjectPublicKeyInfo of a DER X.509 certificate (the TLS server's).
Result<Sha256Digest> tls_spki_sha256(std::span<const uint8_t> certificate_der);

// 64 hex digits; anything else is refused rather than hashed as text.
Result<Nonce> nonce_from_hex(std::string_view hex);

// OK when `evidence_field` is exactly `expected`; compared in constant time. Otherwise
// kFailedPrecondition.
Status check_binding(std::span<const uint8_t> evidence_field, const Sha256Digest& expected);

}  // namespace nightjar::attest
