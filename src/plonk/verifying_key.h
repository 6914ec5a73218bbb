// A verifying key as midnight-proofs 0.7.1 holds it (`plonk/mod.rs` VerifyingKey): the domain,
// the fixed and permutation commitments, the constraint system (selectors already turned into
// fixed columns) and the transcript representation, the scalar every proof's transcript starts
// with.
//
// transcript_repr = from_uniform_bytes(BLAKE2b-512, personalization "Halo2-Verify-Key", over
//   0x03 ‖ u8 k ‖ u32 LE #fixed ‖ fixed commitments ‖ u32 LE #permutation ‖ permutation
//   commitments ‖ Debug text of the pinned domain ‖ Debug text of the pinned constraint system),
// each commitment as 96-byte uncompressed affine.
//
// Invariants (from_parts checks them): one fixed commitment per fixed column of the system and
// one permutation commitment per permutation column; k <= 32 and large enough for the extended
// domain. Thread safety: immutable after construction.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "base/status.h"
#include "ec/g1.h"
#include "ff/fr.h"
#include "plonk/constraint_system.h"

namespace nightjar::plonk {

// The domain parameters a verifier needs (halo2 EvaluationDomain without its tables).
struct DomainInfo {
  uint32_t k = 0;
  uint32_t extended_k = 0;
  uint64_t n = 0;
  size_t quotient_pieces = 0;  // cs degree - 1
  ff::Fr omega;
  ff::Fr omega_inv;
  ff::Fr n_inv;

  static DomainInfo make(uint32_t k, size_t cs_degree);
  // omega^rotation * x.
  ff::Fr rotate(const ff::Fr& x, int32_t rotation) const;
  // Rust `{:?}` of the pinned domain.
  std::string pinned_debug() const;
};

class VerifyingKey {
 public:
  [[nodiscard]] static Result<VerifyingKey> from_parts(
      uint32_t k, std::vector<ec::G1Affine> fixed_commitments,
      std::vector<ec::G1Affine> permutation_commitments, ConstraintSystem cs);

  const DomainInfo& domain() const { return domain_; }
  const ConstraintSystem& cs() const { return cs_; }
  size_t cs_degree() const { return cs_degree_; }
  const std::vector<ec::G1Affine>& fixed_commitments() const { return fixed_; }
  const std::vector<ec::G1Affine>& permutation_commitments() const { return permutation_; }
  const ff::Fr& transcript_repr() const { return transcript_repr_; }
  // A copy with another transcript representation, to show which value the official proofs were
  // made against (only the correct one lets them verify).
  VerifyingKey with_transcript_repr(const ff::Fr& repr) const {
    VerifyingKey copy = *this;
    copy.transcript_repr_ = repr;
    return copy;
  }

 private:
  VerifyingKey() = default;

  DomainInfo domain_;
  ConstraintSystem cs_;
  size_t cs_degree_ = 0;
  std::vector<ec::G1Affine> fixed_;
  std::vector<ec::G1Affine> permutation_;
  ff::Fr transcript_repr_;
};

}  // namespace nightjar::plonk
