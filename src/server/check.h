// The /check computation (proof-server 8.1.0 endpoints.rs `check`), run on a job thread:
// decode `(proof-preimage-versioned,option(wrapped-ir))`, take the request's IR or else the
// built-in IR of the preimage's key location, interpret it (zkir/interpreter.h) and encode the
// pi-skip list as `vec(option(u64))`.
//
// Answers: 200 with the tagged list; 400 (kDecode) with the decoder's message for a body that
// does not decode; 400 (kBadInput) "bad input: <reason>" for an IR that does not decode, an
// unknown key location or a preimage the interpreter rejects. The decoded preimage zeroes
// itself; the caller owns and zeroes the body.
//
// Thread safety: reentrant; `store` is thread-safe and may be null (no built-ins).
#pragma once

#include <cstdint>
#include <span>

#include "params/store.h"
#include "server/job_queue.h"
#include "server/response.h"

namespace nightjar::server {

Response run_check(std::span<const uint8_t> body, const CancelToken& token, params::Store* store);

}  // namespace nightjar::server
