#include "server/request_id.h"

#include <atomic>
#include <cstdint>
#include <cstdio>
#include <random>

namespace nightjar::server {

bool acceptable_request_id(std::string_view id) {
  if (id.empty() || id.size() > 64) return false;
  for (char c : id) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    c == '.' || c == '_' || c == '-';
    if (!ok) return false;
  }
  return true;
}

std::string assign_request_id(std::string_view offered) {
  if (acceptable_request_id(offered)) return std::string(offered);
  static const uint32_t prefix = std::random_device{}();
  static std::atomic<uint64_t> counter{0};
  char buf[32];
  std::snprintf(buf, sizeof buf, "%08x-%llu", prefix,
                static_cast<unsigned long long>(counter.fetch_add(1) + 1));
  return buf;
}

}  // namespace nightjar::server
