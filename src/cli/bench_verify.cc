// nightjar bench verify: wall time of Midnight proof verification (key already loaded), the
// median of `runs` runs, for one proof or for every proved case under a vectors directory
// (<dir>/midnight/{cases,deterministic}/*, whose meta.json names the circuit).
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "cli/commands.h"
#include "cli/inputs.h"
#include "cli/statement.h"
#include "cli/stopwatch.h"

namespace nightjar::cli {
namespace {

namespace fs = std::filesystem;
int bench_one(const std::string& label, const VerifyFiles& files, int runs) {
  const Clock::time_point load_start = Clock::now();
  Result<Statement> st = load_statement(files);
  if (!st.is_ok()) return fail(st.status());
  const double load_ms = ms_since(load_start);
  std::vector<double> times;
  for (int i = 0; i < runs; ++i) {
    const Clock::time_point start = Clock::now();
    const Status s = midnight::verify_proof(st->params, st->key, st->public_inputs, st->proof);
    times.push_back(ms_since(start));
    if (!s.is_ok()) return fail(s);
  }
  std::sort(times.begin(), times.end());
  std::printf("%-34s k=%2u  verify median %6.2f ms  min %6.2f ms  (key+statement load %.1f ms)\n",
              label.c_str(), st->key.key.domain().k, times[times.size() / 2], times.front(),
              load_ms);
  return 0;
}

}  // namespace

int run_verify_bench(const VerifyFiles& files, const std::string& vectors_dir, int runs) {
  if (runs < 1) {
    std::fprintf(stderr, "bench verify: need runs >= 1\n");
    return 2;
  }
  if (vectors_dir.empty()) return bench_one(files.proof, files, runs);
  const fs::path midnight = fs::path(vectors_dir) / "midnight";
  int rc = 0;
  for (const char* group : {"cases", "deterministic"}) {
    std::vector<fs::path> dirs;
    std::error_code ec;
    for (const auto& e : fs::directory_iterator(midnight / group, ec)) {
      if (e.is_directory() && fs::exists(e.path() / "proof.bin")) dirs.push_back(e.path());
    }
    std::sort(dirs.begin(), dirs.end());
    for (const fs::path& dir : dirs) {
      std::ifstream meta_in(dir / "meta.json");
      const nlohmann::json meta = nlohmann::json::parse(meta_in, nullptr, false);
      if (meta.is_discarded() || !meta.contains("contract") || !meta.contains("circuit")) {
        rc = fail(invalid_argument("bad meta.json in " + dir.string()));
        continue;
      }
      const fs::path circuit = midnight / "circuits" / meta["contract"].get<std::string>() /
                               meta["circuit"].get<std::string>();
      VerifyFiles f{(dir / "proof.bin").string(), (dir / "preimage.bin").string(),
                    fs::path(circuit).concat(".verifier").string(),
                    fs::path(circuit).concat(".bzkir").string(), (midnight / "srs").string()};
      const std::string label = std::string(group) + "/" + dir.filename().string();
      if (bench_one(label, f, runs) != 0) rc = 1;
    }
  }
  return rc;
}

}  // namespace nightjar::cli
