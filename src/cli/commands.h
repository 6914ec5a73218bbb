// The nightjar command-line program's subcommands, one file each; each returns the exit code.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace nightjar::cli {

int run_version();
int run_selftest();
int run_params_verify(const std::string& path);
int run_params_derive(const std::string& in, uint32_t k, const std::string& out);
int run_msm_bench(int log_n, int threads);
int run_ntt_bench(int log_n, int threads);
int run_decode(const std::string& path, bool show_witness);
int run_zkir_json2bin(const std::string& in, const std::string& out);
int run_k(const std::string& ir_path);
int run_check(const std::string& preimage_path, const std::string& ir_path);
// The files that state a proof: nightjar verify and nightjar bench verify.
struct VerifyFiles {
  std::string proof;
  std::string preimage;
  std::string verifier;
  std::string ir;
  std::string srs_dir;
};

int run_verify(const VerifyFiles& files);
// Median verification time of one proof, or of every case under a vectors directory.
int run_verify_bench(const VerifyFiles& files, const std::string& vectors_dir, int runs);
int run_attest_verify_file(const std::string& platform, const std::string& evidence_path,
                           const std::string& at_time_iso8601, bool allow_debug);
// nightjar attest verify: a live server (--url) or stored evidence (--evidence).
struct AttestVerifyArgs {
  std::string url;
  std::string evidence;
  std::vector<std::string> certs;
  std::string nonce;
  std::string at;
  std::string policy;
  bool allow_unpinned_ak = false;
  bool allow_debug = false;
};
int run_attest_verify(const AttestVerifyArgs& args);

}  // namespace nightjar::cli
