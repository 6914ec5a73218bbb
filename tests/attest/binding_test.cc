#include "attest/binding.h"

#include <gtest/gtest.h>
#include <openssl/x509.h>

#include <algorithm>

#include "base/hex.h"
#include "tests/attest/attest_vectors.h"
#include "tests/attest/test_pki.h"

namespace nightjar::attest {
namespace {

TEST(Binding, KnownAnswer) {
  // Computed independently: python3 hashlib, sha256(b"midnight-tee-attest-v1" + nonce + spki).
  Nonce nonce;
  for (size_t i = 0; i < nonce.size(); ++i) nonce[i] = static_cast<uint8_t>(i);
  std::string_view spki_text = "spki";
  Sha256Digest spki =
      sha256(std::span(reinterpret_cast<const uint8_t*>(spki_text.data()), spki_text.size()));
  EXPECT_EQ(to_hex(spki), "6feecc8c16c5551d9feb3eb5f77e2da773bf68bd9ef9c52927ceb2c86e56892b");
  EXPECT_EQ(to_hex(binding_digest(nonce, spki)),
            "91d5fe7bca3b2b11324b02aef979fad1e4e2e2e55ed0173558adb4ffd62f084d");
  EXPECT_EQ(kBindingLabel, "midnight-tee-attest-v1");
}

TEST(Binding, EveryInputMatters) {
  Nonce nonce{1};
  Sha256Digest spki{2};
  Sha256Digest base = binding_digest(nonce, spki);
  Nonce other_nonce = nonce;
  other_nonce[31] ^= 1;
  Sha256Digest other_spki = spki;
  other_spki[0] ^= 1;
  EXPECT_NE(binding_digest(other_nonce, spki), base);
  EXPECT_NE(binding_digest(nonce, other_spki), base);
}

TEST(Binding, CheckComparesExactly) {
  Sha256Digest expected = binding_digest(Nonce{9}, Sha256Digest{8});
  EXPECT_TRUE(check_binding(expected, expected).is_ok());
  Sha256Digest wrong = expected;
  wrong[17] ^= 0x80;
  EXPECT_EQ(check_binding(wrong, expected).code(), StatusCode::kFailedPrecondition);
  std::vector<uint8_t> longer(expected.begin(), expected.end());
  longer.push_back(0);
  EXPECT_FALSE(check_binding(longer, expected).is_ok());
  EXPECT_FALSE(check_binding({}, expected).is_ok());
}

TEST(Binding, TlsSpkiHashIsOverTheSubjectPublicKeyInfo) {
  TimePoint now = testing::utc("2025-01-01T00:00:00Z");
  testing::KeyPair key = testing::generate_ec_key(Curve::kP256);
  Certificate cert = testing::make_certificate({.common_name = "localhost",
                                                .not_before = now,
                                                .not_after = now,
                                                .is_ca = false,
                                                .extensions = {}},
                                               key, nullptr, key);
  unsigned char* spki = nullptr;
  int length = i2d_X509_PUBKEY(X509_get_X509_PUBKEY(cert.get()), &spki);
  ASSERT_GT(length, 0);
  std::vector<uint8_t> spki_der(spki, spki + length);
  OPENSSL_free(spki);
  // The SPKI appears verbatim inside the certificate, and its hash is what binds.
  EXPECT_NE(std::search(cert.der().begin(), cert.der().end(), spki_der.begin(), spki_der.end()),
            cert.der().end());
  Result<Sha256Digest> digest = tls_spki_sha256(cert.der());
  ASSERT_TRUE(digest.is_ok());
  EXPECT_EQ(*digest, sha256(spki_der));
  EXPECT_NE(*digest, sha256(cert.der()));
  EXPECT_FALSE(tls_spki_sha256(std::vector<uint8_t>{0x30, 0x00}).is_ok());
}

TEST(Binding, NonceMustBe32BytesOfHex) {
  Result<Nonce> ok = nonce_from_hex(std::string(64, 'a'));
  ASSERT_TRUE(ok.is_ok());
  EXPECT_EQ((*ok)[0], 0xaa);
  EXPECT_FALSE(nonce_from_hex(std::string(62, 'a')).is_ok());
  EXPECT_FALSE(nonce_from_hex(std::string(64, 'g')).is_ok());
}

}  // namespace
}  // namespace nightjar::attest
