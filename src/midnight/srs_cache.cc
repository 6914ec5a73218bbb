#include "midnight/srs_cache.h"

#include <filesystem>

#include "pcs/kzg/srs_pins.h"

namespace nightjar::midnight {

SrsCache::Source SrsCache::directory_source(std::string dir) {
  return [dir = std::move(dir)](uint32_t k) -> Result<std::shared_ptr<const kzg::Params>> {
    if (k > kzg::kMaxK)
      return Status(StatusCode::kOutOfRange, "no SRS for k = " + std::to_string(k));
    const std::string path =
        (std::filesystem::path(dir) / ("bls_midnight_2p" + std::to_string(k))).string();
    if (!std::filesystem::exists(path)) {
      return Status(StatusCode::kNotFound, "no SRS file " + path + " for k = " + std::to_string(k));
    }
    if (Status s = kzg::check_official_srs_file(path, k); !s.is_ok()) return s;
    Result<kzg::Params> params = kzg::Params::open(path);
    if (!params.is_ok()) return params.status();
    if (params->k() != k) {
      return Status(StatusCode::kDataLoss, path + " holds k = " + std::to_string(params->k()) +
                                               ", not " + std::to_string(k));
    }
    return std::make_shared<const kzg::Params>(std::move(params).value());
  };
}

Result<std::shared_ptr<const Srs>> SrsCache::get(uint32_t k) {
  std::shared_ptr<Slot> slot;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    std::shared_ptr<Slot>& s = slots_[k];
    if (!s) s = std::make_shared<Slot>();
    slot = s;
  }
  std::lock_guard<std::mutex> build(slot->build);
  if (slot->srs) return slot->srs;
  Result<std::shared_ptr<const kzg::Params>> params = source_(k);
  if (!params.is_ok()) return params.status();
  if ((*params)->k() != k) {
    return Status(StatusCode::kDataLoss,
                  "the SRS source gave k = " + std::to_string((*params)->k()) +
                      " for k = " + std::to_string(k));
  }
  Result<plonk::CommitmentKey> ck = plonk::CommitmentKey::from_params(**params);
  if (!ck.is_ok()) return ck.status();
  slot->srs = std::make_shared<const Srs>(
      Srs{std::move(ck).value(), plonk::VerifierParams((*params)->g2(), (*params)->s_g2())});
  return slot->srs;
}

}  // namespace nightjar::midnight
