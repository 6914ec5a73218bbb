#include "server/check.h"

#include <optional>
#include <string>
#include <vector>

#include "midnight/requests.h"
#include "midnight/tagged.h"
#include "midnight/zkir_binary.h"
#include "zkir/interpreter.h"

namespace nightjar::server {
namespace {

Response cancelled() { return error_response(Error::kClientGone, "cancelled"); }

}  // namespace

Response run_check(std::span<const uint8_t> body, const CancelToken& token, params::Store* store) {
  Result<midnight::CheckRequest> request = midnight::decode_tagged<midnight::CheckRequest>(body);
  if (!request.is_ok()) return error_response(Error::kDecode, request.status().message());
  if (token.cancelled()) return cancelled();

  const midnight::ProofPreimage& preimage = request->preimage.preimage;
  std::vector<uint8_t> builtin;
  std::span<const uint8_t> ir_bytes;
  if (request->ir) {
    ir_bytes = request->ir->ir;
  } else {
    // The official server resolves only its built-in circuits when the request has no IR.
    Result<std::optional<std::vector<uint8_t>>> resolved =
        store != nullptr ? store->builtin_ir(preimage.key_location)
                         : Result<std::optional<std::vector<uint8_t>>>(std::nullopt);
    if (!resolved.is_ok()) return error_response(Error::kBadInput, resolved.status().message());
    if (!resolved->has_value()) {
      return error_response(Error::kBadInput,
                            "couldn't find built-in key " + preimage.key_location);
    }
    builtin = std::move(**resolved);
    ir_bytes = builtin;
  }

  Result<zkir::Ir> ir = midnight::decode_ir(ir_bytes);
  if (!ir.is_ok()) return error_response(Error::kBadInput, ir.status().message());
  if (token.cancelled()) return cancelled();

  Result<zkir::PiSkips> skips = zkir::check(*ir, midnight::check_inputs(preimage));
  if (!skips.is_ok()) return error_response(Error::kBadInput, skips.status().message());

  midnight::CheckResponse response{std::move(skips).value()};
  const std::vector<uint8_t> encoded = midnight::encode_tagged(response);
  return ok_response("application/octet-stream", std::string(encoded.begin(), encoded.end()));
}

}  // namespace nightjar::server
