// The prover's side of the KZG parameters: the SRS points [τ^i]G1 and [L_i(τ)]G1 for the circuit's
// 2^k rows, decoded once so that every commitment is one MSM over them (midnight-proofs
// KZGCommitmentScheme::commit and commit_lagrange).
//
// Invariants: both point vectors hold exactly n = 2^k points of the prime-order subgroup.
// from_params decodes without the subgroup check (checking 2n points would cost more than a proof),
// so the file must be trusted already: its SHA-256 pinned (pcs/kzg/srs_pins.h) or verified by
// Params::verify. The Lagrange points belong to one k, so the file's k must equal the circuit's.
// Thread safety: immutable after construction; commitments may run concurrently.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "base/status.h"
#include "ec/g1.h"
#include "ff/fr.h"
#include "pcs/kzg/params.h"

namespace nightjar::plonk {

class CommitmentKey {
 public:
  [[nodiscard]] static Result<CommitmentKey> from_params(const kzg::Params& params);
  // For tests and derived setups; both vectors must have the same power-of-two size.
  static CommitmentKey from_points(std::vector<ec::G1Affine> monomial,
                                   std::vector<ec::G1Affine> lagrange);

  uint32_t k() const { return k_; }
  size_t n() const { return monomial_.size(); }

  // Σ coeffs[i]·[τ^i]G1; at most n coefficients.
  ec::G1Affine commit(std::span<const ff::Fr> coeffs) const;
  // Σ values[i]·[L_i(τ)]G1; at most n values.
  ec::G1Affine commit_lagrange(std::span<const ff::Fr> values) const;

 private:
  CommitmentKey(std::vector<ec::G1Affine> monomial, std::vector<ec::G1Affine> lagrange);

  uint32_t k_ = 0;
  std::vector<ec::G1Affine> monomial_;
  std::vector<ec::G1Affine> lagrange_;
};

}  // namespace nightjar::plonk
