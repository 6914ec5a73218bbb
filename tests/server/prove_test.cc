// The /prove computation without HTTP: a shared case proves and its proof verifies against the
// official verifier key, the binding-input override reaches the statement, key resolution
// follows the official order (built-ins from the store first, then the request's material), and
// every refusal is 400 with its reason.
#include "server/prove.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "midnight/proof.h"
#include "midnight/proof_verifier.h"
#include "midnight/requests.h"
#include "midnight/tagged.h"
#include "midnight/verifier_key.h"
#include "midnight/zkir_binary.h"
#include "pcs/kzg/params.h"
#include "tests/testing/vectors.h"

namespace nightjar::server {
namespace {

namespace fs = std::filesystem;

fs::path midnight_dir() { return testing::midnight_vectors_dir(); }

using testing::read_file;

midnight::ProveRequest read_request(const std::string& name) {
  Result<midnight::ProveRequest> r = midnight::decode_tagged<midnight::ProveRequest>(
      read_file(midnight_dir() / "cases" / name / "prove-request.bin"));
  NIGHTJAR_CHECK(r.is_ok());
  return std::move(r).value();
}

std::vector<uint8_t> encode(const midnight::ProveRequest& r) { return midnight::encode_tagged(r); }

// Whether `body` (a /prove answer) proves the circuit of `request` for a binding input of
// `binding`: the statement is recomputed from the preimage, as the ledger does.
Status verifies(const std::string& body, const midnight::ProveRequest& request,
                const ff::Fr& binding) {
  Result<midnight::ProofVersioned> proof = midnight::decode_tagged<midnight::ProofVersioned>(
      std::span(reinterpret_cast<const uint8_t*>(body.data()), body.size()));
  if (!proof.is_ok()) return proof.status();
  const midnight::ProvingKeyMaterial& keys = *request.key_material;
  Result<zkir::Ir> ir = midnight::decode_ir(keys.ir_source);
  if (!ir.is_ok()) return ir.status();
  zkir::CheckInputs inputs = midnight::check_inputs(request.preimage.preimage);
  inputs.binding_input = binding;
  Result<zkir::Preprocessed> statement = zkir::preprocess(*ir, inputs);
  if (!statement.is_ok()) return statement.status();
  Result<midnight::VerifierKey> vk =
      midnight::decode_tagged<midnight::VerifierKey>(keys.verifier_key);
  if (!vk.is_ok()) return vk.status();
  Result<midnight::LoadedVerifierKey> loaded = midnight::load_verifier_key(*vk);
  if (!loaded.is_ok()) return loaded.status();
  Result<kzg::Params> params = kzg::Params::open(
      (midnight_dir() / "srs" / ("bls_midnight_2p" + std::to_string(vk->k))).string());
  if (!params.is_ok()) return params.status();
  return midnight::verify_proof(plonk::VerifierParams(params->g2(), params->s_g2()), *loaded,
                                statement->public_inputs, proof->proof.bytes);
}

class ProveTest : public ::testing::Test {
 protected:
  void SetUp() override { NIGHTJAR_REQUIRE_VECTOR(midnight_dir() / "cases" / "counter-increment"); }

  Response prove(const std::vector<uint8_t>& body, const CancelToken& token = {}) {
    return prover_.prove(body, token);
  }

  // The shared SRS files in place, offline: nothing is downloaded and no built-in key exists.
  params::Store store_{params::StoreOptions{.dir = midnight_dir() / "srs", .allow_download = false},
                       nullptr};
  Prover prover_{&store_, size_t{1} << 30};
};

TEST_F(ProveTest, ProvesASharedCaseAndTheProofVerifies) {
  const midnight::ProveRequest request = read_request("counter-increment");
  Response r = prove(encode(request));
  ASSERT_EQ(r.status, 200u) << r.body;
  EXPECT_EQ(r.error, Error::kNone);
  EXPECT_EQ(r.k, 5u);
  EXPECT_TRUE(r.body.starts_with("midnight:proof-versioned:\x01"));
  const Status verified = verifies(r.body, request, request.preimage.preimage.binding_input);
  EXPECT_TRUE(verified.is_ok()) << verified.message();
  Result<midnight::Proof> official = midnight::decode_tagged<midnight::Proof>(
      read_file(midnight_dir() / "cases" / "counter-increment" / "proof.bin"));
  ASSERT_TRUE(official.is_ok());
  EXPECT_EQ(r.body.size(), std::string("midnight:proof-versioned:\x01").size() +
                               (official->bytes.size() < 16384 ? 2 : 4) + official->bytes.size());
}

TEST_F(ProveTest, TheBindingInputOverrideIsWhatIsProved) {
  midnight::ProveRequest request = read_request("counter-increment");
  const ff::Fr original = request.preimage.preimage.binding_input;
  request.binding_input = ff::Fr::from_u64(12345);
  Response r = prove(encode(request));
  ASSERT_EQ(r.status, 200u) << r.body;
  EXPECT_TRUE(verifies(r.body, request, ff::Fr::from_u64(12345)).is_ok());
  EXPECT_FALSE(verifies(r.body, request, original).is_ok());
}

TEST_F(ProveTest, NoKeyMaterialForAContractLocation) {
  // The wallet SDK's request: no keys, a binding override, a contract's key location.
  Response r = prove(read_file(midnight_dir() / "http-dump" / "002-prove.request.bin"));
  EXPECT_EQ(r.status, 400u);
  EXPECT_EQ(r.error, Error::kBadInput);
  EXPECT_EQ(r.body, "bad input: couldn't find key increment");
}

// The official resolver answers built-in locations from its own files even when the request
// carries keys; here the store has none (offline), so the reason names the missing file.
TEST_F(ProveTest, BuiltInLocationsComeFromTheStoreFirst) {
  midnight::ProveRequest request = read_request("counter-increment");
  request.preimage.preimage.key_location = "midnight/zswap/sign";
  Response r = prove(encode(request));
  EXPECT_EQ(r.status, 400u);
  EXPECT_TRUE(r.body.starts_with("bad input: ")) << r.body;
  EXPECT_NE(r.body.find("zswap/9/sign.prover"), std::string::npos) << r.body;
}

TEST_F(ProveTest, RefusalsAre400WithTheirReason) {
  const fs::path negative = midnight_dir() / "negative";
  // A preimage the relation rejects: no proof is made.
  midnight::ProveRequest tampered = read_request("counter-increment");
  Result<midnight::ProofPreimage> preimage = midnight::decode_tagged<midnight::ProofPreimage>(
      read_file(negative / "counter-tampered-public-transcript.preimage.bin"));
  ASSERT_TRUE(preimage.is_ok());
  tampered.preimage.preimage = *preimage;
  Response r = prove(encode(tampered));
  EXPECT_EQ(r.status, 400u);
  EXPECT_EQ(r.body,
            "bad input: preimage rejected: Public transcript input mismatch for input 0; expected: "
            "Some(71), computed: Some(70)");

  // A body that does not decode: the decoder's message, as /check.
  r = prove(read_file(negative / "prove-request-truncated.bin"));
  EXPECT_EQ(r.status, 400u);
  EXPECT_EQ(r.error, Error::kDecode);
  EXPECT_FALSE(r.body.empty());

  // Keys of another circuit: they decode, but do not belong to the IR's relation.
  midnight::ProveRequest mixed = read_request("counter-increment");
  mixed.key_material->verifier_key =
      read_file(midnight_dir() / "circuits" / "vault" / "isSigner.verifier");
  r = prove(encode(mixed));
  EXPECT_EQ(r.status, 400u);
  EXPECT_TRUE(r.body.starts_with("bad input: ")) << r.body;

  // An IR that does not decode.
  midnight::ProveRequest broken = read_request("counter-increment");
  broken.key_material->ir_source = {1, 2, 3};
  r = prove(encode(broken));
  EXPECT_EQ(r.status, 400u);
  EXPECT_TRUE(r.body.starts_with("bad input: expected one of")) << r.body;
}

TEST_F(ProveTest, ACancelledJobStopsWithoutAProof) {
  CancelToken token;
  token.cancel();
  Response r = prove(encode(read_request("counter-increment")), token);
  EXPECT_EQ(r.error, Error::kClientGone);
  EXPECT_FALSE(r.k.has_value());
}

TEST_F(ProveTest, WithoutAStoreTheReasonIsGiven) {
  Prover bare(nullptr, 0);
  Response r = bare.prove(encode(read_request("counter-increment")), CancelToken());
  EXPECT_EQ(r.status, 400u);
  EXPECT_NE(r.body.find("no parameter store"), std::string::npos) << r.body;
}

}  // namespace
}  // namespace nightjar::server
