#include <chrono>
#include <cstdio>
#include <optional>
#include <string>
#include <vector>

#include "attest/evidence_file.h"
#include "attest/platform.h"
#include "attest/policy.h"
#include "attest/utc_time.h"
#include "attest/verify_evidence.h"
#include "cli/commands.h"

namespace nightjar::cli {

// Prints the verdict as JSON on stdout; exit code 0 when accepted, 1 when refused, 2 when the
// arguments or the file are unusable.
int run_attest_verify_file(const std::string& platform, const std::string& evidence_path,
                           const std::string& at_time_iso8601, bool allow_debug) {
  std::optional<attest::Platform> p = attest::platform_from_name(platform);
  if (!p) {
    std::fprintf(stderr,
                 "error: unknown platform '%s' (nitro, sev-snp, azure, tdx, tpm, gcp, none)\n",
                 platform.c_str());
    return 2;
  }
  attest::VerifyContext context{.now = std::chrono::system_clock::now()};
  if (!at_time_iso8601.empty()) {
    Result<attest::TimePoint> at = attest::parse_utc_time(at_time_iso8601);
    if (!at.is_ok()) {
      std::fprintf(stderr, "error: --at: %s\n", at.status().message().c_str());
      return 2;
    }
    context.now = *at;
  }
  Result<std::vector<uint8_t>> contents = attest::read_evidence_file(evidence_path);
  if (!contents.is_ok()) {
    std::fprintf(stderr, "error: %s\n", contents.status().message().c_str());
    return 2;
  }
  // Evidence in a file was produced for someone else's nonce and TLS key: there is no binding to
  // check, and the verdict says so.
  attest::Policy policy;
  policy.require_binding = false;
  policy.allow_debug = allow_debug;
  attest::Verdict verdict = attest::verify_evidence(*p, *contents, policy, context);
  std::printf("%s\n", attest::verdict_json(verdict).c_str());
  return verdict.accepted() ? 0 : 1;
}

}  // namespace nightjar::cli
