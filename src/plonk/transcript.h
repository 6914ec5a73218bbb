// The Fiat-Shamir transcript of midnight-proofs 0.7.1 (`CircuitTranscript<blake2b_simd::State>`).
//
// State: BLAKE2b-512 keyed with "Domain separator for transcript". Absorbing an item hashes the
// byte 0x01 then its encoding (points: 48-byte compressed G1; scalars: 32-byte little-endian
// canonical); a challenge hashes 0x00, takes the 64-byte digest without resetting the state and
// reduces it as a 512-bit little-endian integer mod r. Reading an item from a proof decodes it
// (rejecting invalid points and non-canonical scalars) and absorbs it; writing absorbs then
// appends its bytes.
// Thread safety: a value type.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "base/blake2b.h"
#include "base/status.h"
#include "ec/g1.h"
#include "ff/fr.h"

namespace nightjar::plonk {

class Transcript {
 public:
  // A transcript that reads `proof` (which must outlive it).
  static Transcript reader(std::span<const uint8_t> proof);
  // A transcript that writes a proof.
  static Transcript writer();

  void common_scalar(const ff::Fr& x);
  void common_point(const ec::G1Affine& p);
  ff::Fr squeeze_challenge();

  [[nodiscard]] Result<ff::Fr> read_scalar();
  [[nodiscard]] Result<ec::G1Affine> read_point();
  void write_scalar(const ff::Fr& x);
  void write_point(const ec::G1Affine& p);

  // Ok when every proof byte has been read.
  [[nodiscard]] Status assert_empty() const;
  size_t bytes_read() const { return pos_; }
  // The proof written so far.
  const std::vector<uint8_t>& proof() const { return out_; }

 private:
  Transcript();
  void absorb(std::span<const uint8_t> bytes);

  base::Blake2b state_;
  std::span<const uint8_t> in_;
  size_t pos_ = 0;
  std::vector<uint8_t> out_;
};

}  // namespace nightjar::plonk
