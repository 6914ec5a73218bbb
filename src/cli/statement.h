// What the verify commands load: the verifier key, the SRS's G2 side, the public inputs of a
// circuit call (its ZKIR run on the preimage) and the proof bytes.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "base/status.h"
#include "cli/commands.h"
#include "ff/fr.h"
#include "midnight/proof_verifier.h"
#include "plonk/multi_open.h"

namespace nightjar::cli {

struct Statement {
  midnight::LoadedVerifierKey key;
  plonk::VerifierParams params;
  std::vector<ff::Fr> public_inputs;
  std::vector<uint8_t> proof;
};

Result<Statement> load_statement(const VerifyFiles& files);

}  // namespace nightjar::cli
