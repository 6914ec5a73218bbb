#include "base/blake2b.h"

#include <gtest/gtest.h>
#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/params.h>

#include <string>
#include <vector>

#include "base/hex.h"

namespace nightjar::base {
namespace {

std::string hex64(const std::array<uint8_t, 64>& d) { return to_hex(d); }

// RFC 7693 Appendix A: BLAKE2b-512("abc").
TEST(Blake2b, Rfc7693Abc) {
  Blake2b h;
  h.update(std::string_view("abc"));
  EXPECT_EQ(hex64(h.digest()),
            "ba80a53f981c4d0d6a2797b69f12f6e94c212f14685ac4b74b12bb6fdbffa2d1"
            "7d87c5392aab792dc252d5de4533cc9518d38aa8dbf1925ab92386edd4009923");
}

// The reference implementation's keyed KAT: key 00..3f, empty message.
TEST(Blake2b, KeyedEmptyMessage) {
  std::vector<uint8_t> key(64);
  for (size_t i = 0; i < key.size(); ++i) key[i] = static_cast<uint8_t>(i);
  Blake2b::Params p;
  p.key = key;
  Blake2b h(p);
  EXPECT_EQ(hex64(h.digest()),
            "10ebb67700b1868efb4417987acf4690ae9d972fb7a590c2f02871799aaa4786"
            "b5e996e8f0f4eb981fc214b005f42d2ff4233499391653df7aefcbc13fc51568");
}

// OpenSSL's BLAKE2BMAC (key and personalization) agrees for every length around block edges,
// absorbed in uneven pieces, and the state keeps absorbing after a digest.
std::array<uint8_t, 64> openssl_blake2b(std::span<const uint8_t> key,
                                        const std::array<uint8_t, 16>& personal,
                                        std::span<const uint8_t> msg) {
  EVP_MAC* mac = EVP_MAC_fetch(nullptr, "BLAKE2BMAC", nullptr);
  EVP_MAC_CTX* ctx = EVP_MAC_CTX_new(mac);
  OSSL_PARAM params[] = {
      OSSL_PARAM_construct_octet_string(OSSL_MAC_PARAM_CUSTOM,
                                        const_cast<uint8_t*>(personal.data()), personal.size()),
      OSSL_PARAM_construct_end()};
  EXPECT_EQ(EVP_MAC_init(ctx, key.data(), key.size(), params), 1);
  EXPECT_EQ(EVP_MAC_update(ctx, msg.data(), msg.size()), 1);
  std::array<uint8_t, 64> out{};
  size_t len = 0;
  EXPECT_EQ(EVP_MAC_final(ctx, out.data(), &len, out.size()), 1);
  EVP_MAC_CTX_free(ctx);
  EVP_MAC_free(mac);
  return out;
}

TEST(Blake2b, MatchesOpenSslKeyedAndPersonalized) {
  const std::string key_text = "Domain separator for transcript";
  const std::vector<uint8_t> key(key_text.begin(), key_text.end());
  const std::array<uint8_t, 16> personal = Blake2b::personal_from("Halo2-Verify-Key");
  std::vector<uint8_t> msg(600);
  for (size_t i = 0; i < msg.size(); ++i) msg[i] = static_cast<uint8_t>(i * 131 + 7);
  for (size_t len : {0, 1, 63, 127, 128, 129, 255, 256, 257, 600}) {
    SCOPED_TRACE(len);
    Blake2b::Params p;
    p.key = key;
    p.personal = personal;
    Blake2b h(p);
    std::span<const uint8_t> m(msg.data(), len);
    h.update(m.first(len / 3));
    h.update(m.subspan(len / 3));
    EXPECT_EQ(h.digest(), openssl_blake2b(key, personal, m));
  }
  Blake2b::Params p;
  p.key = key;
  Blake2b h(p);
  h.update(std::span<const uint8_t>(msg.data(), 200));
  (void)h.digest();
  h.update(std::span<const uint8_t>(msg.data() + 200, 100));
  EXPECT_EQ(h.digest(), openssl_blake2b(key, {}, std::span<const uint8_t>(msg.data(), 300)));
}

}  // namespace
}  // namespace nightjar::base
