#include <chrono>
#include <cstdio>
#include <optional>
#include <string>

#include "base/hex.h"
#include "base/sha256.h"
#include "cli/commands.h"
#include "pcs/kzg/srs_derive.h"
#include "pcs/kzg/srs_pins.h"

namespace nightjar::cli {

int run_params_derive(const std::string& in, uint32_t k, const std::string& out) {
  auto start = std::chrono::steady_clock::now();
  Status status = kzg::derive_params(in, k, out);
  if (!status.is_ok()) {
    std::fprintf(stderr, "error: %s\n", status.message().c_str());
    return 1;
  }
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  Result<Sha256Digest> digest = sha256_file(out);
  if (!digest.is_ok()) {
    std::fprintf(stderr, "error: %s\n", digest.status().message().c_str());
    return 1;
  }
  std::optional<Sha256Digest> pin = kzg::official_srs_sha256(k);
  bool matches = pin.has_value() && *pin == *digest;
  std::printf("derived: %s (k = %u) from %s in %.2f s\n", out.c_str(), k, in.c_str(), seconds);
  std::printf("sha256: %s\n", to_hex(*digest).c_str());
  std::printf("official sha256: %s\n", pin ? to_hex(*pin).c_str() : "none for this k");
  std::printf("matches official: %s\n", matches ? "yes" : "NO");
  return matches ? 0 : 1;
}

}  // namespace nightjar::cli
