#include "plonk/polynomial.h"

#include "base/status.h"
#include "base/thread_pool.h"

namespace nightjar::plonk {

using ff::Fr;

ProverDomain::ProverDomain(uint32_t k, size_t cs_degree)
    : small_(k),
      extended_(poly::midnight_extended_k(k, static_cast<uint32_t>(cs_degree))),
      quotient_pieces_(cs_degree - 1),
      zeta_(poly::midnight_coset_shift()),
      omega_inv_(small_.omega_inv()) {
  NIGHTJAR_CHECK(cs_degree >= 2);
}

Fr ProverDomain::rotate(const Fr& x, int32_t rotation) const {
  if (rotation >= 0) return x * omega().pow_u64(static_cast<uint64_t>(rotation));
  return x * omega_inv_.pow_u64(static_cast<uint64_t>(-static_cast<int64_t>(rotation)));
}

CoeffPoly ProverDomain::lagrange_to_coeff(LagrangePoly values) const {
  NIGHTJAR_CHECK(values.size() == n());
  small_.ifft(values.span());
  return std::move(values).rebase<Basis::kCoeff>();
}

ExtendedPoly ProverDomain::coeff_to_extended(const CoeffPoly& poly) const {
  NIGHTJAR_CHECK(poly.size() <= extended_n());
  ExtendedPoly out(extended_n());
  std::copy(poly.span().begin(), poly.span().end(), out.span().begin());
  extended_.coset_fft(out.span(), zeta_);
  return out;
}

CoeffPoly ProverDomain::extended_to_coeff(ExtendedPoly values) const {
  NIGHTJAR_CHECK(values.size() == extended_n());
  extended_.coset_ifft(values.span(), zeta_);
  return std::move(values).rebase<Basis::kCoeff>();
}

ExtendedPoly ProverDomain::lagrange_to_extended(const LagrangePoly& values) const {
  return coeff_to_extended(lagrange_to_coeff(values));
}

Fr eval_polynomial(std::span<const Fr> coeffs, const Fr& x) {
  constexpr size_t kChunk = 4096;
  const size_t chunks = (coeffs.size() + kChunk - 1) / kChunk;
  std::vector<Fr> partial(chunks);
  ThreadPool::global().parallel_for(chunks, 1, [&](size_t begin, size_t end) {
    for (size_t c = begin; c < end; ++c) {
      const size_t lo = c * kChunk;
      const size_t hi = std::min(coeffs.size(), lo + kChunk);
      Fr acc = Fr::zero();
      for (size_t i = hi; i-- > lo;) acc = acc * x + coeffs[i];
      partial[c] = acc * x.pow_u64(lo);
    }
  });
  Fr sum = Fr::zero();
  for (const Fr& p : partial) sum += p;
  return sum;
}

void batch_invert(std::span<Fr> values) {
  ThreadPool::global().parallel_for(values.size(), 4096, [&](size_t begin, size_t end) {
    std::vector<Fr> scratch(end - begin);
    Fr::batch_inverse(values.subspan(begin, end - begin), scratch);
    secure_zero(scratch.data(), scratch.size() * sizeof(Fr));
  });
}

CoeffPoly kate_division(std::span<const Fr> a, const Fr& b) {
  if (a.empty()) return CoeffPoly();
  CoeffPoly q(a.size() - 1);
  // From the top: q_{i-1} = a_i + b·q_i.
  Fr carry = Fr::zero();
  for (size_t i = a.size(); i-- > 1;) {
    carry = a[i] + b * carry;
    q[i - 1] = carry;
  }
  return q;
}

}  // namespace nightjar::plonk
