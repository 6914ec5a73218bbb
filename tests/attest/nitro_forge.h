// Nitro attestation documents signed by a test PKI (test_pki.h), with every field chosen by the
// test: the way to exercise binding, debug and freshness checks with a valid signature.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "tests/attest/test_pki.h"

namespace nightjar::attest::testing {

struct NitroTestPki {
  KeyPair root_key;
  Certificate root;
  KeyPair leaf_key;
  Certificate leaf;
};

// Root and leaf valid from an hour before `now` to an hour after.
NitroTestPki make_nitro_pki(TimePoint now);

struct NitroFields {
  std::string module_id = "i-0123456789abcdef0-enc0123456789abcdef";
  std::string digest = "SHA384";
  uint64_t timestamp_ms = 0;
  std::map<uint32_t, std::vector<uint8_t>> pcrs;
  std::optional<std::vector<uint8_t>> user_data;
  std::optional<std::vector<uint8_t>> nonce;
  int64_t algorithm = -35;
  bool tagged = false;
};

// PCR0..15 of 48 bytes each; PCR0-2 filled with `image_byte` (0 for a debug enclave).
std::map<uint32_t, std::vector<uint8_t>> nitro_pcrs(uint8_t image_byte);

std::vector<uint8_t> forge_nitro_document(const NitroFields& fields, const NitroTestPki& pki);

}  // namespace nightjar::attest::testing
