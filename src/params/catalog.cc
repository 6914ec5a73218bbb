#include "params/catalog.h"

#include <array>

#include "pcs/kzg/params.h"
#include "pcs/kzg/srs_pins.h"

namespace nightjar::params {
namespace {

// midnight-ledger static/version at ledger-8.1.0: the directory the built-ins live under.
constexpr std::string_view kBuiltinVersion = "9";

struct BuiltinPin {
  std::string_view name;  // relative to kBuiltinVersion's directory, e.g. "zswap/spend.prover"
  const char* sha256_hex;
  std::string_view description;
};

// zswap/static/{spend,output,sign}.{prover,verifier,bzkir}.sha256 and
// ledger/static/dust/spend.*.sha256 at tag ledger-8.1.0; the descriptions are the official ones.
constexpr BuiltinPin kBuiltinPins[] = {
    {"zswap/spend.prover", "19d234b5c68b7212ad6b0ec9334a95594748154128f3704eb576bcc843cc5c45",
     "zero-knowledge proving key for Zswap inputs"},
    {"zswap/spend.verifier", "544554effd7ae9fb9063be52a9ec2a986756301071fcd97bb4598fb45a335658",
     "zero-knowledge verifying key for Zswap inputs"},
    {"zswap/spend.bzkir", "7cb5bbcf67cb212a3336fb439a77e8f32f0aa8a56185c8e1247d6cbfc7300205",
     "ZKIR source for Zswap inputs"},
    {"zswap/output.prover", "d992b04f13c3fd432f55fb8bfe6466d87bc181f1a2acf233ec228030bbdd4ed8",
     "zero-knowledge proving key for Zswap outputs"},
    {"zswap/output.verifier", "72e8074856f2f5c504ade25a86a2b8902c64aeb9497c4c8e6b26dea842a0ab08",
     "zero-knowledge verifying key for Zswap outputs"},
    {"zswap/output.bzkir", "91dc8b401dd8385e8d29eaac018c70b578505f48c7952452ef319bc397fa1f1b",
     "ZKIR source for Zswap outputs"},
    {"zswap/sign.prover", "fe7268dd2bdd107f862f881ac3c5bc71a6df77ce80bfed51cf71514648e660e0",
     "zero-knowledge proving key for Zswap signing operations"},
    {"zswap/sign.verifier", "e39a727caa0de167e6dd6122a9e3b758fecf48f9093ab77c0309648de8ce07e1",
     "zero-knowledge verifying key for Zswap signing operations"},
    {"zswap/sign.bzkir", "37ea2094516e145a738126307cf92bd293f7cb524b1ccd49fa6f3225a9ec3a50",
     "ZKIR source for Zswap signing operations"},
    {"dust/spend.prover", "996602da7ca386284e656c78ea03e55bffdba29475e6a67965c50de05e13efc2",
     "zero-knowledge proving key for Dust spends"},
    {"dust/spend.verifier", "3f1569ebcab0655c5c145b28947c74edc4e3f5c6b276e4404b661cf0905b49d3",
     "zero-knowledge verifying key for Dust spends"},
    {"dust/spend.bzkir", "904181287e75b0fb596ba5fcc116c882ee5d28e3115304c93ebd913722ce5841",
     "ZKIR source for Dust spends"},
};

constexpr std::string_view kBuiltinLocations[] = {
    "midnight/zswap/spend",
    "midnight/zswap/output",
    "midnight/zswap/sign",
    "midnight/dust/spend",
};

// Built-in keys are a few MiB; the bound only stops a runaway download.
constexpr uint64_t kMaxBuiltinBytes = uint64_t{1} << 30;

consteval uint8_t hex_value(char c) {
  if (c >= '0' && c <= '9') return static_cast<uint8_t>(c - '0');
  if (c >= 'a' && c <= 'f') return static_cast<uint8_t>(c - 'a' + 10);
  throw "not a lower-case hex digit";
}

// Parsed at compile time, so a malformed pin fails the build.
consteval std::array<Sha256Digest, std::size(kBuiltinPins)> parse_builtin_pins() {
  std::array<Sha256Digest, std::size(kBuiltinPins)> out{};
  for (size_t p = 0; p < out.size(); ++p) {
    const char* hex = kBuiltinPins[p].sha256_hex;
    for (size_t i = 0; i < 32; ++i) {
      out[p][i] = static_cast<uint8_t>(hex_value(hex[2 * i]) << 4 | hex_value(hex[2 * i + 1]));
    }
    if (hex[64] != '\0') throw "a pin is not 64 hex digits";
  }
  return out;
}

constexpr std::array<Sha256Digest, std::size(kBuiltinPins)> kBuiltinDigests = parse_builtin_pins();

std::optional<Artifact> find_srs(std::string_view name) {
  constexpr std::string_view kPrefix = "bls_midnight_2p";
  if (!name.starts_with(kPrefix)) return std::nullopt;
  std::string_view digits = name.substr(kPrefix.size());
  // Canonical decimal only: "05" or "" must not alias another file name.
  if (digits.empty() || digits.size() > 2 || (digits.size() == 2 && digits[0] == '0')) {
    return std::nullopt;
  }
  uint32_t k = 0;
  for (char c : digits) {
    if (c < '0' || c > '9') return std::nullopt;
    k = k * 10 + static_cast<uint32_t>(c - '0');
  }
  std::optional<Sha256Digest> pin = kzg::official_srs_sha256(k);
  if (k > kMaxSrsK || !pin) return std::nullopt;
  return Artifact{std::string(name), *pin, "public parameters for k=" + std::to_string(k),
                  kzg::params_file_size(k)};
}

}  // namespace

std::string srs_artifact_name(uint32_t k) { return "bls_midnight_2p" + std::to_string(k); }

std::optional<Artifact> find_artifact(std::string_view name) {
  if (std::optional<Artifact> srs = find_srs(name)) return srs;
  for (size_t i = 0; i < std::size(kBuiltinPins); ++i) {
    const BuiltinPin& pin = kBuiltinPins[i];
    const size_t slash = pin.name.find('/');
    const std::string full = std::string(pin.name.substr(0, slash)) + "/" +
                             std::string(kBuiltinVersion) + std::string(pin.name.substr(slash));
    if (full == name) {
      return Artifact{full, kBuiltinDigests[i], std::string(pin.description), kMaxBuiltinBytes};
    }
  }
  return std::nullopt;
}

std::span<const std::string_view> builtin_key_locations() { return kBuiltinLocations; }

std::optional<std::string> builtin_key_root(std::string_view key_location) {
  constexpr std::string_view kPrefix = "midnight/";
  for (std::string_view location : kBuiltinLocations) {
    if (location != key_location) continue;
    std::string_view rest = location.substr(kPrefix.size());  // "zswap/spend"
    const size_t slash = rest.find('/');
    return std::string(rest.substr(0, slash)) + "/" + std::string(kBuiltinVersion) +
           std::string(rest.substr(slash));
  }
  return std::nullopt;
}

}  // namespace nightjar::params
