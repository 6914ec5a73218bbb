// `nightjar check`: what POST /check answers, from files. Prints the pi_skip list as check.json
// does in the shared vectors and as the oracle's `check` command prints it (`[null,2]`); on
// rejection prints `error: <reason>` to stderr and exits 1.
//
// The preimage file may be a `proof-preimage`, a `proof-preimage-versioned` or a whole /check
// request body, which may carry the IR itself. The IR file may be the tagged binary (.bzkir) or
// the compiler's JSON (.zkir); when given it takes precedence over an IR inside the request.
#include <algorithm>
#include <cstdio>
#include <fstream>
#include <iterator>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "base/secure_zero.h"
#include "cli/commands.h"
#include "midnight/preimage.h"
#include "midnight/requests.h"
#include "midnight/tagged.h"
#include "midnight/tagged_object.h"
#include "midnight/zkir_binary.h"
#include "midnight/zkir_json.h"
#include "zkir/interpreter.h"

namespace nightjar::cli {

namespace {

Result<std::vector<uint8_t>> read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status(StatusCode::kNotFound, "cannot open " + path);
  std::vector<uint8_t> bytes((std::istreambuf_iterator<char>(in)),
                             std::istreambuf_iterator<char>());
  if (in.bad()) return Status(StatusCode::kDataLoss, "cannot read " + path);
  return bytes;
}

// The file's bytes are witness data; they are wiped once decoded.
struct Preimage {
  midnight::ProofPreimage preimage;
  std::optional<midnight::WrappedIr> ir;  // from a /check request
};

Result<Preimage> decode_preimage(std::vector<uint8_t>& bytes) {
  Preimage out;
  Status status;
  const std::string_view tag = midnight::peek_tag(bytes);
  if (tag == midnight::Codec<midnight::ProofPreimage>::kTag) {
    auto decoded = midnight::decode_tagged<midnight::ProofPreimage>(bytes);
    if (decoded.is_ok()) out.preimage = std::move(decoded).value();
    status = decoded.status();
  } else if (tag == midnight::Codec<midnight::ProofPreimageVersioned>::kTag) {
    auto decoded = midnight::decode_tagged<midnight::ProofPreimageVersioned>(bytes);
    if (decoded.is_ok()) out.preimage = std::move(decoded->preimage);
    status = decoded.status();
  } else {
    auto decoded = midnight::decode_tagged<midnight::CheckRequest>(bytes);
    if (decoded.is_ok()) {
      out.preimage = std::move(decoded->preimage.preimage);
      out.ir = std::move(decoded->ir);
    }
    status = decoded.status();
  }
  if (!bytes.empty()) secure_zero(bytes.data(), bytes.size());
  if (!status.is_ok()) return status;
  return out;
}

Result<zkir::Ir> decode_ir(std::span<const uint8_t> bytes) {
  constexpr std::string_view kTagged = "midnight:";
  if (bytes.size() >= kTagged.size() && std::equal(kTagged.begin(), kTagged.end(), bytes.begin())) {
    return midnight::decode_ir(bytes);
  }
  return midnight::ir_from_json(
      std::string_view(reinterpret_cast<const char*>(bytes.data()), bytes.size()));
}

std::string to_json(const zkir::PiSkips& skips) {
  std::string out = "[";
  for (size_t i = 0; i < skips.size(); ++i) {
    if (i != 0) out += ",";
    out += skips[i] ? std::to_string(*skips[i]) : "null";
  }
  return out + "]";
}

int fail(const Status& status) {
  std::fprintf(stderr, "error: %s\n", status.message().c_str());
  return 1;
}

}  // namespace

int run_check(const std::string& preimage_path, const std::string& ir_path) {
  Result<std::vector<uint8_t>> preimage_bytes = read_file(preimage_path);
  if (!preimage_bytes.is_ok()) return fail(preimage_bytes.status());
  Result<Preimage> preimage = decode_preimage(*preimage_bytes);
  if (!preimage.is_ok()) return fail(preimage.status());

  std::vector<uint8_t> ir_bytes;
  if (!ir_path.empty()) {
    Result<std::vector<uint8_t>> read = read_file(ir_path);
    if (!read.is_ok()) return fail(read.status());
    ir_bytes = std::move(read).value();
  } else if (preimage->ir) {
    ir_bytes = preimage->ir->ir;
  } else {
    return fail(invalid_argument("no IR: give an IR file or a /check request that carries one"));
  }
  Result<zkir::Ir> ir = decode_ir(ir_bytes);
  if (!ir.is_ok()) return fail(ir.status());

  zkir::CheckInputs inputs = midnight::check_inputs(preimage->preimage);
  Result<zkir::PiSkips> skips = zkir::check(*ir, inputs);
  if (inputs.communications_commitment) {
    secure_zero(&*inputs.communications_commitment, sizeof(zkir::CommunicationsCommitment));
  }
  if (!skips.is_ok()) return fail(skips.status());
  std::printf("%s\n", to_json(*skips).c_str());
  return 0;
}

}  // namespace nightjar::cli
