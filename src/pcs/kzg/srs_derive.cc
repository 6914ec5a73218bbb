#include "pcs/kzg/srs_derive.h"

#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <limits>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "base/thread_pool.h"
#include "ec/encoding.h"
#include "pcs/kzg/params.h"
#include "poly/domain.h"
#include "poly/group_fft.h"

namespace nightjar::kzg {
namespace {

// Points encoded per buffered write: large enough for few system calls, small enough that the
// buffer (384 KiB) stays out of the way of the points themselves.
constexpr size_t kPointsPerWrite = 4096;

// A file written under a temporary name and renamed to its final one by commit(); dropped
// without commit(), it removes the temporary.
class AtomicFile {
 public:
  static Result<AtomicFile> create(const std::string& path) {
    std::string temp = path + ".partial-" + std::to_string(::getpid());
    std::FILE* file = std::fopen(temp.c_str(), "wb");
    if (file == nullptr) {
      return Status(StatusCode::kFailedPrecondition, temp + ": " + std::strerror(errno));
    }
    return AtomicFile(path, std::move(temp), file);
  }
  AtomicFile(AtomicFile&& other) noexcept
      : path_(std::move(other.path_)),
        temp_(std::move(other.temp_)),
        file_(std::exchange(other.file_, nullptr)) {}
  AtomicFile& operator=(AtomicFile&&) = delete;
  ~AtomicFile() {
    if (file_ != nullptr) {
      std::fclose(file_);
      std::remove(temp_.c_str());
    }
  }

  Status write(std::span<const uint8_t> bytes) {
    if (std::fwrite(bytes.data(), 1, bytes.size(), file_) != bytes.size()) return io_error();
    return Status::ok();
  }

  Status commit() {
    if (std::fflush(file_) != 0 || ::fsync(::fileno(file_)) != 0) return io_error();
    std::FILE* file = std::exchange(file_, nullptr);
    if (std::fclose(file) != 0 || std::rename(temp_.c_str(), path_.c_str()) != 0) {
      Status status = io_error();
      std::remove(temp_.c_str());
      return status;
    }
    return Status::ok();
  }

 private:
  AtomicFile(std::string path, std::string temp, std::FILE* file)
      : path_(std::move(path)), temp_(std::move(temp)), file_(file) {}

  Status io_error() const {
    return Status(StatusCode::kInternal, "writing " + path_ + ": " + std::strerror(errno));
  }

  std::string path_;
  std::string temp_;
  std::FILE* file_;
};

// Decodes points [0, n) of one section of the input with `get` (Params::monomial or lagrange),
// in parallel; the first failure by index is reported.
template <class Get>
Result<std::vector<ec::G1Affine>> decode_points(size_t n, const Get& get, size_t threads) {
  std::vector<ec::G1Affine> points(n);
  std::atomic<size_t> first_bad{std::numeric_limits<size_t>::max()};
  ThreadPool::global().parallel_for(
      n, 1024,
      [&](size_t begin, size_t end) {
        for (size_t i = begin; i < end; ++i) {
          Result<ec::G1Affine> p = get(i);
          if (!p.is_ok()) {
            size_t seen = first_bad.load();
            while (i < seen && !first_bad.compare_exchange_weak(seen, i)) {
            }
            return;
          }
          points[i] = *p;
        }
      },
      threads);
  if (first_bad.load() != std::numeric_limits<size_t>::max()) return get(first_bad.load()).status();
  return points;
}

// The Lagrange points of the size-n domain from the first n monomial points: L_i(X) has
// coefficients n^-1·ω^(-ij), so [L_i(τ)]G1 = n^-1 Σ_j ω^(-ij)·[τ^j]G1, an inverse NTT over G1.
std::vector<ec::G1Affine> lagrange_from_monomial(const std::vector<ec::G1Affine>& monomial,
                                                 uint32_t k, size_t threads) {
  const size_t n = monomial.size();
  std::vector<ec::G1> points(n);
  ThreadPool::global().parallel_for(
      n, 1024,
      [&](size_t begin, size_t end) {
        for (size_t i = begin; i < end; ++i) points[i] = ec::G1::from_affine(monomial[i]);
      },
      threads);
  poly::EvaluationDomain domain(k, threads);
  // The twiddles are public, so the variable-time multiplication is fine.
  poly::group_ifft(
      domain, std::span<ec::G1>(points),
      [](const ec::G1& p, const ff::Fr& s) { return p.mul_vartime(s); }, threads);
  std::vector<ec::G1Affine> affine(n);
  // One inversion per chunk; the chunks normalise in parallel.
  ThreadPool::global().parallel_for(
      n, 1024,
      [&](size_t begin, size_t end) {
        ec::G1::batch_to_affine(std::span<const ec::G1>(points).subspan(begin, end - begin),
                                std::span<ec::G1Affine>(affine).subspan(begin, end - begin));
      },
      threads);
  return affine;
}

Status write_points(AtomicFile& out, const std::vector<ec::G1Affine>& points, size_t threads) {
  std::vector<uint8_t> buffer(kPointsPerWrite * kG1Bytes);
  for (size_t start = 0; start < points.size(); start += kPointsPerWrite) {
    const size_t count = std::min(kPointsPerWrite, points.size() - start);
    ThreadPool::global().parallel_for(
        count, 256,
        [&](size_t begin, size_t end) {
          for (size_t i = begin; i < end; ++i) {
            auto bytes = ec::to_uncompressed(points[start + i]);
            std::copy(bytes.begin(), bytes.end(), buffer.begin() + i * kG1Bytes);
          }
        },
        threads);
    Status status = out.write(std::span<const uint8_t>(buffer).first(count * kG1Bytes));
    if (!status.is_ok()) return status;
  }
  return Status::ok();
}

}  // namespace

Status derive_params(const std::string& in_path, uint32_t k, const std::string& out_path,
                     size_t max_threads) {
  Result<Params> in = Params::open(in_path);
  if (!in.is_ok()) return in.status();
  if (k > in->k()) {
    return invalid_argument(in_path + " has k = " + std::to_string(in->k()) +
                            ", cannot derive k = " + std::to_string(k));
  }
  const size_t n = size_t{1} << k;
  auto monomial = decode_points(
      n, [&](size_t i) { return in->monomial(i); }, max_threads);
  if (!monomial.is_ok()) return monomial.status();
  std::vector<ec::G1Affine> lagrange;
  if (k == in->k()) {
    auto decoded = decode_points(
        n, [&](size_t i) { return in->lagrange(i); }, max_threads);
    if (!decoded.is_ok()) return decoded.status();
    lagrange = std::move(*decoded);
  } else {
    lagrange = lagrange_from_monomial(*monomial, k, max_threads);
  }

  Result<AtomicFile> out = AtomicFile::create(out_path);
  if (!out.is_ok()) return out.status();
  const uint8_t header[4] = {static_cast<uint8_t>(k), static_cast<uint8_t>(k >> 8),
                             static_cast<uint8_t>(k >> 16), static_cast<uint8_t>(k >> 24)};
  Status status = out->write(header);
  if (status.is_ok()) status = write_points(*out, *monomial, max_threads);
  if (status.is_ok()) status = write_points(*out, lagrange, max_threads);
  if (status.is_ok()) status = out->write(ec::to_uncompressed(in->g2()));
  if (status.is_ok()) status = out->write(ec::to_uncompressed(in->s_g2()));
  if (status.is_ok()) status = out->commit();
  return status;
}

}  // namespace nightjar::kzg
