#include "attest/azure_vtpm_quote.h"

#include "attest/byte_reader.h"

namespace nightjar::attest {

Result<AzureVtpmQuote> parse_azure_vtpm_quote(std::span<const uint8_t> bytes) {
  ByteReader in(bytes, "vTPM quote");
  AzureVtpmQuote q;
  auto blob = [&](const char* field, size_t max) {
    uint64_t size = in.u64_le(field);
    if (in.ok() && size > max) in.fail(std::string(field) + " is too large");
    return in.bytes(in.ok() ? static_cast<size_t>(size) : 0, field);
  };
  std::span<const uint8_t> signature = blob("signature", 512);
  q.signature.assign(signature.begin(), signature.end());
  std::span<const uint8_t> attest = blob("message", 1024);
  q.attest.assign(attest.begin(), attest.end());
  uint64_t count = in.u64_le("pcr count");
  if (in.ok() && count > 24) in.fail("more than 24 PCRs");
  for (uint64_t i = 0; i < count && in.ok(); ++i) {
    std::array<uint8_t, 32> value = in.array<32>("pcr");
    q.pcrs.push_back(value);
  }
  if (Status s = in.finish(); !s.is_ok()) return s;
  return q;
}

}  // namespace nightjar::attest
