// Every real tagged file under the shared Midnight vectors decodes and re-encodes to the same
// bytes (prover keys: to the same decompressed body).
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "midnight/gzip.h"
#include "midnight/prover_key.h"
#include "midnight/reader.h"
#include "midnight/tagged_object.h"
#include "tests/testing/vectors.h"

namespace nightjar::midnight {
namespace {

namespace fs = std::filesystem;

using testing::read_file;

// The files the shared vectors' README describes as tagged objects, minus the negative ones
// (tested in malformed_test.cc).
std::vector<fs::path> tagged_files(const fs::path& root) {
  std::vector<fs::path> out;
  for (const fs::directory_entry& e : fs::recursive_directory_iterator(root)) {
    if (!e.is_regular_file()) continue;
    const fs::path& p = e.path();
    std::string ext = p.extension().string();
    bool in_negative = p.string().find("/negative/") != std::string::npos;
    bool in_srs = p.string().find("/srs/") != std::string::npos;
    if (in_negative || in_srs) continue;
    if (ext == ".bin" || ext == ".bzkir" || ext == ".prover" || ext == ".verifier") {
      // rng-stream.bin is raw randomness, not a tagged object.
      if (p.filename() == "rng-stream.bin") continue;
      out.push_back(p);
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

TEST(VectorsRoundTrip, EveryTaggedFileReencodesIdentically) {
  fs::path root = testing::vectors_dir() / "midnight";
  NIGHTJAR_REQUIRE_VECTOR(root);
  std::vector<fs::path> files = tagged_files(root);
  ASSERT_GT(files.size(), 100u) << "expected the full vector set under " << root;
  size_t prover_keys = 0;
  for (const fs::path& path : files) {
    SCOPED_TRACE(path.string());
    std::vector<uint8_t> bytes = read_file(path);
    Result<TaggedObject> decoded = decode_any(bytes);
    ASSERT_TRUE(decoded.is_ok()) << decoded.status().message();
    if (const auto* key = std::get_if<ProverKey>(&*decoded)) {
      ++prover_keys;
      // The un-gzipped body is the byte-identical target; the official gzip stream comes from
      // a different deflate implementation.
      EXPECT_EQ(encode_prover_key_body(*key), key->body);
      Result<TaggedObject> again = decode_any(encode_any(*decoded));
      ASSERT_TRUE(again.is_ok()) << again.status().message();
      EXPECT_EQ(std::get<ProverKey>(*again).body, key->body);
    } else {
      EXPECT_EQ(encode_any(*decoded), bytes);
    }
  }
  EXPECT_GT(prover_keys, 0u);
  std::printf("[ round-trip ] %zu tagged files (%zu prover keys)\n", files.size(), prover_keys);
}

}  // namespace
}  // namespace nightjar::midnight
