#include "midnight/proof_verifier.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "midnight/preimage.h"
#include "midnight/proof.h"
#include "midnight/tagged.h"
#include "midnight/zkir_binary.h"
#include "pcs/kzg/params.h"
#include "plonk/expression.h"
#include "tests/testing/vectors.h"
#include "zkir/interpreter.h"

namespace nightjar::midnight {
namespace {

namespace fs = std::filesystem;

fs::path midnight_dir() { return testing::midnight_vectors_dir(); }

using testing::read_file;

// One proved circuit call: its key, public inputs and proof.
struct Case {
  std::string name;
  fs::path circuit;  // circuits/<contract>/<circuit> without extension
  std::vector<ff::Fr> public_inputs;
  std::vector<uint8_t> proof;
};

Case load_case(const fs::path& dir) {
  Case c;
  c.name = dir.parent_path().filename().string() + "/" + dir.filename().string();
  const nlohmann::json meta = nlohmann::json::parse(std::ifstream(dir / "meta.json"));
  c.circuit = midnight_dir() / "circuits" / meta.at("contract").get<std::string>() /
              meta.at("circuit").get<std::string>();
  Result<ProofPreimage> preimage = decode_tagged<ProofPreimage>(read_file(dir / "preimage.bin"));
  EXPECT_TRUE(preimage.is_ok()) << preimage.status().message();
  Result<zkir::Ir> ir = decode_ir(read_file(fs::path(c.circuit).concat(".bzkir")));
  EXPECT_TRUE(ir.is_ok()) << ir.status().message();
  if (!preimage.is_ok() || !ir.is_ok()) return c;
  Result<zkir::Preprocessed> pre = zkir::preprocess(*ir, check_inputs(*preimage));
  EXPECT_TRUE(pre.is_ok()) << pre.status().message();
  if (pre.is_ok()) c.public_inputs = pre->public_inputs;
  Result<Proof> proof = decode_tagged<Proof>(read_file(dir / "proof.bin"));
  EXPECT_TRUE(proof.is_ok()) << proof.status().message();
  if (proof.is_ok()) c.proof = proof->bytes;
  return c;
}

std::vector<Case> all_cases() {
  std::vector<Case> out;
  for (const char* group : {"cases", "deterministic"}) {
    std::vector<fs::path> dirs;
    for (const auto& e : fs::directory_iterator(midnight_dir() / group)) {
      if (e.is_directory()) dirs.push_back(e.path());
    }
    std::sort(dirs.begin(), dirs.end());
    for (const fs::path& d : dirs) out.push_back(load_case(d));
  }
  return out;
}

Result<LoadedVerifierKey> load_key(const fs::path& circuit) {
  Result<VerifierKey> vk =
      decode_tagged<VerifierKey>(read_file(fs::path(circuit).concat(".verifier")));
  if (!vk.is_ok()) return vk.status();
  return load_verifier_key(*vk);
}

plonk::VerifierParams verifier_params() {
  Result<kzg::Params> p = kzg::Params::open((midnight_dir() / "srs" / "bls_midnight_2p0").string());
  NIGHTJAR_CHECK(p.is_ok());
  return plonk::VerifierParams(p->g2(), p->s_g2());
}

TEST(ProofVerifier, EveryOfficialProofVerifies) {
  NIGHTJAR_REQUIRE_VECTOR(midnight_dir() / "cases");
  const plonk::VerifierParams params = verifier_params();
  const std::vector<Case> cases = all_cases();
  ASSERT_GE(cases.size(), 18u);
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    Result<LoadedVerifierKey> key = load_key(c.circuit);
    ASSERT_TRUE(key.is_ok()) << key.status().message();
    Status s = verify_proof(params, *key, c.public_inputs, c.proof);
    EXPECT_TRUE(s.is_ok()) << s.message();
  }
}

// Any flipped bit, at 300 positions spread over each proof, makes it fail. Emulated CPUs run
// fewer (NIGHTJAR_PROOF_FLIPS, set by scripts/portability-check).
TEST(ProofVerifier, FlippedBitsAreRejected) {
  NIGHTJAR_REQUIRE_VECTOR(midnight_dir() / "cases");
  const plonk::VerifierParams params = verifier_params();
  for (const Case& c : all_cases()) {
    SCOPED_TRACE(c.name);
    Result<LoadedVerifierKey> key = load_key(c.circuit);
    ASSERT_TRUE(key.is_ok()) << key.status().message();
    const size_t bits = c.proof.size() * 8;
    const size_t samples = static_cast<size_t>(testing::env_int("NIGHTJAR_PROOF_FLIPS", 300));
    size_t rejected = 0;
    for (size_t i = 0; i < samples; ++i) {
      const size_t bit = (i * bits) / samples + (i * 7919) % (bits / samples);
      std::vector<uint8_t> bad = c.proof;
      bad[bit / 8] ^= static_cast<uint8_t>(1u << (bit % 8));
      const Status s = verify_proof(params, *key, c.public_inputs, bad);
      rejected += !s.is_ok();
      EXPECT_FALSE(s.is_ok()) << "bit " << bit;
    }
    EXPECT_EQ(rejected, samples);
  }
}

// The transcript representation of every shared verifier key, printed. The official proofs fix
// the reference value: they verify with the computed value and fail with any other.
TEST(ProofVerifier, TranscriptRepresentationOfEveryKey) {
  NIGHTJAR_REQUIRE_VECTOR(midnight_dir() / "cases");
  const plonk::VerifierParams params = verifier_params();
  for (const Case& c : all_cases()) {
    SCOPED_TRACE(c.name);
    Result<LoadedVerifierKey> key = load_key(c.circuit);
    ASSERT_TRUE(key.is_ok()) << key.status().message();
    std::string repr;
    plonk::debug_fr(key->key.transcript_repr(), repr);
    std::printf("%-40s k=%2u transcript_repr %s\n", c.name.c_str(), key->key.domain().k,
                repr.c_str());
    EXPECT_TRUE(verify_proof(params, *key, c.public_inputs, c.proof).is_ok());
    LoadedVerifierKey altered{
        key->wire, key->key.with_transcript_repr(key->key.transcript_repr() + ff::Fr::one())};
    EXPECT_FALSE(verify_proof(params, altered, c.public_inputs, c.proof).is_ok());
  }
}

// Every shared verifier key (the built-in zswap and dust keys included) gives a verifying key:
// its architecture is supported and its commitments match the rebuilt constraint system.
TEST(ProofVerifier, EverySharedKeyLoads) {
  const fs::path summary = midnight_dir() / "circuits" / "vk-summary.json";
  NIGHTJAR_REQUIRE_VECTOR(summary);
  const nlohmann::json keys = nlohmann::json::parse(std::ifstream(summary));
  ASSERT_GE(keys.size(), 18u);
  for (const auto& [file, info] : keys.items()) {
    SCOPED_TRACE(file);
    Result<VerifierKey> vk = decode_tagged<VerifierKey>(read_file(midnight_dir() / file));
    ASSERT_TRUE(vk.is_ok()) << vk.status().message();
    Result<LoadedVerifierKey> key = load_verifier_key(*vk);
    ASSERT_TRUE(key.is_ok()) << key.status().message();
    EXPECT_EQ(key->key.domain().k, info.at("k").get<uint32_t>());
  }
}

// A proof is bound to its statement and its key, and to its exact bytes.
TEST(ProofVerifier, WrongStatementKeyOrLengthIsRejected) {
  NIGHTJAR_REQUIRE_VECTOR(midnight_dir() / "cases");
  const plonk::VerifierParams params = verifier_params();
  const std::vector<Case> cases = all_cases();
  for (size_t i = 0; i < cases.size(); ++i) {
    const Case& c = cases[i];
    SCOPED_TRACE(c.name);
    Result<LoadedVerifierKey> key = load_key(c.circuit);
    ASSERT_TRUE(key.is_ok()) << key.status().message();

    // Each public input changed by one (the first NIGHTJAR_PROOF_FLIPS of them).
    const size_t changed = std::min(
        c.public_inputs.size(), static_cast<size_t>(testing::env_int("NIGHTJAR_PROOF_FLIPS", 300)));
    for (size_t j = 0; j < changed; ++j) {
      std::vector<ff::Fr> pis = c.public_inputs;
      pis[j] += ff::Fr::one();
      EXPECT_FALSE(verify_proof(params, *key, pis, c.proof).is_ok()) << "input " << j;
    }
    // Another case's statement (same circuit or not): its public inputs differ or their count.
    const Case& other = cases[(i + 1) % cases.size()];
    if (other.public_inputs != c.public_inputs) {
      EXPECT_FALSE(verify_proof(params, *key, other.public_inputs, c.proof).is_ok());
    }
    // Another circuit's key.
    for (const Case& o : cases) {
      if (o.circuit == c.circuit) continue;
      Result<LoadedVerifierKey> other_key = load_key(o.circuit);
      ASSERT_TRUE(other_key.is_ok());
      EXPECT_FALSE(verify_proof(params, *other_key, c.public_inputs, c.proof).is_ok()) << o.circuit;
      break;
    }
    // A byte cut off, a byte added.
    std::vector<uint8_t> shorter(c.proof.begin(), c.proof.end() - 1);
    EXPECT_FALSE(verify_proof(params, *key, c.public_inputs, shorter).is_ok());
    std::vector<uint8_t> longer = c.proof;
    longer.push_back(0);
    const Status s = verify_proof(params, *key, c.public_inputs, longer);
    EXPECT_FALSE(s.is_ok());
    EXPECT_NE(s.message().find("trailing"), std::string::npos) << s.message();
  }
}

}  // namespace
}  // namespace nightjar::midnight
