#include "attest/policy_file.h"

#include <nlohmann/json.hpp>

#include "base/hex.h"

namespace nightjar::attest {
namespace {

using Json = nlohmann::json;

constexpr size_t kMaxPolicyBytes = 64 * 1024;

Status bad(const std::string& why) { return invalid_argument("policy: " + why); }

}  // namespace

Result<Policy> parse_policy(std::string_view text) {
  if (text.size() > kMaxPolicyBytes) return bad("larger than 64 KiB");
  Json j = Json::parse(text, nullptr, false);
  if (j.is_discarded() || !j.is_object()) return bad("not a JSON object");
  Policy policy;
  for (const auto& [key, value] : j.items()) {
    if (key == "allowed_platforms") {
      if (!value.is_array()) return bad("\"allowed_platforms\" is not an array");
      policy.allowed_platforms.clear();
      for (const Json& name : value) {
        std::optional<Platform> p =
            name.is_string() ? platform_from_name(name.get<std::string>()) : std::nullopt;
        if (!p) return bad("unknown platform " + name.dump());
        policy.allowed_platforms.insert(*p);
      }
    } else if (key == "allow_debug" || key == "allow_unpinned_ak") {
      if (!value.is_boolean()) return bad("\"" + key + "\" is not true or false");
      (key == "allow_debug" ? policy.allow_debug : policy.allow_unpinned_ak) = value.get<bool>();
    } else if (key == "measurements") {
      if (!value.is_object()) return bad("\"measurements\" is not an object");
      for (const auto& [name, hex] : value.items()) {
        Result<std::vector<uint8_t>> bytes =
            hex.is_string() ? from_hex(hex.get<std::string>()) : invalid_argument("not a string");
        if (!bytes.is_ok() || bytes->empty()) {
          return bad("measurement \"" + name + "\" is not a hex string");
        }
        policy.expected_measurements[name] = std::move(bytes).value();
      }
    } else if (key == "max_age_seconds") {
      if (!value.is_number_unsigned() || value.get<uint64_t>() > 86400 * 365) {
        return bad("\"max_age_seconds\" is not a number of seconds up to a year");
      }
      policy.max_age = std::chrono::seconds(value.get<uint64_t>());
    } else if (key == "snp_vmpl") {
      if (value.is_null()) {
        policy.snp_vmpl.reset();
      } else if (value.is_number_unsigned() && value.get<uint64_t>() <= 3) {
        policy.snp_vmpl = value.get<uint32_t>();
      } else {
        return bad("\"snp_vmpl\" is not 0..3 or null");
      }
    } else if (key == "pinned_attestation_keys") {
      if (!value.is_array()) return bad("\"pinned_attestation_keys\" is not an array");
      for (const Json& hex : value) {
        Result<std::vector<uint8_t>> bytes =
            hex.is_string() ? from_hex(hex.get<std::string>()) : invalid_argument("not a string");
        if (!bytes.is_ok() || bytes->size() != 32) {
          return bad("a pinned attestation key is not 64 hex digits");
        }
        Sha256Digest pin;
        std::copy(bytes->begin(), bytes->end(), pin.begin());
        policy.pinned_attestation_keys.insert(pin);
      }
    } else {
      return bad("unknown setting \"" + key + "\"");
    }
  }
  return policy;
}

}  // namespace nightjar::attest
