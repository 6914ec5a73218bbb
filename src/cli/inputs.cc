#include "cli/inputs.h"

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string_view>

#include "base/secure_zero.h"
#include "midnight/proof.h"
#include "midnight/tagged.h"
#include "midnight/tagged_object.h"
#include "midnight/verifier_key.h"
#include "midnight/zkir_binary.h"
#include "midnight/zkir_json.h"
#include "pcs/kzg/params.h"
#include "pcs/kzg/srs_pins.h"

namespace nightjar::cli {

Result<std::vector<uint8_t>> read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status(StatusCode::kNotFound, "cannot open " + path);
  std::vector<uint8_t> bytes((std::istreambuf_iterator<char>(in)),
                             std::istreambuf_iterator<char>());
  if (in.bad()) return Status(StatusCode::kDataLoss, "cannot read " + path);
  return bytes;
}

Result<PreimageFile> decode_preimage(std::vector<uint8_t>& bytes) {
  PreimageFile out;
  Status status;
  const std::string_view tag = midnight::peek_tag(bytes);
  if (tag == midnight::Codec<midnight::ProofPreimage>::kTag) {
    auto decoded = midnight::decode_tagged<midnight::ProofPreimage>(bytes);
    if (decoded.is_ok()) out.preimage = std::move(decoded).value();
    status = decoded.status();
  } else if (tag == midnight::Codec<midnight::ProofPreimageVersioned>::kTag) {
    auto decoded = midnight::decode_tagged<midnight::ProofPreimageVersioned>(bytes);
    if (decoded.is_ok()) out.preimage = std::move(decoded->preimage);
    status = decoded.status();
  } else {
    auto decoded = midnight::decode_tagged<midnight::CheckRequest>(bytes);
    if (decoded.is_ok()) {
      out.preimage = std::move(decoded->preimage.preimage);
      out.ir = std::move(decoded->ir);
    }
    status = decoded.status();
  }
  if (!bytes.empty()) secure_zero(bytes.data(), bytes.size());
  if (!status.is_ok()) return status;
  return out;
}

Result<PreimageFile> read_preimage(const std::string& path) {
  Result<std::vector<uint8_t>> bytes = read_file(path);
  if (!bytes.is_ok()) return bytes.status();
  return decode_preimage(*bytes);
}

Result<zkir::Ir> decode_ir(std::span<const uint8_t> bytes) {
  constexpr std::string_view kTagged = "midnight:";
  if (bytes.size() >= kTagged.size() && std::equal(kTagged.begin(), kTagged.end(), bytes.begin())) {
    return midnight::decode_ir(bytes);
  }
  return midnight::ir_from_json(
      std::string_view(reinterpret_cast<const char*>(bytes.data()), bytes.size()));
}

Result<zkir::Ir> read_ir(const std::string& path) {
  Result<std::vector<uint8_t>> bytes = read_file(path);
  if (!bytes.is_ok()) return bytes.status();
  return decode_ir(*bytes);
}

Result<std::vector<uint8_t>> read_proof(const std::string& path) {
  Result<std::vector<uint8_t>> bytes = read_file(path);
  if (!bytes.is_ok()) return bytes.status();
  if (midnight::peek_tag(*bytes) == midnight::Codec<midnight::ProofVersioned>::kTag) {
    auto decoded = midnight::decode_tagged<midnight::ProofVersioned>(*bytes);
    if (!decoded.is_ok()) return decoded.status();
    return std::move(decoded->proof.bytes);
  }
  auto decoded = midnight::decode_tagged<midnight::Proof>(*bytes);
  if (!decoded.is_ok()) return decoded.status();
  return std::move(decoded->bytes);
}

Result<midnight::LoadedVerifierKey> read_verifier_key(const std::string& path) {
  Result<std::vector<uint8_t>> bytes = read_file(path);
  if (!bytes.is_ok()) return bytes.status();
  auto vk = midnight::decode_tagged<midnight::VerifierKey>(*bytes);
  if (!vk.is_ok()) return vk.status();
  return midnight::load_verifier_key(*vk);
}

Result<plonk::VerifierParams> read_verifier_params(const std::string& dir, uint32_t k) {
  std::vector<uint32_t> order = {k};
  for (uint32_t j = 0; j <= 25; ++j) {
    if (j != k) order.push_back(j);
  }
  for (uint32_t j : order) {
    const std::string path =
        (std::filesystem::path(dir) / ("bls_midnight_2p" + std::to_string(j))).string();
    if (!std::filesystem::exists(path)) continue;
    if (Status s = kzg::check_official_srs_file(path, j); !s.is_ok()) return s;
    Result<kzg::Params> params = kzg::Params::open(path);
    if (!params.is_ok()) return params.status();
    return plonk::VerifierParams(params->g2(), params->s_g2());
  }
  return Status(StatusCode::kNotFound, "no bls_midnight_2p<k> file in " + dir);
}

int fail(const Status& status) {
  std::fprintf(stderr, "error: %s\n", status.message().c_str());
  return 1;
}

}  // namespace nightjar::cli
