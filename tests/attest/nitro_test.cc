#include <gtest/gtest.h>

#include <random>

#include "attest/binding.h"
#include "attest/evidence_file.h"
#include "attest/nitro_document.h"
#include "attest/nitro_verifier.h"
#include "base/hex.h"
#include "tests/attest/attest_vectors.h"
#include "tests/attest/nitro_forge.h"

namespace nightjar::attest {
namespace {

using testing::check_failed;
using testing::check_ok;
using testing::reason;
using testing::utc;
using testing::vector_path;

// The moments the public documents were produced (blocky/nitrite internal/testdata.go).
constexpr const char* kDocumentTime = "2024-09-07T14:37:39.545Z";
constexpr const char* kDebugDocumentTime = "2024-09-07T14:38:06.508Z";
constexpr const char* kSelfSignedTime = "2024-04-17T18:51:46Z";

std::vector<uint8_t> load_b64(const char* name) {
  Result<std::vector<uint8_t>> doc =
      decode_if_base64(testing::read_bytes(vector_path(std::string("nitro/") + name)));
  NIGHTJAR_CHECK(doc.is_ok());
  return std::move(doc).value();
}

// Offline inspection: the public documents were made for someone else's nonce.
Policy offline_policy() {
  Policy policy;
  policy.require_binding = false;
  return policy;
}

VerifyContext at(const char* time) { return VerifyContext{.now = utc(time)}; }

TEST(NitroVectors, ParsesTheRealDocument) {
  NIGHTJAR_REQUIRE_VECTOR(vector_path("nitro/nitro_attestation.b64"));
  Result<NitroDocument> doc = parse_nitro_document(load_b64("nitro_attestation.b64"));
  ASSERT_TRUE(doc.is_ok()) << doc.status().message();
  EXPECT_FALSE(doc->cose.tagged);
  EXPECT_EQ(doc->cose.algorithm, kCoseAlgEs384);
  EXPECT_EQ(doc->module_id, "i-0a22e5c5f24d22174-enc0191cceb4289903f");
  EXPECT_EQ(doc->digest, "SHA384");
  EXPECT_EQ(doc->timestamp_ms, 1725719859545u);
  EXPECT_EQ(doc->pcrs.size(), 16u);
  EXPECT_EQ(doc->pcrs.at(0).size(), 48u);
  EXPECT_EQ(doc->cabundle.size(), 4u);
  ASSERT_TRUE(doc->user_data && doc->nonce && doc->public_key);
  EXPECT_EQ(*doc->nonce, std::vector<uint8_t>(1024, 0x01));
  EXPECT_EQ(*doc->user_data, std::vector<uint8_t>(1024, 0x01));
}

TEST(NitroVectors, PinnedRootIsTheCabundleRootOfTheRealDocument) {
  NIGHTJAR_REQUIRE_VECTOR(vector_path("nitro/nitro_attestation.b64"));
  Result<NitroDocument> doc = parse_nitro_document(load_b64("nitro_attestation.b64"));
  ASSERT_TRUE(doc.is_ok());
  Sha256Digest root = sha256(doc->cabundle.front());
  EXPECT_EQ(root, TrustAnchors::production().aws_nitro_root);
  std::string hex = to_hex(TrustAnchors::production().aws_nitro_root);
  EXPECT_EQ(hex.substr(0, 8), "641a0321");
  EXPECT_EQ(hex.substr(60), "bb5b");
}

TEST(NitroVectors, RealDocumentVerifiesAtItsOwnTime) {
  NIGHTJAR_REQUIRE_VECTOR(vector_path("nitro/nitro_attestation.b64"));
  Verdict v = verify_nitro(load_b64("nitro_attestation.b64"), offline_policy(), at(kDocumentTime));
  EXPECT_TRUE(v.accepted()) << verdict_json(v);
  EXPECT_TRUE(check_ok(v, "signature"));
  EXPECT_TRUE(check_ok(v, "root"));
  EXPECT_TRUE(check_ok(v, "chain"));
  EXPECT_TRUE(check_ok(v, "freshness"));
  EXPECT_EQ(v.debug, DebugState::kOff);
  EXPECT_EQ(v.measurement("PCR0").substr(0, 16), "e72a46ca80a260fb");
}

TEST(NitroVectors, RealDocumentIsRefusedAtThePresentTime) {
  NIGHTJAR_REQUIRE_VECTOR(vector_path("nitro/nitro_attestation.b64"));
  Verdict v =
      verify_nitro(load_b64("nitro_attestation.b64"), offline_policy(), at("2026-01-01T00:00:00Z"));
  EXPECT_FALSE(v.accepted());
  EXPECT_TRUE(check_ok(v, "signature"));
  EXPECT_TRUE(check_ok(v, "root"));
  EXPECT_TRUE(check_failed(v, "chain"));
  EXPECT_NE(reason(v, "chain").find("expired"), std::string::npos) << reason(v, "chain");
  EXPECT_TRUE(check_failed(v, "freshness"));
  // And at the real present, whenever the test runs.
  Verdict now = verify_nitro(load_b64("nitro_attestation.b64"), offline_policy(),
                             VerifyContext{.now = std::chrono::system_clock::now()});
  EXPECT_FALSE(now.accepted());
  EXPECT_TRUE(check_failed(now, "chain"));
}

TEST(NitroVectors, ChainIsJudgedAtTheVerificationTimeNotTheDocumentTimestamp) {
  NIGHTJAR_REQUIRE_VECTOR(vector_path("nitro/nitro_attestation.b64"));
  // Four hours later the leaf (three-hour life) has expired, whatever the document says.
  Policy policy = offline_policy();
  policy.max_age = std::chrono::hours(24);
  Verdict v = verify_nitro(load_b64("nitro_attestation.b64"), policy, at("2024-09-07T18:40:00Z"));
  EXPECT_TRUE(check_ok(v, "freshness"));
  EXPECT_TRUE(check_failed(v, "chain"));
  EXPECT_FALSE(v.accepted());
}

TEST(NitroVectors, DebugDocumentChainVerifiesButIsRefusedAsDebug) {
  NIGHTJAR_REQUIRE_VECTOR(vector_path("nitro/nitro_attestation_debug.b64"));
  std::vector<uint8_t> doc = load_b64("nitro_attestation_debug.b64");
  Verdict v = verify_nitro(doc, offline_policy(), at(kDebugDocumentTime));
  EXPECT_FALSE(v.accepted());
  EXPECT_EQ(v.debug, DebugState::kOn);
  EXPECT_TRUE(check_ok(v, "signature"));
  EXPECT_TRUE(check_ok(v, "root"));
  EXPECT_TRUE(check_ok(v, "chain"));
  EXPECT_TRUE(check_failed(v, "debug"));
  // PCR4 (the parent instance) is not zero in a debug enclave: debug must not need all zeros.
  EXPECT_NE(v.measurement("PCR4"), std::string(96, '0'));

  Policy lenient = offline_policy();
  lenient.allow_debug = true;
  EXPECT_TRUE(verify_nitro(doc, lenient, at(kDebugDocumentTime)).accepted());
}

TEST(NitroVectors, SelfSignedDocumentIsRefusedForItsRoot) {
  NIGHTJAR_REQUIRE_VECTOR(vector_path("nitro/selfsigned_attestation.b64"));
  Verdict v =
      verify_nitro(load_b64("selfsigned_attestation.b64"), offline_policy(), at(kSelfSignedTime));
  EXPECT_FALSE(v.accepted());
  EXPECT_TRUE(check_failed(v, "root")) << verdict_json(v);
  EXPECT_NE(reason(v, "root").find("not the pinned AWS Nitro root"), std::string::npos);
}

TEST(NitroVectors, Tag18IsAcceptedAndOtherTagsAreNot) {
  NIGHTJAR_REQUIRE_VECTOR(vector_path("nitro/nitro_attestation.b64"));
  std::vector<uint8_t> doc = load_b64("nitro_attestation.b64");
  std::vector<uint8_t> tagged = {0xd2};
  tagged.insert(tagged.end(), doc.begin(), doc.end());
  Verdict v = verify_nitro(tagged, offline_policy(), at(kDocumentTime));
  EXPECT_TRUE(v.accepted()) << verdict_json(v);

  // The same tag in its two-byte form.
  tagged = {0xd8, 0x12};
  tagged.insert(tagged.end(), doc.begin(), doc.end());
  EXPECT_TRUE(verify_nitro(tagged, offline_policy(), at(kDocumentTime)).accepted());

  std::vector<uint8_t> other = {0xd8, 0x62};  // tag 98, COSE_Sign
  other.insert(other.end(), doc.begin(), doc.end());
  EXPECT_TRUE(check_failed(verify_nitro(other, offline_policy(), at(kDocumentTime)), "parse"));
  std::vector<uint8_t> twice = {0xd2, 0xd2};
  twice.insert(twice.end(), doc.begin(), doc.end());
  EXPECT_TRUE(check_failed(verify_nitro(twice, offline_policy(), at(kDocumentTime)), "parse"));
}

TEST(NitroVectors, FlippedSignatureByteIsRefused) {
  NIGHTJAR_REQUIRE_VECTOR(vector_path("nitro/nitro_attestation.b64"));
  std::vector<uint8_t> doc = load_b64("nitro_attestation.b64");
  doc[doc.size() - 10] ^= 0x01;
  Verdict v = verify_nitro(doc, offline_policy(), at(kDocumentTime));
  EXPECT_FALSE(v.accepted());
  EXPECT_TRUE(check_failed(v, "signature"));
  EXPECT_TRUE(check_ok(v, "chain"));
}

TEST(NitroVectors, FlippedPayloadByteIsRefused) {
  NIGHTJAR_REQUIRE_VECTOR(vector_path("nitro/nitro_attestation.b64"));
  std::vector<uint8_t> doc = load_b64("nitro_attestation.b64");
  // Inside the module_id text ("i-0a22e5c5f24d22174..."), so the payload still parses.
  ASSERT_EQ(doc[0x1a], 'a');
  doc[0x1a] = 'b';
  Verdict v = verify_nitro(doc, offline_policy(), at(kDocumentTime));
  EXPECT_FALSE(v.accepted());
  EXPECT_TRUE(check_failed(v, "signature"));
}

TEST(NitroVectors, FlippedChainByteIsRefused) {
  NIGHTJAR_REQUIRE_VECTOR(vector_path("nitro/nitro_attestation.b64"));
  std::vector<uint8_t> doc = load_b64("nitro_attestation.b64");
  Result<NitroDocument> parsed = parse_nitro_document(doc);
  ASSERT_TRUE(parsed.is_ok());
  // The last bytes of the zonal certificate (cabundle[2]) are its signature.
  const std::vector<uint8_t>& zonal = parsed->cabundle[2];
  auto at_cert = std::search(doc.begin(), doc.end(), zonal.begin(), zonal.end());
  ASSERT_NE(at_cert, doc.end());
  *(at_cert + static_cast<ptrdiff_t>(zonal.size()) - 5) ^= 0x01;
  Verdict v = verify_nitro(doc, offline_policy(), at(kDocumentTime));
  EXPECT_FALSE(v.accepted());
  EXPECT_TRUE(check_failed(v, "chain")) << verdict_json(v);
}

TEST(NitroVectors, RealDocumentIsNotBoundToOurNonceAndKey) {
  NIGHTJAR_REQUIRE_VECTOR(vector_path("nitro/nitro_attestation.b64"));
  VerifyContext context = at(kDocumentTime);
  context.binding = binding_digest(Nonce{1, 2, 3}, sha256(std::vector<uint8_t>{4, 5, 6}));
  Verdict v = verify_nitro(load_b64("nitro_attestation.b64"), Policy{}, context);
  EXPECT_FALSE(v.accepted());
  EXPECT_TRUE(check_failed(v, "binding"));
  // And a policy that requires a binding refuses when none is given.
  EXPECT_TRUE(check_failed(
      verify_nitro(load_b64("nitro_attestation.b64"), Policy{}, at(kDocumentTime)), "binding"));
}

TEST(NitroVectors, EveryTruncationIsRefusedCleanly) {
  NIGHTJAR_REQUIRE_VECTOR(vector_path("nitro/nitro_attestation.b64"));
  std::vector<uint8_t> doc = load_b64("nitro_attestation.b64");
  for (size_t n = 0; n < doc.size(); ++n) {
    Result<NitroDocument> parsed = parse_nitro_document(std::span(doc).first(n));
    ASSERT_FALSE(parsed.is_ok()) << "prefix of " << n << " bytes parsed";
  }
}

TEST(NitroVectors, RandomByteFlipsNeverCrashAndAreRefused) {
  NIGHTJAR_REQUIRE_VECTOR(vector_path("nitro/nitro_attestation.b64"));
  std::vector<uint8_t> doc = load_b64("nitro_attestation.b64");
  std::mt19937 rng(8);
  // Byte 6 is the unprotected header, which COSE leaves unsigned.
  constexpr size_t kUnprotected = 6;
  ASSERT_EQ(doc[kUnprotected], 0xa0);
  for (int i = 0; i < 1500; ++i) {
    std::vector<uint8_t> mutated = doc;
    size_t at_byte = rng() % mutated.size();
    mutated[at_byte] ^= static_cast<uint8_t>(1 + rng() % 255);
    Verdict v = verify_nitro(mutated, offline_policy(), at(kDocumentTime));
    if (at_byte != kUnprotected) EXPECT_FALSE(v.accepted()) << "flip at " << at_byte;
  }
}

// The remaining tests sign their own documents, so that one check at a time can be the only one
// that fails.
class ForgedNitro : public ::testing::Test {
 protected:
  ForgedNitro() : now_(utc("2025-06-01T12:00:00Z")), pki_(testing::make_nitro_pki(now_)) {
    anchors_.aws_nitro_root = pki_.root.sha256();
    nonce_ = Nonce{0x10, 0x20, 0x30};
    spki_ = sha256(std::vector<uint8_t>{0xaa, 0xbb});
  }

  testing::NitroFields fields() const {
    testing::NitroFields f;
    f.timestamp_ms = static_cast<uint64_t>(
        std::chrono::duration_cast<std::chrono::milliseconds>(now_.time_since_epoch()).count());
    f.pcrs = testing::nitro_pcrs(0x5a);
    Sha256Digest bind = binding_digest(nonce_, spki_);
    f.user_data = std::vector<uint8_t>(bind.begin(), bind.end());
    f.nonce = std::vector<uint8_t>(nonce_.begin(), nonce_.end());
    return f;
  }

  VerifyContext context(const Nonce& nonce, const Sha256Digest& spki) const {
    return VerifyContext{.now = now_, .binding = binding_digest(nonce, spki), .anchors = anchors_};
  }
  VerifyContext context() const { return context(nonce_, spki_); }

  Verdict verify(const testing::NitroFields& f, const Policy& policy = {}) const {
    return verify_nitro(testing::forge_nitro_document(f, pki_), policy, context());
  }

  TimePoint now_;
  testing::NitroTestPki pki_;
  TrustAnchors anchors_ = TrustAnchors::production();
  Nonce nonce_;
  Sha256Digest spki_;
};

TEST_F(ForgedNitro, PassesOnlyWhenItsOwnRootIsPinned) {
  std::vector<uint8_t> doc = testing::forge_nitro_document(fields(), pki_);
  EXPECT_TRUE(verify_nitro(doc, Policy{}, context()).accepted())
      << verdict_json(verify_nitro(doc, Policy{}, context()));
  VerifyContext production = context();
  production.anchors = TrustAnchors::production();
  Verdict v = verify_nitro(doc, Policy{}, production);
  EXPECT_FALSE(v.accepted());
  EXPECT_TRUE(check_failed(v, "root"));
}

TEST_F(ForgedNitro, TaggedAndUntaggedBothVerify) {
  testing::NitroFields f = fields();
  f.tagged = true;
  Verdict v = verify(f);
  EXPECT_TRUE(v.accepted()) << verdict_json(v);
  EXPECT_EQ(v.claims.at(2).second, "true");
}

TEST_F(ForgedNitro, RelayedDocumentBoundToAnotherTlsKeyIsRefused) {
  // A relay terminates TLS with its own key and forwards the genuine server's evidence.
  std::vector<uint8_t> doc = testing::forge_nitro_document(fields(), pki_);
  Sha256Digest relay_spki = sha256(std::vector<uint8_t>{0xde, 0xad});
  Verdict v = verify_nitro(doc, Policy{}, context(nonce_, relay_spki));
  EXPECT_FALSE(v.accepted());
  EXPECT_TRUE(check_failed(v, "binding"));
  EXPECT_TRUE(check_ok(v, "signature"));
}

TEST_F(ForgedNitro, ReplayedDocumentForAnotherNonceIsRefused) {
  std::vector<uint8_t> doc = testing::forge_nitro_document(fields(), pki_);
  Verdict v = verify_nitro(doc, Policy{}, context(Nonce{0x99}, spki_));
  EXPECT_FALSE(v.accepted());
  EXPECT_TRUE(check_failed(v, "binding"));
}

TEST_F(ForgedNitro, NonceAsHexTextInsteadOfBindingDoesNotBind) {
  // The prototype stored the query string's ASCII hex as the NSM nonce and left user_data empty.
  testing::NitroFields f = fields();
  f.user_data.reset();
  std::string hex = to_hex(nonce_);
  f.nonce = std::vector<uint8_t>(hex.begin(), hex.end());
  Verdict v = verify(f);
  EXPECT_FALSE(v.accepted());
  EXPECT_TRUE(check_failed(v, "binding"));
}

TEST_F(ForgedNitro, BindingInTheNonceFieldIsAcceptedWhenUserDataIsAbsent) {
  testing::NitroFields f = fields();
  f.nonce = f.user_data;
  f.user_data.reset();
  EXPECT_TRUE(verify(f).accepted());
}

TEST_F(ForgedNitro, DebugIsReadFromThePcrsNotAssumed) {
  testing::NitroFields f = fields();
  f.pcrs = testing::nitro_pcrs(0);
  Verdict v = verify(f);
  EXPECT_EQ(v.debug, DebugState::kOn);
  EXPECT_FALSE(v.accepted());
  // Any one of PCR0..2 zero is enough.
  f.pcrs = testing::nitro_pcrs(0x5a);
  f.pcrs[1].assign(48, 0);
  EXPECT_EQ(verify(f).debug, DebugState::kOn);
  // Without PCR0 the state is unknown, which a default policy refuses.
  f.pcrs = testing::nitro_pcrs(0x5a);
  f.pcrs.erase(0);
  Verdict unknown = verify(f);
  EXPECT_EQ(unknown.debug, DebugState::kUnknown);
  EXPECT_TRUE(check_failed(unknown, "debug"));
}

TEST_F(ForgedNitro, StaleOrFutureTimestampIsRefused) {
  testing::NitroFields f = fields();
  f.timestamp_ms -= 6 * 60 * 1000;
  EXPECT_TRUE(check_failed(verify(f), "freshness"));
  f.timestamp_ms += 12 * 60 * 1000;
  EXPECT_TRUE(check_failed(verify(f), "freshness"));
  f.timestamp_ms = UINT64_MAX;
  EXPECT_TRUE(check_failed(verify(f), "freshness"));
}

TEST_F(ForgedNitro, OtherAlgorithmsAndDigestsAreRefused) {
  testing::NitroFields f = fields();
  f.algorithm = -7;  // ES256
  EXPECT_TRUE(check_failed(verify(f), "signature"));
  f = fields();
  f.digest = "SHA256";
  EXPECT_TRUE(check_failed(verify(f), "digest"));
}

TEST_F(ForgedNitro, ExpectedMeasurementsAreEnforced) {
  Policy policy;
  policy.expected_measurements["PCR0"] = std::vector<uint8_t>(48, 0x5a);
  EXPECT_TRUE(verify(fields(), policy).accepted());
  policy.expected_measurements["PCR0"] = std::vector<uint8_t>(48, 0x5b);
  Verdict v = verify(fields(), policy);
  EXPECT_FALSE(v.accepted());
  EXPECT_TRUE(check_failed(v, "measurement PCR0"));
  policy.expected_measurements = {{"PCR31", std::vector<uint8_t>(48, 0)}};
  EXPECT_TRUE(check_failed(verify(fields(), policy), "measurement PCR31"));
}

TEST_F(ForgedNitro, PlatformMustBeAllowed) {
  Policy policy;
  policy.allowed_platforms = {Platform::kSevSnp};
  EXPECT_TRUE(check_failed(verify(fields(), policy), "platform"));
}

TEST(NitroParse, RefusesMalformedEnvelopes) {
  // array(4) of the wrong types, an array of three, a map, nested tags, indefinite lengths.
  for (std::vector<uint8_t> bad : std::vector<std::vector<uint8_t>>{
           {0x84, 0x01, 0x02, 0x03, 0x04},
           {0x83, 0x40, 0xa0, 0x40},
           {0xa0},
           {0xd2, 0xd2, 0x84, 0x40, 0xa0, 0x40, 0x40},
           {0x9f, 0x40, 0xa0, 0x40, 0x40, 0xff},
           {0x84, 0x40, 0xa0, 0x40, 0x40},
           {0x84, 0x44, 0xa1, 0x01, 0x38, 0x22, 0xa0, 0x41, 0xa0, 0x40, 0x00},
       }) {
    EXPECT_FALSE(parse_nitro_document(bad).is_ok()) << to_hex(bad);
  }
}

TEST(NitroParse, HugeDeclaredLengthsAndDeepNestingAreRefusedBeforeAllocation) {
  // An array claiming 2^32 elements, a byte string claiming 2^63 bytes, 1000 nested arrays.
  std::vector<uint8_t> huge_array = {0x9b, 0, 0, 0, 1, 0, 0, 0, 0};
  std::vector<uint8_t> huge_bytes = {0x5b, 0x7f, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff};
  std::vector<uint8_t> deep(1000, 0x81);
  deep.push_back(0x00);
  for (const auto& bad : {huge_array, huge_bytes, deep}) {
    Result<CborItem> item = cbor_decode(bad);
    EXPECT_FALSE(item.is_ok());
  }
}

}  // namespace
}  // namespace nightjar::attest
