#include <gtest/gtest.h>
#include <stdlib.h>

#include <atomic>
#include <condition_variable>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <mutex>
#include <thread>

#include "params/catalog.h"
#include "params/curl_fetcher.h"
#include "params/store.h"
#include "tests/testing/vectors.h"

namespace nightjar::params {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

fs::path srs_dir() { return testing::vectors_dir() / "midnight" / "srs"; }
fs::path static_dir() { return testing::vectors_dir() / "midnight" / "circuits" / "ledger-static"; }

using testing::read_file;

void write_file(const fs::path& path, const std::vector<uint8_t>& bytes) {
  fs::create_directories(path.parent_path());
  std::ofstream out(path, std::ios::binary);
  out.write(reinterpret_cast<const char*>(bytes.data()),
            static_cast<std::streamsize>(bytes.size()));
}

class TempDir {
 public:
  TempDir() {
    std::string pattern = (fs::temp_directory_path() / "nightjar-params-XXXXXX").string();
    path_ = mkdtemp(pattern.data());
  }
  ~TempDir() { fs::remove_all(path_); }
  const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

// Serves files by URL; can fail the first calls, lie, or hold a transfer until released.
class FakeFetcher : public Fetcher {
 public:
  std::map<std::string, std::vector<uint8_t>> files;
  int failures_left = 0;
  bool hold = false;

  Status fetch(const std::string& url, const ByteSink& sink) override {
    {
      std::unique_lock<std::mutex> lock(mutex_);
      ++calls_;
      changed_.notify_all();
      changed_.wait(lock, [&] { return !hold; });
      if (failures_left > 0) {
        --failures_left;
        return Status(StatusCode::kInternal, "connection reset");
      }
    }
    auto it = files.find(url);
    if (it == files.end()) return Status(StatusCode::kInternal, "404 " + url);
    // Two chunks, as a network would deliver.
    std::span<const uint8_t> all = it->second;
    const size_t half = all.size() / 2;
    if (Status s = sink(all.first(half)); !s.is_ok()) return s;
    return sink(all.subspan(half));
  }

  void release() {
    std::lock_guard<std::mutex> lock(mutex_);
    hold = false;
    changed_.notify_all();
  }
  bool wait_calls(int n) {
    std::unique_lock<std::mutex> lock(mutex_);
    return changed_.wait_for(lock, std::chrono::seconds(10), [&] { return calls_ >= n; });
  }
  int calls() {
    std::lock_guard<std::mutex> lock(mutex_);
    return calls_;
  }

 private:
  std::mutex mutex_;
  std::condition_variable changed_;
  int calls_ = 0;
};

constexpr const char* kSource = "https://mirror.test/srs/";

StoreOptions options_for(const fs::path& dir, bool download = true) {
  StoreOptions o;
  o.dir = dir;
  o.source_url = kSource;
  o.allow_download = download;
  o.first_backoff = 1ms;
  return o;
}

bool has_temporaries(const fs::path& dir) {
  for (const auto& e : fs::recursive_directory_iterator(dir)) {
    if (e.path().filename().string().find(".part-") != std::string::npos) return true;
  }
  return false;
}

TEST(ParamsStore, DownloadsVerifiesAndRenamesIntoPlace) {
  NIGHTJAR_REQUIRE_VECTOR(srs_dir() / "bls_midnight_2p3");
  TempDir tmp;
  auto fetcher = std::make_shared<FakeFetcher>();
  fetcher->files[std::string(kSource) + "bls_midnight_2p3"] =
      read_file(srs_dir() / "bls_midnight_2p3");
  Store store(options_for(tmp.path()), fetcher);
  EXPECT_FALSE(store.is_verified("bls_midnight_2p3"));
  Result<fs::path> path = store.ensure("bls_midnight_2p3");
  ASSERT_TRUE(path.is_ok()) << path.status().message();
  EXPECT_EQ(*path, tmp.path() / "bls_midnight_2p3");
  EXPECT_EQ(read_file(*path), read_file(srs_dir() / "bls_midnight_2p3"));
  EXPECT_TRUE(store.is_verified("bls_midnight_2p3"));
  EXPECT_FALSE(has_temporaries(tmp.path()));
  // Verified once per process: no second hash, no second download.
  ASSERT_TRUE(store.ensure("bls_midnight_2p3").is_ok());
  EXPECT_EQ(fetcher->calls(), 1);
}

TEST(ParamsStore, ConcurrentCallersShareOneDownload) {
  NIGHTJAR_REQUIRE_VECTOR(srs_dir() / "bls_midnight_2p4");
  TempDir tmp;
  auto fetcher = std::make_shared<FakeFetcher>();
  fetcher->files[std::string(kSource) + "bls_midnight_2p4"] =
      read_file(srs_dir() / "bls_midnight_2p4");
  fetcher->hold = true;
  Store store(options_for(tmp.path()), fetcher);
  std::atomic<int> ok{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < 8; ++i) {
    threads.emplace_back([&] { ok += store.ensure("bls_midnight_2p4").is_ok(); });
  }
  EXPECT_TRUE(fetcher->wait_calls(1));
  std::this_thread::sleep_for(50ms);  // let the others reach the flight
  fetcher->release();
  for (std::thread& t : threads) t.join();
  EXPECT_EQ(ok.load(), 8);
  EXPECT_EQ(fetcher->calls(), 1);
}

TEST(ParamsStore, RetriesThenSucceeds) {
  NIGHTJAR_REQUIRE_VECTOR(srs_dir() / "bls_midnight_2p1");
  TempDir tmp;
  auto fetcher = std::make_shared<FakeFetcher>();
  fetcher->files[std::string(kSource) + "bls_midnight_2p1"] =
      read_file(srs_dir() / "bls_midnight_2p1");
  fetcher->failures_left = 2;
  Store store(options_for(tmp.path()), fetcher);
  EXPECT_TRUE(store.ensure("bls_midnight_2p1").is_ok());
  EXPECT_EQ(fetcher->calls(), 3);
}

TEST(ParamsStore, GivesUpAfterTheLastAttemptAndLeavesNothing) {
  TempDir tmp;
  auto fetcher = std::make_shared<FakeFetcher>();
  fetcher->failures_left = 10;
  Store store(options_for(tmp.path()), fetcher);
  Result<fs::path> r = store.ensure("bls_midnight_2p1");
  ASSERT_FALSE(r.is_ok());
  EXPECT_EQ(r.status().code(), StatusCode::kInternal);
  EXPECT_NE(r.status().message().find("after 3 attempts"), std::string::npos);
  EXPECT_NE(r.status().message().find("connection reset"), std::string::npos);
  EXPECT_EQ(fetcher->calls(), 3);
  EXPECT_FALSE(fs::exists(tmp.path() / "bls_midnight_2p1"));
  EXPECT_FALSE(has_temporaries(tmp.path()));
  // A failure is not cached: the next call tries again.
  fetcher->failures_left = 0;
  EXPECT_FALSE(store.ensure("bls_midnight_2p1").is_ok());  // 404 now, but it did try
  EXPECT_EQ(fetcher->calls(), 6);
}

TEST(ParamsStore, RefusesDataThatDoesNotMatchThePin) {
  NIGHTJAR_REQUIRE_VECTOR(srs_dir() / "bls_midnight_2p2");
  TempDir tmp;
  auto fetcher = std::make_shared<FakeFetcher>();
  std::vector<uint8_t> forged = read_file(srs_dir() / "bls_midnight_2p2");
  forged[100] ^= 1;
  fetcher->files[std::string(kSource) + "bls_midnight_2p2"] = forged;
  // And a mirror that streams more than the file can be.
  fetcher->files[std::string(kSource) + "bls_midnight_2p0"] = std::vector<uint8_t>(100'000, 7);
  Store store(options_for(tmp.path()), fetcher);
  Result<fs::path> r = store.ensure("bls_midnight_2p2");
  ASSERT_FALSE(r.is_ok());
  EXPECT_NE(r.status().message().find("sha256"), std::string::npos);
  EXPECT_FALSE(fs::exists(tmp.path() / "bls_midnight_2p2"));
  r = store.ensure("bls_midnight_2p0");
  ASSERT_FALSE(r.is_ok());
  EXPECT_NE(r.status().message().find("not the expected file"), std::string::npos);
  EXPECT_FALSE(has_temporaries(tmp.path()));
}

TEST(ParamsStore, CacheOnlyWhenOffline) {
  NIGHTJAR_REQUIRE_VECTOR(srs_dir() / "bls_midnight_2p5");
  TempDir tmp;
  auto fetcher = std::make_shared<FakeFetcher>();
  Store store(options_for(tmp.path(), false), fetcher);
  Result<fs::path> r = store.ensure("bls_midnight_2p5");
  ASSERT_FALSE(r.is_ok());
  EXPECT_EQ(r.status().code(), StatusCode::kNotFound);
  fs::copy_file(srs_dir() / "bls_midnight_2p5", tmp.path() / "bls_midnight_2p5");
  EXPECT_TRUE(store.ensure("bls_midnight_2p5").is_ok());
  EXPECT_EQ(fetcher->calls(), 0);
}

TEST(ParamsStore, ATamperedCacheFileIsReportedAndLeftAlone) {
  NIGHTJAR_REQUIRE_VECTOR(srs_dir() / "bls_midnight_2p3");
  TempDir tmp;
  std::vector<uint8_t> bytes = read_file(srs_dir() / "bls_midnight_2p3");
  bytes.back() ^= 0xff;
  write_file(tmp.path() / "bls_midnight_2p3", bytes);
  auto fetcher = std::make_shared<FakeFetcher>();
  Store store(options_for(tmp.path()), fetcher);
  Result<fs::path> r = store.ensure("bls_midnight_2p3");
  ASSERT_FALSE(r.is_ok());
  EXPECT_EQ(r.status().code(), StatusCode::kDataLoss);
  EXPECT_NE(r.status().message().find("Hash mismatch"), std::string::npos);
  EXPECT_EQ(read_file(tmp.path() / "bls_midnight_2p3"), bytes);
  EXPECT_EQ(fetcher->calls(), 0);
}

TEST(ParamsStore, OnlyCatalogNames) {
  TempDir tmp;
  Store store(options_for(tmp.path()), std::make_shared<FakeFetcher>());
  for (const char* name : {"../etc/passwd", "bls_midnight_2p26", "zswap/9/../../x", "anything"}) {
    Result<fs::path> r = store.ensure(name);
    ASSERT_FALSE(r.is_ok()) << name;
    EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument) << name;
  }
}

TEST(ParamsStore, SrsIsMappedOnceAndShared) {
  NIGHTJAR_REQUIRE_VECTOR(srs_dir() / "bls_midnight_2p4");
  TempDir tmp;
  fs::copy_file(srs_dir() / "bls_midnight_2p4", tmp.path() / "bls_midnight_2p4");
  Store store(options_for(tmp.path(), false), std::make_shared<FakeFetcher>());
  auto a = store.srs(4);
  ASSERT_TRUE(a.is_ok()) << a.status().message();
  EXPECT_EQ((*a)->k(), 4u);
  auto b = store.srs(4);
  ASSERT_TRUE(b.is_ok());
  EXPECT_EQ(a->get(), b->get());
  EXPECT_EQ(store.srs(26).status().code(), StatusCode::kOutOfRange);
}

TEST(ParamsStore, BuiltinIr) {
  NIGHTJAR_REQUIRE_VECTOR(static_dir() / "zswap_static_sign.bzkir");
  TempDir tmp;
  write_file(tmp.path() / "zswap" / "9" / "sign.bzkir",
             read_file(static_dir() / "zswap_static_sign.bzkir"));
  Store store(options_for(tmp.path(), false), std::make_shared<FakeFetcher>());
  auto ir = store.builtin_ir("midnight/zswap/sign");
  ASSERT_TRUE(ir.is_ok()) << ir.status().message();
  ASSERT_TRUE(ir->has_value());
  EXPECT_EQ(**ir, read_file(static_dir() / "zswap_static_sign.bzkir"));
  auto none = store.builtin_ir("increment");
  ASSERT_TRUE(none.is_ok());
  EXPECT_FALSE(none->has_value());
  EXPECT_EQ(store.builtin_ir("midnight/dust/spend").status().code(), StatusCode::kNotFound);
}

// The built-in prover keys are not in the vectors: only the refusals can be shown, and that a
// file differing from its pin is never handed out.
TEST(ParamsStore, BuiltinKeyIsPinnedOrRefused) {
  NIGHTJAR_REQUIRE_VECTOR(static_dir() / "zswap_static_sign.bzkir");
  TempDir tmp;
  write_file(tmp.path() / "zswap" / "9" / "sign.bzkir",
             read_file(static_dir() / "zswap_static_sign.bzkir"));
  write_file(tmp.path() / "zswap" / "9" / "sign.verifier",
             read_file(static_dir() / "zswap_static_sign.verifier"));
  auto fetcher = std::make_shared<FakeFetcher>();
  fetcher->files[std::string(kSource) + "zswap/9/sign.prover"] = {1, 2, 3};
  Store offline(options_for(tmp.path(), false), fetcher);
  auto none = offline.builtin_key("increment");
  ASSERT_TRUE(none.is_ok());
  EXPECT_EQ(*none, nullptr);
  auto absent = offline.builtin_key("midnight/zswap/sign");
  EXPECT_EQ(absent.status().code(), StatusCode::kNotFound);
  EXPECT_NE(absent.status().message().find("zswap/9/sign.prover"), std::string::npos)
      << absent.status().message();

  Store online(options_for(tmp.path()), fetcher);
  auto lied = online.builtin_key("midnight/zswap/sign");
  ASSERT_FALSE(lied.is_ok());
  EXPECT_NE(lied.status().message().find("expected"), std::string::npos) << lied.status().message();
  EXPECT_FALSE(fs::exists(tmp.path() / "zswap" / "9" / "sign.prover"));
}

TEST(ParamsStore, StartupArtifactsAreTheOfficialSet) {
  const std::vector<std::string> names = Store::startup_artifacts();
  EXPECT_EQ(names.size(), 6u + 4u * 3u);
  for (const std::string& n : names) EXPECT_TRUE(find_artifact(n).has_value()) << n;
}

// libcurl itself, on a file:// mirror (no network needed).
TEST(ParamsStore, CurlFetcherReadsAFileMirror) {
  NIGHTJAR_REQUIRE_VECTOR(srs_dir() / "bls_midnight_2p6");
  TempDir tmp;
  StoreOptions o = options_for(tmp.path());
  o.source_url = "file://" + fs::absolute(srs_dir()).string() + "/";
  Store store(o, std::make_shared<CurlFetcher>("nightjar-test"));
  ASSERT_TRUE(store.ensure("bls_midnight_2p6").is_ok());
  EXPECT_EQ(read_file(tmp.path() / "bls_midnight_2p6"), read_file(srs_dir() / "bls_midnight_2p6"));
  Result<fs::path> missing = store.ensure("bls_midnight_2p20");  // not in the mirror
  ASSERT_FALSE(missing.is_ok());
  EXPECT_NE(missing.status().message().find("after 3 attempts"), std::string::npos);
}

}  // namespace
}  // namespace nightjar::params
