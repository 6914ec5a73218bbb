// Polynomials as the prover handles them, typed by basis as midnight-proofs types them
// (`Polynomial<F, Basis>`), and the prover's evaluation domains.
//
// Representation. Polynomial<B> owns a vector of Fr:
//   kCoeff     coefficients a_0.. of Σ a_i X^i (n of them, or fewer for a quotient);
//   kLagrange  values p(ω^i) on the n-th roots of unity H (row i of a column);
//   kExtended  values p(ζ·ω_e^i) on the coset ζ·H_e of the extended domain of size
//              2^extended_k >= (degree - 1)·n, where the quotient is evaluated; ζ is Midnight's
//              cube root of unity (poly::midnight_coset_shift). Row i's rotation by r is index
//              (i + r·n_e/n) mod n_e.
// Every polynomial is zeroed when destroyed or overwritten: most hold witness data, and wiping
// the few public ones costs nothing that matters.
//
// ProverDomain converts between the bases with poly::EvaluationDomain transforms on the global
// thread pool, giving exactly the official EvaluationDomain's lagrange_to_coeff,
// coeff_to_extended and extended_to_coeff (its distribute_powers_zeta scales coefficient i by
// ζ^(i mod 3) = ζ^i, i.e. evaluates on the same coset).
//
// Thread safety: a ProverDomain is immutable after construction and shareable; a Polynomial is a
// value.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <utility>
#include <vector>

#include "base/secure_zero.h"
#include "ff/fr.h"
#include "poly/domain.h"

namespace nightjar::plonk {

enum class Basis : uint8_t { kCoeff, kLagrange, kExtended };

template <Basis B>
class Polynomial {
 public:
  Polynomial() = default;
  explicit Polynomial(size_t size) : values_(size) {}
  explicit Polynomial(std::vector<ff::Fr> values) : values_(std::move(values)) {}
  Polynomial(const Polynomial&) = default;
  Polynomial(Polynomial&& other) noexcept : values_(std::move(other.values_)) {
    other.values_.clear();
  }
  Polynomial& operator=(const Polynomial& other) {
    if (this != &other) {
      wipe();
      values_ = other.values_;
    }
    return *this;
  }
  Polynomial& operator=(Polynomial&& other) noexcept {
    if (this != &other) {
      wipe();
      values_ = std::move(other.values_);
      other.values_.clear();
    }
    return *this;
  }
  ~Polynomial() { wipe(); }

  size_t size() const { return values_.size(); }
  ff::Fr& operator[](size_t i) { return values_[i]; }
  const ff::Fr& operator[](size_t i) const { return values_[i]; }
  std::span<ff::Fr> span() { return values_; }
  std::span<const ff::Fr> span() const { return values_; }
  ff::Fr* data() { return values_.data(); }
  const ff::Fr* data() const { return values_.data(); }

  // The same values read in another basis (after a transform done in place).
  template <Basis To>
  Polynomial<To> rebase() && {
    Polynomial<To> out(std::move(values_));
    values_.clear();
    return out;
  }

  // Zeroes and frees the values.
  void wipe() {
    secure_zero(values_.data(), values_.size() * sizeof(ff::Fr));
    values_.clear();
    values_.shrink_to_fit();
  }

 private:
  std::vector<ff::Fr> values_;
};

using CoeffPoly = Polynomial<Basis::kCoeff>;
using LagrangePoly = Polynomial<Basis::kLagrange>;
using ExtendedPoly = Polynomial<Basis::kExtended>;

class ProverDomain {
 public:
  // The domain of 2^k rows for a constraint system of degree `cs_degree` (>= 2).
  ProverDomain(uint32_t k, size_t cs_degree);

  uint32_t k() const { return small_.k(); }
  size_t n() const { return small_.n(); }
  uint32_t extended_k() const { return extended_.k(); }
  size_t extended_n() const { return extended_.n(); }
  // n_e / n: how many extended indices one row rotation moves.
  size_t rotation_scale() const { return extended_n() / n(); }
  // The number of pieces the quotient is split into (degree - 1).
  size_t quotient_pieces() const { return quotient_pieces_; }
  const ff::Fr& omega() const { return small_.omega(); }
  const ff::Fr& extended_omega() const { return extended_.omega(); }
  const ff::Fr& coset_shift() const { return zeta_; }

  // ω^rotation · x.
  ff::Fr rotate(const ff::Fr& x, int32_t rotation) const;
  // The extended index of row `index` rotated by `rotation` rows (sizes are powers of two, so
  // wrapping is a mask).
  size_t rotate_extended(size_t index, int32_t rotation) const {
    const int64_t shift = static_cast<int64_t>(rotation) * static_cast<int64_t>(rotation_scale());
    return (index + static_cast<size_t>(shift)) & (extended_n() - 1);
  }

  LagrangePoly empty_lagrange() const { return LagrangePoly(n()); }
  CoeffPoly lagrange_to_coeff(LagrangePoly values) const;
  ExtendedPoly coeff_to_extended(const CoeffPoly& poly) const;
  // The coefficients (n_e of them) of the polynomial with these coset values.
  CoeffPoly extended_to_coeff(ExtendedPoly values) const;
  // Row values straight onto the extended coset (through the coefficients).
  ExtendedPoly lagrange_to_extended(const LagrangePoly& values) const;

 private:
  poly::EvaluationDomain small_;
  poly::EvaluationDomain extended_;
  size_t quotient_pieces_;
  ff::Fr zeta_;
  ff::Fr omega_inv_;
};

// Σ coeffs[i]·x^i, split over the global thread pool for long polynomials.
ff::Fr eval_polynomial(std::span<const ff::Fr> coeffs, const ff::Fr& x);

// Replaces every nonzero value by its inverse (zeros stay zero), in chunks over the global pool.
void batch_invert(std::span<ff::Fr> values);

// The quotient of a(X) by (X - b), dropping the remainder (halo2 kate_division); one fewer
// coefficient than `a` (none if `a` is empty).
CoeffPoly kate_division(std::span<const ff::Fr> a, const ff::Fr& b);

}  // namespace nightjar::plonk
