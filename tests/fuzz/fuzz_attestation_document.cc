// libFuzzer target: what a client reads from the network and from disk — the /attestation JSON
// document (then verified, which recognises and parses its evidence) and the policy file. A
// document that parses must print to JSON that parses to the same evidence.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "attest/attestation_document.h"
#include "attest/document_verifier.h"
#include "attest/policy_file.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace nightjar::attest;
  std::string_view text(reinterpret_cast<const char*>(data), size);
  nightjar::Result<AttestationDocument> d = parse_attestation_document(text);
  if (d.is_ok()) {
    nightjar::Result<AttestationDocument> again =
        parse_attestation_document(attestation_document_json(*d));
    if (!again.is_ok() || again->evidence != d->evidence || again->nonce != d->nonce) {
      __builtin_trap();
    }
    VerifyContext context{.now = d->timestamp};
    (void)verify_attestation_document(*d, {}, Expectations{}, Policy{}, context).accepted();
  }
  (void)parse_policy(text);
  return 0;
}
