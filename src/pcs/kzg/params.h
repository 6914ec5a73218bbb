// KZG public parameters in Midnight's file format (bls_midnight_2p{k}, written by midnight-proofs'
// ParamsKZG::write_custom with RawBytes):
//   u32 little-endian k | 2^k G1 points [τ^i]G1 | 2^k G1 Lagrange points [L_i(τ)]G1 | g2 | s_g2
// with G1 points as 96-byte and G2 points as 192-byte ZCash uncompressed encodings.
//
// Params maps the file read-only and decodes points on demand; it is immutable after open() and
// safe to share between threads.
#pragma once

#include <cstdint>
#include <string>

#include "base/mapped_file.h"
#include "base/status.h"
#include "ec/g1.h"
#include "ec/g2.h"

namespace nightjar::kzg {

inline constexpr uint32_t kMaxK = 25;
inline constexpr size_t kG1Bytes = 96;
inline constexpr size_t kG2Bytes = 192;

// 4 + 192·2^k + 384
constexpr size_t params_file_size(uint32_t k) {
  return 4 + 2 * kG1Bytes * (size_t{1} << k) + 2 * kG2Bytes;
}

class Params {
 public:
  // Maps the file and checks its header, its size and that g2 and s_g2 decode.
  static Result<Params> open(const std::string& path);

  uint32_t k() const { return k_; }
  size_t n() const { return size_t{1} << k_; }
  const ec::G2Affine& g2() const { return g2_; }
  const ec::G2Affine& s_g2() const { return s_g2_; }

  // The i-th monomial ([τ^i]G1) and Lagrange ([L_i(τ)]G1) points, checked on the curve but not
  // for the subgroup (verify() does that once for the whole file).
  Result<ec::G1Affine> monomial(size_t i) const;
  Result<ec::G1Affine> lagrange(size_t i) const;

  struct Report {
    size_t g1_points = 0;              // G1 points checked (on the curve and in the subgroup)
    bool powers_consistent = false;    // e(Σρ_i·g[i+1], g2) = e(Σρ_i·g[i], s_g2)
    bool first_power_pairing = false;  // e(g[1], g2) = e(g[0], s_g2), or true when n = 1
    bool lagrange_sum_is_g0 = false;   // Σ L_i(τ) = 1, so the Lagrange points sum to g[0]
  };
  // Decodes every point with all checks, then the pairing and Lagrange consistency checks. Not OK
  // when a point is malformed; the Report says which consistency checks held.
  Result<Report> verify() const;

 private:
  Params(MappedFile file, uint32_t k, ec::G2Affine g2, ec::G2Affine s_g2)
      : file_(std::move(file)), k_(k), g2_(g2), s_g2_(s_g2) {}

  Result<ec::G1Affine> g1_at(size_t offset, const char* what, size_t i) const;

  MappedFile file_;
  uint32_t k_;
  ec::G2Affine g2_, s_g2_;
};

}  // namespace nightjar::kzg
