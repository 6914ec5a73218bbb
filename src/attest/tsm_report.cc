#include "attest/tsm_report.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include "attest/byte_reader.h"

namespace nightjar::attest {
namespace {

constexpr size_t kMaxOutblob = 64 * 1024;
constexpr size_t kMaxAuxblob = 64 * 1024;
constexpr int kAttempts = 3;

Status errno_status(const std::string& what) {
  int e = errno;
  return Status(e == ENOENT ? StatusCode::kNotFound : StatusCode::kInternal,
                what + ": " + std::strerror(e));
}

class PosixTsmFilesystem : public TsmFilesystem {
 public:
  Status make_dir(const std::string& path) override {
    if (::mkdir(path.c_str(), 0700) != 0) return errno_status("mkdir " + path);
    return Status::ok();
  }
  Status remove_dir(const std::string& path) override {
    if (::rmdir(path.c_str()) != 0) return errno_status("rmdir " + path);
    return Status::ok();
  }
  Status write_file(const std::string& path, std::span<const uint8_t> bytes) override {
    int fd = ::open(path.c_str(), O_WRONLY | O_CLOEXEC);
    if (fd < 0) return errno_status("open " + path);
    // configfs binary attributes take one write.
    ssize_t n = ::write(fd, bytes.data(), bytes.size());
    Status status =
        n == static_cast<ssize_t>(bytes.size()) ? Status::ok() : errno_status("write " + path);
    ::close(fd);
    return status;
  }
  Result<std::vector<uint8_t>> read_file(const std::string& path, size_t max_bytes) override {
    int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return errno_status("open " + path);
    std::vector<uint8_t> out;
    uint8_t buffer[4096];
    for (;;) {
      ssize_t n = ::read(fd, buffer, sizeof buffer);
      if (n < 0) {
        Status status = errno_status("read " + path);
        ::close(fd);
        return status;
      }
      if (n == 0) break;
      out.insert(out.end(), buffer, buffer + n);
      if (out.size() > max_bytes) {
        ::close(fd);
        return Status(StatusCode::kInternal,
                      path + ": more than " + std::to_string(max_bytes) + " bytes");
      }
    }
    ::close(fd);
    return out;
  }
};

std::string text_of(const std::vector<uint8_t>& bytes) {
  std::string s(bytes.begin(), bytes.end());
  while (!s.empty() && (s.back() == '\n' || s.back() == '\0')) s.pop_back();
  return s;
}

// GUIDs in their textual byte order, as the kernel and AMD's tools lay them out.
constexpr std::array<uint8_t, 16> kVcekGuid = {0x63, 0xda, 0x75, 0x8d, 0xe6, 0x64, 0x45, 0x64,
                                               0xad, 0xc5, 0xf4, 0xb9, 0x3b, 0xe8, 0xac, 0xcd};
constexpr std::array<uint8_t, 16> kVlekGuid = {0xa8, 0x07, 0x4b, 0xc2, 0xa2, 0x5a, 0x48, 0x3e,
                                               0xaa, 0xe6, 0x39, 0xc0, 0x45, 0xa0, 0xb8, 0xa1};
constexpr std::array<uint8_t, 16> kAskGuid = {0x4a, 0xb7, 0xb3, 0x79, 0xbb, 0xac, 0x4f, 0xe4,
                                              0xa0, 0x2f, 0x05, 0xae, 0xf3, 0x27, 0xc7, 0x82};
constexpr std::array<uint8_t, 16> kArkGuid = {0xc0, 0xb4, 0x06, 0xa4, 0xa8, 0x03, 0x49, 0x52,
                                              0x97, 0x43, 0x3f, 0xb6, 0x01, 0x4c, 0xd0, 0xae};

}  // namespace

std::unique_ptr<TsmFilesystem> system_tsm_filesystem() {
  return std::make_unique<PosixTsmFilesystem>();
}

Result<TsmReport> TsmReporter::report(const std::array<uint8_t, 64>& inblob,
                                      std::optional<uint32_t> privlevel) {
  Status last;
  for (int i = 0; i < kAttempts; ++i) {
    const std::string entry =
        root_ + "/nightjar-" + std::to_string(::getpid()) + "-" + std::to_string(counter_++);
    Status made = fs_.make_dir(entry);
    if (!made.is_ok()) return made;
    Result<TsmReport> r = attempt(entry, inblob, privlevel);
    (void)fs_.remove_dir(entry);
    if (r.is_ok() || r.status().code() != StatusCode::kFailedPrecondition) return r;
    last = r.status();
  }
  return last;
}

Result<TsmReport> TsmReporter::attempt(const std::string& entry,
                                       const std::array<uint8_t, 64>& inblob,
                                       std::optional<uint32_t> privlevel) {
  if (privlevel) {
    std::string level = std::to_string(*privlevel);
    Status s =
        fs_.write_file(entry + "/privlevel",
                       std::span(reinterpret_cast<const uint8_t*>(level.data()), level.size()));
    if (!s.is_ok()) return s;
  }
  Status written = fs_.write_file(entry + "/inblob", inblob);
  if (!written.is_ok()) return written;
  Result<std::vector<uint8_t>> before = fs_.read_file(entry + "/generation", 32);
  if (!before.is_ok()) return before.status();
  TsmReport report;
  Result<std::vector<uint8_t>> out = fs_.read_file(entry + "/outblob", kMaxOutblob);
  if (!out.is_ok()) return out.status();
  report.outblob = std::move(out).value();
  // Hosts without certificates leave auxblob absent or empty.
  Result<std::vector<uint8_t>> aux = fs_.read_file(entry + "/auxblob", kMaxAuxblob);
  if (aux.is_ok()) report.auxblob = std::move(aux).value();
  Result<std::vector<uint8_t>> provider = fs_.read_file(entry + "/provider", 64);
  if (!provider.is_ok()) return provider.status();
  report.provider = text_of(*provider);
  Result<std::vector<uint8_t>> after = fs_.read_file(entry + "/generation", 32);
  if (!after.is_ok()) return after.status();
  if (*after != *before) {
    return Status(StatusCode::kFailedPrecondition,
                  "configfs-tsm: another writer changed " + entry + " during the request");
  }
  if (report.outblob.empty()) {
    return Status(StatusCode::kInternal, "configfs-tsm: empty report from " + report.provider);
  }
  return report;
}

Result<std::vector<Certificate>> parse_snp_certificate_table(std::span<const uint8_t> table) {
  std::optional<Certificate> leaf, ask, ark;
  for (size_t pos = 0;; pos += 24) {
    if (pos + 24 > table.size()) return invalid_argument("SNP certificate table: no terminator");
    std::span<const uint8_t> guid = table.subspan(pos, 16);
    uint32_t offset = load_le32(table, pos + 16);
    uint32_t length = load_le32(table, pos + 20);
    if (std::all_of(guid.begin(), guid.end(), [](uint8_t b) { return b == 0; }) && offset == 0 &&
        length == 0) {
      break;
    }
    if (offset > table.size() || length > table.size() - offset) {
      return invalid_argument("SNP certificate table: an entry points outside the table");
    }
    std::optional<Certificate>* slot = nullptr;
    if (std::equal(guid.begin(), guid.end(), kVcekGuid.begin()) ||
        std::equal(guid.begin(), guid.end(), kVlekGuid.begin())) {
      slot = &leaf;
    } else if (std::equal(guid.begin(), guid.end(), kAskGuid.begin())) {
      slot = &ask;
    } else if (std::equal(guid.begin(), guid.end(), kArkGuid.begin())) {
      slot = &ark;
    }
    if (slot == nullptr) continue;
    // Hosts pad certificates to their slot; the DER header gives the real length.
    std::span<const uint8_t> der = table.subspan(offset, length);
    if (der.size() >= 4 && der[0] == 0x30 && der[1] == 0x82) {
      size_t real = 4 + (size_t{der[2]} << 8 | der[3]);
      if (real <= der.size()) der = der.first(real);
    }
    Result<Certificate> cert = Certificate::from_der(der);
    if (!cert.is_ok()) return invalid_argument("SNP certificate table: " + cert.status().message());
    *slot = std::move(cert).value();
  }
  std::vector<Certificate> out;
  for (std::optional<Certificate>* c : {&leaf, &ask, &ark}) {
    if (*c) out.push_back(std::move(**c));
  }
  return out;
}

}  // namespace nightjar::attest
