// µs per /check of the shared vector cases: decoding the request body (preimage and IR) and
// running the interpreter, as the server does per request. BM_CheckLargest is the case with the
// largest request (vault-execute, 122 pi_skips); BM_Check/<case> covers every case, including
// the Jubjub-heavy ones. Vectors come from $NIGHTJAR_VECTORS (default ../shared/vectors).
#include <benchmark/benchmark.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "midnight/requests.h"
#include "midnight/tagged.h"
#include "midnight/zkir_binary.h"
#include "tests/testing/vectors.h"
#include "zkir/interpreter.h"

namespace nightjar {
namespace {

namespace fs = std::filesystem;

std::vector<uint8_t> read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::vector<uint8_t>(std::istreambuf_iterator<char>(in), {});
}

// One /check: decode the body, decode its IR, interpret. Returns the pi_skip count.
size_t check_once(const std::vector<uint8_t>& body) {
  Result<midnight::CheckRequest> request = midnight::decode_tagged<midnight::CheckRequest>(body);
  if (!request.is_ok() || !request->ir) return 0;
  Result<zkir::Ir> ir = midnight::decode_ir(request->ir->ir);
  if (!ir.is_ok()) return 0;
  zkir::CheckInputs in = midnight::check_inputs(request->preimage.preimage);
  Result<zkir::PiSkips> skips = zkir::check(*ir, in);
  return skips.is_ok() ? skips->size() : 0;
}

void run(benchmark::State& state, const fs::path& request) {
  if (!fs::exists(request)) {
    state.SkipWithError(("vectors not found: " + request.string()).c_str());
    return;
  }
  const std::vector<uint8_t> body = read_file(request);
  if (check_once(body) == 0) {
    state.SkipWithError("the case does not check");
    return;
  }
  for (auto _ : state) benchmark::DoNotOptimize(check_once(body));
  state.SetLabel(std::to_string(body.size()) + " B request");
}

fs::path cases_dir() { return testing::vectors_dir() / "midnight" / "cases"; }

void BM_CheckLargest(benchmark::State& state) {
  fs::path largest;
  uintmax_t size = 0;
  if (fs::exists(cases_dir())) {
    for (const auto& entry : fs::directory_iterator(cases_dir())) {
      const fs::path request = entry.path() / "check-request.bin";
      if (fs::exists(request) && fs::file_size(request) > size) {
        size = fs::file_size(request);
        largest = request;
      }
    }
  }
  run(state, largest.empty() ? cases_dir() / "vault-execute" / "check-request.bin" : largest);
}
BENCHMARK(BM_CheckLargest)->Unit(benchmark::kMicrosecond);

// One benchmark per case directory present at start-up.
const bool kRegistered = [] {
  if (!fs::exists(cases_dir())) return false;
  std::vector<fs::path> dirs;
  for (const auto& entry : fs::directory_iterator(cases_dir())) {
    if (entry.is_directory()) dirs.push_back(entry.path());
  }
  std::sort(dirs.begin(), dirs.end());
  for (const fs::path& dir : dirs) {
    benchmark::RegisterBenchmark(
        ("BM_Check/" + dir.filename().string()).c_str(),
        [dir](benchmark::State& state) { run(state, dir / "check-request.bin"); })
        ->Unit(benchmark::kMicrosecond);
  }
  return true;
}();

}  // namespace
}  // namespace nightjar
