// `nightjar check`: what POST /check answers, from files. Prints the pi_skip list as check.json
// does in the shared vectors and as the oracle's `check` command prints it (`[null,2]`); on
// rejection prints `error: <reason>` to stderr and exits 1.
//
// The preimage file may be a `proof-preimage`, a `proof-preimage-versioned` or a whole /check
// request body, which may carry the IR itself. The IR file may be the tagged binary (.bzkir) or
// the compiler's JSON (.zkir); when given it takes precedence over an IR inside the request.
#include <cstdio>
#include <string>
#include <vector>

#include "base/secure_zero.h"
#include "cli/commands.h"
#include "cli/inputs.h"
#include "zkir/interpreter.h"

namespace nightjar::cli {

namespace {

std::string to_json(const zkir::PiSkips& skips) {
  std::string out = "[";
  for (size_t i = 0; i < skips.size(); ++i) {
    if (i != 0) out += ",";
    out += skips[i] ? std::to_string(*skips[i]) : "null";
  }
  return out + "]";
}

}  // namespace

int run_check(const std::string& preimage_path, const std::string& ir_path) {
  Result<PreimageFile> preimage = read_preimage(preimage_path);
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
