// The /k computation (proof-server 8.1.0 endpoints.rs `get_k`): the body is a tagged ZKIR v2
// (`midnight:ir-source[v2]:` or `midnight:ir-source[v2-generic]:`, a `.bzkir` file) and the
// answer is the circuit's k as decimal text, from the official cost model (zkir/synthesis.h
// cost_model). The official server runs this synthesis on its HTTP thread, where a large IR
// stalls every other request; here it is a job like /check, admitted and timed by the queue.
//
// Answers: 200 "13" (Response::k set); 400 (kUnsupportedZkir) "Unsupported ZKIR version: <reason>"
// for a body that is not a tagged ZKIR v2 (a JSON IR included, as official) and for minor version
// 1, whose circuits nightjar does not lay out; 400 (kBadInput) "bad input: <reason>" for an IR the
// cost model rejects (an operand out of range, say), where the official server has no answer.
//
// Thread safety: reentrant. The body is an IR, public data.
#pragma once

#include <cstdint>
#include <span>

#include "server/job_queue.h"
#include "server/response.h"

namespace nightjar::server {

Response run_k(std::span<const uint8_t> body, const CancelToken& token);

}  // namespace nightjar::server
