#include "plonk/vanishing_prover.h"

#include "base/thread_pool.h"

namespace nightjar::plonk {

using ff::Fr;

VanishingCommitted commit_vanishing(const CommitmentKey& ck, const ProverDomain& domain,
                                    RandomSource& rng, Transcript& transcript) {
  std::array<uint8_t, 32> seed;
  rng.fill_bytes(seed);
  ChaCha20Rng chacha(seed);
  secure_zero(seed.data(), seed.size());
  VanishingCommitted out{CoeffPoly(domain.n())};
  for (size_t i = 0; i < domain.n(); ++i) out.random_poly[i] = random_fr(chacha);
  transcript.write_point(ck.commit(out.random_poly.span()));
  return out;
}

VanishingConstructed construct_vanishing(const CommitmentKey& ck, const ProverDomain& domain,
                                         ExtendedPoly numerator, RandomSource& rng,
                                         Transcript& transcript) {
  // 1 / (X^n - 1) on the coset: (ζ ω_e^i)^n - 1 repeats with period n_e / n.
  const size_t period = domain.rotation_scale();
  std::vector<Fr> t_inv(period);
  const Fr zeta_n = domain.coset_shift().pow_u64(domain.n());
  const Fr step = domain.extended_omega().pow_u64(domain.n());
  Fr cur = zeta_n;
  for (size_t i = 0; i < period; ++i) {
    t_inv[i] = cur - Fr::one();
    cur *= step;
  }
  std::vector<Fr> scratch(period);
  Fr::batch_inverse(t_inv, scratch);
  ThreadPool::global().parallel_for(numerator.size(), 4096, [&](size_t begin, size_t end) {
    for (size_t i = begin; i < end; ++i) numerator[i] *= t_inv[i % period];
  });
  const CoeffPoly h = domain.extended_to_coeff(std::move(numerator));

  const size_t n = domain.n();
  const size_t pieces = domain.quotient_pieces();
  NIGHTJAR_CHECK(pieces >= 2 && h.size() >= (n - 1) * pieces);
  VanishingConstructed out;
  for (size_t p = 0; p < pieces; ++p) {
    CoeffPoly piece(n);
    std::copy(h.span().begin() + static_cast<ptrdiff_t>(p * (n - 1)),
              h.span().begin() + static_cast<ptrdiff_t>((p + 1) * (n - 1)), piece.span().begin());
    out.h_pieces.push_back(std::move(piece));
  }
  for (size_t i = 1; i < pieces; ++i) {
    const Fr t = random_fr(rng);
    out.h_pieces[i - 1][n - 1] = t;
    out.h_pieces[i][0] -= t;
  }
  for (const CoeffPoly& piece : out.h_pieces) transcript.write_point(ck.commit(piece.span()));
  return out;
}

VanishingEvaluated evaluate_vanishing(const ProverDomain& domain, const VanishingCommitted& c,
                                      VanishingConstructed h, const Fr& x, Transcript& transcript) {
  const Fr factor = x.pow_u64(domain.n() - 1);
  VanishingEvaluated out{std::move(h.h_pieces.back())};
  for (size_t p = h.h_pieces.size() - 1; p-- > 0;) {
    const CoeffPoly& piece = h.h_pieces[p];
    ThreadPool::global().parallel_for(piece.size(), 4096, [&](size_t begin, size_t end) {
      for (size_t i = begin; i < end; ++i) out.h_poly[i] = out.h_poly[i] * factor + piece[i];
    });
  }
  transcript.write_scalar(eval_polynomial(c.random_poly.span(), x));
  return out;
}

void open_vanishing(const VanishingCommitted& c, const VanishingEvaluated& e, const Fr& x,
                    std::vector<ProverQuery>& queries) {
  queries.push_back({x, &e.h_poly});
  queries.push_back({x, &c.random_poly});
}

}  // namespace nightjar::plonk
