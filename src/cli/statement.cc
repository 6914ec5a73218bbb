#include "cli/statement.h"

#include "base/secure_zero.h"
#include "cli/inputs.h"
#include "zkir/interpreter.h"

namespace nightjar::cli {

Result<Statement> load_statement(const VerifyFiles& files) {
  Result<midnight::LoadedVerifierKey> key = read_verifier_key(files.verifier);
  if (!key.is_ok()) return key.status();
  Result<plonk::VerifierParams> params = read_verifier_params(files.srs_dir, key->key.domain().k);
  if (!params.is_ok()) return params.status();
  Result<PreimageFile> preimage = read_preimage(files.preimage);
  if (!preimage.is_ok()) return preimage.status();
  Result<zkir::Ir> ir = read_ir(files.ir);
  if (!ir.is_ok()) return ir.status();
  zkir::CheckInputs inputs = midnight::check_inputs(preimage->preimage);
  Result<zkir::Preprocessed> pre = zkir::preprocess(*ir, inputs);
  if (inputs.communications_commitment) {
    secure_zero(&*inputs.communications_commitment, sizeof(zkir::CommunicationsCommitment));
  }
  if (!pre.is_ok()) return pre.status();
  Result<std::vector<uint8_t>> proof = read_proof(files.proof);
  if (!proof.is_ok()) return proof.status();
  return Statement{std::move(key).value(), std::move(params).value(), pre->public_inputs,
                   std::move(proof).value()};
}

}  // namespace nightjar::cli
