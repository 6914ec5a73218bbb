#include "attest/tpm_attest.h"

#include <algorithm>
#include <cstdio>

#include "attest/byte_reader.h"

namespace nightjar::attest {
namespace {

constexpr size_t kMaxData = 64;
constexpr size_t kMaxName = 68;
constexpr uint32_t kMaxBanks = 16;
constexpr uint8_t kMaxSelectBytes = 4;

}  // namespace

size_t tpm_digest_size(uint16_t hash_alg) {
  switch (hash_alg) {
    case kTpmAlgSha1:
      return 20;
    case kTpmAlgSha256:
      return 32;
    case kTpmAlgSha384:
      return 48;
    case kTpmAlgSha512:
      return 64;
    default:
      return 0;
  }
}

std::string tpm_alg_name(uint16_t alg) {
  switch (alg) {
    case kTpmAlgSha1:
      return "sha1";
    case kTpmAlgSha256:
      return "sha256";
    case kTpmAlgSha384:
      return "sha384";
    case kTpmAlgSha512:
      return "sha512";
    case kTpmAlgRsassa:
      return "rsassa";
    case kTpmAlgRsapss:
      return "rsapss";
    case kTpmAlgEcdsa:
      return "ecdsa";
    default: {
      char buffer[16];
      std::snprintf(buffer, sizeof(buffer), "0x%04x", alg);
      return buffer;
    }
  }
}

std::vector<uint32_t> TpmPcrSelection::pcrs() const {
  std::vector<uint32_t> out;
  for (size_t byte = 0; byte < bitmap.size(); ++byte) {
    for (uint32_t bit = 0; bit < 8; ++bit) {
      if ((bitmap[byte] >> bit & 1) != 0) out.push_back(static_cast<uint32_t>(byte * 8 + bit));
    }
  }
  return out;
}

bool TpmPcrSelection::same_pcrs(const TpmPcrSelection& other) const {
  return hash_alg == other.hash_alg && pcrs() == other.pcrs();
}

Result<TpmsAttest> parse_tpms_attest(std::span<const uint8_t> bytes) {
  ByteReader in(bytes, "TPMS_ATTEST");
  TpmsAttest a;
  a.magic = in.u32_be("magic");
  a.type = in.u16_be("type");
  std::span<const uint8_t> signer = in.tpm2b("qualifiedSigner", kMaxName);
  a.qualified_signer.assign(signer.begin(), signer.end());
  std::span<const uint8_t> extra = in.tpm2b("extraData", kMaxData);
  a.extra_data.assign(extra.begin(), extra.end());
  a.clock = in.u64_be("clockInfo.clock");
  a.reset_count = in.u32_be("clockInfo.resetCount");
  a.restart_count = in.u32_be("clockInfo.restartCount");
  a.safe = in.u8("clockInfo.safe");
  a.firmware_version = in.u64_be("firmwareVersion");
  if (!in.ok()) return in.status();
  if (a.type != kTpmStAttestQuote) {
    // Another attestation type: its union is left unread, and the verifier refuses the type.
    in.bytes(in.remaining(), "attested");
    return a;
  }
  uint32_t banks = in.u32_be("pcrSelect.count");
  if (in.ok() && banks > kMaxBanks)
    in.fail("pcrSelect declares " + std::to_string(banks) + " banks");
  for (uint32_t i = 0; i < banks && in.ok(); ++i) {
    TpmPcrSelection bank;
    bank.hash_alg = in.u16_be("pcrSelect.hash");
    uint8_t size = in.u8("pcrSelect.sizeofSelect");
    if (in.ok() && size > kMaxSelectBytes) in.fail("pcrSelect.sizeofSelect is too large");
    std::span<const uint8_t> bitmap = in.bytes(size, "pcrSelect.pcrSelect");
    bank.bitmap.assign(bitmap.begin(), bitmap.end());
    a.pcr_select.push_back(std::move(bank));
  }
  std::span<const uint8_t> digest = in.tpm2b("pcrDigest", kMaxData);
  a.pcr_digest.assign(digest.begin(), digest.end());
  if (Status s = in.finish(); !s.is_ok()) return s;
  return a;
}

std::vector<uint8_t> marshal_pcr_selection(const std::vector<TpmPcrSelection>& banks) {
  std::vector<uint8_t> out;
  auto u16 = [&](uint16_t v) {
    out.push_back(static_cast<uint8_t>(v >> 8));
    out.push_back(static_cast<uint8_t>(v));
  };
  uint32_t count = static_cast<uint32_t>(banks.size());
  for (int shift = 24; shift >= 0; shift -= 8) out.push_back(static_cast<uint8_t>(count >> shift));
  for (const TpmPcrSelection& bank : banks) {
    u16(bank.hash_alg);
    out.push_back(static_cast<uint8_t>(bank.bitmap.size()));
    out.insert(out.end(), bank.bitmap.begin(), bank.bitmap.end());
  }
  return out;
}

}  // namespace nightjar::attest
