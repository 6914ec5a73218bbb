#include "attest/tdx_verifier.h"

#include <openssl/crypto.h>

#include <algorithm>

#include "attest/signature.h"
#include "base/hex.h"

namespace nightjar::attest {
namespace {

Status failed(std::string message) {
  return Status(StatusCode::kFailedPrecondition, std::move(message));
}

Status check_attestation_key(const TdxQuote& q) {
  Sha256 hasher;
  hasher.update(q.attestation_key);
  hasher.update(q.qe_auth_data);
  Sha256Digest expected = hasher.finish();
  std::span<const uint8_t> data = q.qe_report_data();
  if (CRYPTO_memcmp(data.data(), expected.data(), expected.size()) != 0 ||
      !std::all_of(data.begin() + 32, data.end(), [](uint8_t b) { return b == 0; })) {
    return failed("the QE report does not vouch for the attestation key");
  }
  return Status::ok();
}

Status check_quote_signature(const TdxQuote& q) {
  Result<PublicKey> key = p256_public_key(q.attestation_key);
  if (!key.is_ok()) return failed("attestation key: " + key.status().message());
  std::span<const uint8_t> sig = q.signature;
  return verify_ecdsa(*key, Curve::kP256, HashAlg::kSha256, q.signed_bytes(), sig.first(32),
                      sig.last(32));
}

void check_pck(const TdxQuote& q, const VerifyContext& context, Verdict* verdict) {
  const Certificate& leaf = q.pck_chain.front();
  std::span<const uint8_t> qe_sig = q.qe_report_signature;
  verdict->record("qe_report",
                  verify_ecdsa(leaf.public_key(), Curve::kP256, HashAlg::kSha256, q.qe_report,
                               qe_sig.first(32), qe_sig.last(32)),
                  "the PCK certificate's key signed the QE report");
  const Certificate* root = nullptr;
  std::vector<Certificate> intermediates;
  for (const Certificate& c : std::span(q.pck_chain).subspan(1)) {
    if (root == nullptr && c.sha256() == context.anchors.intel_sgx_root) {
      root = &c;
    } else {
      intermediates.push_back(c);
    }
  }
  if (root == nullptr) {
    verdict->fail("root", "the PCK chain does not contain the pinned Intel SGX Root CA");
    verdict->fail("chain", "not verified: the chain does not reach the pinned root");
    return;
  }
  verdict->pass("root", "the PCK chain ends at the pinned Intel SGX Root CA");
  verdict->record("chain", verify_chain(leaf, intermediates, *root, context.now),
                  "PCK <- " + std::to_string(intermediates.size()) +
                      " intermediates <- Intel SGX Root CA, valid at " +
                      format_utc_time(context.now));
}

}  // namespace

Verdict verify_tdx(std::span<const uint8_t> quote_bytes, const Policy& policy,
                   const VerifyContext& context) {
  Verdict verdict;
  verdict.platform = Platform::kTdx;
  Result<TdxQuote> quote = parse_tdx_quote(quote_bytes);
  if (!quote.is_ok()) {
    verdict.fail("parse", quote.status().message());
    return verdict;
  }
  const TdxQuote& q = *quote;
  verdict.debug = q.debug() ? DebugState::kOn : DebugState::kOff;
  verdict.add_measurement("MRTD", q.mr_td);
  for (size_t i = 0; i < q.rtmr.size(); ++i) {
    verdict.add_measurement("RTMR" + std::to_string(i), q.rtmr[i]);
  }
  verdict.add_measurement("MRCONFIGID", q.mr_config_id);
  verdict.add_measurement("MROWNER", q.mr_owner);
  verdict.add_measurement("MROWNERCONFIG", q.mr_owner_config);
  verdict.add_measurement("MRSEAM", q.mr_seam);
  verdict.add_claim("td_attributes", hex_u64(q.td_attributes));
  verdict.add_claim("xfam", hex_u64(q.xfam));
  verdict.add_claim("tee_tcb_svn", to_hex(q.tee_tcb_svn));
  verdict.add_claim("qe_vendor_id", to_hex(q.qe_vendor_id));
  verdict.add_claim("report_data", to_hex(q.report_data));
  verdict.add_claim("pck_subject", q.pck_chain.front().subject());

  check_pck(q, context, &verdict);
  verdict.record("attestation_key", check_attestation_key(q),
                 "the QE report vouches for the attestation key");
  verdict.record("signature", check_quote_signature(q),
                 "ECDSA P-256 over header and TD body verifies with the attestation key");
  apply_policy(policy, context, std::span(q.report_data).first(32), &verdict);
  verdict.notes.push_back(
      "TCB status (Intel PCS TCB Info, QE Identity, CRLs) not evaluated: a quote does not carry "
      "that collateral");
  return verdict;
}

}  // namespace nightjar::attest
