#include "attest/verdict.h"

#include <cstdio>
#include <nlohmann/json.hpp>

#include "base/hex.h"

namespace nightjar::attest {

std::string_view debug_state_name(DebugState state) {
  switch (state) {
    case DebugState::kOff:
      return "off";
    case DebugState::kOn:
      return "on";
    case DebugState::kUnknown:
      return "unknown";
  }
  return "unknown";
}

std::string hex_u64(uint64_t value) {
  char buffer[19];
  std::snprintf(buffer, sizeof(buffer), "0x%016llx", static_cast<unsigned long long>(value));
  return buffer;
}

bool Verdict::accepted() const {
  if (checks.empty()) return false;
  for (const Check& c : checks) {
    if (!c.ok) return false;
  }
  return true;
}

const Check* Verdict::find(std::string_view name) const {
  for (const Check& c : checks) {
    if (c.name == name) return &c;
  }
  return nullptr;
}

std::string_view Verdict::measurement(std::string_view name) const {
  for (const auto& [n, value] : measurements) {
    if (n == name) return value;
  }
  return {};
}

void Verdict::pass(std::string name, std::string reason) {
  checks.push_back({std::move(name), true, std::move(reason)});
}

void Verdict::fail(std::string name, std::string reason) {
  checks.push_back({std::move(name), false, std::move(reason)});
}

void Verdict::record(std::string name, const Status& status, std::string ok_reason) {
  if (status.is_ok()) {
    pass(std::move(name), std::move(ok_reason));
  } else {
    fail(std::move(name), status.message());
  }
}

void Verdict::add_measurement(std::string name, std::span<const uint8_t> value) {
  measurements.emplace_back(std::move(name), to_hex(value));
}

void Verdict::add_claim(std::string name, std::string value) {
  claims.emplace_back(std::move(name), std::move(value));
}

std::string verdict_json(const Verdict& verdict, int indent) {
  nlohmann::ordered_json out;
  out["platform"] = platform_name(verdict.platform);
  out["accepted"] = verdict.accepted();
  out["debug"] = debug_state_name(verdict.debug);
  out["measurements"] = nlohmann::ordered_json::object();
  for (const auto& [name, value] : verdict.measurements) out["measurements"][name] = value;
  out["claims"] = nlohmann::ordered_json::object();
  for (const auto& [name, value] : verdict.claims) out["claims"][name] = value;
  out["checks"] = nlohmann::ordered_json::array();
  for (const Check& c : verdict.checks) {
    out["checks"].push_back(
        {{"name", c.name}, {"result", c.ok ? "ok" : "failed"}, {"reason", c.reason}});
  }
  out["notes"] = verdict.notes;
  // Claims come from untrusted evidence; invalid UTF-8 is replaced rather than thrown on.
  return out.dump(indent, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

}  // namespace nightjar::attest
