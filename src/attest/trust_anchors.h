// The roots of trust a client verifier pins, by the SHA-256 of their DER encoding.
//
// The evidence itself carries these certificates (Nitro's cabundle, the SNP certificate table,
// TDX certification data); a chain is accepted only when its root's fingerprint equals a pin
// here. production() holds the vendors' published roots; tests substitute their own to exercise
// every other check with evidence they can sign. Plain values; thread-safe to share.
#pragma once

#include <optional>
#include <vector>

#include "attest/amd_product.h"
#include "base/sha256.h"

namespace nightjar::attest {

struct AmdArkPin {
  AmdProduct product;
  Sha256Digest sha256;
};

struct TrustAnchors {
  Sha256Digest aws_nitro_root{};
  std::vector<AmdArkPin> amd_arks;
  Sha256Digest intel_sgx_root{};
  // Roots of the TPM attestation-key certificates a cloud writes into its vTPM (GCP's).
  std::vector<Sha256Digest> tpm_ak_roots;

  static TrustAnchors production();

  std::optional<AmdProduct> amd_product_of(const Sha256Digest& ark_sha256) const;
};

}  // namespace nightjar::attest
