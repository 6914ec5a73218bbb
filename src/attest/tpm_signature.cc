#include "attest/tpm_signature.h"

#include "attest/byte_reader.h"
#include "attest/tpm_attest.h"

namespace nightjar::attest {

Result<TpmtSignature> parse_tpmt_signature(std::span<const uint8_t> bytes) {
  ByteReader in(bytes, "TPMT_SIGNATURE");
  TpmtSignature sig;
  sig.sig_alg = in.u16_be("sigAlg");
  sig.hash_alg = in.u16_be("hash");
  if (!in.ok()) return in.status();
  if (sig.sig_alg == kTpmAlgRsassa || sig.sig_alg == kTpmAlgRsapss) {
    std::span<const uint8_t> s = in.tpm2b("sig", 512);
    sig.rsa_signature.assign(s.begin(), s.end());
  } else if (sig.sig_alg == kTpmAlgEcdsa) {
    std::span<const uint8_t> r = in.tpm2b("signatureR", 66);
    sig.ecdsa_r.assign(r.begin(), r.end());
    std::span<const uint8_t> s = in.tpm2b("signatureS", 66);
    sig.ecdsa_s.assign(s.begin(), s.end());
  } else {
    in.fail("unsupported sigAlg " + tpm_alg_name(sig.sig_alg));
  }
  if (Status s = in.finish(); !s.is_ok()) return s;
  return sig;
}

std::vector<uint8_t> marshal_tpmt_signature(const TpmtSignature& signature) {
  std::vector<uint8_t> out;
  auto u16 = [&](size_t v) {
    out.push_back(static_cast<uint8_t>(v >> 8));
    out.push_back(static_cast<uint8_t>(v));
  };
  auto tpm2b = [&](const std::vector<uint8_t>& v) {
    u16(v.size());
    out.insert(out.end(), v.begin(), v.end());
  };
  u16(signature.sig_alg);
  u16(signature.hash_alg);
  if (signature.sig_alg == kTpmAlgEcdsa) {
    tpm2b(signature.ecdsa_r);
    tpm2b(signature.ecdsa_s);
  } else {
    tpm2b(signature.rsa_signature);
  }
  return out;
}

}  // namespace nightjar::attest
