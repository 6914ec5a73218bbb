#include "midnight/proving_key_load.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "midnight/preimage.h"
#include "midnight/proof.h"
#include "midnight/tagged.h"
#include "pcs/kzg/params.h"
#include "plonk/commitment_key.h"
#include "plonk/multi_open.h"
#include "tests/testing/vectors.h"
#include "zkir/interpreter.h"
#include "zkir/synthesis.h"

namespace nightjar::midnight {
namespace {

namespace fs = std::filesystem;

fs::path midnight_dir() { return testing::midnight_vectors_dir(); }

using testing::read_file;

struct Keys {
  ProverKey prover;
  LoadedVerifierKey verifier;
};

Keys load_keys(const std::string& contract, const std::string& circuit) {
  const fs::path base = midnight_dir() / "circuits" / contract / circuit;
  Result<ProverKey> pk = decode_prover_key(read_file(fs::path(base).concat(".prover")));
  NIGHTJAR_CHECK(pk.is_ok());
  Result<VerifierKey> vk =
      decode_tagged<VerifierKey>(read_file(fs::path(base).concat(".verifier")));
  NIGHTJAR_CHECK(vk.is_ok());
  Result<LoadedVerifierKey> loaded = load_verifier_key(*vk);
  NIGHTJAR_CHECK(loaded.is_ok());
  return Keys{std::move(pk).value(), std::move(loaded).value()};
}

plonk::CommitmentKey commitment_key(uint32_t k) {
  Result<kzg::Params> params = kzg::Params::open(
      (midnight_dir() / "srs" / ("bls_midnight_2p" + std::to_string(k))).string());
  NIGHTJAR_CHECK(params.is_ok());
  Result<plonk::CommitmentKey> ck = plonk::CommitmentKey::from_params(*params);
  NIGHTJAR_CHECK(ck.is_ok());
  return std::move(ck).value();
}

// The decoded values are the ones the keys commit to: every fixed and σ column's Lagrange
// commitment under the real SRS equals the verifier key's commitment.
TEST(ProvingKeyLoad, ValuesMatchTheVerifierKeysCommitments) {
  NIGHTJAR_REQUIRE_VECTOR(midnight_dir() / "circuits" / "counter");
  for (auto [contract, circuit] :
       {std::pair{"counter", "increment"}, std::pair{"vault", "getSignerCount"}}) {
    SCOPED_TRACE(circuit);
    const Keys keys = load_keys(contract, circuit);
    Result<plonk::ProvingKey> pk = load_proving_key(keys.prover, keys.verifier);
    ASSERT_TRUE(pk.is_ok()) << pk.status().message();
    const plonk::CommitmentKey ck = commitment_key(pk->domain().k());
    const plonk::VerifyingKey& vk = keys.verifier.key;
    ASSERT_EQ(pk->fixed_values().size(), vk.fixed_commitments().size());
    for (size_t i = 0; i < pk->fixed_values().size(); ++i) {
      EXPECT_EQ(ck.commit_lagrange(pk->fixed_values()[i].span()), vk.fixed_commitments()[i])
          << "fixed " << i;
    }
    ASSERT_EQ(pk->permutation_values().size(), vk.permutation_commitments().size());
    for (size_t i = 0; i < pk->permutation_values().size(); ++i) {
      EXPECT_EQ(ck.commit_lagrange(pk->permutation_values()[i].span()),
                vk.permutation_commitments()[i])
          << "permutation " << i;
    }
  }
}

TEST(ProvingKeyLoad, RefusesKeysThatDisagree) {
  NIGHTJAR_REQUIRE_VECTOR(midnight_dir() / "circuits" / "counter");
  const Keys counter = load_keys("counter", "increment");
  const Keys vault = load_keys("vault", "getSignerCount");
  EXPECT_FALSE(load_proving_key(counter.prover, vault.verifier).is_ok());  // k 5 against 6
  ProverKey tampered = counter.prover;
  // The y coordinate's low limb of the first fixed commitment: off the curve or another point.
  tampered.body[tampered.layout.fixed_commitments.offset + 48] ^= 1;
  EXPECT_FALSE(load_proving_key(tampered, counter.verifier).is_ok());
  ProverKey big = counter.prover;
  // A scalar of the first fixed polynomial set to all ones: not below r.
  const size_t first_scalar = big.layout.fixed_polys.offset + 4 + 4;
  for (size_t i = 0; i < 32; ++i) big.body[first_scalar + i] = 0xff;
  EXPECT_FALSE(load_proving_key(big, counter.verifier).is_ok());
}

// Records the size of every randomness request.
class RecordingStream final : public plonk::RandomSource {
 public:
  explicit RecordingStream(std::string_view seed) : inner_(seed) {}
  void fill_bytes(std::span<uint8_t> out) override {
    inner_.fill_bytes(out);
    sizes.push_back(out.size());
  }
  std::vector<size_t> sizes;

 private:
  plonk::SeededStream inner_;
};

// With the vectors' seed, the prover asks for randomness exactly as the official one did for
// counter-increment (rng-requests.json), whatever the witness: an all-zero one suffices (its proof
// is invalid, but the draws do not depend on the values).
TEST(ProvingKeyLoad, CounterDrawsTheOfficialRequestSequence) {
  const fs::path dir = midnight_dir() / "deterministic" / "counter-increment";
  NIGHTJAR_REQUIRE_VECTOR(dir / "rng-requests.json");
  const nlohmann::json meta = nlohmann::json::parse(std::ifstream(dir / "meta.json"));
  const std::vector<size_t> expected =
      nlohmann::json::parse(std::ifstream(dir / "rng-requests.json")).get<std::vector<size_t>>();
  const Keys keys = load_keys("counter", "increment");
  Result<plonk::ProvingKey> pk = load_proving_key(keys.prover, keys.verifier);
  ASSERT_TRUE(pk.is_ok()) << pk.status().message();
  const plonk::CommitmentKey ck = commitment_key(pk->domain().k());
  const plonk::Assignment witness(pk->cs(), pk->domain().k());
  const std::vector<ff::Fr> public_inputs(keys.verifier.wire.num_public_inputs);
  RecordingStream rng(meta.at("seed").get<std::string>());
  Result<std::vector<uint8_t>> proof = prove_circuit(ck, *pk, witness, public_inputs, rng);
  ASSERT_TRUE(proof.is_ok()) << proof.status().message();
  EXPECT_EQ(rng.sizes, expected);
  EXPECT_EQ(proof->size(), meta.at("proof").at("bytes").get<size_t>() - 21);
}

// End to end: synthesis (zkir/synthesis.h) gives the witness, the prover with the vectors'
// seeded stream gives a proof that verifies and, where the lookups' leftover placement does not
// depend on the order (lookup_prover.h), equals the official proof byte for byte.
TEST(ProvingKeyLoad, DeterministicProofsReproduceTheOfficialOnes) {
  NIGHTJAR_REQUIRE_VECTOR(midnight_dir() / "deterministic");
  struct Expectation {
    const char* name;
    const char* contract;
    const char* circuit;
    bool identical;  // else the leftover placement differs: bboard-post, from byte 432 on
  };
  for (const Expectation& e : {Expectation{"counter-increment", "counter", "increment", true},
                               Expectation{"vault-getSignerCount", "vault", "getSignerCount", true},
                               Expectation{"bboard-post", "bboard", "post", false}}) {
    SCOPED_TRACE(e.name);
    const fs::path dir = midnight_dir() / "deterministic" / e.name;
    const nlohmann::json meta = nlohmann::json::parse(std::ifstream(dir / "meta.json"));
    const Keys keys = load_keys(e.contract, e.circuit);
    Result<plonk::ProvingKey> pk = load_proving_key(keys.prover, keys.verifier);
    ASSERT_TRUE(pk.is_ok()) << pk.status().message();
    Result<ProofPreimage> preimage = decode_tagged<ProofPreimage>(read_file(dir / "preimage.bin"));
    ASSERT_TRUE(preimage.is_ok()) << preimage.status().message();
    const zkir::CheckInputs inputs = check_inputs(*preimage);
    Result<zkir::Preprocessed> pre = zkir::preprocess(keys.prover.relation, inputs);
    ASSERT_TRUE(pre.is_ok()) << pre.status().message();
    const zkir::SynthesisWitness witness{pre->memory.values(), inputs.binding_input,
                                         inputs.communications_commitment};
    Result<zkir::Synthesized> synthesized =
        zkir::synthesize(keys.prover.relation, witness, keys.prover.max_bit_len, keys.prover.k);
    ASSERT_TRUE(synthesized.is_ok()) << synthesized.status().message();

    Result<kzg::Params> params = kzg::Params::open(
        (midnight_dir() / "srs" / ("bls_midnight_2p" + std::to_string(keys.prover.k))).string());
    ASSERT_TRUE(params.is_ok());
    Result<plonk::CommitmentKey> ck = plonk::CommitmentKey::from_params(*params);
    ASSERT_TRUE(ck.is_ok());
    plonk::SeededStream rng(meta.at("seed").get<std::string>());
    Result<std::vector<uint8_t>> proof =
        prove_circuit(*ck, *pk, synthesized->assignment, pre->public_inputs, rng);
    ASSERT_TRUE(proof.is_ok()) << proof.status().message();

    const plonk::VerifierParams verifier(params->g2(), params->s_g2());
    const Status verified = verify_proof(verifier, keys.verifier, pre->public_inputs, *proof);
    EXPECT_TRUE(verified.is_ok()) << verified.message();
    if (e.identical) {
      Result<Proof> official = decode_tagged<Proof>(read_file(dir / "proof.bin"));
      ASSERT_TRUE(official.is_ok());
      EXPECT_TRUE(*proof == official->bytes);
    }
  }
}

}  // namespace
}  // namespace nightjar::midnight
