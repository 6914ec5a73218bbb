#include <chrono>
#include <cstdio>
#include <optional>
#include <string>
#include <vector>

#include "attest/attestation_document.h"
#include "attest/binding.h"
#include "attest/document_verifier.h"
#include "attest/evidence_file.h"
#include "attest/policy_file.h"
#include "attest/remote_verifier.h"
#include "attest/utc_time.h"
#include "attest/x509.h"
#include "base/hex.h"
#include "cli/commands.h"

namespace nightjar::cli {
namespace {

int usage_error(const std::string& message) {
  std::fprintf(stderr, "error: %s\n", message.c_str());
  return 2;
}

// Prints the verdict on stdout and, when refused, every failed check on stderr.
int report(const attest::Verdict& verdict) {
  std::printf("%s\n", attest::verdict_json(verdict).c_str());
  if (verdict.accepted()) {
    std::fprintf(stderr, "accepted: %s\n",
                 std::string(attest::platform_name(verdict.platform)).c_str());
    for (const std::string& note : verdict.notes) std::fprintf(stderr, "note: %s\n", note.c_str());
    return 0;
  }
  std::fprintf(stderr, "refused:\n");
  for (const attest::Check& c : verdict.checks) {
    if (!c.ok) std::fprintf(stderr, "  %s: %s\n", c.name.c_str(), c.reason.c_str());
  }
  if (verdict.checks.empty()) std::fprintf(stderr, "  nothing was verified\n");
  return 1;
}

}  // namespace

int run_attest_verify(const AttestVerifyArgs& args) {
  if (args.url.empty() == args.evidence.empty()) {
    return usage_error("give exactly one of --url and --evidence");
  }
  if (!args.url.empty() && !args.at.empty()) {
    return usage_error("--at judges stored evidence; a live server is judged now");
  }
  attest::Policy policy;
  if (!args.policy.empty()) {
    Result<std::vector<uint8_t>> text = attest::read_evidence_file(args.policy);
    if (!text.is_ok()) return usage_error(text.status().message());
    Result<attest::Policy> parsed = attest::parse_policy(
        std::string_view(reinterpret_cast<const char*>(text->data()), text->size()));
    if (!parsed.is_ok()) return usage_error(args.policy + ": " + parsed.status().message());
    policy = std::move(parsed).value();
  }
  policy.allow_debug |= args.allow_debug;
  policy.allow_unpinned_ak |= args.allow_unpinned_ak;

  std::vector<attest::Certificate> certificates;
  for (const std::string& path : args.certs) {
    Result<std::vector<uint8_t>> pem = attest::read_evidence_file(path);
    if (!pem.is_ok()) return usage_error(pem.status().message());
    Result<std::vector<attest::Certificate>> parsed = attest::certificates_from_pem(
        std::string_view(reinterpret_cast<const char*>(pem->data()), pem->size()));
    if (!parsed.is_ok()) return usage_error(path + ": " + parsed.status().message());
    certificates.insert(certificates.end(), parsed->begin(), parsed->end());
  }
  std::optional<attest::Nonce> nonce;
  if (!args.nonce.empty()) {
    Result<attest::Nonce> n = attest::nonce_from_hex(args.nonce);
    if (!n.is_ok()) return usage_error("--nonce: " + n.status().message());
    nonce = *n;
  }

  if (!args.url.empty()) {
    const attest::Nonce sent = nonce.value_or(attest::random_nonce());
    attest::RemoteVerification r = attest::verify_remote(args.url, sent, certificates, policy,
                                                         attest::TrustAnchors::production());
    std::fprintf(stderr,
                 "nonce %s; round trip %.1f ms (TLS connect %.1f, /attestation %.1f, verify "
                 "%.1f)\n",
                 to_hex(sent).c_str(), r.total_ms, r.connect_ms, r.request_ms, r.verify_ms);
    return report(r.verdict);
  }

  attest::VerifyContext context{.now = std::chrono::system_clock::now()};
  if (!args.at.empty()) {
    Result<attest::TimePoint> at = attest::parse_utc_time(args.at);
    if (!at.is_ok()) return usage_error("--at: " + at.status().message());
    context.now = *at;
  }
  Result<std::vector<uint8_t>> contents = attest::read_evidence_file(args.evidence);
  if (!contents.is_ok()) return usage_error(contents.status().message());
  // Stored evidence was made for a nonce and a TLS key this process never saw: the binding is
  // checked only against what the caller asserts (--nonce) or the document's own fields.
  policy.require_binding = false;
  attest::Expectations expect{nonce, std::nullopt};
  return report(attest::verify_evidence_contents(*contents, certificates, expect, policy, context));
}

}  // namespace nightjar::cli
