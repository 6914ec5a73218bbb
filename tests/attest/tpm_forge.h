// TPM quotes made without a TPM: a TPMS_ATTEST marshalled by the test and signed with a test
// key. A real AK is restricted and refuses to sign data beginning with TPM_GENERATED_VALUE; a
// test key is not, which is exactly what an attacker with an unrestricted key can do, so these
// quotes show what each verifier check stops.
#pragma once

#include <cstdint>
#include <map>
#include <vector>

#include "attest/tpm_attest.h"
#include "attest/tpm_quote_verifier.h"
#include "attest/tpm_signature.h"
#include "tests/attest/test_pki.h"

namespace nightjar::attest::testing {

struct QuoteFields {
  uint32_t magic = kTpmGeneratedValue;
  uint16_t type = kTpmStAttestQuote;
  std::vector<uint8_t> extra_data;
  std::vector<TpmPcrSelection> selection;
  std::vector<uint8_t> pcr_digest;
};

std::vector<uint8_t> marshal_tpms_attest(const QuoteFields& fields);

// The selection of the bank's PCRs and the SHA-256 (or SHA-384) digest of its values.
std::vector<TpmPcrSelection> selection_for(const TpmPcrBank& bank);
std::vector<uint8_t> pcr_digest_for(const TpmPcrBank& bank, uint16_t hash_alg);

// An RSASSA (RSA key) or ECDSA (EC key) TPMT_SIGNATURE over `attest`.
TpmtSignature sign_quote(const KeyPair& key, uint16_t hash_alg, const std::vector<uint8_t>& attest);

// PCRs 0..n-1 of the SHA-256 bank with distinct values.
TpmPcrBank sha256_pcrs(uint32_t n);

}  // namespace nightjar::attest::testing
