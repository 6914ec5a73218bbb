#include "midnight/prover_service.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <thread>
#include <tuple>
#include <vector>

#include "ff/backend.h"
#include "midnight/preimage.h"
#include "midnight/proof.h"
#include "midnight/tagged.h"
#include "midnight/verifier_key.h"
#include "midnight/zkir_binary.h"
#include "pcs/kzg/params.h"
#include "tests/testing/vectors.h"

namespace nightjar::midnight {
namespace {

namespace fs = std::filesystem;

fs::path midnight_dir() { return testing::midnight_vectors_dir(); }

using testing::read_file;

nlohmann::json read_json(const fs::path& path) {
  return nlohmann::json::parse(std::ifstream(path));
}

ProofPreimage read_preimage(const fs::path& path) {
  Result<ProofPreimage> p = decode_tagged<ProofPreimage>(read_file(path));
  NIGHTJAR_CHECK(p.is_ok());
  return std::move(p).value();
}

// A circuit's key files, as a /prove request carries them.
struct KeyFiles {
  std::vector<uint8_t> prover;
  std::vector<uint8_t> verifier;
};

KeyFiles key_files(const std::string& contract, const std::string& circuit) {
  const fs::path base = midnight_dir() / "circuits" / contract / circuit;
  return KeyFiles{read_file(fs::path(base).concat(".prover")),
                  read_file(fs::path(base).concat(".verifier"))};
}

// One service for the whole binary, so that each circuit's keys are derived once.
class ProverServiceTest : public ::testing::Test {
 protected:
  static SrsCache& srs() {
    static SrsCache cache(SrsCache::directory_source((midnight_dir() / "srs").string()));
    return cache;
  }
  static ProvingKeyCache& keys() {
    static ProvingKeyCache cache(size_t{4} << 30);
    return cache;
  }
  static const ProverService& service() {
    static const ProverService s(&srs(), &keys());
    return s;
  }

  void SetUp() override { NIGHTJAR_REQUIRE_VECTOR(midnight_dir() / "cases" / "counter-increment"); }

  static Result<ProvedCall> prove(const ProofPreimage& preimage, const KeyFiles& files,
                                  const plonk::CancelCheck& cancelled = {}) {
    plonk::OsRandom rng;
    return service().prove(
        CircuitCall{&preimage, files.prover, files.verifier, nullptr, std::nullopt}, rng,
        cancelled);
  }
};

struct Case {
  std::string name;
  std::string contract;
  std::string circuit;
  uint32_t k = 0;
};

// Every shared case, smallest circuits first (so that NIGHTJAR_PROVE_LIMIT keeps cheap ones).
std::vector<Case> shared_cases() {
  std::vector<Case> cases;
  for (const auto& e : fs::directory_iterator(midnight_dir() / "cases")) {
    if (!e.is_directory()) continue;
    const nlohmann::json meta = read_json(e.path() / "meta.json");
    cases.push_back(Case{e.path().filename().string(), meta.at("contract").get<std::string>(),
                         meta.at("circuit").get<std::string>(), meta.at("k").get<uint32_t>()});
  }
  std::sort(cases.begin(), cases.end(), [](const Case& a, const Case& b) {
    return std::tie(a.k, a.name) < std::tie(b.k, b.name);
  });
  return cases;
}

// Acceptance 2: every case proves, the proof passes the verifier (checked here again, apart from
// the service's own check), has the official proof's size, and the /check part equals the
// official answer. Emulated runs prove the first NIGHTJAR_PROVE_LIMIT cases only.
TEST_F(ProverServiceTest, EveryCaseProvesAndVerifies) {
  std::vector<Case> cases = shared_cases();
  ASSERT_GE(cases.size(), 15u);
  const size_t limit = static_cast<size_t>(testing::env_int("NIGHTJAR_PROVE_LIMIT", 1000));
  if (cases.size() > limit) cases.resize(limit);
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    const fs::path dir = midnight_dir() / "cases" / c.name;
    const ProofPreimage preimage = read_preimage(dir / "preimage.bin");
    const KeyFiles files = key_files(c.contract, c.circuit);
    Result<ProvedCall> proved = prove(preimage, files);
    ASSERT_TRUE(proved.is_ok()) << proved.status().message();
    EXPECT_EQ(proved->k, c.k);

    Result<VerifierKey> vk = decode_tagged<VerifierKey>(files.verifier);
    ASSERT_TRUE(vk.is_ok());
    Result<LoadedVerifierKey> loaded = load_verifier_key(*vk);
    ASSERT_TRUE(loaded.is_ok());
    Result<kzg::Params> params = kzg::Params::open(
        (midnight_dir() / "srs" / ("bls_midnight_2p" + std::to_string(c.k))).string());
    ASSERT_TRUE(params.is_ok());
    const Status verified = verify_proof(plonk::VerifierParams(params->g2(), params->s_g2()),
                                         *loaded, proved->public_inputs, proved->proof);
    EXPECT_TRUE(verified.is_ok()) << verified.message();

    Result<Proof> official = decode_tagged<Proof>(read_file(dir / "proof.bin"));
    ASSERT_TRUE(official.is_ok());
    EXPECT_EQ(proved->proof.size(), official->bytes.size());
    const nlohmann::json check = read_json(dir / "check.json");
    ASSERT_EQ(proved->pi_skips.size(), check.size());
    for (size_t i = 0; i < check.size(); ++i) {
      if (check[i].is_null()) {
        EXPECT_FALSE(proved->pi_skips[i].has_value()) << i;
      } else {
        EXPECT_EQ(proved->pi_skips[i], check[i].get<uint64_t>()) << i;
      }
    }
  }
}

// Acceptance 2, byte for byte: with the vectors' seeded stream the proofs equal the official
// ones, on every arithmetic backend this CPU runs (the portable kernels, and the fast paths with
// the IFMA NTT, MSM buckets and quotient evaluation). vault-getSignerCount is given its IR
// explicitly, counter-increment uses the key's copy.
TEST_F(ProverServiceTest, DeterministicStreamReproducesTheOfficialProofs) {
  NIGHTJAR_REQUIRE_VECTOR(midnight_dir() / "deterministic" / "vault-getSignerCount");
  const ff::Backend saved = ff::active_backend();
  for (ff::Backend backend : ff::supported_backends()) {
    ASSERT_TRUE(ff::set_backend(backend).is_ok());
    for (auto [name, contract, circuit, with_ir] :
         {std::tuple{"counter-increment", "counter", "increment", false},
          std::tuple{"vault-getSignerCount", "vault", "getSignerCount", true}}) {
      SCOPED_TRACE(std::string(name) + " on " + std::string(ff::backend_name(backend)));
      const fs::path dir = midnight_dir() / "deterministic" / name;
      const ProofPreimage preimage = read_preimage(dir / "preimage.bin");
      const KeyFiles files = key_files(contract, circuit);
      std::optional<zkir::Ir> ir;
      if (with_ir) {
        Result<zkir::Ir> decoded = decode_ir(
            read_file(midnight_dir() / "circuits" / contract / (std::string(circuit) + ".bzkir")));
        ASSERT_TRUE(decoded.is_ok());
        ir = std::move(decoded).value();
      }
      plonk::SeededStream rng(read_json(dir / "meta.json").at("seed").get<std::string>());
      Result<ProvedCall> proved = service().prove(
          CircuitCall{&preimage, files.prover, files.verifier, ir ? &*ir : nullptr, std::nullopt},
          rng);
      ASSERT_TRUE(proved.is_ok()) << proved.status().message();
      Result<Proof> official = decode_tagged<Proof>(read_file(dir / "proof.bin"));
      ASSERT_TRUE(official.is_ok());
      EXPECT_TRUE(proved->proof == official->bytes);
    }
  }
  ASSERT_TRUE(ff::set_backend(saved).is_ok());
}

// Acceptance 3: key material that does not belong together, or does not decode, is refused with
// a reason and without a proof.
TEST_F(ProverServiceTest, RefusesWrongKeyMaterial) {
  const ProofPreimage counter =
      read_preimage(midnight_dir() / "cases" / "counter-increment" / "preimage.bin");
  const KeyFiles counter_keys = key_files("counter", "increment");
  const KeyFiles vault_keys = key_files("vault", "getSignerCount");
  const KeyFiles pvv_keys = key_files("pvv", "getInstanceSalt");
  struct Wrong {
    const char* what;
    KeyFiles files;
    const char* reason;  // a fragment of the expected message
  };
  const size_t half_prover = counter_keys.prover.size() / 2;
  const size_t half_verifier = counter_keys.verifier.size() / 2;
  const std::vector<Wrong> wrong = {
      {"another circuit's prover key (k 6 against 5)",
       {vault_keys.prover, counter_keys.verifier},
       "k = 6"},
      // Both k = 6, same shape: only the commitments tell them apart.
      {"another circuit's prover key, same k", {pvv_keys.prover, vault_keys.verifier}, "differs"},
      {"a verifier key of another circuit", {counter_keys.prover, vault_keys.verifier}, "k = 5"},
      {"a truncated prover key",
       {std::vector<uint8_t>(counter_keys.prover.begin(),
                             counter_keys.prover.begin() + static_cast<ptrdiff_t>(half_prover)),
        counter_keys.verifier},
       "prover key"},
      {"a truncated verifier key",
       {counter_keys.prover, std::vector<uint8_t>(counter_keys.verifier.begin(),
                                                  counter_keys.verifier.begin() +
                                                      static_cast<ptrdiff_t>(half_verifier))},
       "verifier key"},
      {"no prover key", {{}, counter_keys.verifier}, "prover key"},
  };
  for (const Wrong& w : wrong) {
    SCOPED_TRACE(w.what);
    Result<ProvedCall> proved = prove(counter, w.files);
    ASSERT_FALSE(proved.is_ok());
    EXPECT_EQ(proved.status().code(), StatusCode::kInvalidArgument);
    EXPECT_NE(proved.status().message().find(w.reason), std::string::npos)
        << proved.status().message();
  }
}

// Acceptance 3: a preimage the relation rejects gives the official reason and no proof, whether
// it was tampered with or belongs to another circuit.
TEST_F(ProverServiceTest, RefusesPreimagesThatFailCheck) {
  const fs::path negative = midnight_dir() / "negative";
  NIGHTJAR_REQUIRE_VECTOR(negative / "expected.json");
  const KeyFiles counter_keys = key_files("counter", "increment");
  for (const char* name : {"counter-tampered-public-transcript", "counter-bound-bad-commitment"}) {
    SCOPED_TRACE(name);
    std::string expected;
    for (const nlohmann::json& e : read_json(negative / "expected.json")) {
      if (e.at("name") == name) expected = e.at("expected_prove_error").get<std::string>();
    }
    ASSERT_FALSE(expected.empty());
    const ProofPreimage preimage = read_preimage(negative / (std::string(name) + ".preimage.bin"));
    Result<ProvedCall> proved = prove(preimage, counter_keys);
    ASSERT_FALSE(proved.is_ok());
    EXPECT_EQ(proved.status().message(), "preimage rejected: " + expected);
  }
  const ProofPreimage vault =
      read_preimage(midnight_dir() / "cases" / "vault-getSignerCount" / "preimage.bin");
  Result<ProvedCall> proved = prove(vault, counter_keys);
  ASSERT_FALSE(proved.is_ok());
  EXPECT_EQ(proved.status().message().rfind("preimage rejected: ", 0), 0u)
      << proved.status().message();
}

// /prove's binding-input override becomes the first public input of a proof that verifies.
TEST_F(ProverServiceTest, BindingInputOverride) {
  const ProofPreimage preimage =
      read_preimage(midnight_dir() / "cases" / "counter-increment" / "preimage.bin");
  const KeyFiles files = key_files("counter", "increment");
  plonk::OsRandom rng;
  Result<ProvedCall> proved = service().prove(
      CircuitCall{&preimage, files.prover, files.verifier, nullptr, ff::Fr::from_u64(12345)}, rng);
  ASSERT_TRUE(proved.is_ok()) << proved.status().message();
  ASSERT_FALSE(proved->public_inputs.empty());
  EXPECT_EQ(proved->public_inputs[0], ff::Fr::from_u64(12345));
}

// The cancel check stops the service before its first step, and the prover between its rounds.
TEST_F(ProverServiceTest, Cancellation) {
  const ProofPreimage preimage =
      read_preimage(midnight_dir() / "cases" / "vault-getSignerCount" / "preimage.bin");
  const KeyFiles files = key_files("vault", "getSignerCount");
  Result<ProvedCall> proved = prove(preimage, files, [] { return true; });
  ASSERT_FALSE(proved.is_ok());
  EXPECT_EQ(proved.status().code(), StatusCode::kCancelled);

  // The service polls before each of its five steps up to the prover; the sixth poll is the
  // prover's, after the witness commitments.
  int polls = 0;
  proved = prove(preimage, files, [&polls] { return ++polls == 6; });
  ASSERT_FALSE(proved.is_ok());
  EXPECT_EQ(proved.status().code(), StatusCode::kCancelled);
  EXPECT_EQ(polls, 6);

  polls = 0;
  proved = prove(preimage, files, [&polls] { return ++polls < 0; });
  EXPECT_TRUE(proved.is_ok()) << proved.status().message();
  EXPECT_GT(polls, 6);
}

TEST_F(ProverServiceTest, KeyCacheSharesAndEvicts) {
  const KeyFiles counter = key_files("counter", "increment");
  const KeyFiles vault = key_files("vault", "getSignerCount");
  Result<LoadedCircuit> counter_keys = load_circuit(counter.prover, counter.verifier);
  Result<LoadedCircuit> vault_keys = load_circuit(vault.prover, vault.verifier);
  ASSERT_TRUE(counter_keys.is_ok() && vault_keys.is_ok());
  ASSERT_GT(counter_keys->bytes, 0u);
  EXPECT_EQ(counter_keys->bytes, proving_key_bytes(counter_keys->proving));

  {
    ProvingKeyCache cache(size_t{1} << 30);
    bool hit = true;
    Result<std::shared_ptr<const LoadedCircuit>> first =
        cache.get(counter.prover, counter.verifier, &hit);
    ASSERT_TRUE(first.is_ok());
    EXPECT_FALSE(hit);
    Result<std::shared_ptr<const LoadedCircuit>> again =
        cache.get(counter.prover, counter.verifier, &hit);
    ASSERT_TRUE(again.is_ok());
    EXPECT_TRUE(hit);
    EXPECT_EQ(first->get(), again->get());
    // The same prover key with a verifier key it does not match fails, and is not cached.
    EXPECT_FALSE(cache.get(counter.prover, vault.verifier).is_ok());
    EXPECT_FALSE(cache.get(counter.prover, vault.verifier).is_ok());
    const ProvingKeyCache::Stats s = cache.stats();
    EXPECT_EQ(s.entries, 1u);
    EXPECT_EQ(s.hits, 1u);
    EXPECT_EQ(s.misses, 3u);
    EXPECT_EQ(s.bytes, counter_keys->bytes);
  }
  {
    // Room for the larger key alone: the second key evicts the first.
    ProvingKeyCache cache(std::max(counter_keys->bytes, vault_keys->bytes));
    Result<std::shared_ptr<const LoadedCircuit>> first =
        cache.get(counter.prover, counter.verifier);
    ASSERT_TRUE(first.is_ok());
    ASSERT_TRUE(cache.get(vault.prover, vault.verifier).is_ok());
    EXPECT_EQ(cache.stats().evictions, 1u);
    EXPECT_EQ(cache.stats().entries, 1u);
    bool hit = true;
    Result<std::shared_ptr<const LoadedCircuit>> again =
        cache.get(counter.prover, counter.verifier, &hit);
    ASSERT_TRUE(again.is_ok());
    EXPECT_FALSE(hit);
    EXPECT_NE(first->get(), again->get());  // the evicted key lived on in `first`
    EXPECT_LE(cache.stats().bytes, cache.budget());
  }
  {
    // Larger than the whole budget: handed out, not kept.
    ProvingKeyCache cache(counter_keys->bytes - 1);
    ASSERT_TRUE(cache.get(counter.prover, counter.verifier).is_ok());
    EXPECT_EQ(cache.stats().entries, 0u);
    EXPECT_EQ(cache.stats().bytes, 0u);
  }
  {
    // Concurrent requests for one key share one derivation.
    ProvingKeyCache cache(size_t{1} << 30);
    std::vector<std::shared_ptr<const LoadedCircuit>> got(4);
    std::vector<std::thread> threads;
    for (size_t i = 0; i < got.size(); ++i) {
      threads.emplace_back([&, i] {
        Result<std::shared_ptr<const LoadedCircuit>> r = cache.get(vault.prover, vault.verifier);
        if (r.is_ok()) got[i] = *r;
      });
    }
    for (std::thread& t : threads) t.join();
    for (const auto& g : got) EXPECT_EQ(g.get(), got[0].get());
    EXPECT_NE(got[0], nullptr);
    EXPECT_EQ(cache.stats().misses, 1u);
  }
}

TEST_F(ProverServiceTest, SrsCacheChecksThePinOnce) {
  Result<std::shared_ptr<const Srs>> a = srs().get(5);
  Result<std::shared_ptr<const Srs>> b = srs().get(5);
  ASSERT_TRUE(a.is_ok() && b.is_ok());
  EXPECT_EQ(a->get(), b->get());
  EXPECT_EQ((*a)->commitment_key.k(), 5u);

  const fs::path dir =
      fs::temp_directory_path() / ("nightjar-srs-cache-" + std::to_string(getpid()));
  fs::create_directories(dir);
  std::vector<uint8_t> bytes = read_file(midnight_dir() / "srs" / "bls_midnight_2p4");
  bytes[4 + 96 + 50] ^= 1;  // inside the second point
  std::ofstream(dir / "bls_midnight_2p4", std::ios::binary)
      .write(reinterpret_cast<const char*>(bytes.data()),
             static_cast<std::streamsize>(bytes.size()));
  SrsCache tampered(SrsCache::directory_source(dir.string()));
  Result<std::shared_ptr<const Srs>> bad = tampered.get(4);
  ASSERT_FALSE(bad.is_ok());
  EXPECT_EQ(bad.status().code(), StatusCode::kDataLoss);
  Result<std::shared_ptr<const Srs>> missing = tampered.get(3);
  ASSERT_FALSE(missing.is_ok());
  EXPECT_EQ(missing.status().code(), StatusCode::kNotFound);
  fs::remove_all(dir);
}

}  // namespace
}  // namespace nightjar::midnight
