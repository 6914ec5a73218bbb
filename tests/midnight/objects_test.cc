// Decoded objects carry the right values: verifier keys match vk-summary.json, prover keys embed
// the circuit's IR, requests embed the case files, check responses equal check.json, preimages
// have the field counts meta.json records.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "midnight/preimage.h"
#include "midnight/proof.h"
#include "midnight/prover_key.h"
#include "midnight/requests.h"
#include "midnight/verifier_key.h"
#include "midnight/zkir_binary.h"
#include "tests/testing/vectors.h"

namespace nightjar::midnight {
namespace {

namespace fs = std::filesystem;

using testing::read_file;

nlohmann::json read_json(const fs::path& path) {
  std::ifstream in(path);
  return nlohmann::json::parse(in);
}

fs::path midnight_dir() { return testing::midnight_vectors_dir(); }

TEST(VerifierKeys, HeadersMatchTheSummary) {
  fs::path summary_path = midnight_dir() / "circuits/vk-summary.json";
  NIGHTJAR_REQUIRE_VECTOR(summary_path);
  nlohmann::json summary = read_json(summary_path);
  ASSERT_GE(summary.size(), 18u);
  for (const auto& [relative, expected] : summary.items()) {
    SCOPED_TRACE(relative);
    Result<VerifierKey> vk = decode_tagged<VerifierKey>(read_file(midnight_dir() / relative));
    ASSERT_TRUE(vk.is_ok()) << vk.status().message();
    EXPECT_EQ(chip_names(vk->arch), expected["arch"].get<std::vector<std::string>>());
    EXPECT_EQ(vk->arch.nr_pow2range_cols, expected["nr_pow2range_cols"].get<int>());
    EXPECT_EQ(vk->max_bit_len, expected["max_bit_len"].get<int>());
    EXPECT_EQ(vk->num_public_inputs, expected["num_public_inputs"].get<uint32_t>());
    EXPECT_EQ(vk->k, expected["k"].get<int>());
    EXPECT_FALSE(vk->fixed_commitments.empty());
    EXPECT_FALSE(vk->permutation_commitments.empty());
    for (const CompressedG1& c : vk->fixed_commitments) EXPECT_EQ(c[0] & 0x80, 0x80);
  }
}

TEST(ProverKeys, EmbedTheirCircuitAndAgreeWithTheVerifierKey) {
  fs::path circuits = midnight_dir() / "circuits";
  NIGHTJAR_REQUIRE_VECTOR(circuits);
  size_t checked = 0;
  for (const fs::directory_entry& e : fs::recursive_directory_iterator(circuits)) {
    if (e.path().extension() != ".prover") continue;
    SCOPED_TRACE(e.path().string());
    Result<ProverKey> pk = decode_prover_key(read_file(e.path()));
    ASSERT_TRUE(pk.is_ok()) << pk.status().message();
    Result<zkir::Ir> ir = decode_ir(read_file(fs::path(e.path()).replace_extension(".bzkir")));
    ASSERT_TRUE(ir.is_ok()) << ir.status().message();
    EXPECT_TRUE(pk->relation == *ir);
    Result<VerifierKey> vk =
        decode_tagged<VerifierKey>(read_file(fs::path(e.path()).replace_extension(".verifier")));
    ASSERT_TRUE(vk.is_ok()) << vk.status().message();
    EXPECT_EQ(pk->k, vk->k);
    EXPECT_EQ(pk->layout.k, vk->k);
    EXPECT_EQ(pk->max_bit_len, vk->max_bit_len);
    EXPECT_EQ(pk->layout.num_fixed, vk->fixed_commitments.size());
    EXPECT_EQ(pk->layout.num_permutation, vk->permutation_commitments.size());
    EXPECT_EQ(pk->layout.poly_len, uint64_t{1} << vk->k);
    // The ranges tile the proving key exactly.
    const ProvingKeyLayout& l = pk->layout;
    EXPECT_EQ(l.fixed_commitments.offset, pk->proving_key.offset + 6);
    EXPECT_EQ(l.permutation_commitments.offset,
              l.fixed_commitments.offset + l.fixed_commitments.size);
    EXPECT_EQ(l.fixed_polys.offset,
              l.permutation_commitments.offset + l.permutation_commitments.size);
    EXPECT_EQ(l.permutation_polys.offset, l.fixed_polys.offset + l.fixed_polys.size);
    EXPECT_EQ(l.permutation_polys.offset + l.permutation_polys.size, pk->body.size());
    EXPECT_EQ(l.fixed_polys.size, 4 + l.num_fixed * (4 + 32 * l.poly_len));
    ++checked;
  }
  EXPECT_EQ(checked, 14u);
}

TEST(Cases, RequestsResponsesAndPreimagesCarryTheCaseData) {
  fs::path cases = midnight_dir() / "cases";
  NIGHTJAR_REQUIRE_VECTOR(cases);
  size_t checked = 0;
  for (const fs::directory_entry& e : fs::directory_iterator(cases)) {
    if (!e.is_directory()) continue;
    const fs::path& dir = e.path();
    SCOPED_TRACE(dir.string());
    nlohmann::json meta = read_json(dir / "meta.json");

    Result<ProofPreimage> preimage = decode_tagged<ProofPreimage>(read_file(dir / "preimage.bin"));
    ASSERT_TRUE(preimage.is_ok()) << preimage.status().message();
    const nlohmann::json& counts = meta["preimage"];
    EXPECT_EQ(preimage->inputs.size(), counts["inputs"].get<size_t>());
    EXPECT_EQ(preimage->private_transcript.size(), counts["private_transcript"].get<size_t>());
    EXPECT_EQ(preimage->public_transcript_inputs.size(),
              counts["public_transcript_inputs"].get<size_t>());
    EXPECT_EQ(preimage->public_transcript_outputs.size(),
              counts["public_transcript_outputs"].get<size_t>());
    EXPECT_EQ(preimage->key_location, meta["key_location"].get<std::string>());

    Result<CheckRequest> check = decode_tagged<CheckRequest>(read_file(dir / "check-request.bin"));
    ASSERT_TRUE(check.is_ok()) << check.status().message();
    EXPECT_EQ(encode_tagged(check->preimage.preimage), read_file(dir / "preimage.bin"));
    fs::path circuit = midnight_dir() / "circuits" / meta["contract"].get<std::string>() /
                       meta["circuit"].get<std::string>();
    ASSERT_TRUE(check->ir.has_value());
    EXPECT_EQ(check->ir->ir, read_file(fs::path(circuit).replace_extension(".bzkir")));

    Result<ProveRequest> prove = decode_tagged<ProveRequest>(read_file(dir / "prove-request.bin"));
    ASSERT_TRUE(prove.is_ok()) << prove.status().message();
    EXPECT_EQ(encode_tagged(prove->preimage.preimage), read_file(dir / "preimage.bin"));
    ASSERT_TRUE(prove->key_material.has_value());
    EXPECT_FALSE(prove->binding_input.has_value());
    EXPECT_EQ(prove->key_material->prover_key,
              read_file(fs::path(circuit).replace_extension(".prover")));
    EXPECT_EQ(prove->key_material->verifier_key,
              read_file(fs::path(circuit).replace_extension(".verifier")));
    EXPECT_EQ(prove->key_material->ir_source, check->ir->ir);

    Result<CheckResponse> response =
        decode_tagged<CheckResponse>(read_file(dir / "check-response.bin"));
    ASSERT_TRUE(response.is_ok()) << response.status().message();
    nlohmann::json expected = read_json(dir / "check.json");
    ASSERT_EQ(response->pi_skips.size(), expected.size());
    for (size_t i = 0; i < expected.size(); ++i) {
      if (expected[i].is_null()) {
        EXPECT_FALSE(response->pi_skips[i].has_value());
      } else {
        EXPECT_EQ(response->pi_skips[i], expected[i].get<uint64_t>());
      }
    }

    Result<Proof> proof = decode_tagged<Proof>(read_file(dir / "proof.bin"));
    ASSERT_TRUE(proof.is_ok()) << proof.status().message();
    Result<ProofVersioned> versioned =
        decode_tagged<ProofVersioned>(read_file(dir / "prove-response.bin"));
    ASSERT_TRUE(versioned.is_ok()) << versioned.status().message();
    EXPECT_EQ(versioned->proof.bytes, proof->bytes);
    EXPECT_EQ(proof->bytes.size() + 21, meta["proof_bytes"].get<size_t>());
    ++checked;
  }
  EXPECT_EQ(checked, 15u);
}

TEST(Cases, WalletDumpCarriesABindingOverrideAndNoKeys) {
  fs::path dump = midnight_dir() / "http-dump";
  NIGHTJAR_REQUIRE_VECTOR(dump);
  Result<CheckRequest> check =
      decode_tagged<CheckRequest>(read_file(dump / "001-check.request.bin"));
  ASSERT_TRUE(check.is_ok()) << check.status().message();
  EXPECT_FALSE(check->ir.has_value());
  ASSERT_TRUE(check->preimage.preimage.communications_commitment.has_value());
  EXPECT_FALSE(check->preimage.preimage.communications_commitment->randomness.is_zero());

  Result<ProveRequest> prove =
      decode_tagged<ProveRequest>(read_file(dump / "002-prove.request.bin"));
  ASSERT_TRUE(prove.is_ok()) << prove.status().message();
  EXPECT_FALSE(prove->key_material.has_value());
  ASSERT_TRUE(prove->binding_input.has_value());
  // 0x32ac04...0600 as the oracle prints it: a 31-byte big-endian value.
  EXPECT_EQ(prove->binding_input->to_bytes_le()[31], 0x00);
  EXPECT_EQ(prove->binding_input->to_bytes_le()[30], 0x32);
  EXPECT_EQ(prove->binding_input->to_bytes_le()[0], 0x00);
  EXPECT_EQ(prove->binding_input->to_bytes_le()[1], 0x06);
  EXPECT_EQ(prove->preimage.preimage.key_location, "increment");
}

}  // namespace
}  // namespace nightjar::midnight
