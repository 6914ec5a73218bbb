// Malformed input is rejected with a clear error and never crashes: the shared negative vectors,
// every truncation, trailing bytes, byte mutations, non-canonical integers, bad tags and
// discriminants, huge declared lengths, and corrupt prover keys.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "midnight/gzip.h"
#include "midnight/preimage.h"
#include "midnight/prover_key.h"
#include "midnight/requests.h"
#include "midnight/tagged_object.h"
#include "tests/testing/vectors.h"

namespace nightjar::midnight {
namespace {

namespace fs = std::filesystem;

using testing::read_file;

fs::path midnight_dir() { return testing::midnight_vectors_dir(); }

std::string decode_error(const std::vector<uint8_t>& bytes) {
  Result<TaggedObject> r = decode_any(bytes);
  return r.is_ok() ? std::string("decoded") : r.status().message();
}

TEST(Negative, DecoderRejectionsMatchTheOfficialReasons) {
  fs::path dir = midnight_dir() / "negative";
  NIGHTJAR_REQUIRE_VECTOR(dir);
  EXPECT_EQ(decode_error(read_file(dir / "check-request-trailing-byte.bin")),
            "Not all bytes read deserializing "
            "'midnight:(proof-preimage-versioned,option(wrapped-ir)):'; 1 bytes remaining");
  EXPECT_EQ(decode_error(read_file(dir / "counter-trailing-byte.preimage.bin")),
            "Not all bytes read deserializing 'midnight:proof-preimage:'; 1 bytes remaining");
  // A /prove body sent to /check: the official message echoes as many bytes as the expected tag.
  Result<CheckRequest> wrong_tag =
      decode_tagged<CheckRequest>(read_file(dir / "check-request-wrong-tag.bin"));
  ASSERT_FALSE(wrong_tag.is_ok());
  EXPECT_EQ(wrong_tag.status().message(),
            "expected header tag 'midnight:(proof-preimage-versioned,option(wrapped-ir)):', got "
            "'midnight:(proof-preimage-versioned,option(proving-data)'");
  std::string bad_option = decode_error(read_file(dir / "check-request-bad-option.bin"));
  EXPECT_EQ(bad_option.rfind("Invalid discriminant: 2.", 0), 0u) << bad_option;
  EXPECT_NE(bad_option.find("option"), std::string::npos);
  // Truncated bodies: a declared length no longer fits, and the error says which field.
  EXPECT_EQ(decode_error(read_file(dir / "prove-request-truncated.bin")),
            "declared length 14071 exceeds the 65 bytes left at byte 133 in "
            "(proof-preimage-versioned,option(proving-data),option(fr-bls)).option.proving-data."
            "prover_key");
  EXPECT_EQ(decode_error(read_file(dir / "counter-truncated.preimage.bin")),
            "declared length 9 exceeds the 6 bytes left at byte 73 in "
            "proof-preimage.key_location");
}

TEST(Negative, SemanticallyBadPreimagesAreWellFormed) {
  fs::path dir = midnight_dir() / "negative";
  NIGHTJAR_REQUIRE_VECTOR(dir);
  for (const char* name : {"counter-tampered-public-transcript", "vault-isSigner-missing-input",
                           "vault-isSigner-extra-input", "counter-bound-bad-commitment"}) {
    SCOPED_TRACE(name);
    std::vector<uint8_t> preimage = read_file(dir / (std::string(name) + ".preimage.bin"));
    Result<TaggedObject> p = decode_any(preimage);
    ASSERT_TRUE(p.is_ok()) << p.status().message();
    EXPECT_EQ(encode_any(*p), preimage);
    std::vector<uint8_t> request = read_file(dir / (std::string(name) + ".check-request.bin"));
    Result<TaggedObject> r = decode_any(request);
    ASSERT_TRUE(r.is_ok()) << r.status().message();
    EXPECT_EQ(encode_any(*r), request);
  }
}

// The small and medium real files: every kind of tagged object, up to the /prove requests.
std::vector<fs::path> sample_files() {
  fs::path m = midnight_dir();
  return {m / "cases/counter-increment/preimage.bin",
          m / "cases/counter-increment-bound/check-request.bin",
          m / "cases/vault-approve/check-request.bin",
          m / "cases/vault-execute/check-response.bin",
          m / "cases/counter-increment/proof.bin",
          m / "cases/counter-increment/prove-response.bin",
          m / "cases/counter-increment/prove-request.bin",
          m / "http-dump/002-prove.request.bin",
          m / "circuits/counter/increment.verifier",
          m / "circuits/counter/increment.prover",
          m / "circuits/zkloan/requestLoan.bzkir",
          m / "circuits/ledger-static/zswap_static_sign.bzkir"};
}

TEST(Malformed, EveryTruncationFailsCleanly) {
  NIGHTJAR_REQUIRE_VECTOR(midnight_dir() / "cases");
  for (const fs::path& path : sample_files()) {
    SCOPED_TRACE(path.string());
    std::vector<uint8_t> bytes = read_file(path);
    ASSERT_TRUE(decode_any(bytes).is_ok());
    // Every prefix of the first 4 KiB, then a stride through the rest.
    size_t stride = std::max<size_t>(1, bytes.size() / 512);
    for (size_t n = 0; n < bytes.size(); n += (n < 4096 ? 1 : stride)) {
      std::vector<uint8_t> prefix(bytes.begin(), bytes.begin() + n);
      Result<TaggedObject> r = decode_any(prefix);
      EXPECT_FALSE(r.is_ok()) << "prefix of " << n << " bytes decoded";
      if (!r.is_ok()) EXPECT_FALSE(r.status().message().empty());
    }
    std::vector<uint8_t> longer = bytes;
    longer.push_back(0);
    EXPECT_FALSE(decode_any(longer).is_ok());
  }
}

// Whatever decodes re-encodes to the same bytes: the decoders accept only canonical encodings.
TEST(Malformed, MutationsFailOrRoundTrip) {
  NIGHTJAR_REQUIRE_VECTOR(midnight_dir() / "cases");
  size_t accepted = 0;
  size_t rejected = 0;
  for (const fs::path& path : sample_files()) {
    SCOPED_TRACE(path.string());
    std::vector<uint8_t> bytes = read_file(path);
    if (bytes.size() > 20000) continue;
    for (size_t i = 0; i < bytes.size(); ++i) {
      for (uint8_t flip : {0x01, 0x40, 0x80, 0xff}) {
        std::vector<uint8_t> mutated = bytes;
        mutated[i] ^= flip;
        Result<TaggedObject> r = decode_any(mutated);
        if (!r.is_ok()) {
          ++rejected;
          continue;
        }
        ++accepted;
        if (const auto* pk = std::get_if<ProverKey>(&*r)) {
          EXPECT_EQ(encode_prover_key_body(*pk), pk->body) << "byte " << i;
        } else {
          EXPECT_EQ(encode_any(*r), mutated) << "byte " << i << " ^ " << int{flip};
        }
      }
    }
  }
  EXPECT_GT(accepted, 0u);
  EXPECT_GT(rejected, 0u);
}

std::vector<uint8_t> with_header(std::string_view tag, std::initializer_list<uint8_t> body) {
  std::string h = "midnight:" + std::string(tag) + ":";
  std::vector<uint8_t> out(h.begin(), h.end());
  out.insert(out.end(), body);
  return out;
}

TEST(Malformed, HugeDeclaredLengthsAreRejectedBeforeAllocation) {
  // proof-preimage whose `inputs` claims 2^32 - 1 field elements.
  std::string error =
      decode_error(with_header("proof-preimage", {0x03, 0xff, 0xff, 0xff, 0xff, 0x00}));
  EXPECT_NE(error.find("declared length 4294967295"), std::string::npos) << error;
  EXPECT_NE(error.find("proof-preimage.inputs"), std::string::npos) << error;
  // proof[v5] claiming 2^30 bytes.
  error = decode_error(with_header("proof[v5]", {0x03, 0x00, 0x00, 0x00, 0x40, 0x01}));
  EXPECT_NE(error.find("declared length 1073741824"), std::string::npos) << error;
  // vec(option(u64)) of 2^29 entries.
  error = decode_error(with_header("vec(option(u64))", {0x02, 0x00, 0x00, 0x80}));
  EXPECT_NE(error.find("declared length"), std::string::npos) << error;
  // A u64 length wider than u32: the official decoder reads lengths as u32.
  error = decode_error(with_header("proof[v5]", {0x07, 0x00, 0x00, 0x00, 0x00, 0x01}));
  EXPECT_NE(error.find("out of range for u32"), std::string::npos) << error;
}

TEST(Malformed, DiscriminantsAndTagsAreChecked) {
  EXPECT_EQ(decode_error(with_header("proof-versioned", {0x00, 0x00})),
            "invalid old discriminant for ProofVersioned: 0 at byte 25 in proof-versioned");
  EXPECT_NE(decode_error(with_header("proof-preimage-versioned", {0x02}))
                .find("unknown discriminant for ProofPreimageVersioned: 2"),
            std::string::npos);
  EXPECT_EQ(decode_error(with_header("transaction[v9]", {0x00})),
            "unsupported tag 'transaction[v9]'");
  std::string text = "{\"version\":2}";
  EXPECT_EQ(decode_error(std::vector<uint8_t>(text.begin(), text.end())),
            "not a Midnight tagged object (no 'midnight:<tag>:' header)");
  EXPECT_EQ(decode_error({}), "not a Midnight tagged object (no 'midnight:<tag>:' header)");
  std::vector<uint8_t> no_colon = with_header("x", {});
  no_colon.pop_back();
  no_colon.insert(no_colon.end(), 300, 'a');
  EXPECT_EQ(decode_error(no_colon), "not a Midnight tagged object (no 'midnight:<tag>:' header)");
}

TEST(Malformed, VerifierKeysOverTheOfficialSizeLimitAreRejected) {
  std::vector<uint8_t> big = with_header("verifier-key[v6]", {0x46, 0x0d, 0x03, 0x00});  // 50001
  big.insert(big.end(), 50001, 0);
  std::string error = decode_error(big);
  EXPECT_NE(error.find("Declared vk size 50001 exceeded permitted limit of 50000"),
            std::string::npos)
      << error;
}

TEST(Malformed, CorruptProverKeyBodiesFailCleanly) {
  fs::path path = midnight_dir() / "circuits/counter/increment.prover";
  NIGHTJAR_REQUIRE_VECTOR(path);
  Result<ProverKey> key = decode_prover_key(read_file(path));
  ASSERT_TRUE(key.is_ok()) << key.status().message();
  const std::vector<uint8_t>& body = key->body;

  auto parse = [](std::vector<uint8_t> b) {
    return parse_prover_key_body(std::move(b), ProverKeyFlavour::kLegacy);
  };
  ASSERT_TRUE(parse(body).is_ok());
  for (size_t n = 0; n < body.size(); n += (n < 2048 ? 1 : 997)) {
    EXPECT_FALSE(parse(std::vector<uint8_t>(body.begin(), body.begin() + n)).is_ok()) << n;
  }
  std::vector<uint8_t> longer = body;
  longer.push_back(0);
  EXPECT_FALSE(parse(longer).is_ok());

  size_t pk = key->proving_key.offset;
  std::vector<uint8_t> bad_version = body;
  bad_version[pk] = 4;
  EXPECT_NE(parse(bad_version).status().message().find("unexpected verifying-key version 4"),
            std::string::npos);
  std::vector<uint8_t> bad_k = body;
  bad_k[pk + 1] = 6;
  EXPECT_FALSE(parse(bad_k).is_ok());
  std::vector<uint8_t> huge_k = body;
  huge_k[pk + 1] = 40;
  EXPECT_NE(parse(huge_k).status().message().find("exceeds 32"), std::string::npos);
  std::vector<uint8_t> many_fixed = body;
  many_fixed[pk + 5] = 0x7f;
  EXPECT_FALSE(parse(many_fixed).is_ok());

  // A tagged relation must be a generic IR.
  std::vector<uint8_t> tagged_legacy = {body[0], body[1], 0xff};
  std::vector<uint8_t> legacy_ir = read_file(fs::path(path).replace_extension(".bzkir"));
  tagged_legacy.push_back(static_cast<uint8_t>(legacy_ir.size() << 2));
  tagged_legacy.insert(tagged_legacy.end(), legacy_ir.begin(), legacy_ir.end());
  tagged_legacy.insert(tagged_legacy.end(), body.begin() + pk, body.end());
  std::string error = parse(tagged_legacy).status().message();
  EXPECT_NE(error.find("expected header tag 'midnight:ir-source[v2-generic]:'"), std::string::npos)
      << error;
}

TEST(Malformed, ProverKeyDecompressionIsBounded) {
  fs::path path = midnight_dir() / "circuits/counter/increment.prover";
  NIGHTJAR_REQUIRE_VECTOR(path);
  DecodeLimits limits;
  limits.max_inflated = 10000;
  Result<ProverKey> capped = decode_prover_key(read_file(path), limits);
  ASSERT_FALSE(capped.is_ok());
  EXPECT_NE(capped.status().message().find("exceeds the limit of 10000 bytes"), std::string::npos);

  // Generic flavour with a V1 relation survives re-encoding.
  Result<ProverKey> key = decode_prover_key(read_file(path));
  ASSERT_TRUE(key.is_ok());
  ProverKey generic = *key;
  generic.flavour = ProverKeyFlavour::kGeneric;
  generic.relation.version = zkir::MinorVersion::kV1;
  generic.relation.flavour = zkir::IrFlavour::kGeneric;
  std::vector<uint8_t> tagged = encode_prover_key(generic);
  Result<ProverKey> back = decode_prover_key(tagged);
  ASSERT_TRUE(back.is_ok()) << back.status().message();
  EXPECT_EQ(back->flavour, ProverKeyFlavour::kGeneric);
  EXPECT_TRUE(back->relation == generic.relation);
  EXPECT_EQ(back->body[2], 0xff);
  EXPECT_EQ(encode_prover_key_body(*back), back->body);
  EXPECT_EQ(
      std::vector<uint8_t>(back->view(back->proving_key).begin(),
                           back->view(back->proving_key).end()),
      std::vector<uint8_t>(key->view(key->proving_key).begin(), key->view(key->proving_key).end()));
}

}  // namespace
}  // namespace nightjar::midnight
