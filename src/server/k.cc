#include "server/k.h"

#include <string>

#include "midnight/zkir_binary.h"
#include "zkir/synthesis.h"

namespace nightjar::server {

Response run_k(std::span<const uint8_t> body, const CancelToken& token) {
  Result<zkir::Ir> ir = midnight::decode_ir(body);
  if (!ir.is_ok()) return error_response(Error::kUnsupportedZkir, ir.status().message());
  if (ir->version != zkir::MinorVersion::kV0) {
    return error_response(Error::kUnsupportedZkir,
                          "ZKIR minor version 1 is not supported: nightjar lays out the circuits "
                          "of minor version 0");
  }
  if (token.cancelled()) return error_response(Error::kClientGone, "cancelled");
  Result<zkir::CircuitModel> model = zkir::cost_model(*ir);
  if (!model.is_ok()) return error_response(Error::kBadInput, model.status().message());
  Response r = ok_response("text/plain; charset=utf-8", std::to_string(model->k));
  r.k = model->k;
  return r;
}

}  // namespace nightjar::server
