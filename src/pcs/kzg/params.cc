#include "pcs/kzg/params.h"

#include <random>
#include <utility>
#include <vector>

#include "base/thread_pool.h"
#include "ec/encoding.h"
#include "ec/pairing.h"

namespace nightjar::kzg {
namespace {

uint32_t read_u32_le(const uint8_t* p) {
  return uint32_t{p[0]} | uint32_t{p[1]} << 8 | uint32_t{p[2]} << 16 | uint32_t{p[3]} << 24;
}

// Random 128-bit coefficients suffice for the batched check: a cheating file passes with
// probability about 2^-128.
std::array<uint64_t, 2> random_coefficient(std::mt19937_64& rng) { return {rng(), rng()}; }

}  // namespace

Result<Params> Params::open(const std::string& path) {
  Result<MappedFile> file = MappedFile::open(path);
  if (!file.is_ok()) return file.status();
  std::span<const uint8_t> bytes = file->bytes();
  if (bytes.size() < 4) return invalid_argument(path + ": too short for an SRS header");
  uint32_t k = read_u32_le(bytes.data());
  if (k > kMaxK) return invalid_argument(path + ": k = " + std::to_string(k) + " exceeds 25");
  if (bytes.size() != params_file_size(k)) {
    return invalid_argument(path + ": " + std::to_string(bytes.size()) + " bytes, expected " +
                            std::to_string(params_file_size(k)) + " for k = " + std::to_string(k));
  }
  size_t g2_offset = bytes.size() - 2 * kG2Bytes;
  auto g2 = ec::g2_from_uncompressed(bytes.subspan(g2_offset).first<kG2Bytes>());
  if (!g2.is_ok()) return invalid_argument(path + ": g2: " + g2.status().message());
  auto s_g2 = ec::g2_from_uncompressed(bytes.subspan(g2_offset + kG2Bytes).first<kG2Bytes>());
  if (!s_g2.is_ok()) return invalid_argument(path + ": s_g2: " + s_g2.status().message());
  return Params(std::move(*file), k, *g2, *s_g2);
}

Result<ec::G1Affine> Params::g1_at(size_t offset, const char* what, size_t i) const {
  if (i >= n()) return Status(StatusCode::kOutOfRange, std::string(what) + " index out of range");
  auto p = ec::g1_from_uncompressed_unchecked(
      file_.bytes().subspan(offset + kG1Bytes * i).first<kG1Bytes>());
  if (!p.is_ok()) {
    return invalid_argument(std::string(what) + " point " + std::to_string(i) + ": " +
                            p.status().message());
  }
  return p;
}

Result<ec::G1Affine> Params::monomial(size_t i) const { return g1_at(4, "monomial", i); }

Result<ec::G1Affine> Params::lagrange(size_t i) const {
  return g1_at(4 + kG1Bytes * n(), "lagrange", i);
}

Result<Params::Report> Params::verify() const {
  Report report;
  // Decoding and the subgroup test dominate; points are independent, so chunks run in parallel
  // and each keeps its first error, of which the lowest-indexed one is reported.
  std::vector<ec::G1Affine> g(n()), l(n());
  std::vector<Status> errors(2 * n());
  ThreadPool::global().parallel_for(2 * n(), 64, [&](size_t begin, size_t end) {
    for (size_t j = begin; j < end; ++j) {
      bool is_lagrange = j >= n();
      size_t i = is_lagrange ? j - n() : j;
      Result<ec::G1Affine> p = is_lagrange ? lagrange(i) : monomial(i);
      if (!p.is_ok()) {
        errors[j] = p.status();
        return;
      }
      if (!p->is_torsion_free()) {
        errors[j] =
            invalid_argument(std::string(is_lagrange ? "lagrange" : "monomial") + " point " +
                             std::to_string(i) + ": not in the prime-order subgroup");
        return;
      }
      (is_lagrange ? l : g)[i] = *p;
    }
  });
  for (const Status& e : errors) {
    if (!e.is_ok()) return e;
  }
  report.g1_points = 2 * n();
  ec::G1 lagrange_sum;
  for (const ec::G1Affine& p : l) lagrange_sum = lagrange_sum.add_mixed(p);
  if (!g2_.is_torsion_free()) return invalid_argument("g2: not in the prime-order subgroup");
  if (!s_g2_.is_torsion_free()) return invalid_argument("s_g2: not in the prime-order subgroup");

  report.lagrange_sum_is_g0 = lagrange_sum == ec::G1::from_affine(g[0]);
  if (n() == 1) {
    report.first_power_pairing = true;
    report.powers_consistent = true;
    return report;
  }
  std::pair<ec::G1Affine, ec::G2Affine> first[2] = {{g[1], g2_}, {-g[0], s_g2_}};
  report.first_power_pairing = ec::pairing_product_is_one(first);

  std::mt19937_64 rng{std::random_device{}()};
  ec::G1 shifted, unshifted;
  for (size_t i = 0; i + 1 < n(); ++i) {
    auto rho = random_coefficient(rng);
    shifted = shifted.add_vartime(ec::G1::from_affine(g[i + 1]).mul_limbs_vartime(rho));
    unshifted = unshifted.add_vartime(ec::G1::from_affine(g[i]).mul_limbs_vartime(rho));
  }
  std::pair<ec::G1Affine, ec::G2Affine> batched[2] = {{shifted.to_affine(), g2_},
                                                      {(-unshifted).to_affine(), s_g2_}};
  report.powers_consistent = ec::pairing_product_is_one(batched);
  return report;
}

}  // namespace nightjar::kzg
