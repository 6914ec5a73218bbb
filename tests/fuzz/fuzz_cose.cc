// libFuzzer target: the CBOR side of attestation — COSE_Sign1, the Nitro attestation document
// and its verifier (signature, chain, policy), and the NSM's responses. Nothing may crash, leak or
// allocate past the CBOR limits; a document that parses must verify without crashing too.
#include <cstddef>
#include <cstdint>
#include <span>

#include "attest/cose_sign1.h"
#include "attest/nitro_document.h"
#include "attest/nitro_verifier.h"
#include "attest/nsm.h"
#include "attest/utc_time.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace nightjar::attest;
  std::span<const uint8_t> input(data, size);
  nightjar::Result<CoseSign1> cose = parse_cose_sign1(input);
  if (cose.is_ok()) (void)cose_sig_structure(*cose);
  nightjar::Result<NitroDocument> doc = parse_nitro_document(input);
  if (doc.is_ok()) {
    static const VerifyContext context{.now = from_unix_millis(1725719859545)};
    Verdict verdict = verify_nitro_document(*doc, Policy{}, context);
    (void)verdict.accepted();
  }
  (void)parse_nsm_attestation_response(input);
  (void)parse_nsm_extend_pcr_response(input);
  return 0;
}
