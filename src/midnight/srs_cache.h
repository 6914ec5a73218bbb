// The SRS as the prover needs it, one entry per k: the decoded commitment key (2·2^k G1 points,
// plonk::CommitmentKey) and the verifier's G2 side, for the self-check every proof gets.
//
// Where the files come from is the Source's business: directory_source() opens
// <dir>/bls_midnight_2p{k} after hashing it against the official pin (pcs/kzg/srs_pins.h), which
// CommitmentKey::from_params requires since it skips the subgroup checks; the server passes its
// key store, which pins and maps each file once. Each k is asked of the Source, and decoded, once
// per cache: a failure is not remembered, so the next request retries (a file being downloaded,
// say).
//
// Memory: an entry holds about 2·2^k·104 bytes of points (1.7 MB at k = 13, 7 MB at k = 15) and is
// kept for the cache's lifetime; Midnight circuits use k ≤ 25 and a server sees a handful of k.
// Thread safety: get() may be called from any thread. Concurrent calls for one k share one
// decode (the others wait for it); different k decode in parallel. Entries are immutable.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>

#include "base/status.h"
#include "pcs/kzg/params.h"
#include "plonk/commitment_key.h"
#include "plonk/multi_open.h"

namespace nightjar::midnight {

struct Srs {
  plonk::CommitmentKey commitment_key;
  plonk::VerifierParams verifier;
};

class SrsCache {
 public:
  // bls_midnight_2p{k}, trusted (pinned) and mapped.
  using Source = std::function<Result<std::shared_ptr<const kzg::Params>>(uint32_t k)>;

  // <dir>/bls_midnight_2p{k}, checked against the official SHA-256 before use.
  static Source directory_source(std::string dir);

  explicit SrsCache(Source source) : source_(std::move(source)) {}
  SrsCache(const SrsCache&) = delete;
  SrsCache& operator=(const SrsCache&) = delete;

  // The SRS for circuits of 2^k rows. kNotFound when the source has no file for k; kDataLoss when
  // a file does not match its pin.
  [[nodiscard]] Result<std::shared_ptr<const Srs>> get(uint32_t k);

 private:
  struct Slot {
    std::mutex build;  // held while the entry is decoded
    std::shared_ptr<const Srs> srs;
  };

  Source source_;
  std::mutex mutex_;  // guards slots_ (not the slots' contents)
  std::map<uint32_t, std::shared_ptr<Slot>> slots_;
};

}  // namespace nightjar::midnight
