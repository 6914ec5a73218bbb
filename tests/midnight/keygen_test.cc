// Key generation against the official keys in the shared vectors: for every circuit with a
// verifier key (contracts and the built-in zswap/dust circuits) whose SRS is in
// vectors/midnight/srs, our verifier-key[v6] must equal the official file byte for byte and, where
// there is a prover key, our decompressed prover key must equal the official one decompressed. A
// circuit whose k has no SRS file is skipped, naming k, after the fields that need no SRS (header,
// commitment counts) are checked; NIGHTJAR_KEYGEN_MAX_K (default 25) skips
// larger circuits too, for slow (emulated) runs. first_difference is checked on keys changed in
// one known place.
#include "midnight/keygen.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "midnight/gzip.h"
#include "midnight/key_diff.h"
#include "midnight/tagged.h"
#include "midnight/zkir_binary.h"
#include "tests/testing/vectors.h"

namespace nightjar::midnight {
namespace {

namespace fs = std::filesystem;

fs::path midnight_dir() { return testing::midnight_vectors_dir(); }

using testing::read_file;

// circuits/<dir>/<name>, for every .verifier under circuits/.
std::vector<std::string> keyed_circuits() {
  std::vector<std::string> out;
  const fs::path root = midnight_dir() / "circuits";
  if (!fs::exists(root)) return out;
  for (const auto& entry : fs::recursive_directory_iterator(root)) {
    if (entry.path().extension() != ".verifier") continue;
    fs::path stem = entry.path();
    stem.replace_extension();
    out.push_back(fs::relative(stem, midnight_dir()).string());
  }
  std::sort(out.begin(), out.end());
  return out;
}

fs::path srs_path(uint32_t k) {
  return midnight_dir() / "srs" / ("bls_midnight_2p" + std::to_string(k));
}

class OfficialKeys : public ::testing::TestWithParam<std::string> {};

TEST_P(OfficialKeys, AreReproducedByteForByte) {
  const fs::path base = midnight_dir() / GetParam();
  const fs::path ir_path = fs::path(base).concat(".bzkir");
  NIGHTJAR_REQUIRE_VECTOR(ir_path);
  Result<zkir::Ir> ir = decode_ir(read_file(ir_path));
  ASSERT_TRUE(ir.is_ok()) << ir.status().message();
  Result<zkir::CircuitModel> model = zkir::cost_model(*ir);
  ASSERT_TRUE(model.is_ok()) << model.status().message();
  const fs::path srs = srs_path(model->k);
  if (!fs::exists(srs)) {
    // Without the SRS only the commitments are out of reach: the header fields and how many
    // commitments there are follow from the layout.
    Result<zkir::Synthesized> layout = zkir::synthesize_layout(*ir, model->max_bit_len, model->k);
    ASSERT_TRUE(layout.is_ok()) << layout.status().message();
    Result<VerifierKey> official =
        decode_tagged<VerifierKey>(read_file(fs::path(base).concat(".verifier")));
    ASSERT_TRUE(official.is_ok()) << official.status().message();
    EXPECT_EQ(official->arch, zkir::used_chips(*ir));
    EXPECT_EQ(official->max_bit_len, model->max_bit_len);
    EXPECT_EQ(official->num_public_inputs, layout->num_public_inputs);
    EXPECT_EQ(official->k, model->k);
    EXPECT_EQ(official->fixed_commitments.size(), layout->cs.num_fixed_columns());
    EXPECT_EQ(official->permutation_commitments.size(), layout->cs.permutation_columns().size());
    GTEST_SKIP() << GetParam() << " has k = " << model->k << " and there is no " << srs
                 << ": its commitments need the SRS of exactly that size, which the vectors "
                    "lack (header fields and commitment counts checked)";
  }
  if (model->k > static_cast<uint32_t>(testing::env_int("NIGHTJAR_KEYGEN_MAX_K", 25))) {
    GTEST_SKIP() << GetParam() << " has k = " << model->k << " > NIGHTJAR_KEYGEN_MAX_K";
  }
  Result<kzg::Params> params = kzg::Params::open(srs.string());
  ASSERT_TRUE(params.is_ok()) << params.status().message();
  Result<CircuitKeys> keys = generate_keys(*ir, *model, *params);
  ASSERT_TRUE(keys.is_ok()) << keys.status().message();

  const std::vector<uint8_t> official_vk = read_file(fs::path(base).concat(".verifier"));
  if (encode_tagged(keys->verifier) != official_vk) {
    Result<VerifierKey> decoded = decode_tagged<VerifierKey>(official_vk);
    ASSERT_TRUE(decoded.is_ok()) << decoded.status().message();
    ADD_FAILURE() << GetParam() << ".verifier differs: "
                  << first_difference(*decoded, keys->verifier).value_or("encoding only");
  }

  const fs::path prover_path = fs::path(base).concat(".prover");
  if (!fs::exists(prover_path)) return;
  Result<ProverKey> official = decode_prover_key(read_file(prover_path));
  ASSERT_TRUE(official.is_ok()) << official.status().message();
  EXPECT_EQ(official->flavour, keys->prover.flavour);
  if (official->body != keys->prover.body) {
    ADD_FAILURE() << GetParam()
                  << ".prover differs: " << first_difference(*official, keys->prover).value_or("?");
  }
}

INSTANTIATE_TEST_SUITE_P(Vectors, OfficialKeys, ::testing::ValuesIn(keyed_circuits()),
                         [](const auto& info) {
                           std::string name = info.param.substr(info.param.find('/') + 1);
                           std::replace_if(
                               name.begin(), name.end(),
                               [](char c) { return !std::isalnum(static_cast<unsigned char>(c)); },
                               '_');
                           return name;
                         });

// counter/increment (k = 5): the smallest keyed circuit.
struct Counter {
  zkir::Ir ir;
  zkir::CircuitModel model;
  ProverKey official_prover;
  VerifierKey official_verifier;
};

std::optional<Counter> counter() {
  const fs::path base = midnight_dir() / "circuits/counter/increment";
  Result<zkir::Ir> ir = decode_ir(read_file(fs::path(base).concat(".bzkir")));
  if (!ir.is_ok()) return std::nullopt;
  Result<zkir::CircuitModel> model = zkir::cost_model(*ir);
  Result<ProverKey> pk = decode_prover_key(read_file(fs::path(base).concat(".prover")));
  Result<VerifierKey> vk =
      decode_tagged<VerifierKey>(read_file(fs::path(base).concat(".verifier")));
  if (!model.is_ok() || !pk.is_ok() || !vk.is_ok()) return std::nullopt;
  return Counter{std::move(ir).value(), *model, std::move(pk).value(), std::move(vk).value()};
}

TEST(Keygen, WritesAProverKeyFileThatDecodesToTheSameKey) {
  NIGHTJAR_REQUIRE_VECTOR(srs_path(5));
  NIGHTJAR_REQUIRE_VECTOR(midnight_dir() / "circuits/counter/increment.prover");
  std::optional<Counter> c = counter();
  ASSERT_TRUE(c.has_value());
  Result<kzg::Params> params = kzg::Params::open(srs_path(5).string());
  ASSERT_TRUE(params.is_ok()) << params.status().message();
  Result<CircuitKeys> keys = generate_keys(c->ir, c->model, *params);
  ASSERT_TRUE(keys.is_ok()) << keys.status().message();
  Result<ProverKey> reread = decode_prover_key(encode_prover_key(keys->prover));
  ASSERT_TRUE(reread.is_ok()) << reread.status().message();
  EXPECT_EQ(reread->body, c->official_prover.body);
}

TEST(Keygen, KeepsTheGenericEnvelopeOfTheRelation) {
  // An ir-source[v2-generic] IR of minor version 0 is the same circuit: the key takes the generic
  // tag and embeds the tagged relation, and its proving key is unchanged.
  NIGHTJAR_REQUIRE_VECTOR(srs_path(5));
  NIGHTJAR_REQUIRE_VECTOR(midnight_dir() / "circuits/counter/increment.prover");
  std::optional<Counter> c = counter();
  ASSERT_TRUE(c.has_value());
  zkir::Ir generic = c->ir;
  generic.flavour = zkir::IrFlavour::kGeneric;
  Result<kzg::Params> params = kzg::Params::open(srs_path(5).string());
  ASSERT_TRUE(params.is_ok()) << params.status().message();
  Result<CircuitKeys> keys = generate_keys(generic, c->model, *params);
  ASSERT_TRUE(keys.is_ok()) << keys.status().message();
  const std::vector<uint8_t> file = encode_prover_key(keys->prover);
  EXPECT_TRUE(has_header(file, kTagProverKeyGeneric));
  Result<ProverKey> reread = decode_prover_key(file);
  ASSERT_TRUE(reread.is_ok()) << reread.status().message();
  EXPECT_EQ(reread->flavour, ProverKeyFlavour::kGeneric);
  EXPECT_EQ(reread->relation, generic);
  const std::span<const uint8_t> ours = reread->view(reread->proving_key);
  const std::span<const uint8_t> official = c->official_prover.view(c->official_prover.proving_key);
  EXPECT_TRUE(std::equal(ours.begin(), ours.end(), official.begin(), official.end()));
}

TEST(Keygen, RefusesAnSrsOfAnotherSize) {
  NIGHTJAR_REQUIRE_VECTOR(srs_path(6));
  NIGHTJAR_REQUIRE_VECTOR(midnight_dir() / "circuits/counter/increment.prover");
  std::optional<Counter> c = counter();
  ASSERT_TRUE(c.has_value());
  Result<kzg::Params> params = kzg::Params::open(srs_path(6).string());
  ASSERT_TRUE(params.is_ok()) << params.status().message();
  EXPECT_FALSE(generate_keys(c->ir, c->model, *params).is_ok());
}

TEST(KeyDiff, NamesTheFirstDifferingProverKeyField) {
  NIGHTJAR_REQUIRE_VECTOR(midnight_dir() / "circuits/counter/increment.prover");
  std::optional<Counter> c = counter();
  ASSERT_TRUE(c.has_value());
  const ProverKey& official = c->official_prover;
  EXPECT_EQ(first_difference(official, official), std::nullopt);

  auto changed = [&](size_t offset) {
    std::vector<uint8_t> body = official.body;
    body[offset] ^= 1;
    Result<ProverKey> key = parse_prover_key_body(std::move(body), official.flavour);
    NIGHTJAR_CHECK(key.is_ok());
    return first_difference(official, *key).value_or("none");
  };
  const ProvingKeyLayout& l = official.layout;
  EXPECT_EQ(changed(0), "max_bit_len: official 8, ours 9");
  // Row 3 of fixed column 2: past the count, two whole columns and their lengths.
  const size_t n = l.poly_len;
  const size_t fixed_cell = l.fixed_polys.offset + 4 + 2 * (4 + 32 * n) + 4 + 3 * 32;
  EXPECT_TRUE(changed(fixed_cell).starts_with("fixed column 2 row 3: official "))
      << changed(fixed_cell);
  const size_t sigma_cell = l.permutation_polys.offset + 4 + (4 + 32 * n) + 4 + 7 * 32 + 5;
  EXPECT_TRUE(changed(sigma_cell).starts_with("permutation column 1 row 7: official "))
      << changed(sigma_cell);
  const size_t commitment = l.permutation_commitments.offset + 96 + 95;
  EXPECT_TRUE(changed(commitment).starts_with("permutation commitment 1: official "))
      << changed(commitment);
}

TEST(KeyDiff, NamesTheFirstDifferingVerifierKeyField) {
  NIGHTJAR_REQUIRE_VECTOR(midnight_dir() / "circuits/counter/increment.verifier");
  std::optional<Counter> c = counter();
  ASSERT_TRUE(c.has_value());
  const VerifierKey& official = c->official_verifier;
  EXPECT_EQ(first_difference(official, official), std::nullopt);
  VerifierKey ours = official;
  ours.num_public_inputs += 1;
  EXPECT_EQ(first_difference(official, ours), "num_public_inputs: official 9, ours 10");
  ours = official;
  ours.fixed_commitments[4][47] ^= 1;
  EXPECT_TRUE(first_difference(official, ours)->starts_with("fixed commitment 4: official "));
  ours = official;
  ours.arch.jubjub = true;
  EXPECT_TRUE(first_difference(official, ours)->starts_with("architecture: official [poseidon]"));
}

}  // namespace
}  // namespace nightjar::midnight
