#include "params/store.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <iterator>
#include <thread>
#include <utility>

#include "base/hex.h"
#include "base/sha256.h"
#include "params/url.h"

namespace nightjar::params {
namespace {

Status errno_status(const std::string& what) {
  return Status(StatusCode::kInternal, what + ": " + std::strerror(errno));
}

// A temporary file beside its destination, removed unless committed.
class TempFile {
 public:
  static Result<TempFile> create(const std::filesystem::path& dest) {
    std::string pattern =
        (dest.parent_path() / ("." + dest.filename().string() + ".part-XXXXXX")).string();
    const int fd = mkstemp(pattern.data());
    if (fd < 0) return errno_status("cannot create a temporary file beside " + dest.string());
    // mkstemp makes the file private; cached parameters are public data other processes (the
    // official server sharing the cache) read.
    fchmod(fd, 0644);
    return TempFile(fd, pattern);
  }

  TempFile(TempFile&& other) noexcept
      : fd_(std::exchange(other.fd_, -1)), path_(std::move(other.path_)) {}
  TempFile& operator=(TempFile&&) = delete;
  ~TempFile() {
    if (fd_ >= 0) {
      close(fd_);
      unlink(path_.c_str());
    }
  }

  Status rewind() {
    if (ftruncate(fd_, 0) != 0 || lseek(fd_, 0, SEEK_SET) != 0) {
      return errno_status("cannot truncate " + path_);
    }
    return Status::ok();
  }

  Status write(std::span<const uint8_t> data) {
    while (!data.empty()) {
      const ssize_t n = ::write(fd_, data.data(), data.size());
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) return errno_status("cannot write " + path_);
      data = data.subspan(static_cast<size_t>(n));
    }
    return Status::ok();
  }

  // fsync before rename, so a crash cannot leave a short file under the real name.
  Status commit(const std::filesystem::path& dest) {
    if (fsync(fd_) != 0) return errno_status("cannot sync " + path_);
    close(std::exchange(fd_, -1));
    if (std::rename(path_.c_str(), dest.c_str()) != 0) {
      Status status = errno_status("cannot rename " + path_ + " to " + dest.string());
      unlink(path_.c_str());
      return status;
    }
    return Status::ok();
  }

 private:
  TempFile(int fd, std::string path) : fd_(fd), path_(std::move(path)) {}

  int fd_;
  std::string path_;
};

}  // namespace

Store::Store(StoreOptions options, std::shared_ptr<Fetcher> fetcher)
    : options_(std::move(options)), fetcher_(std::move(fetcher)) {}

bool Store::is_verified(std::string_view name) const {
  std::lock_guard<std::mutex> lock(mutex_);
  return verified_.find(name) != verified_.end();
}

Result<std::filesystem::path> Store::ensure(std::string_view name) {
  const std::filesystem::path path = options_.dir / std::string(name);
  std::shared_ptr<Flight> flight;
  bool leader = false;
  {
    std::unique_lock<std::mutex> lock(mutex_);
    if (verified_.find(name) != verified_.end()) return path;
    auto it = in_flight_.find(name);
    if (it == in_flight_.end()) {
      flight = std::make_shared<Flight>();
      in_flight_.emplace(std::string(name), flight);
      leader = true;
    } else {
      flight = it->second;
      flight_done_.wait(lock, [&] { return flight->done; });
    }
  }
  if (leader) {
    Status status = check_or_download(name);
    std::lock_guard<std::mutex> lock(mutex_);
    if (status.is_ok()) verified_.emplace(name);
    flight->status = std::move(status);
    flight->done = true;
    in_flight_.erase(in_flight_.find(name));
    flight_done_.notify_all();
  }
  if (!flight->status.is_ok()) return flight->status;
  return path;
}

Status Store::check_or_download(std::string_view name) {
  std::optional<Artifact> artifact = find_artifact(name);
  if (!artifact) {
    return invalid_argument("artifact '" + std::string(name) +
                            "' is not a known managed artifact by the proof data cache.");
  }
  const std::filesystem::path path = options_.dir / artifact->name;
  std::error_code ec;
  if (std::filesystem::exists(path, ec)) {
    Result<Sha256Digest> digest = sha256_file(path.string());
    if (!digest.is_ok()) return digest.status();
    if (*digest != artifact->sha256) {
      return Status(StatusCode::kDataLoss,
                    "Hash mismatch in data stored at " + path.string() + ". Found hash " +
                        to_hex(*digest) + ", but expected " + to_hex(artifact->sha256) +
                        ". Please try removing this file to force a re-fetch.");
    }
    return Status::ok();
  }
  if (!options_.allow_download) {
    return Status(StatusCode::kNotFound, "'" + artifact->name + "' (" + artifact->description +
                                             ") is not in the local cache at " +
                                             options_.dir.string() + " and downloads are off");
  }
  return download(*artifact, path);
}

Status Store::download(const Artifact& artifact, const std::filesystem::path& path) {
  std::error_code ec;
  std::filesystem::create_directories(path.parent_path(), ec);
  if (ec) {
    return Status(StatusCode::kInternal,
                  "cannot create " + path.parent_path().string() + ": " + ec.message());
  }
  Result<TempFile> temp = TempFile::create(path);
  if (!temp.is_ok()) return temp.status();

  const std::string url = join_url(options_.source_url, artifact.name);
  Status last;
  std::chrono::milliseconds backoff = options_.first_backoff;
  for (int attempt = 1; attempt <= options_.attempts; ++attempt) {
    if (attempt > 1) {
      std::this_thread::sleep_for(backoff);
      backoff *= 2;
    }
    if (Status s = temp->rewind(); !s.is_ok()) return s;
    Sha256 hasher;
    uint64_t received = 0;
    last = fetcher_->fetch(url, [&](std::span<const uint8_t> chunk) {
      received += chunk.size();
      if (received > artifact.max_bytes) {
        return Status(StatusCode::kDataLoss, "more than " + std::to_string(artifact.max_bytes) +
                                                 " bytes; not the expected file");
      }
      hasher.update(chunk);
      return temp->write(chunk);
    });
    if (!last.is_ok()) continue;
    const Sha256Digest digest = hasher.finish();
    if (digest != artifact.sha256) {
      last = Status(StatusCode::kDataLoss, "downloaded data has sha256 " + to_hex(digest) +
                                               ", expected " + to_hex(artifact.sha256));
      continue;
    }
    return temp->commit(path);
  }
  return Status(StatusCode::kInternal,
                "failed to fetch " + artifact.description + " (" + artifact.name + ") from " + url +
                    " after " + std::to_string(options_.attempts) + " attempts: " + last.message());
}

Result<std::shared_ptr<const kzg::Params>> Store::srs(uint32_t k) {
  if (k > kMaxSrsK) {
    return Status(StatusCode::kOutOfRange, "k=" + std::to_string(k) + " out of range");
  }
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (auto it = srs_.find(k); it != srs_.end()) return it->second;
  }
  Result<std::filesystem::path> path = ensure(srs_artifact_name(k));
  if (!path.is_ok()) return path.status();
  Result<kzg::Params> params = kzg::Params::open(path->string());
  if (!params.is_ok()) return params.status();
  auto shared = std::make_shared<const kzg::Params>(std::move(params).value());
  std::lock_guard<std::mutex> lock(mutex_);
  // A concurrent caller may have mapped it first; keep one mapping.
  return srs_.emplace(k, std::move(shared)).first->second;
}

Result<std::vector<uint8_t>> Store::read_verified(const std::string& name) {
  Result<std::filesystem::path> path = ensure(name);
  if (!path.is_ok()) return path.status();
  std::ifstream in(*path, std::ios::binary);
  std::vector<uint8_t> bytes(std::istreambuf_iterator<char>(in), {});
  if (!in.good() && !in.eof()) {
    return Status(StatusCode::kInternal, "cannot read " + path->string());
  }
  // Re-check: the file was verified when first ensured, but it is read again here.
  if (std::optional<Artifact> artifact = find_artifact(name);
      artifact && sha256(bytes) != artifact->sha256) {
    return Status(StatusCode::kDataLoss, path->string() + " changed after it was verified");
  }
  return bytes;
}

Result<std::optional<std::vector<uint8_t>>> Store::builtin_ir(std::string_view key_location) {
  std::optional<std::string> root = builtin_key_root(key_location);
  if (!root) return std::optional<std::vector<uint8_t>>();
  Result<std::vector<uint8_t>> ir = read_verified(*root + ".bzkir");
  if (!ir.is_ok()) return ir.status();
  return std::optional<std::vector<uint8_t>>(std::move(ir).value());
}

Result<std::shared_ptr<const BuiltinKey>> Store::builtin_key(std::string_view key_location) {
  std::optional<std::string> root = builtin_key_root(key_location);
  if (!root) return std::shared_ptr<const BuiltinKey>();
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (auto it = builtin_keys_.find(*root); it != builtin_keys_.end()) return it->second;
  }
  auto key = std::make_shared<BuiltinKey>();
  for (auto [suffix, out] :
       {std::pair{".prover", &key->prover_key}, std::pair{".verifier", &key->verifier_key},
        std::pair{".bzkir", &key->ir}}) {
    Result<std::vector<uint8_t>> bytes = read_verified(*root + suffix);
    if (!bytes.is_ok()) return bytes.status();
    *out = std::move(bytes).value();
  }
  std::lock_guard<std::mutex> lock(mutex_);
  // A concurrent caller may have read it first; keep one copy.
  return builtin_keys_.emplace(*root, std::move(key)).first->second;
}

Status Store::ensure_all(std::span<const std::string> names) {
  std::vector<Status> results(names.size());
  std::vector<std::thread> threads;
  threads.reserve(names.size());
  for (size_t i = 0; i < names.size(); ++i) {
    threads.emplace_back([&, i] {
      Result<std::filesystem::path> r = ensure(names[i]);
      results[i] = r.status();
    });
  }
  for (std::thread& t : threads) t.join();
  for (Status& s : results) {
    if (!s.is_ok()) return s;
  }
  return Status::ok();
}

std::vector<std::string> Store::startup_artifacts() {
  std::vector<std::string> names;
  for (uint32_t k = 10; k <= 15; ++k) names.push_back(srs_artifact_name(k));
  for (std::string_view location : builtin_key_locations()) {
    const std::string root = *builtin_key_root(location);
    for (const char* ext : {".prover", ".verifier", ".bzkir"}) names.push_back(root + ext);
  }
  return names;
}

}  // namespace nightjar::params
