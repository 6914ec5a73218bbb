#include "midnight/key_cache.h"

#include "midnight/prover_key.h"
#include "midnight/proving_key_load.h"
#include "midnight/tagged.h"
#include "midnight/verifier_key.h"

namespace nightjar::midnight {

namespace {

Status with_context(const char* what, const Status& s) {
  return Status(s.code(), std::string(what) + ": " + s.message());
}

template <class Poly>
size_t poly_bytes(const std::vector<Poly>& polys) {
  size_t values = 0;
  for (const Poly& p : polys) values += p.size();
  return values * sizeof(ff::Fr);
}

}  // namespace

size_t proving_key_bytes(const plonk::ProvingKey& pk) {
  return poly_bytes(pk.fixed_values()) + poly_bytes(pk.fixed_polys()) +
         poly_bytes(pk.fixed_cosets()) + poly_bytes(pk.permutation_values()) +
         poly_bytes(pk.permutation_polys()) + poly_bytes(pk.permutation_cosets()) +
         (pk.l0().size() + pk.l_last().size() + pk.l_active_row().size()) * sizeof(ff::Fr);
}

Result<LoadedCircuit> load_circuit(std::span<const uint8_t> prover_key,
                                   std::span<const uint8_t> verifier_key) {
  Result<VerifierKey> vk = decode_tagged<VerifierKey>(verifier_key);
  if (!vk.is_ok()) return with_context("verifier key", vk.status());
  Result<LoadedVerifierKey> loaded = load_verifier_key(*vk);
  if (!loaded.is_ok()) return with_context("verifier key", loaded.status());
  Result<ProverKey> pk = decode_prover_key(prover_key);
  if (!pk.is_ok()) return with_context("prover key", pk.status());
  Result<plonk::ProvingKey> proving = load_proving_key(*pk, *loaded);
  if (!proving.is_ok()) return proving.status();
  LoadedCircuit keys{std::move(pk->relation),
                     pk->max_bit_len,
                     pk->k,
                     std::move(loaded).value(),
                     std::move(proving).value(),
                     0};
  keys.bytes = proving_key_bytes(keys.proving);
  return keys;
}

Result<std::shared_ptr<const LoadedCircuit>> ProvingKeyCache::get(
    std::span<const uint8_t> prover_key, std::span<const uint8_t> verifier_key, bool* hit) {
  const Name name{sha256(prover_key), sha256(verifier_key)};
  {
    std::unique_lock<std::mutex> lock(mutex_);
    for (;;) {
      if (auto it = index_.find(name); it != index_.end()) {
        lru_.splice(lru_.begin(), lru_, it->second);
        ++stats_.hits;
        if (hit != nullptr) *hit = true;
        return it->second->keys;
      }
      if (!deriving_.contains(name)) break;
      derived_.wait(lock);
    }
    deriving_.insert(name);
    ++stats_.misses;
  }
  if (hit != nullptr) *hit = false;

  Result<LoadedCircuit> loaded = load_circuit(prover_key, verifier_key);
  std::shared_ptr<const LoadedCircuit> keys;
  if (loaded.is_ok()) keys = std::make_shared<const LoadedCircuit>(std::move(loaded).value());
  {
    std::lock_guard<std::mutex> lock(mutex_);
    deriving_.erase(name);
    if (keys && keys->bytes <= budget_) {
      lru_.push_front(Entry{name, keys});
      index_.emplace(name, lru_.begin());
      stats_.bytes += keys->bytes;
      evict_to_budget();
    }
  }
  derived_.notify_all();
  if (!keys) return loaded.status();
  return keys;
}

void ProvingKeyCache::evict_to_budget() {
  while (stats_.bytes > budget_ && !lru_.empty()) {
    const Entry& last = lru_.back();
    stats_.bytes -= last.keys->bytes;
    index_.erase(last.name);
    lru_.pop_back();
    ++stats_.evictions;
  }
}

ProvingKeyCache::Stats ProvingKeyCache::stats() const {
  std::lock_guard<std::mutex> lock(mutex_);
  Stats s = stats_;
  s.entries = lru_.size();
  return s;
}

}  // namespace nightjar::midnight
