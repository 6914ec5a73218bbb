// `nightjar zkir json2bin <in.zkir> <out.bzkir>`: the compiler's ZKIR JSON to the tagged binary
// the proof server accepts, byte-identical to the official jsonIrToBinary.
#include <cstdio>
#include <fstream>
#include <iterator>
#include <nlohmann/json.hpp>
#include <string>

#include "base/hex.h"
#include "base/sha256.h"
#include "cli/commands.h"
#include "midnight/zkir_json.h"

namespace nightjar::cli {

int run_zkir_json2bin(const std::string& in, const std::string& out) {
  std::ifstream input(in, std::ios::binary);
  if (!input) {
    std::fprintf(stderr, "error: cannot read %s\n", in.c_str());
    return 1;
  }
  std::string text((std::istreambuf_iterator<char>(input)), {});
  Result<std::vector<uint8_t>> binary = midnight::json_ir_to_binary(text);
  if (!binary.is_ok()) {
    std::fprintf(stderr, "error: %s: %s\n", in.c_str(), binary.status().message().c_str());
    return 1;
  }
  std::ofstream output(out, std::ios::binary | std::ios::trunc);
  output.write(reinterpret_cast<const char*>(binary->data()),
               static_cast<std::streamsize>(binary->size()));
  output.close();
  if (!output) {
    std::fprintf(stderr, "error: cannot write %s\n", out.c_str());
    return 1;
  }
  nlohmann::ordered_json report = {
      {"out", out}, {"bytes", binary->size()}, {"sha256", to_hex(sha256(*binary))}};
  std::printf("%s\n", report.dump().c_str());
  return 0;
}

}  // namespace nightjar::cli
