#include "base/mapped_file.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>

#include "base/secure_zero.h"

namespace nightjar {
namespace {

TEST(MappedFile, MapsContentsAndReportsMissingFiles) {
  std::string path = ::testing::TempDir() + "nightjar_mapped_file_test";
  std::ofstream(path, std::ios::binary) << "hello";
  {
    auto file = MappedFile::open(path);
    ASSERT_TRUE(file.is_ok()) << file.status().message();
    ASSERT_EQ(file->bytes().size(), 5u);
    EXPECT_EQ(std::string(file->bytes().begin(), file->bytes().end()), "hello");
    MappedFile moved = std::move(*file);
    EXPECT_EQ(moved.bytes().size(), 5u);
  }
  std::remove(path.c_str());
  auto missing = MappedFile::open(path);
  ASSERT_FALSE(missing.is_ok());
  EXPECT_EQ(missing.status().code(), StatusCode::kNotFound);
}

TEST(SecureZero, ClearsTheBuffer) {
  uint8_t secret[32];
  for (auto& b : secret) b = 0xa5;
  secure_zero(secret, sizeof secret);
  for (uint8_t b : secret) EXPECT_EQ(b, 0);
}

}  // namespace
}  // namespace nightjar
