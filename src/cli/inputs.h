// Reading the files the CLI's proof commands take: preimages (a proof-preimage, a
// proof-preimage-versioned or a whole /check request, which may carry the IR), ZKIR (tagged
// binary or the compiler's JSON), proofs (proof[v5], proof-versioned), verifier keys, and the
// verifier's side of an SRS directory. Errors are Status values with the file named; `fail`
// prints one as `error: <reason>` and gives exit code 1.
// Witness data: preimage file bytes are wiped once decoded; the decoded preimage zeroes itself.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <vector>

#include "base/status.h"
#include "midnight/preimage.h"
#include "midnight/proof_verifier.h"
#include "midnight/requests.h"
#include "plonk/multi_open.h"
#include "zkir/ir.h"

namespace nightjar::cli {

Result<std::vector<uint8_t>> read_file(const std::string& path);

struct PreimageFile {
  midnight::ProofPreimage preimage;
  std::optional<midnight::WrappedIr> ir;  // from a /check request
};

// Decodes and then wipes `bytes`.
Result<PreimageFile> decode_preimage(std::vector<uint8_t>& bytes);
Result<PreimageFile> read_preimage(const std::string& path);

// Tagged binary when the bytes start with "midnight:", JSON otherwise.
Result<zkir::Ir> decode_ir(std::span<const uint8_t> bytes);
Result<zkir::Ir> read_ir(const std::string& path);

// The raw PLONK bytes of a proof[v5] or proof-versioned file.
Result<std::vector<uint8_t>> read_proof(const std::string& path);

Result<midnight::LoadedVerifierKey> read_verifier_key(const std::string& path);

// G2 and s·G2 from bls_midnight_2p{k} in `dir` (any k present, the wanted one first), after
// checking the file against its official SHA-256.
Result<plonk::VerifierParams> read_verifier_params(const std::string& dir, uint32_t k);

int fail(const Status& status);

}  // namespace nightjar::cli
