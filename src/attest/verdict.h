// Verdict: what a verifier concluded about one piece of evidence, check by check.
//
// Representation: the platform, the debug state read from the evidence (never assumed), the
// measurements (name -> lower-case hex, in evidence order: "PCR0", "MEASUREMENT", "MRTD"...),
// other claims worth showing, every check that ran with its outcome and reason, and notes on what
// was deliberately not checked. Checks that do not depend on each other all run, so one verdict
// explains every problem at once.
//
// Invariant: accepted() is true only if at least one check ran and every check passed; a verifier
// that stops early (unparseable evidence) records a failed check, so it can never accept.
// Plain value; not synchronised.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "attest/platform.h"
#include "base/status.h"

namespace nightjar::attest {

// kUnknown when the evidence cannot say (TPM-only evidence); policies treat it as debug.
enum class DebugState { kOff, kOn, kUnknown };

std::string_view debug_state_name(DebugState state);

struct Check {
  std::string name;
  bool ok = false;
  std::string reason;
};

struct Verdict {
  Platform platform = Platform::kNone;
  DebugState debug = DebugState::kUnknown;
  std::vector<std::pair<std::string, std::string>> measurements;
  std::vector<std::pair<std::string, std::string>> claims;
  std::vector<Check> checks;
  std::vector<std::string> notes;

  bool accepted() const;
  // The first check of that name, or nullptr.
  const Check* find(std::string_view name) const;
  // The measurement's hex value, or an empty view.
  std::string_view measurement(std::string_view name) const;

  void pass(std::string name, std::string reason);
  void fail(std::string name, std::string reason);
  // pass() with `ok_reason` when `status` is OK, else fail() with its message.
  void record(std::string name, const Status& status, std::string ok_reason);
  void add_measurement(std::string name, std::span<const uint8_t> value);
  void add_claim(std::string name, std::string value);
};

// "0x" and 16 hex digits: how 64-bit fields (policies, TCB versions, attributes) are shown.
std::string hex_u64(uint64_t value);

// {"platform", "accepted", "debug", "measurements", "claims", "checks": [{"name", "result":
// "ok"|"failed", "reason"}], "notes"}, indented by `indent` spaces (-1: one line).
std::string verdict_json(const Verdict& verdict, int indent = 2);

}  // namespace nightjar::attest
