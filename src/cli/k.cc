// `nightjar k FILE`: the circuit size an IR needs, as the official `/k` endpoint computes it
// (zk_stdlib::cost_model, which zkir-v2's `k` returns): the circuit is laid out without a witness
// and k is the least power of two that holds its rows, its tables and its public inputs beside the
// blinding rows. FILE is a tagged binary IR (.bzkir) or the compiler's JSON (.zkir). Prints k; on
// failure prints `error: <reason>` to stderr and exits 1.
#include <cstdio>
#include <string>

#include "cli/commands.h"
#include "cli/inputs.h"
#include "zkir/synthesis.h"

namespace nightjar::cli {

int run_k(const std::string& ir_path) {
  Result<zkir::Ir> ir = read_ir(ir_path);
  if (!ir.is_ok()) return fail(ir.status());
  Result<zkir::CircuitModel> model = zkir::cost_model(*ir);
  if (!model.is_ok()) return fail(model.status());
  std::printf("%u\n", model->k);
  return 0;
}

}  // namespace nightjar::cli
