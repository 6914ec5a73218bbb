// nightjar prove and nightjar bench prove: one circuit call proved through
// midnight::ProverService, and the same for every shared case timed against the official WASM
// prover. Each returns the process exit code (0 ok, 1 error, 2 usage).
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "base/status.h"
#include "plonk/random.h"

namespace nightjar::cli {

struct ProveFiles {
  std::string preimage;    // proof-preimage(-versioned), or a /check request (its IR is used)
  std::string prover;      // prover-key[v7]
  std::string verifier;    // verifier-key[v6]
  std::string ir;          // optional: .bzkir or .zkir; else the preimage file's, else the key's
  std::string srs_dir;     // bls_midnight_2p<k> files
  std::string out;         // the proof[v5] to write
  std::string rng_stream;  // "" or "os": the OS; "seed:S": the vectors' SHA-256 stream
};

int run_prove(const ProveFiles& files);

struct ProveBenchArgs {
  std::string vectors_dir = "../shared/vectors";  // <dir>/midnight/{cases,circuits,srs}
  std::string oracle_dir;  // oracle.mjs with its node_modules; "" = <vectors_dir>/../oracle
  std::string only;        // prove only the cases whose name contains this
  int runs = 3;            // timed warm runs per case (after one cold run)
  bool no_oracle = false;
};

int run_prove_bench(const ProveBenchArgs& args);

// The randomness a --rng-stream value names (see ProveFiles::rng_stream).
Result<std::unique_ptr<plonk::RandomSource>> random_source(const std::string& spec);

// The peak resident set of a running process image in MiB: VmHWM of /proc/<pid>/status ("self"
// for this one), or nullopt where there is no such file. Unlike getrusage's ru_maxrss it starts
// afresh at exec, so a child's figure does not include its parent's.
std::optional<double> peak_rss_mib(const std::string& pid = "self");

}  // namespace nightjar::cli
