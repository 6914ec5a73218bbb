// Byte encodings of G1 and G2 points.
//
// ZCash format (the one blst, zkcrypto and Midnight's SRS files use): big-endian coordinates;
// for G2 each Fp2 is written c1 then c0. The three top bits of the first byte are flags:
// 0x80 compressed, 0x40 point at infinity, 0x20 (compressed only) y is the lexicographically
// larger root. Decoders reject every malformed case with a reason: wrong compression flag, sort
// flag on an uncompressed point, infinity with other bits set, a coordinate >= p, a point off the
// curve, and (unless *_unchecked) a point outside the prime-order subgroup.
//
// Raw Montgomery form (what halo2-style "RawBytes" keys store): x then y, each as little-endian
// Montgomery limbs; the identity is all zeros.
#pragma once

#include <array>
#include <cstdint>
#include <span>

#include "base/status.h"
#include "ec/g1.h"
#include "ec/g2.h"

namespace nightjar::ec {

std::array<uint8_t, 48> to_compressed(const G1Affine& p);
std::array<uint8_t, 96> to_uncompressed(const G1Affine& p);
std::array<uint8_t, 96> to_compressed(const G2Affine& p);
std::array<uint8_t, 192> to_uncompressed(const G2Affine& p);

Result<G1Affine> g1_from_compressed(std::span<const uint8_t, 48> bytes);
Result<G1Affine> g1_from_uncompressed(std::span<const uint8_t, 96> bytes);
Result<G2Affine> g2_from_compressed(std::span<const uint8_t, 96> bytes);
Result<G2Affine> g2_from_uncompressed(std::span<const uint8_t, 192> bytes);

// Same checks but the subgroup one, for data whose integrity is established otherwise (a file
// whose SHA-256 is pinned); callers that need the subgroup check it in bulk.
Result<G1Affine> g1_from_uncompressed_unchecked(std::span<const uint8_t, 96> bytes);
Result<G2Affine> g2_from_uncompressed_unchecked(std::span<const uint8_t, 192> bytes);

std::array<uint8_t, 96> to_raw_montgomery(const G1Affine& p);
// Checks that the limbs are below p and the point is on the curve (not the subgroup).
Result<G1Affine> g1_from_raw_montgomery(std::span<const uint8_t, 96> bytes);

}  // namespace nightjar::ec
