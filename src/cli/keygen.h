// nightjar keygen, nightjar keygen --diff and nightjar bench keygen (declared here rather than in
// commands.h; main.cc registers them). Each returns the exit code.
#pragma once

#include <cstdint>
#include <string>

#include "base/status.h"

namespace nightjar::cli {

// Writes <out_dir>/<stem>.prover and <stem>.verifier for the ZKIR at ir_path (.bzkir or .zkir),
// as the official keygen would, with the SRS bls_midnight_2p<k> from srs_dir (derived from a
// larger file there when that k is missing). Exit 0, or 1 with `error: <reason>`.
int run_keygen(const std::string& ir_path, const std::string& srs_dir, const std::string& out_dir);

// Compares two prover keys (decompressed) or two verifier keys and prints `identical` (exit 0) or
// `first difference: <where>` (exit 1); exit 2 when a file does not decode or the kinds differ.
int run_keygen_diff(const std::string& official, const std::string& ours);

struct KeygenBenchArgs {
  std::string ir;       // one circuit, or else
  std::string vectors;  // the largest circuit under <vectors>/midnight/circuits with an SRS
  std::string srs_dir;  // default <vectors>/midnight/srs
  int runs = 3;
};

// Median wall time of key generation (SRS opened, keys in memory, nothing written) and the
// process's peak RSS.
int run_keygen_bench(const KeygenBenchArgs& args);

// The path of the SRS file of exactly 2^k points: srs_dir/bls_midnight_2p<k>, checked against its
// official SHA-256, or, when that file is missing, one derived from the smallest larger file
// there and written to `scratch_path` (the caller removes it).
Result<std::string> keygen_srs_path(const std::string& srs_dir, uint32_t k,
                                    const std::string& scratch_path);

}  // namespace nightjar::cli
