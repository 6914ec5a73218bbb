// A read-only memory mapping of a whole file (SRS files are up to 6 GiB; mapping avoids a copy
// and lets the kernel share pages between processes). Move-only; unmaps on destruction.
#pragma once

#include <cstdint>
#include <span>
#include <string>

#include "base/status.h"

namespace nightjar {

class MappedFile {
 public:
  static Result<MappedFile> open(const std::string& path);

  MappedFile(MappedFile&& other) noexcept;
  MappedFile& operator=(MappedFile&& other) noexcept;
  MappedFile(const MappedFile&) = delete;
  MappedFile& operator=(const MappedFile&) = delete;
  ~MappedFile();

  std::span<const uint8_t> bytes() const { return {data_, size_}; }

 private:
  MappedFile(const uint8_t* data, size_t size) : data_(data), size_(size) {}

  const uint8_t* data_ = nullptr;
  size_t size_ = 0;
};

}  // namespace nightjar
