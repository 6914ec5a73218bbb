// Prover: the /prove computation (proof-server 8.1.0 endpoints.rs `prove`) and the state it keeps
// for the server's lifetime: the SRS cache, fed by the key store (each k mapped, pinned and decoded
// once per process, where the official server re-hashes and re-parses it per proof), and the
// proving-key cache (midnight/key_cache.h), bounded by --key-cache.
//
// One request, on a job thread: decode `(proof-preimage-versioned,option(proving-data),
// option(fr-bls))`; take the key material as the official resolver does (a built-in location,
// midnight/zswap/* or midnight/dust/spend, always resolves to the store's pinned files, verified
// once per process, whatever the request carries; any other location to the request's
// material); prove with the material's IR (midnight/prover_service.h: check, synthesis, PLONK,
// self-verification) under the request's binding input when it has one; answer
// `proof-versioned` with Response::k set.
//
// Answers: 200 `midnight:proof-versioned:` 01 <proof>; 400 (kDecode) with the decoder's message;
// 400 (kBadInput) "bad input: <reason>" for a location with no key ("couldn't find key <loc>", as
// official), built-in files or SRS that cannot be had (offline and absent, a download that failed
// or did not match its pin), key material or an IR that does not decode or belong together, a
// preimage the relation rejects and a proof that fails its self-check. The official server
// answers 400 "bad input" for all of these and drops the reason.
//
// Cancellation: the job's CancelToken is the prover's cancel check, polled before each step and
// between the PLONK rounds, so a timeout (504) or a disconnect stops the math within a round.
// Witness data: the body is the caller's (SecretBytes); the decoded preimage and every prover
// buffer zero themselves. A reason may quote the key location (a circuit's name) and transcript
// values; the log line elides the values (json_log.h).
//
// Thread safety: prove() may run on any number of job threads at once; the caches are shared
// and thread-safe, and each call draws its own OS randomness.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>

#include "midnight/key_cache.h"
#include "midnight/prover_service.h"
#include "midnight/srs_cache.h"
#include "params/store.h"
#include "server/job_queue.h"
#include "server/response.h"

namespace nightjar::server {

class Prover {
 public:
  // `store` may be null (tests): then there are no built-in keys and no SRS, and every proof
  // fails with that reason. `key_cache_bytes` bounds the derived proving keys kept between
  // requests.
  Prover(params::Store* store, size_t key_cache_bytes);
  Prover(const Prover&) = delete;
  Prover& operator=(const Prover&) = delete;

  Response prove(std::span<const uint8_t> body, const CancelToken& token);

 private:
  params::Store* const store_;
  midnight::SrsCache srs_;
  midnight::ProvingKeyCache keys_;
  const midnight::ProverService service_;
};

}  // namespace nightjar::server
