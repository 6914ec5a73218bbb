#include "server/prove.h"

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "midnight/proof.h"
#include "midnight/requests.h"
#include "midnight/tagged.h"
#include "midnight/zkir_binary.h"
#include "plonk/random.h"

namespace nightjar::server {
namespace {

Response cancelled() { return error_response(Error::kClientGone, "cancelled"); }

midnight::SrsCache::Source srs_source(params::Store* store) {
  if (store == nullptr) {
    return [](uint32_t k) -> Result<std::shared_ptr<const kzg::Params>> {
      return Status(StatusCode::kNotFound,
                    "no parameter store configured for bls_midnight_2p" + std::to_string(k));
    };
  }
  return [store](uint32_t k) { return store->srs(k); };
}

// The official server reports every failure to resolve keys, fetch parameters or prove as bad
// input (WorkError::BadInput), a download that kept failing included; nightjar keeps the reason.
Response prover_failure(const Status& status) {
  if (status.code() == StatusCode::kCancelled) return cancelled();
  return error_response(Error::kBadInput, status.message());
}

}  // namespace

Prover::Prover(params::Store* store, size_t key_cache_bytes)
    : store_(store), srs_(srs_source(store)), keys_(key_cache_bytes), service_(&srs_, &keys_) {}

Response Prover::prove(std::span<const uint8_t> body, const CancelToken& token) {
  Result<midnight::ProveRequest> request = midnight::decode_tagged<midnight::ProveRequest>(body);
  if (!request.is_ok()) return error_response(Error::kDecode, request.status().message());
  if (token.cancelled()) return cancelled();
  const midnight::ProofPreimage& preimage = request->preimage.preimage;

  // The official Resolver asks the built-in resolvers first and the request's material last.
  std::shared_ptr<const params::BuiltinKey> builtin;
  if (store_ != nullptr) {
    Result<std::shared_ptr<const params::BuiltinKey>> resolved =
        store_->builtin_key(preimage.key_location);
    if (!resolved.is_ok()) return prover_failure(resolved.status());
    builtin = std::move(resolved).value();
  }
  std::span<const uint8_t> prover_key;
  std::span<const uint8_t> verifier_key;
  std::span<const uint8_t> ir_source;
  if (builtin) {
    prover_key = builtin->prover_key;
    verifier_key = builtin->verifier_key;
    ir_source = builtin->ir;
  } else if (request->key_material) {
    prover_key = request->key_material->prover_key;
    verifier_key = request->key_material->verifier_key;
    ir_source = request->key_material->ir_source;
  } else {
    return error_response(Error::kBadInput, "couldn't find key " + preimage.key_location);
  }

  Result<zkir::Ir> ir = midnight::decode_ir(ir_source);
  if (!ir.is_ok()) return error_response(Error::kBadInput, ir.status().message());

  plonk::OsRandom rng;
  const midnight::CircuitCall call{&preimage, prover_key, verifier_key, &*ir,
                                   request->binding_input};
  Result<midnight::ProvedCall> proved =
      service_.prove(call, rng, [&token] { return token.cancelled(); });
  if (!proved.is_ok()) return prover_failure(proved.status());

  const std::vector<uint8_t> encoded =
      midnight::encode_tagged(midnight::ProofVersioned{midnight::Proof{std::move(proved->proof)}});
  Response r = ok_response("application/octet-stream", std::string(encoded.begin(), encoded.end()));
  r.k = proved->k;
  return r;
}

}  // namespace nightjar::server
