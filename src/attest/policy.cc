#include "attest/policy.h"

#include "attest/binding.h"
#include "base/hex.h"

namespace nightjar::attest {

namespace {

void apply_debug(const Policy& policy, Verdict* verdict) {
  switch (verdict->debug) {
    case DebugState::kOff:
      verdict->pass("debug", "the evidence says the TEE is not in debug mode");
      break;
    case DebugState::kOn:
      if (policy.allow_debug) {
        verdict->pass("debug", "debug TEE, allowed by the policy");
      } else {
        verdict->fail("debug", "the TEE runs in debug mode: its memory is readable by the host");
      }
      break;
    case DebugState::kUnknown:
      if (policy.allow_debug) {
        verdict->pass("debug", "debug state unknown, allowed by the policy");
      } else {
        verdict->fail("debug", "the evidence cannot show that debug mode is off");
      }
      break;
  }
}

}  // namespace

void apply_policy(const Policy& policy, const VerifyContext& context,
                  std::span<const uint8_t> binding_field, Verdict* verdict) {
  const std::string name(platform_name(verdict->platform));
  if (policy.allowed_platforms.count(verdict->platform) != 0) {
    verdict->pass("platform", name + " is allowed by the policy");
  } else {
    verdict->fail("platform", name + " is not allowed by the policy");
  }

  // Without a TEE there is no debug mode to be in: the operator can read memory regardless, and
  // the platform check above is the whole decision.
  if (verdict->platform == Platform::kNone || verdict->platform == Platform::kTpm) {
    if (policy.allowed_platforms.count(verdict->platform) != 0) {
      verdict->pass("debug", "no TEE, so no debug mode: the operator can read the server's memory");
    } else {
      verdict->fail("debug", "no TEE: the operator can read the server's memory");
    }
  } else {
    apply_debug(policy, verdict);
  }

  for (const auto& [measurement, expected] : policy.expected_measurements) {
    std::string_view actual = verdict->measurement(measurement);
    std::string want = to_hex(expected);
    if (actual.empty()) {
      verdict->fail("measurement " + measurement, "the evidence has no " + measurement);
    } else if (actual != want) {
      verdict->fail("measurement " + measurement,
                    "is " + std::string(actual) + ", the policy expects " + want);
    } else {
      verdict->pass("measurement " + measurement, "matches the policy");
    }
  }

  if (context.binding.has_value()) {
    verdict->record("binding", check_binding(binding_field, *context.binding),
                    "the evidence is bound to this nonce and TLS key");
  } else if (policy.require_binding) {
    verdict->fail("binding", "no nonce and TLS key to check the evidence against");
  } else {
    verdict->notes.push_back("binding to a nonce and TLS key not checked (offline inspection)");
  }
}

}  // namespace nightjar::attest
