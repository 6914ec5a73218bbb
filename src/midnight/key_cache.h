// A circuit's keys decoded and derived once, and a memory-bounded cache of them.
//
// LoadedCircuit is what proving one circuit needs beyond the call's preimage: the relation (ZKIR),
// max_bit_len and k that the prover key records, the loaded verifier key, and the
// plonk::ProvingKey with every derived form (coefficients and extended cosets of the fixed and σ
// columns, the Lagrange indicators). Deriving them costs one NTT per form, a few tenths of a
// second at k = 13, which a repeated call should not pay again; `bytes` is what they occupy.
//
// ProvingKeyCache maps SHA-256(prover key file) ‖ SHA-256(verifier key file) to LoadedCircuit. The
// verifier key is part of the name because the derived key embeds it (its constraint system comes
// from the verifier key's architecture): a request pairing a good prover key with a bad verifier
// key must not leave behind an entry that a later, correct request would get. The prover key is
// hashed as the tagged (gzip'd) file, so a hit costs one hash and no decompression.
//
// Budget: the entries' `bytes` sum to at most `budget_bytes`; inserting past it evicts the least
// recently used entries first. An entry larger than the whole budget is handed out but not kept.
// Entries are shared_ptr: one evicted while a proof uses it lives until that proof ends, so
// memory can briefly exceed the budget by the keys in use.
//
// Thread safety: get() may be called from any thread. Concurrent calls for the same pair share
// one derivation (the others wait for it); different pairs derive in parallel. A failed
// derivation is not cached: the next call retries and gets the same error. Entries are immutable.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <list>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <span>
#include <utility>

#include "base/sha256.h"
#include "base/status.h"
#include "midnight/proof_verifier.h"
#include "plonk/proving_key.h"
#include "zkir/ir.h"

namespace nightjar::midnight {

struct LoadedCircuit {
  zkir::Ir relation;  // the prover key's own copy of the IR
  uint8_t max_bit_len = 0;
  uint32_t k = 0;
  LoadedVerifierKey verifier;
  plonk::ProvingKey proving;
  size_t bytes = 0;  // the polynomials of `proving`: 32 bytes per value, every form
};

// Decodes the tagged prover-key[v7] and verifier-key[v6] files, checks that they belong together
// (plonk keys' k, column counts and commitments: load_proving_key) and derives the proving key.
[[nodiscard]] Result<LoadedCircuit> load_circuit(std::span<const uint8_t> prover_key,
                                                 std::span<const uint8_t> verifier_key);

// The bytes of every polynomial a proving key holds.
size_t proving_key_bytes(const plonk::ProvingKey& pk);

class ProvingKeyCache {
 public:
  struct Stats {
    size_t entries = 0;
    size_t bytes = 0;
    uint64_t hits = 0;
    uint64_t misses = 0;
    uint64_t evictions = 0;
  };

  explicit ProvingKeyCache(size_t budget_bytes) : budget_(budget_bytes) {}
  ProvingKeyCache(const ProvingKeyCache&) = delete;
  ProvingKeyCache& operator=(const ProvingKeyCache&) = delete;

  // The keys of this (prover key, verifier key) pair, derived now or found. `hit`, when given,
  // says which.
  [[nodiscard]] Result<std::shared_ptr<const LoadedCircuit>> get(
      std::span<const uint8_t> prover_key, std::span<const uint8_t> verifier_key,
      bool* hit = nullptr);

  size_t budget() const { return budget_; }
  Stats stats() const;

 private:
  using Name = std::pair<Sha256Digest, Sha256Digest>;
  struct Entry {
    Name name;
    std::shared_ptr<const LoadedCircuit> keys;
  };

  // Drops least recently used entries until the total fits the budget. Needs mutex_.
  void evict_to_budget();

  const size_t budget_;
  mutable std::mutex mutex_;
  std::condition_variable derived_;  // signalled when a derivation ends
  std::list<Entry> lru_;             // most recently used first
  std::map<Name, std::list<Entry>::iterator> index_;
  std::set<Name> deriving_;
  Stats stats_;
};

}  // namespace nightjar::midnight
