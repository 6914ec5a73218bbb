#include "midnight/gzip.h"

#include <zlib.h>

#include <algorithm>
#include <string>

namespace nightjar::midnight {

namespace {

constexpr int kGzipWindowBits = 15 + 16;

// zlib counts in uInt; feed it at most this much per call.
constexpr size_t kMaxChunk = size_t{1} << 30;

}  // namespace

Result<std::vector<uint8_t>> gunzip(std::span<const uint8_t> in, size_t max_out) {
  z_stream z{};
  if (inflateInit2(&z, kGzipWindowBits) != Z_OK) {
    return Status(StatusCode::kInternal, "zlib inflateInit2 failed");
  }
  std::vector<uint8_t> out;
  // The gzip trailer's ISIZE (size mod 2^32) is only a hint: it is attacker-chosen.
  size_t hint = 0;
  if (in.size() >= 18) {
    const uint8_t* t = in.data() + in.size() - 4;
    hint = size_t{t[0]} | size_t{t[1]} << 8 | size_t{t[2]} << 16 | size_t{t[3]} << 24;
  }
  out.resize(std::min(std::max<size_t>(hint, 4096), std::max<size_t>(max_out, 1)));
  size_t in_pos = 0;
  size_t out_pos = 0;
  int rc = Z_OK;
  std::string error;
  while (true) {
    if (out_pos == out.size()) {
      if (out.size() >= max_out) {
        error =
            "decompressed prover key exceeds the limit of " + std::to_string(max_out) + " bytes";
        break;
      }
      out.resize(std::min(max_out, out.size() * 2));
    }
    size_t in_chunk = std::min(in.size() - in_pos, kMaxChunk);
    size_t out_chunk = std::min(out.size() - out_pos, kMaxChunk);
    z.next_in = const_cast<Bytef*>(in.data() + in_pos);
    z.avail_in = static_cast<uInt>(in_chunk);
    z.next_out = out.data() + out_pos;
    z.avail_out = static_cast<uInt>(out_chunk);
    rc = inflate(&z, Z_NO_FLUSH);
    in_pos += in_chunk - z.avail_in;
    out_pos += out_chunk - z.avail_out;
    if (rc == Z_STREAM_END) break;
    if (rc == Z_BUF_ERROR && in_pos == in.size() && z.avail_out != 0) {
      error = "gzip stream is truncated";
      break;
    }
    if (rc != Z_OK && rc != Z_BUF_ERROR) {
      error = std::string("gzip stream is corrupt: ") + (z.msg != nullptr ? z.msg : "zlib error");
      break;
    }
  }
  inflateEnd(&z);
  if (!error.empty()) return invalid_argument(error);
  if (in_pos != in.size()) {
    return invalid_argument(std::to_string(in.size() - in_pos) + " bytes follow the gzip stream");
  }
  out.resize(out_pos);
  out.shrink_to_fit();
  return out;
}

std::vector<uint8_t> gzip(std::span<const uint8_t> in, int level) {
  z_stream z{};
  NIGHTJAR_CHECK(deflateInit2(&z, level, Z_DEFLATED, kGzipWindowBits, 8, Z_DEFAULT_STRATEGY) ==
                 Z_OK);
  gz_header header{};
  header.os = 255;
  NIGHTJAR_CHECK(deflateSetHeader(&z, &header) == Z_OK);
  std::vector<uint8_t> out(deflateBound(&z, static_cast<uLong>(std::min(in.size(), kMaxChunk))));
  size_t in_pos = 0;
  size_t out_pos = 0;
  while (true) {
    if (out_pos == out.size()) out.resize(out.size() * 2 + 64);
    size_t in_chunk = std::min(in.size() - in_pos, kMaxChunk);
    size_t out_chunk = std::min(out.size() - out_pos, kMaxChunk);
    z.next_in = const_cast<Bytef*>(in.data() + in_pos);
    z.avail_in = static_cast<uInt>(in_chunk);
    z.next_out = out.data() + out_pos;
    z.avail_out = static_cast<uInt>(out_chunk);
    bool last = in_pos + in_chunk == in.size();
    int rc = deflate(&z, last ? Z_FINISH : Z_NO_FLUSH);
    in_pos += in_chunk - z.avail_in;
    out_pos += out_chunk - z.avail_out;
    if (rc == Z_STREAM_END) break;
    NIGHTJAR_CHECK(rc == Z_OK || rc == Z_BUF_ERROR);
  }
  deflateEnd(&z);
  out.resize(out_pos);
  return out;
}

}  // namespace nightjar::midnight
