// `nightjar keygen --ir C.bzkir --srs-dir D --out-dir O`: the circuit's prover and verifier keys,
// byte for byte as the official keygen writes them (midnight/keygen.h); the prover key's gzip
// stream is zlib's. `nightjar keygen --diff OFFICIAL OURS`: names the first difference between
// two keys of the same kind (midnight/key_diff.h).
#include "cli/keygen.h"

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <span>
#include <string_view>
#include <system_error>
#include <vector>

#include "cli/inputs.h"
#include "midnight/key_diff.h"
#include "midnight/keygen.h"
#include "midnight/prover_key.h"
#include "midnight/tagged.h"
#include "midnight/verifier_key.h"
#include "pcs/kzg/params.h"
#include "pcs/kzg/srs_derive.h"
#include "pcs/kzg/srs_pins.h"
#include "zkir/synthesis.h"

namespace nightjar::cli {

namespace {

namespace fs = std::filesystem;

std::string srs_name(uint32_t k) { return "bls_midnight_2p" + std::to_string(k); }

// Written under a temporary name and renamed, so a failed run leaves no partial key.
Status write_file(const fs::path& path, std::span<const uint8_t> bytes) {
  const fs::path tmp = fs::path(path).concat(".tmp");
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(bytes.data()),
              static_cast<std::streamsize>(bytes.size()));
    if (!out) return Status(StatusCode::kDataLoss, "cannot write " + tmp.string());
  }
  std::error_code ec;
  fs::rename(tmp, path, ec);
  if (ec)
    return Status(StatusCode::kDataLoss, "cannot rename " + tmp.string() + ": " + ec.message());
  return Status::ok();
}

enum class KeyKind { kProver, kVerifier, kOther };

KeyKind key_kind(std::span<const uint8_t> bytes) {
  if (midnight::has_header(bytes, midnight::kTagProverKeyLegacy) ||
      midnight::has_header(bytes, midnight::kTagProverKeyGeneric)) {
    return KeyKind::kProver;
  }
  if (midnight::has_header(bytes, midnight::Codec<midnight::VerifierKey>::kTag)) {
    return KeyKind::kVerifier;
  }
  return KeyKind::kOther;
}

Result<midnight::CircuitKeys> keys_with_srs(const zkir::Ir& ir, const zkir::CircuitModel& model,
                                            const std::string& srs_dir,
                                            const std::string& scratch_path) {
  Result<std::string> srs_path = keygen_srs_path(srs_dir, model.k, scratch_path);
  if (!srs_path.is_ok()) return srs_path.status();
  Result<kzg::Params> params = kzg::Params::open(*srs_path);
  if (!params.is_ok()) return params.status();
  return midnight::generate_keys(ir, model, *params);
}

// A decoding failure, with the file named.
int diff_error(const std::string& path, const Status& status) {
  std::fprintf(stderr, "error: %s: %s\n", path.c_str(), status.message().c_str());
  return 2;
}

int diff_error(const Status& status) {
  std::fprintf(stderr, "error: %s\n", status.message().c_str());
  return 2;
}

}  // namespace

Result<std::string> keygen_srs_path(const std::string& srs_dir, uint32_t k,
                                    const std::string& scratch_path) {
  const fs::path exact = fs::path(srs_dir) / srs_name(k);
  if (fs::exists(exact)) {
    if (Status s = kzg::check_official_srs_file(exact.string(), k); !s.is_ok()) return s;
    return exact.string();
  }
  for (uint32_t j = k + 1; j <= kzg::kMaxK; ++j) {
    const fs::path larger = fs::path(srs_dir) / srs_name(j);
    if (!fs::exists(larger)) continue;
    if (Status s = kzg::check_official_srs_file(larger.string(), j); !s.is_ok()) return s;
    if (Status s = kzg::derive_params(larger.string(), k, scratch_path); !s.is_ok()) return s;
    if (Status s = kzg::check_official_srs_file(scratch_path, k); !s.is_ok()) return s;
    return scratch_path;
  }
  return Status(StatusCode::kNotFound, "the circuit has k = " + std::to_string(k) + "; " + srs_dir +
                                           " has neither " + srs_name(k) +
                                           " nor a larger file to derive it from");
}

int run_keygen(const std::string& ir_path, const std::string& srs_dir, const std::string& out_dir) {
  if (ir_path.empty() || srs_dir.empty() || out_dir.empty()) {
    std::fprintf(stderr, "keygen: --ir, --srs-dir and --out-dir are required (or --diff)\n");
    return 2;
  }
  Result<zkir::Ir> ir = read_ir(ir_path);
  if (!ir.is_ok()) return fail(ir.status());
  Result<zkir::CircuitModel> model = zkir::cost_model(*ir);
  if (!model.is_ok()) return fail(model.status());

  std::error_code ec;
  fs::create_directories(out_dir, ec);
  if (ec) return fail(Status(StatusCode::kDataLoss, "cannot create " + out_dir));
  const std::string stem = fs::path(ir_path).stem().string();
  const fs::path scratch = fs::path(out_dir) / ("." + stem + "." + srs_name(model->k));
  Result<midnight::CircuitKeys> keys = keys_with_srs(*ir, *model, srs_dir, scratch.string());
  fs::remove(scratch, ec);
  if (!keys.is_ok()) return fail(keys.status());

  const fs::path prover_path = fs::path(out_dir) / (stem + ".prover");
  const fs::path verifier_path = fs::path(out_dir) / (stem + ".verifier");
  const std::vector<uint8_t> prover = midnight::encode_prover_key(keys->prover);
  const std::vector<uint8_t> verifier = midnight::encode_tagged(keys->verifier);
  if (Status s = write_file(prover_path, prover); !s.is_ok()) return fail(s);
  if (Status s = write_file(verifier_path, verifier); !s.is_ok()) return fail(s);
  std::printf("k=%u max_bit_len=%u public_inputs=%u fixed=%zu permutation=%zu\n", model->k,
              model->max_bit_len, keys->verifier.num_public_inputs,
              keys->verifier.fixed_commitments.size(),
              keys->verifier.permutation_commitments.size());
  std::printf("%s (%zu bytes)\n%s (%zu bytes)\n", prover_path.c_str(), prover.size(),
              verifier_path.c_str(), verifier.size());
  return 0;
}

int run_keygen_diff(const std::string& official_path, const std::string& ours_path) {
  Result<std::vector<uint8_t>> official = read_file(official_path);
  if (!official.is_ok()) return diff_error(official.status());
  Result<std::vector<uint8_t>> ours = read_file(ours_path);
  if (!ours.is_ok()) return diff_error(ours.status());
  const KeyKind kind = key_kind(*official);
  if (kind == KeyKind::kOther || key_kind(*ours) != kind) {
    return diff_error(invalid_argument("expected two prover keys or two verifier keys"));
  }

  std::optional<std::string> difference;
  if (kind == KeyKind::kProver) {
    Result<midnight::ProverKey> a = midnight::decode_prover_key(*official);
    if (!a.is_ok()) return diff_error(official_path, a.status());
    Result<midnight::ProverKey> b = midnight::decode_prover_key(*ours);
    if (!b.is_ok()) return diff_error(ours_path, b.status());
    difference = midnight::first_difference(*a, *b);
  } else {
    Result<midnight::VerifierKey> a = midnight::decode_tagged<midnight::VerifierKey>(*official);
    if (!a.is_ok()) return diff_error(official_path, a.status());
    Result<midnight::VerifierKey> b = midnight::decode_tagged<midnight::VerifierKey>(*ours);
    if (!b.is_ok()) return diff_error(ours_path, b.status());
    difference = midnight::first_difference(*a, *b);
  }
  if (difference) {
    std::printf("first difference: %s\n", difference->c_str());
    return 1;
  }
  std::printf(kind == KeyKind::kProver ? "identical (decompressed)\n" : "identical\n");
  return 0;
}

}  // namespace nightjar::cli
