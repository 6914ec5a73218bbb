#include "plonk/transcript.h"

#include <string>
#include <string_view>

#include "ec/encoding.h"

namespace nightjar::plonk {

namespace {

constexpr uint8_t kPrefixChallenge = 0;
constexpr uint8_t kPrefixCommon = 1;
constexpr std::string_view kKey = "Domain separator for transcript";

base::Blake2b keyed_state() {
  base::Blake2b::Params p;
  p.key = std::span(reinterpret_cast<const uint8_t*>(kKey.data()), kKey.size());
  return base::Blake2b(p);
}

}  // namespace

Transcript::Transcript() : state_(keyed_state()) {}

Transcript Transcript::reader(std::span<const uint8_t> proof) {
  Transcript t;
  t.in_ = proof;
  return t;
}

Transcript Transcript::writer() { return Transcript(); }

void Transcript::absorb(std::span<const uint8_t> bytes) {
  const uint8_t prefix = kPrefixCommon;
  state_.update(std::span(&prefix, 1));
  state_.update(bytes);
}

void Transcript::common_scalar(const ff::Fr& x) { absorb(x.to_bytes_le()); }

void Transcript::common_point(const ec::G1Affine& p) { absorb(ec::to_compressed(p)); }

ff::Fr Transcript::squeeze_challenge() {
  const uint8_t prefix = kPrefixChallenge;
  state_.update(std::span(&prefix, 1));
  const std::array<uint8_t, 64> digest = state_.digest();
  return ff::Fr::from_uniform_bytes(digest);
}

Result<ff::Fr> Transcript::read_scalar() {
  if (in_.size() - pos_ < 32) {
    return invalid_argument("proof ends early (a scalar at byte " + std::to_string(pos_) + ")");
  }
  std::span<const uint8_t, 32> bytes(in_.data() + pos_, 32);
  std::optional<ff::Fr> x = ff::Fr::from_bytes_le(bytes);
  if (!x) {
    return invalid_argument("proof holds a non-canonical scalar at byte " + std::to_string(pos_));
  }
  pos_ += 32;
  absorb(bytes);
  return *x;
}

Result<ec::G1Affine> Transcript::read_point() {
  if (in_.size() - pos_ < 48) {
    return invalid_argument("proof ends early (a point at byte " + std::to_string(pos_) + ")");
  }
  std::span<const uint8_t, 48> bytes(in_.data() + pos_, 48);
  Result<ec::G1Affine> p = ec::g1_from_compressed(bytes);
  if (!p.is_ok()) {
    return invalid_argument("proof holds an invalid G1 point at byte " + std::to_string(pos_) +
                            ": " + p.status().message());
  }
  pos_ += 48;
  absorb(bytes);
  return p;
}

void Transcript::write_scalar(const ff::Fr& x) {
  const std::array<uint8_t, 32> bytes = x.to_bytes_le();
  absorb(bytes);
  out_.insert(out_.end(), bytes.begin(), bytes.end());
}

void Transcript::write_point(const ec::G1Affine& p) {
  const std::array<uint8_t, 48> bytes = ec::to_compressed(p);
  absorb(bytes);
  out_.insert(out_.end(), bytes.begin(), bytes.end());
}

Status Transcript::assert_empty() const {
  if (pos_ != in_.size()) {
    return invalid_argument("proof has " + std::to_string(in_.size() - pos_) + " trailing bytes");
  }
  return Status();
}

}  // namespace nightjar::plonk
