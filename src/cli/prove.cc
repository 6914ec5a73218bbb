// `nightjar prove`: proves one circuit call as the official /prove does (midnight/prover_service.h:
// check, synthesis, proof, self-verification) and writes the proof as `midnight:proof[v5]:`, the
// form of the shared cases' proof.bin (/prove wraps the same bytes in a proof-versioned). The file
// is written only when the proof verified, through a temporary file renamed into place, so a
// failed run leaves no proof behind. Prints one line about the proof on success; on failure
// `error: <reason>` and exit code 1.
#include "cli/prove.h"

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "cli/inputs.h"
#include "midnight/proof.h"
#include "midnight/prover_service.h"
#include "midnight/tagged.h"
#include "midnight/zkir_binary.h"

namespace nightjar::cli {
namespace {

Status write_file(const std::string& path, const std::vector<uint8_t>& bytes) {
  const std::string temp = path + ".partial";
  {
    std::ofstream out(temp, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(bytes.data()),
              static_cast<std::streamsize>(bytes.size()));
    if (!out) return Status(StatusCode::kInternal, "cannot write " + temp);
  }
  std::error_code ec;
  std::filesystem::rename(temp, path, ec);
  if (ec) return Status(StatusCode::kInternal, "cannot rename " + temp + ": " + ec.message());
  return Status();
}

}  // namespace

Result<std::unique_ptr<plonk::RandomSource>> random_source(const std::string& spec) {
  constexpr std::string_view kSeed = "seed:";
  std::unique_ptr<plonk::RandomSource> rng;
  if (spec.empty() || spec == "os") {
    rng = std::make_unique<plonk::OsRandom>();
  } else if (spec.starts_with(kSeed)) {
    rng = std::make_unique<plonk::SeededStream>(std::string_view(spec).substr(kSeed.size()));
  } else {
    return invalid_argument("--rng-stream: expected 'os' or 'seed:<text>', got '" + spec + "'");
  }
  return rng;
}

std::optional<double> peak_rss_mib(const std::string& pid) {
  std::ifstream status("/proc/" + pid + "/status");
  for (std::string line; std::getline(status, line);) {
    if (line.starts_with("VmHWM:")) return std::stod(line.substr(6)) / 1024.0;  // in kB
  }
  return std::nullopt;
}

int run_prove(const ProveFiles& files) {
  Result<std::unique_ptr<plonk::RandomSource>> rng = random_source(files.rng_stream);
  if (!rng.is_ok()) return fail(rng.status());
  Result<PreimageFile> preimage = read_preimage(files.preimage);
  if (!preimage.is_ok()) return fail(preimage.status());
  std::optional<zkir::Ir> ir;
  if (!files.ir.empty()) {
    Result<zkir::Ir> read = read_ir(files.ir);
    if (!read.is_ok()) return fail(read.status());
    ir = std::move(read).value();
  } else if (preimage->ir) {
    Result<zkir::Ir> decoded = midnight::decode_ir(preimage->ir->ir);
    if (!decoded.is_ok()) return fail(decoded.status());
    ir = std::move(decoded).value();
  }
  Result<std::vector<uint8_t>> prover_key = read_file(files.prover);
  if (!prover_key.is_ok()) return fail(prover_key.status());
  Result<std::vector<uint8_t>> verifier_key = read_file(files.verifier);
  if (!verifier_key.is_ok()) return fail(verifier_key.status());

  midnight::SrsCache srs(midnight::SrsCache::directory_source(files.srs_dir));
  // One call: the cache only has to hold this key.
  midnight::ProvingKeyCache keys(SIZE_MAX);
  const midnight::ProverService service(&srs, &keys);
  const midnight::CircuitCall call{&preimage->preimage, *prover_key, *verifier_key,
                                   ir ? &*ir : nullptr, std::nullopt};
  Result<midnight::ProvedCall> proved = service.prove(call, **rng);
  if (!proved.is_ok()) return fail(proved.status());

  const std::vector<uint8_t> tagged = midnight::encode_tagged(midnight::Proof{proved->proof});
  if (Status s = write_file(files.out, tagged); !s.is_ok()) return fail(s);
  const midnight::ProveStats& t = proved->stats;
  std::printf("proof[v5] %zu bytes, k=%u, verified; %s\n", tagged.size(), proved->k,
              files.out.c_str());
  std::printf(
      "  keys %.3f s, srs %.3f s, check %.3f s, synthesis %.3f s, prove %.3f s, verify %.3f s",
      t.keys, t.srs, t.check, t.layout, t.prove, t.verify);
  if (std::optional<double> peak = peak_rss_mib()) std::printf("; peak RSS %.1f MiB", *peak);
  std::printf("\n");
  return 0;
}

}  // namespace nightjar::cli
