// Every way a request can end, and the one table that maps each to an HTTP status code. The
// codes are the official server's where it has one (proof-server 8.1.0 worker_pool.rs and
// endpoints.rs): decode failures and rejected preimages 400, a full queue 429, internal errors
// 500, unknown routes and wrong methods 404, an IR /k cannot size 400. Where the official server
// has no answer, the choice is nightjar's: 413 for a body over the limit, 431 for oversized
// headers, 504 for a job that outlived --job-timeout (the official server answers 500 there;
// midnight-ledger issue #223 asks for a specific code), 503 while shutting down and from /ready
// when busy (as official), 410 for the retired /prove-tx, 400 for a malformed /attestation nonce
// and 409 for a nonce used before (the MIP: "re-used nonces result in a failed attestation
// handshake"). Pure functions; thread-safe.
#pragma once

#include <string_view>

namespace nightjar::server {

enum class Error {
  kNone,
  kNotFound,           // no such route (or wrong method)
  kDecode,             // the request body does not decode
  kUnsupportedZkir,    // /k: the body is not a ZKIR nightjar can size
  kBadInput,           // decoded, but the check rejected it, or its key is unknown
  kOutOfRange,         // a path parameter out of range (/fetch-params/26)
  kQueueFull,          // the job queue is at capacity
  kTimeout,            // the job outlived its deadline and was cancelled
  kClientGone,         // the client disconnected; nothing is sent
  kShuttingDown,       // the server is draining
  kNotReady,           // /ready while the queue is full or the server drains (not counted)
  kBodyTooLarge,       // Content-Length (or the chunked total) over --max-body
  kHeadersTooLarge,    // request headers over the parser's limit
  kMalformedRequest,   // not parseable as HTTP/1.1
  kGone,               // a retired endpoint (/prove-tx)
  kParamsUnavailable,  // the SRS could not be fetched or verified
  kBadRequest,         // a malformed query parameter (/attestation's nonce)
  kNonceReused,        // an /attestation nonce already used within the window
  kInternal,           // a bug or an environment failure
};

unsigned http_status(Error error);

// The official response text for the error, which the reason follows ("bad input", ...).
std::string_view official_text(Error error);

// A short stable label for metrics and logs ("bad_input", "queue_full", ...).
std::string_view error_label(Error error);

}  // namespace nightjar::server
