#include "attest/nitro_verifier.h"

#include <algorithm>

#include "attest/signature.h"
#include "attest/x509.h"
#include "base/hex.h"

namespace nightjar::attest {
namespace {

bool all_zero(std::span<const uint8_t> bytes) {
  return std::all_of(bytes.begin(), bytes.end(), [](uint8_t b) { return b == 0; });
}

DebugState nitro_debug_state(const NitroDocument& doc) {
  DebugState state = DebugState::kOff;
  for (uint32_t index : {0u, 1u, 2u}) {
    auto it = doc.pcrs.find(index);
    if (it == doc.pcrs.end()) return DebugState::kUnknown;
    if (all_zero(it->second)) state = DebugState::kOn;
  }
  return state;
}

std::string short_hex(const std::vector<uint8_t>& bytes) {
  if (bytes.size() <= 64) return to_hex(bytes);
  return to_hex(std::span(bytes).first(32)) + "... (" + std::to_string(bytes.size()) + " bytes)";
}

Status check_signature(const NitroDocument& doc, const Certificate& leaf) {
  if (doc.cose.algorithm != kCoseAlgEs384) {
    return Status(StatusCode::kFailedPrecondition,
                  "COSE algorithm " + std::to_string(doc.cose.algorithm) + " is not ES384 (-35)");
  }
  if (doc.cose.signature.size() != 96) {
    return Status(StatusCode::kFailedPrecondition, "ES384 signature of " +
                                                       std::to_string(doc.cose.signature.size()) +
                                                       " bytes (want r||s, 96)");
  }
  std::span<const uint8_t> sig = doc.cose.signature;
  return verify_ecdsa(leaf.public_key(), Curve::kP384, HashAlg::kSha384,
                      cose_sig_structure(doc.cose), sig.first(48), sig.last(48));
}

void check_certificates(const NitroDocument& doc, const Certificate& leaf,
                        const VerifyContext& context, Verdict* verdict) {
  std::vector<Certificate> bundle;
  for (size_t i = 0; i < doc.cabundle.size(); ++i) {
    Result<Certificate> cert = Certificate::from_der(doc.cabundle[i]);
    if (!cert.is_ok()) {
      verdict->fail("root", "cabundle[" + std::to_string(i) + "]: " + cert.status().message());
      verdict->fail("chain", "not verified: the cabundle does not parse");
      return;
    }
    bundle.push_back(std::move(cert).value());
  }
  // AWS orders the bundle root first; without one the leaf itself would have to be the root.
  const Certificate& root = bundle.empty() ? leaf : bundle.front();
  if (root.sha256() != context.anchors.aws_nitro_root) {
    verdict->fail("root", "the chain's root " + root.subject() + " (sha256 " +
                              to_hex(root.sha256()) + ") is not the pinned AWS Nitro root");
    verdict->fail("chain", "not verified: the chain does not reach the pinned root");
    return;
  }
  verdict->pass("root", "cabundle[0] is the pinned AWS Nitro root");
  std::span<const Certificate> intermediates =
      bundle.empty() ? std::span<const Certificate>() : std::span(bundle).subspan(1);
  verdict->record("chain", verify_chain(leaf, intermediates, root, context.now),
                  "leaf <- " + std::to_string(intermediates.size()) +
                      " intermediates <- root, valid at " + format_utc_time(context.now));
}

}  // namespace

Verdict verify_nitro_document(const NitroDocument& doc, const Policy& policy,
                              const VerifyContext& context) {
  Verdict verdict;
  verdict.platform = Platform::kNitro;
  verdict.debug = nitro_debug_state(doc);
  for (const auto& [index, value] : doc.pcrs) {
    verdict.add_measurement("PCR" + std::to_string(index), value);
  }
  TimePoint produced = from_unix_millis(doc.timestamp_ms);
  verdict.add_claim("module_id", doc.module_id);
  verdict.add_claim("timestamp", format_utc_time(produced));
  verdict.add_claim("cose_tagged", doc.cose.tagged ? "true" : "false");
  if (doc.user_data) verdict.add_claim("user_data", short_hex(*doc.user_data));
  if (doc.nonce) verdict.add_claim("nonce", short_hex(*doc.nonce));
  if (doc.public_key) verdict.add_claim("public_key", short_hex(*doc.public_key));

  if (doc.digest == "SHA384") {
    verdict.pass("digest", "PCRs are SHA-384");
  } else {
    verdict.fail("digest", "digest '" + doc.digest + "' is not SHA384");
  }

  Result<Certificate> leaf = Certificate::from_der(doc.certificate);
  if (leaf.is_ok()) {
    verdict.record("signature", check_signature(doc, *leaf),
                   "COSE_Sign1 ES384 verifies with the leaf certificate's key");
    check_certificates(doc, *leaf, context, &verdict);
  } else {
    verdict.fail("signature", "leaf certificate: " + leaf.status().message());
    verdict.fail("root", "not verified: no leaf certificate");
    verdict.fail("chain", "not verified: no leaf certificate");
  }

  auto age = std::chrono::abs(context.now - produced);
  if (age <= policy.max_age) {
    verdict.pass("freshness", "produced at " + format_utc_time(produced));
  } else {
    auto seconds = std::chrono::duration_cast<std::chrono::seconds>(age).count();
    verdict.fail("freshness", "produced at " + format_utc_time(produced) + ", " +
                                  std::to_string(seconds) + " s away from " +
                                  format_utc_time(context.now));
  }

  std::span<const uint8_t> binding_field;
  if (doc.user_data) {
    binding_field = *doc.user_data;
  } else if (doc.nonce) {
    binding_field = *doc.nonce;
  }
  apply_policy(policy, context, binding_field, &verdict);
  return verdict;
}

Verdict verify_nitro(std::span<const uint8_t> cose_bytes, const Policy& policy,
                     const VerifyContext& context) {
  Result<NitroDocument> doc = parse_nitro_document(cose_bytes);
  if (doc.is_ok()) return verify_nitro_document(*doc, policy, context);
  Verdict verdict;
  verdict.platform = Platform::kNitro;
  verdict.fail("parse", doc.status().message());
  return verdict;
}

}  // namespace nightjar::attest
