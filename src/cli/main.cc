#include <CLI/CLI.hpp>
#include <cstdio>
#include <functional>

#include "cli/commands.h"
#include "cli/keygen.h"
#include "cli/prove.h"
#include "ff/backend.h"

namespace {

// Subcommand callbacks store their exit code here; CLI11 runs at most one of them.
int g_exit_code = 0;

void on_run(CLI::App* command, std::function<int()> run) {
  command->callback([run = std::move(run)] { g_exit_code = run(); });
}

}  // namespace

int main(int argc, char** argv) {
  using namespace nightjar::cli;
  CLI::App app{"nightjar: a Midnight proof server and its tools"};
  app.require_subcommand(1);

  on_run(app.add_subcommand("version", "Print the version, CPU features and backend"), run_version);
  on_run(app.add_subcommand("selftest", "Known-answer tests of every backend this CPU runs"),
         run_selftest);

  CLI::App* params = app.add_subcommand("params", "KZG parameter (SRS) files");
  params->require_subcommand(1);
  std::string params_in, params_out;
  uint32_t params_k = 0;
  CLI::App* verify = params->add_subcommand("verify", "Check every point and the powers of tau");
  verify->add_option("file", params_in, "bls_midnight_2p{k} file")->required();
  on_run(verify, [&] { return run_params_verify(params_in); });
  CLI::App* derive = params->add_subcommand("derive", "Derive a smaller k as the official code");
  derive->add_option("input", params_in, "a larger bls_midnight_2p{k} file")->required();
  derive->add_option("k", params_k, "the k to derive")->required();
  derive->add_option("output", params_out, "file to write")->required();
  on_run(derive, [&] { return run_params_derive(params_in, params_k, params_out); });

  CLI::App* bench = app.add_subcommand("bench", "Time a kernel: median of a few runs");
  bench->require_subcommand(1);
  int log_n = 16, threads = 1;
  for (const char* kernel : {"msm", "ntt"}) {
    CLI::App* sub = bench->add_subcommand(kernel, std::string(kernel) + " of size 2^log-n");
    sub->add_option("--log-n", log_n, "log2 of the size")->capture_default_str();
    sub->add_option("--threads", threads, "threads to use")->capture_default_str();
    bool is_msm = std::string(kernel) == "msm";
    on_run(sub, [&, is_msm] {
      return is_msm ? run_msm_bench(log_n, threads) : run_ntt_bench(log_n, threads);
    });
  }

  VerifyFiles verify_files;
  auto add_verify_options = [&verify_files](CLI::App* cmd, bool required) {
    cmd->add_option("--proof", verify_files.proof, "proof[v5] or proof-versioned file")
        ->required(required);
    cmd->add_option("--preimage", verify_files.preimage, "proof preimage or /check request")
        ->required(required);
    cmd->add_option("--verifier", verify_files.verifier, "verifier-key[v6] file")
        ->required(required);
    cmd->add_option("--ir", verify_files.ir, "ZKIR (.bzkir or .zkir)")->required(required);
    cmd->add_option("--srs-dir", verify_files.srs_dir, "directory of bls_midnight_2p<k> files")
        ->required(required);
  };
  std::string bench_vectors;
  int bench_runs = 20;
  CLI::App* bench_verify = bench->add_subcommand("verify", "Midnight proof verification");
  add_verify_options(bench_verify, false);
  bench_verify->add_option("--vectors", bench_vectors, "every proved case under this directory");
  bench_verify->add_option("--runs", bench_runs, "timed runs per proof")->capture_default_str();
  on_run(bench_verify, [&] { return run_verify_bench(verify_files, bench_vectors, bench_runs); });

  KeygenBenchArgs keygen_bench;
  CLI::App* bench_keygen = bench->add_subcommand("keygen", "Prover and verifier key generation");
  bench_keygen->add_option("--ir", keygen_bench.ir, "ZKIR (.bzkir or .zkir)");
  bench_keygen->add_option("--srs-dir", keygen_bench.srs_dir,
                           "directory of bls_midnight_2p<k> files");
  bench_keygen->add_option("--vectors", keygen_bench.vectors,
                           "the largest circuit under <dir>/midnight/circuits with an SRS");
  bench_keygen->add_option("--runs", keygen_bench.runs, "timed runs")->capture_default_str();
  on_run(bench_keygen, [&] { return run_keygen_bench(keygen_bench); });

  std::string keygen_ir, keygen_srs, keygen_out;
  std::vector<std::string> keygen_diff;
  CLI::App* keygen = app.add_subcommand(
      "keygen", "Prover and verifier keys of a ZKIR circuit, byte for byte as the official keygen");
  CLI::Option* keygen_ir_opt = keygen->add_option("--ir", keygen_ir, "ZKIR (.bzkir or .zkir)");
  keygen->add_option("--srs-dir", keygen_srs, "directory of bls_midnight_2p<k> files");
  keygen->add_option("--out-dir", keygen_out, "writes <name>.prover and <name>.verifier here");
  keygen->add_option("--diff", keygen_diff, "OFFICIAL OURS: name the first difference of two keys")
      ->expected(2)
      ->excludes(keygen_ir_opt);
  on_run(keygen, [&] {
    return keygen_diff.empty() ? run_keygen(keygen_ir, keygen_srs, keygen_out)
                               : run_keygen_diff(keygen_diff[0], keygen_diff[1]);
  });

  CLI::App* verify_cmd = app.add_subcommand("verify", "Verify a Midnight proof as the ledger does");
  add_verify_options(verify_cmd, true);
  on_run(verify_cmd, [&] { return run_verify(verify_files); });

  ProveFiles prove_files;
  CLI::App* prove_cmd =
      app.add_subcommand("prove", "Prove a Midnight circuit call as /prove does (self-verified)");
  prove_cmd->add_option("--preimage", prove_files.preimage, "proof preimage or /check request")
      ->required();
  prove_cmd->add_option("--prover", prove_files.prover, "prover-key[v7] file")->required();
  prove_cmd->add_option("--verifier", prove_files.verifier, "verifier-key[v6] file")->required();
  prove_cmd->add_option("--ir", prove_files.ir,
                        "ZKIR (.bzkir or .zkir); default: the prover key's own copy");
  prove_cmd->add_option("--srs-dir", prove_files.srs_dir, "directory of bls_midnight_2p<k> files")
      ->required();
  prove_cmd->add_option("-o,--out", prove_files.out, "proof[v5] file to write")->required();
  prove_cmd->add_option("--rng-stream", prove_files.rng_stream,
                        "os (default) or seed:S, the vectors' deterministic stream");
  on_run(prove_cmd, [&] { return run_prove(prove_files); });

  ProveBenchArgs prove_bench;
  CLI::App* bench_prove =
      bench->add_subcommand("prove", "Midnight proving per shared case, beside the official WASM");
  bench_prove->add_option("--vectors", prove_bench.vectors_dir, "the shared vectors directory")
      ->capture_default_str();
  bench_prove->add_option(
      "--oracle", prove_bench.oracle_dir,
      "the official prover's oracle.mjs directory (default: <vectors>/../oracle)");
  bench_prove->add_option("--case", prove_bench.only, "only the cases whose name contains this");
  bench_prove->add_option("--runs", prove_bench.runs, "warm runs per case")->capture_default_str();
  bench_prove->add_flag("--no-oracle", prove_bench.no_oracle, "skip the official WASM prover");
  on_run(bench_prove, [&] { return run_prove_bench(prove_bench); });

  std::string path, ir_path, out_path;
  bool show_witness = false;
  CLI::App* decode = app.add_subcommand("decode", "Print a tagged Midnight object as JSON");
  decode->add_option("file", path, "tagged file")->required();
  decode->add_flag("--show-witness", show_witness, "also print preimage contents (private)");
  on_run(decode, [&] { return run_decode(path, show_witness); });

  CLI::App* zkir = app.add_subcommand("zkir", "ZKIR tools");
  zkir->require_subcommand(1);
  CLI::App* json2bin = zkir->add_subcommand("json2bin", "Compiler JSON to the binary .bzkir");
  json2bin->add_option("input", path, ".zkir JSON")->required();
  json2bin->add_option("output", out_path, ".bzkir to write")->required();
  on_run(json2bin, [&] { return run_zkir_json2bin(path, out_path); });

  CLI::App* k_cmd =
      app.add_subcommand("k", "Circuit size k of an IR, as the official /k computes it");
  k_cmd->add_option("file", path, "ZKIR (.bzkir or .zkir)")->required();
  on_run(k_cmd, [&] { return run_k(path); });

  CLI::App* check = app.add_subcommand("check", "Run a circuit on a preimage, as /check does");
  check->add_option("--preimage", path, "proof preimage file")->required();
  check->add_option("--ir", ir_path, "ZKIR (.bzkir)")->required();
  on_run(check, [&] { return run_check(path, ir_path); });

  CLI::App* attest = app.add_subcommand("attest", "TEE attestation tools");
  attest->require_subcommand(1);
  std::string attest_platform, attest_at;
  bool attest_allow_debug = false;
  CLI::App* verify_evidence =
      attest->add_subcommand("verify-evidence", "Verify an evidence file offline (JSON verdict)");
  verify_evidence->add_option("--platform", attest_platform, "nitro, sev-snp, azure, tdx or none")
      ->required();
  verify_evidence
      ->add_option("evidence", path,
                   "evidence file, binary or base64 (sev-snp, azure: PEM VCEK, ASK, ARK appended)")
      ->required();
  verify_evidence->add_option("--at", attest_at, "judge at this UTC time (ISO 8601); default now");
  verify_evidence->add_flag("--allow-debug", attest_allow_debug, "accept TEEs in debug mode");
  on_run(verify_evidence, [&] {
    return run_attest_verify_file(attest_platform, path, attest_at, attest_allow_debug);
  });

  AttestVerifyArgs attest_args;
  CLI::App* attest_verify = attest->add_subcommand(
      "verify",
      "Verify a server's attestation (--url: fetch /attestation with a fresh nonce over TLS and "
      "check it against that connection's key) or stored evidence (--evidence); exit 0 when "
      "accepted, 1 when refused (reasons on stderr)");
  CLI::Option* url = attest_verify->add_option("--url", attest_args.url, "https://host:6300");
  CLI::Option* evidence_file = attest_verify->add_option(
      "--evidence", attest_args.evidence,
      "an /attestation document or native evidence (raw or base64; platform recognised from "
      "the contents)");
  url->excludes(evidence_file);
  attest_verify->add_option("--certs", attest_args.certs,
                            "PEM certificates the evidence needs and does not carry (VCEK, ASK, "
                            "ARK; AK chain); repeatable");
  attest_verify->add_option("--nonce", attest_args.nonce,
                            "the 32-byte nonce as 64 hex digits (default with --url: a fresh "
                            "random one)");
  attest_verify->add_option("--at", attest_args.at,
                            "judge stored evidence at this UTC time (RFC 3339); default now");
  attest_verify->add_option(
      "--policy", attest_args.policy,
      "policy JSON: platforms, measurements, pinned AKs (attest/policy_file.h)");
  attest_verify->add_flag("--allow-unpinned-ak", attest_args.allow_unpinned_ak,
                          "accept a TPM attestation key that chains to no pinned root (swtpm)");
  attest_verify->add_flag("--allow-debug", attest_args.allow_debug, "accept TEEs in debug mode");
  on_run(attest_verify, [&] { return run_attest_verify(attest_args); });

  const nightjar::Status& startup = nightjar::ff::startup_status();
  if (!startup.is_ok()) {
    std::fprintf(stderr, "nightjar: %s\n", startup.message().c_str());
    return 2;
  }
  CLI11_PARSE(app, argc, argv);
  return g_exit_code;
}
