// Derivation of a smaller Midnight SRS file from a larger one, byte for byte as the official
// tooling produces it: midnight-ledger's translate-params writes every bls_midnight_2p{k} from the
// 2^25 ceremony output with midnight-proofs' ParamsKZG::downsize, which keeps the first 2^k
// monomial points [τ^i]G1, recomputes the 2^k Lagrange points [L_i(τ)]G1 of the size-2^k domain
// as the inverse NTT over G1 of those monomial points, and keeps g2 and s_g2. Every point is
// written affine in its canonical encoding, so an exact computation reproduces the official bytes
// (and the official SHA-256 pins, srs_pins.h).
//
// Thread safety: a derivation touches only its own files and buffers; concurrent derivations to
// distinct output paths are safe.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

#include "base/status.h"

namespace nightjar::kzg {

// Reads the SRS file at in_path (of any k' >= k), derives the file for k and writes it to
// out_path. The file is written under a temporary name and renamed into place, so out_path never
// holds a partial file. The G1 transform, the costly part, runs on up to max_threads threads of
// ThreadPool::global() (0 = the whole pool). k = k' copies the input's points unchanged, as
// downsize does.
Status derive_params(const std::string& in_path, uint32_t k, const std::string& out_path,
                     size_t max_threads = 0);

}  // namespace nightjar::kzg
