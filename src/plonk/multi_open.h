// The verifier side of the KZG multi-point opening of midnight-proofs 0.7.1 (`poly/kzg/mod.rs`
// multi_prepare, the Halo 2 book's argument): queries (commitment, point, claimed evaluation) are
// grouped by the set of points each commitment is opened at; challenges x1 (combines commitments
// within a set), x2 (combines the sets' quotients), x3 (the evaluation point of the q
// polynomials) and x4 (combines everything into one KZG opening) are drawn from the transcript,
// which supplies the f commitment, the q evaluations and the final opening proof π. The result
// is one pairing check e(π, s·G2) · e(R, -G2) = 1.
//
// Commitments are identified by slot, not by value, exactly as the official code compares
// references: two slots holding equal points are still two commitments. A "chopped" commitment
// (the quotient's pieces h_0..h_{m-1}) stands for Σ (x^(n-1))^i · h_i at its opening point.
// Thread safety: plain data and pure functions.
#pragma once

#include <cstdint>
#include <vector>

#include "base/status.h"
#include "ec/g1.h"
#include "ec/g2.h"
#include "ec/pairing.h"
#include "ff/fr.h"
#include "plonk/transcript.h"

namespace nightjar::plonk {

struct CommitmentSlot {
  std::vector<ec::G1Affine> parts;  // one point unless chopped
  bool chopped = false;
  uint64_t n = 0;  // the domain size, for chopped commitments
};

struct VerifierQuery {
  ff::Fr point;
  uint32_t slot = 0;  // index into the slot list
  ff::Fr eval;
};

// The two points of the final pairing check: e(left, s·G2) · e(right, -G2) = 1.
struct DualMsm {
  ec::G1Affine left;
  ec::G1Affine right;
};

// Runs the multi-open argument over `queries`, reading its part of the proof from `transcript`.
[[nodiscard]] Result<DualMsm> multi_prepare(const std::vector<CommitmentSlot>& slots,
                                            const std::vector<VerifierQuery>& queries,
                                            Transcript& transcript);

// The verifier's G2 side of the SRS, prepared once.
class VerifierParams {
 public:
  VerifierParams(const ec::G2Affine& g2, const ec::G2Affine& s_g2);
  bool check(const DualMsm& msm) const;

 private:
  ec::G2Prepared s_g2_;
  ec::G2Prepared neg_g2_;
};

}  // namespace nightjar::plonk
