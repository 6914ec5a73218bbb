// Every parser of untrusted evidence, fed random bytes and structure-aware mutations: it must
// answer with a Status and never crash, hang or over-allocate (run under the asan preset too).
#include <gtest/gtest.h>

#include <random>

#include "attest/azure_hcl_report.h"
#include "attest/azure_vtpm_quote.h"
#include "attest/cbor.h"
#include "attest/cose_sign1.h"
#include "attest/evidence_file.h"
#include "attest/nitro_document.h"
#include "attest/snp_report.h"
#include "attest/tdx_quote.h"
#include "attest/tpm_attest.h"
#include "attest/tpm_signature.h"
#include "tests/attest/attest_vectors.h"

namespace nightjar::attest {
namespace {

void parse_everything(std::span<const uint8_t> input) {
  (void)cbor_decode(input);
  (void)parse_cose_sign1(input);
  (void)parse_nitro_document(input);
  (void)parse_snp_report(input);
  (void)parse_tpms_attest(input);
  (void)parse_tpmt_signature(input);
  (void)parse_hcl_report(input);
  (void)parse_hcl_runtime_data(input);
  (void)parse_azure_vtpm_quote(input);
  (void)parse_tdx_quote(input);
  (void)decode_if_base64(input);
  (void)split_trailing_pem(input, 0);
}

TEST(Robustness, RandomInputsAreRefusedWithoutCrashing) {
  std::mt19937 rng(2024);
  for (int i = 0; i < 3000; ++i) {
    std::vector<uint8_t> input(rng() % 2048);
    for (uint8_t& b : input) b = static_cast<uint8_t>(rng());
    parse_everything(input);
  }
}

TEST(Robustness, CborHeadsWithEveryLengthEncoding) {
  // Each major type with each additional-information value, followed by a little data.
  for (int major = 0; major < 8; ++major) {
    for (int info = 0; info < 32; ++info) {
      std::vector<uint8_t> input = {static_cast<uint8_t>(major << 5 | info),
                                    0xff,
                                    0xff,
                                    0xff,
                                    0xff,
                                    0xff,
                                    0xff,
                                    0xff,
                                    0xff,
                                    0x00};
      for (size_t n = 1; n <= input.size(); ++n) parse_everything(std::span(input).first(n));
    }
  }
}

TEST(Robustness, MutatedRealEvidenceNeverCrashes) {
  std::mt19937 rng(7);
  for (const char* name :
       {"nitro/nitro_attestation.b64", "sev-snp/attestation.bin", "azure/hcl-report-snp.bin",
        "azure/quote.bin", "tdx/tdx_prod_quote_SPR_E4.dat"}) {
    NIGHTJAR_REQUIRE_VECTOR(testing::vector_path(name));
    Result<std::vector<uint8_t>> original =
        decode_if_base64(testing::read_bytes(testing::vector_path(name)));
    ASSERT_TRUE(original.is_ok());
    for (int i = 0; i < 300; ++i) {
      std::vector<uint8_t> mutated = *original;
      int edits = 1 + static_cast<int>(rng() % 4);
      for (int e = 0; e < edits; ++e) {
        size_t at = rng() % mutated.size();
        switch (rng() % 3) {
          case 0:
            mutated[at] = static_cast<uint8_t>(rng());
            break;
          case 1:
            mutated.erase(mutated.begin() + static_cast<ptrdiff_t>(at));
            break;
          default:
            mutated.insert(mutated.begin() + static_cast<ptrdiff_t>(at),
                           static_cast<uint8_t>(rng()));
        }
      }
      parse_everything(mutated);
    }
  }
}

}  // namespace
}  // namespace nightjar::attest

namespace nightjar::attest {
namespace {

// Found by fuzz_cose: a half-precision float where the unprotected header belongs made libcbor's
// cbor_is_null abort (its assertion), crashing any client that read such a document.
TEST(Robustness, FloatInPlaceOfANullIsRefusedNotFatal) {
  const std::vector<uint8_t> input = {0x84, 0x44, 0xa1, 0x01, 0x0c, 0xf9, 0xf9, 0xf9,
                                      0xf9, 0xf9, 0xf9, 0x30, 0xf9, 0xf9, 0x30};
  EXPECT_FALSE(parse_cose_sign1(input).is_ok());
  EXPECT_FALSE(parse_nitro_document(input).is_ok());
  Result<CborItem> half = cbor_decode(std::vector<uint8_t>{0xf9, 0x00, 0x00});
  ASSERT_TRUE(half.is_ok());
  EXPECT_FALSE(is_cbor_null(half->get()));
  Result<CborItem> null = cbor_decode(std::vector<uint8_t>{0xf6});
  ASSERT_TRUE(null.is_ok());
  EXPECT_TRUE(is_cbor_null(null->get()));
}

}  // namespace
}  // namespace nightjar::attest
