// Midnight's embedded group: the prime-order subgroup of Jubjub as the ZKIR instructions ec_add,
// ec_mul and ec_mul_generator see it (midnight-ledger transient-crypto/src/curve.rs,
// EmbeddedGroupAffine), on top of ec/jubjub.h.
//
// Representation. IR values are affine coordinates (x, y) = (u, v); the identity is (0, 1).
// Reading a point follows EmbeddedGroupAffine::new exactly, which is laxer than "(x, y) is on the
// curve": it decodes the point whose v is y and whose u has the parity of x (midnight-circuits'
// CircuitCurve::from_xy, via the 32-byte encoding), so x itself only contributes its low bit, and
// then requires the point to lie in the prime-order subgroup. When no point has that v or the
// point is outside the subgroup, the official code panics; here it is an error.
//
// Timing: reading a point and the group operations are constant-time in the coordinates and
// scalars, except the square root inside the decoding (ec/jubjub.h) and the error paths.
//
// Thread-safety: pure functions.
#pragma once

#include <array>

#include "base/status.h"
#include "ec/jubjub.h"
#include "ff/fr.h"

namespace nightjar::circuits {

using Coordinates = std::array<ff::Fr, 2>;

// The point EmbeddedGroupAffine::new(x, y) denotes, or an error naming why there is none.
Result<ec::JubjubExtended> embedded_point(const ff::Fr& x, const ff::Fr& y);

// (u, v) of p; the identity is (0, 1).
Coordinates coordinates(const ec::JubjubExtended& p);

Coordinates ec_add(const ec::JubjubExtended& a, const ec::JubjubExtended& b);
// [scalar mod s] a, as the ledger's EmbeddedGroupAffine * Fr (a must be in the subgroup, which
// embedded_point guarantees).
Coordinates ec_mul(const ec::JubjubExtended& a, const ff::Fr& scalar);
// [scalar mod s] G, G = JubjubSubgroup::generator().
Coordinates ec_mul_generator(const ff::Fr& scalar);

}  // namespace nightjar::circuits
