// nightjar bench keygen: wall time of key generation for one circuit (--ir) or for the largest
// shared circuit whose SRS is at hand (--vectors), the median of `runs` runs, with the layout
// (synthesis without a witness) timed on its own, and the process's peak resident set size.
// A run opens the SRS and builds both keys in memory; the SRS's SHA-256 check, done once before,
// and writing the files are not timed.
#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "cli/inputs.h"
#include "cli/keygen.h"
#include "cli/stopwatch.h"
#include "midnight/keygen.h"
#include "pcs/kzg/params.h"
#include "zkir/synthesis.h"

namespace nightjar::cli {

namespace {

namespace fs = std::filesystem;
double peak_rss_mib() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return static_cast<double>(usage.ru_maxrss) / 1024.0;  // Linux reports KiB
}

struct Candidate {
  fs::path ir;
  zkir::CircuitModel model;
};

// The circuit of largest k (then most rows) under <vectors>/midnight/circuits whose SRS file is
// in srs_dir; names the larger circuits it had to pass over.
Result<Candidate> largest_circuit(const fs::path& vectors, const fs::path& srs_dir) {
  std::optional<Candidate> best;
  std::optional<Candidate> largest_without_srs;
  std::error_code ec;
  for (const auto& entry :
       fs::recursive_directory_iterator(vectors / "midnight" / "circuits", ec)) {
    if (entry.path().extension() != ".bzkir") continue;
    Result<zkir::Ir> ir = read_ir(entry.path().string());
    if (!ir.is_ok()) continue;
    Result<zkir::CircuitModel> model = zkir::cost_model(*ir);
    if (!model.is_ok()) continue;
    const Candidate c{entry.path(), *model};
    auto larger = [](const Candidate& a, const std::optional<Candidate>& b) {
      return !b || a.model.k > b->model.k ||
             (a.model.k == b->model.k && a.model.rows > b->model.rows);
    };
    const bool has_srs = fs::exists(srs_dir / ("bls_midnight_2p" + std::to_string(model->k)));
    if (has_srs && larger(c, best)) best = c;
    if (!has_srs && larger(c, largest_without_srs)) largest_without_srs = c;
  }
  if (ec) return Status(StatusCode::kNotFound, "cannot list circuits under " + vectors.string());
  if (!best)
    return Status(StatusCode::kNotFound, "no circuit with an SRS file under " + vectors.string());
  if (largest_without_srs && largest_without_srs->model.k > best->model.k) {
    std::printf("note: %s (k=%u) is larger but %s has no SRS for it\n",
                largest_without_srs->ir.c_str(), largest_without_srs->model.k, srs_dir.c_str());
  }
  return *best;
}

}  // namespace

int run_keygen_bench(const KeygenBenchArgs& args) {
  if (args.runs < 1 || (args.ir.empty() == args.vectors.empty())) {
    std::fprintf(stderr,
                 "bench keygen: give --ir FILE --srs-dir DIR or --vectors DIR; runs >= 1\n");
    return 2;
  }
  const fs::path srs_dir =
      !args.srs_dir.empty() ? fs::path(args.srs_dir) : fs::path(args.vectors) / "midnight" / "srs";
  Candidate circuit;
  if (!args.ir.empty()) {
    Result<zkir::Ir> ir = read_ir(args.ir);
    if (!ir.is_ok()) return fail(ir.status());
    Result<zkir::CircuitModel> model = zkir::cost_model(*ir);
    if (!model.is_ok()) return fail(model.status());
    circuit = {args.ir, *model};
  } else {
    Result<Candidate> found = largest_circuit(args.vectors, srs_dir);
    if (!found.is_ok()) return fail(found.status());
    circuit = *found;
  }
  Result<zkir::Ir> ir = read_ir(circuit.ir.string());
  if (!ir.is_ok()) return fail(ir.status());
  const fs::path scratch =
      fs::temp_directory_path() / ("nightjar-bench-keygen-" + std::to_string(getpid()) + "-2p" +
                                   std::to_string(circuit.model.k));
  Result<std::string> srs_path =
      keygen_srs_path(srs_dir.string(), circuit.model.k, scratch.string());
  if (!srs_path.is_ok()) return fail(srs_path.status());
  const double rss_before = peak_rss_mib();

  std::vector<double> totals, layouts;
  size_t prover_bytes = 0;
  for (int run = 0; run < args.runs; ++run) {
    Clock::time_point start = Clock::now();
    Result<zkir::Synthesized> layout =
        zkir::synthesize_layout(*ir, circuit.model.max_bit_len, circuit.model.k);
    if (!layout.is_ok()) return fail(layout.status());
    layouts.push_back(seconds_since(start));

    start = Clock::now();
    Result<kzg::Params> params = kzg::Params::open(*srs_path);
    if (!params.is_ok()) return fail(params.status());
    Result<midnight::CircuitKeys> keys = midnight::generate_keys(*ir, circuit.model, *params);
    if (!keys.is_ok()) return fail(keys.status());
    totals.push_back(seconds_since(start));
    prover_bytes = keys->prover.body.size();
  }
  std::error_code ec;
  fs::remove(scratch, ec);
  std::sort(totals.begin(), totals.end());
  std::sort(layouts.begin(), layouts.end());
  std::printf(
      "%s k=%u rows=%zu: keygen median %.3f s, min %.3f s (layout alone %.3f s); prover key %.1f "
      "MiB decompressed; peak RSS %.1f MiB (%.1f MiB before keygen)\n",
      circuit.ir.c_str(), circuit.model.k, circuit.model.rows, totals[totals.size() / 2],
      totals.front(), layouts[layouts.size() / 2], static_cast<double>(prover_bytes) / (1 << 20),
      peak_rss_mib(), rss_before);
  return 0;
}

}  // namespace nightjar::cli
