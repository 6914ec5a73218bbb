// COSE_Sign1 (RFC 9052 §4.2), the envelope of an AWS Nitro attestation document.
//
// A CoseSign1 owns copies of the four fields: the protected header exactly as signed (a bstr
// holding a CBOR map), the algorithm read from it, the payload and the raw signature. NSM emits
// the untagged form; CBOR tag 18 is accepted too and recorded. The unprotected header is not
// signed, so it is only checked to be a map (or null, as some hand-made documents have it) and
// then ignored. A detached payload and critical header parameters are refused: nightjar
// understands none. Plain values; no thread-safety concerns.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "attest/cbor.h"
#include "base/status.h"

namespace nightjar::attest {

inline constexpr uint64_t kCoseSign1Tag = 18;
inline constexpr int64_t kCoseAlgEs384 = -35;

struct CoseSign1 {
  bool tagged = false;
  int64_t algorithm = 0;
  std::vector<uint8_t> protected_header;
  std::vector<uint8_t> payload;
  std::vector<uint8_t> signature;
};

Result<CoseSign1> parse_cose_sign1(std::span<const uint8_t> data, const CborLimits& limits = {});

// The bytes the signature covers: the CBOR array ["Signature1", protected, h'', payload].
std::vector<uint8_t> cose_sig_structure(const CoseSign1& cose);

}  // namespace nightjar::attest
