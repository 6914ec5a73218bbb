// nightjar bench prove: for every case under <vectors>/midnight/cases (meta.json names the
// circuit), in one run on this machine:
//   ours      one cold proof (keys decoded and derived, SRS decoded for a new k), then the median
//             of `runs` warm proofs (keys cached, as a server proving the same circuit again);
//             every proof self-verifies. Wall time of the whole ProverService call.
//   memory    the peak RSS (VmHWM) of a separate `nightjar prove` process proving the case cold
//             (so the figure is one proof's, not the bench's), next to the proof's polynomial data:
//             the proving key's polynomials in every form plus the polynomials one proof holds at
//             its peak, the quotient step (per witness-side column its coefficients and extended
//             coset, the numerator, the vanishing argument's random polynomial).
//   official  the official prover compiled to WebAssembly (zkir-v2 2.1.0 through
//             <oracle>/oracle.mjs prove), one run: its own in-process time (key decoding, proof,
//             self-verification; without Node start-up) and the process's wall time and peak RSS.
//             Said to be unavailable, with the reason, when node or the oracle's node_modules
//             are missing or the run fails.
#include <fcntl.h>
#include <poll.h>
#include <spawn.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "base/thread_pool.h"
#include "cli/inputs.h"
#include "cli/prove.h"
#include "cli/stopwatch.h"
#include "midnight/prover_service.h"

extern char** environ;

namespace nightjar::cli {
namespace {

namespace fs = std::filesystem;
struct ChildRun {
  int exit_code = -1;  // -1: killed by a signal
  std::string out;     // stdout
  double wall = 0;
  // The largest VmHWM seen while it ran (sampled every few milliseconds; getrusage's ru_maxrss
  // would report the parent's peak, which a child inherits at exec).
  double peak_rss_mib = 0;
};

// Runs argv[0] (searched in PATH) with stdout captured and stderr inherited; waits for it.
Result<ChildRun> run_child(const std::vector<std::string>& argv) {
  int pipe_fds[2];
  if (pipe(pipe_fds) != 0) return Status(StatusCode::kInternal, "pipe failed");
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, pipe_fds[1], STDOUT_FILENO);
  posix_spawn_file_actions_addclose(&actions, pipe_fds[0]);
  posix_spawn_file_actions_addclose(&actions, pipe_fds[1]);
  std::vector<char*> args;
  for (const std::string& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  const Clock::time_point start = Clock::now();
  pid_t pid = 0;
  const int rc = posix_spawnp(&pid, args[0], &actions, nullptr, args.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  close(pipe_fds[1]);
  if (rc != 0) {
    close(pipe_fds[0]);
    return Status(StatusCode::kNotFound, "cannot start " + argv[0]);
  }
  ChildRun run;
  const std::string pid_text = std::to_string(pid);
  bool open = true;
  int status = 0;
  for (;;) {
    if (open) {
      pollfd p{pipe_fds[0], POLLIN, 0};
      if (poll(&p, 1, 5) > 0) {
        char buf[4096];
        const ssize_t got = read(pipe_fds[0], buf, sizeof buf);
        if (got > 0) run.out.append(buf, static_cast<size_t>(got));
        if (got == 0 || (got < 0 && errno != EINTR)) open = false;
      }
    }
    if (std::optional<double> peak = peak_rss_mib(pid_text)) {
      run.peak_rss_mib = std::max(run.peak_rss_mib, *peak);
    }
    if (!open) {
      const pid_t done = waitpid(pid, &status, 0);
      if (done == pid) break;
      if (done < 0 && errno != EINTR) return Status(StatusCode::kInternal, "waitpid failed");
    }
  }
  close(pipe_fds[0]);
  run.wall = seconds_since(start);
  if (WIFEXITED(status)) run.exit_code = WEXITSTATUS(status);
  return run;
}

// The reason the official prover cannot run here, or nullopt when it can.
std::optional<std::string> oracle_unavailable(const fs::path& oracle_dir) {
  if (!fs::exists(oracle_dir / "oracle.mjs")) return "no oracle.mjs in " + oracle_dir.string();
  if (!fs::exists(oracle_dir / "node_modules" / "@midnight-ntwrk" / "zkir-v2")) {
    return "the oracle's node_modules are missing (run `npm install` in " + oracle_dir.string() +
           ")";
  }
  Result<ChildRun> node = run_child({"node", "--version"});
  if (!node.is_ok() || node->exit_code != 0) return "node is not installed";
  return std::nullopt;
}

struct Case {
  std::string name;
  fs::path dir;
  fs::path circuit;  // <circuits>/<contract>/<circuit>, without extension
};

std::vector<Case> find_cases(const fs::path& midnight, const std::string& only) {
  std::vector<Case> cases;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(midnight / "cases", ec)) {
    if (!e.is_directory() || !fs::exists(e.path() / "preimage.bin")) continue;
    const std::string name = e.path().filename().string();
    if (!only.empty() && name.find(only) == std::string::npos) continue;
    std::ifstream meta_in(e.path() / "meta.json");
    const nlohmann::json meta = nlohmann::json::parse(meta_in, nullptr, false);
    if (meta.is_discarded() || !meta.contains("contract") || !meta.contains("circuit")) continue;
    cases.push_back(Case{name, e.path(),
                         midnight / "circuits" / meta["contract"].get<std::string>() /
                             meta["circuit"].get<std::string>()});
  }
  std::sort(cases.begin(), cases.end(),
            [](const Case& a, const Case& b) { return a.name < b.name; });
  return cases;
}

// The polynomials one proof holds at the quotient step (plonk/prover.cc): coefficients and
// extended coset of every advice and instance column, permutation product, lookup product and
// permuted input and table, and trash column; the numerator; the vanishing random polynomial.
size_t proof_polynomial_bytes(const plonk::ProvingKey& pk) {
  const plonk::ConstraintSystem& cs = pk.cs();
  const size_t chunk = cs.permutation_chunk_len();
  const size_t products = (cs.permutation_columns().size() + chunk - 1) / chunk;
  const size_t columns = cs.num_advice_columns() + cs.num_instance_columns() + products +
                         3 * cs.lookups().size() + cs.trashcans().size();
  const size_t n = pk.domain().n();
  const size_t ne = pk.domain().extended_n();
  return sizeof(ff::Fr) * (columns * (n + ne) + ne + n);
}

// User and system CPU seconds of this process so far, every thread included.
double cpu_seconds() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return static_cast<double>(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) +
         static_cast<double>(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) * 1e-6;
}

double mib(size_t bytes) { return static_cast<double>(bytes) / (1024.0 * 1024.0); }

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

struct OracleResult {
  double in_process = 0;  // its own measurement, seconds
  double wall = 0;
  double peak_rss_mib = 0;
};

Result<OracleResult> run_oracle(const fs::path& oracle_dir, const Case& c, const fs::path& srs,
                                const fs::path& out) {
  Result<ChildRun> run =
      run_child({"node", (oracle_dir / "oracle.mjs").string(), "prove",
                 (c.dir / "preimage.bin").string(), c.circuit.parent_path().string(),
                 c.circuit.filename().string(), srs.string(), "--out", out.string()});
  if (!run.is_ok()) return run.status();
  if (run->exit_code != 0) {
    return Status(StatusCode::kInternal, "exit code " + std::to_string(run->exit_code));
  }
  const nlohmann::json reply = nlohmann::json::parse(run->out, nullptr, false);
  if (reply.is_discarded() || !reply.contains("ms")) {
    return Status(StatusCode::kInternal, "unexpected output: " + run->out);
  }
  return OracleResult{reply["ms"].get<double>() / 1000.0, run->wall, run->peak_rss_mib};
}

// A fresh OS-randomness proof through the service; wall seconds, or the error.
Result<double> timed_proof(const midnight::ProverService& service,
                           const midnight::CircuitCall& call, midnight::ProveStats* stats) {
  plonk::OsRandom rng;
  const Clock::time_point start = Clock::now();
  Result<midnight::ProvedCall> proved = service.prove(call, rng);
  const double wall = seconds_since(start);
  if (!proved.is_ok()) return proved.status();
  *stats = proved->stats;
  return wall;
}

}  // namespace

int run_prove_bench(const ProveBenchArgs& args) {
  if (args.runs < 1) {
    std::fprintf(stderr, "bench prove: need --runs >= 1\n");
    return 2;
  }
  const fs::path midnight = fs::path(args.vectors_dir) / "midnight";
  const fs::path srs_dir = midnight / "srs";
  const std::vector<Case> cases = find_cases(midnight, args.only);
  if (cases.empty())
    return fail(Status(StatusCode::kNotFound, "no cases under " + midnight.string()));
  const fs::path oracle_dir =
      (args.oracle_dir.empty() ? fs::path(args.vectors_dir) / ".." / "oracle"
                               : fs::path(args.oracle_dir))
          .lexically_normal();
  std::optional<std::string> no_oracle =
      args.no_oracle ? std::optional<std::string>("--no-oracle") : oracle_unavailable(oracle_dir);
  std::error_code ec;
  const fs::path self = fs::read_symlink("/proc/self/exe", ec);
  const fs::path temp =
      fs::temp_directory_path() / ("nightjar-bench-prove-" + std::to_string(getpid()));
  fs::create_directories(temp);

  std::printf("bench prove: %zu cases, %zu threads, %d warm runs each\n", cases.size(),
              ThreadPool::global().size(), args.runs);
  std::printf("official WASM prover (zkir-v2 2.1.0, single-threaded): %s\n\n",
              no_oracle ? ("unavailable: " + *no_oracle).c_str() : oracle_dir.string().c_str());

  midnight::SrsCache srs(midnight::SrsCache::directory_source(srs_dir.string()));
  midnight::ProvingKeyCache keys(size_t{8} << 30);
  const midnight::ProverService service(&srs, &keys);
  int rc = 0;
  for (const Case& c : cases) {
    Result<PreimageFile> preimage = read_preimage((c.dir / "preimage.bin").string());
    Result<std::vector<uint8_t>> prover_key = read_file(fs::path(c.circuit).concat(".prover"));
    Result<std::vector<uint8_t>> verifier_key = read_file(fs::path(c.circuit).concat(".verifier"));
    bool readable = true;
    for (const Status& s : {preimage.status(), prover_key.status(), verifier_key.status()}) {
      if (!s.is_ok()) {
        rc = fail(s);
        readable = false;
      }
    }
    if (!readable) continue;
    const midnight::CircuitCall call{&preimage->preimage, *prover_key, *verifier_key, nullptr,
                                     std::nullopt};
    midnight::ProveStats stats;
    Result<double> cold = timed_proof(service, call, &stats);
    if (!cold.is_ok()) {
      rc = fail(Status(cold.status().code(), c.name + ": " + cold.status().message()));
      continue;
    }
    std::vector<double> warm;
    std::vector<midnight::ProveStats> warm_stats;
    const double cpu_start = cpu_seconds();
    for (int i = 0; i < args.runs; ++i) {
      Result<double> t = timed_proof(service, call, &stats);
      if (!t.is_ok()) {
        rc = fail(Status(t.status().code(), c.name + ": " + t.status().message()));
        break;
      }
      warm.push_back(*t);
      warm_stats.push_back(stats);
    }
    if (warm.size() != static_cast<size_t>(args.runs)) continue;
    const double warm_cpu = (cpu_seconds() - cpu_start) / args.runs;
    const double warm_median = median(warm);
    const midnight::ProveStats& m =
        warm_stats[std::find(warm.begin(), warm.end(), warm_median) - warm.begin()];

    Result<std::shared_ptr<const midnight::LoadedCircuit>> circuit =
        keys.get(*prover_key, *verifier_key);
    if (!circuit.is_ok()) {
      rc = fail(circuit.status());
      continue;
    }
    const size_t key_bytes = (*circuit)->bytes;
    const size_t proof_bytes = proof_polynomial_bytes((*circuit)->proving);

    std::string memory = "peak RSS: unavailable";
    if (!self.empty()) {
      Result<ChildRun> child =
          run_child({self.string(), "prove", "--preimage", (c.dir / "preimage.bin").string(),
                     "--prover", fs::path(c.circuit).concat(".prover").string(), "--verifier",
                     fs::path(c.circuit).concat(".verifier").string(), "--srs-dir",
                     srs_dir.string(), "-o", (temp / "ours.bin").string()});
      if (child.is_ok() && child->exit_code == 0) {
        // nightjar prove reports its own VmHWM as it ends, exact where sampling may miss the peak.
        const size_t at = child->out.find("peak RSS ");
        if (at != std::string::npos) child->peak_rss_mib = std::stod(child->out.substr(at + 9));
        char line[256];
        std::snprintf(
            line, sizeof line,
            "peak RSS %.1f MiB = %.2fx the polynomial data %.1f MiB (key %.1f + proof %.1f)",
            child->peak_rss_mib, child->peak_rss_mib / mib(key_bytes + proof_bytes),
            mib(key_bytes + proof_bytes), mib(key_bytes), mib(proof_bytes));
        memory = line;
      } else {
        memory = "peak RSS: the nightjar prove run failed";
        rc = 1;
      }
    }

    std::printf("%-26s k=%2u  ours: cold %7.3f s, warm median %7.3f s (min %.3f; %.3f CPU-s)\n",
                c.name.c_str(), (*circuit)->k, *cold, warm_median,
                *std::min_element(warm.begin(), warm.end()), warm_cpu);
    std::printf("    %s\n", memory.c_str());
    std::printf(
        "    warm median: check %.3f, synthesis %.3f, prove %.3f (witness %.3f, lookups %.3f, "
        "permutation %.3f, vanishing %.3f, quotient %.3f, evaluations %.3f, opening %.3f), "
        "verify %.3f\n",
        m.check, m.layout, m.prove, m.rounds.witness, m.rounds.lookups, m.rounds.permutation,
        m.rounds.vanishing + m.rounds.trash, m.rounds.quotient, m.rounds.evaluations,
        m.rounds.opening, m.verify);
    if (no_oracle) {
      std::printf("    official WASM: unavailable\n");
    } else {
      Result<OracleResult> official = run_oracle(oracle_dir, c, srs_dir, temp / "official.bin");
      if (official.is_ok()) {
        std::printf(
            "    official WASM: %.3f s in-process (process %.3f s, peak RSS %.1f MiB); "
            "ours %.1fx faster cold, %.1fx warm\n",
            official->in_process, official->wall, official->peak_rss_mib,
            official->in_process / *cold, official->in_process / warm_median);
      } else {
        std::printf("    official WASM: failed (%s)\n", official.status().message().c_str());
      }
    }
    std::fflush(stdout);
  }
  fs::remove_all(temp, ec);
  return rc;
}

}  // namespace nightjar::cli
