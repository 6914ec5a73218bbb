#!/usr/bin/env python3
"""Generates src/ec/jubjub_params.h: Jubjub's scalar field and curve constants.

Everything is derived here from the two primes, the curve equation and Midnight's generator, and
checked on the way (d is a non-square, the generator has order s, its encoding matches the
published vector), so running the script again reproduces the header byte for byte (after
clang-format, which scripts/check-generated applies).

Usage: gen_jubjub_constants.py OUT_DIR  (writes OUT_DIR/jubjub_params.h; run clang-format on it)
"""
import os
import sys

# BLS12-381's scalar field: Jubjub's base field (called Fr in nightjar, Fq in midnight-curves).
BASE = 0x73EDA753299D7D483339D80809A1D80553BDA402FFFE5BFEFFFFFFFF00000001
# Order of Jubjub's prime-order subgroup; the full group has order 8 * SUBGROUP_ORDER.
SUBGROUP_ORDER = 0x0E7DB4EA6533AFA906673B0101343B00A6682093CCC81082D0970E5ED6F72CB7
COFACTOR = 8
# Multiplicative generator of the scalar field, as midnight-curves' jubjub/fr.rs (GENERATOR = 6).
SCALAR_GENERATOR = 6

# Twisted Edwards curve -u^2 + v^2 = 1 + d u^2 v^2 over BASE.
EDWARDS_A = BASE - 1
EDWARDS_D = (-10240 * pow(10241, -1, BASE)) % BASE

# Generator of the whole curve group (order 8 * SUBGROUP_ORDER) given by midnight-curves,
# curves/src/jubjub/curve.rs, `impl CofactorCurveAffine for JubjubExtended { fn generator() }`:
# the point with the lowest v and positive u. Midnight's prime-order generator
# (JubjubSubgroup::generator(), which ec_mul_generator multiplies) is this point times 8.
FULL_GENERATOR_U = 0x62EDCBB8BF3787C88B0F03DDD60A8187CAF55D1B29BF81AFE4B3D35DF1A7ADFE
FULL_GENERATOR_V = 11

# Encoding of the prime-order generator: first entry of test_serialization_consistency in the same
# file of midnight-curves.
GENERATOR_ENCODING = bytes([
    203, 85, 12, 213, 56, 234, 12, 193, 19, 132, 128, 64, 142, 110, 170, 185,
    179, 108, 97, 63, 13, 211, 247, 120, 79, 219, 110, 234, 131, 123, 19, 215,
])

LIMBS = 4
R = 2 ** (64 * LIMBS)


def is_square(x, p):
    return x % p == 0 or pow(x, (p - 1) // 2, p) == 1


def on_curve(pt):
    u, v = pt
    uu, vv = u * u % BASE, v * v % BASE
    return (EDWARDS_A * uu + vv) % BASE == (1 + EDWARDS_D * uu * vv) % BASE


def add(p1, p2):
    (u1, v1), (u2, v2) = p1, p2
    k = EDWARDS_D * u1 * u2 * v1 * v2 % BASE
    u3 = (u1 * v2 + v1 * u2) * pow(1 + k, -1, BASE)
    v3 = (v1 * v2 - EDWARDS_A * u1 * u2) * pow(1 - k, -1, BASE)
    return (u3 % BASE, v3 % BASE)


def mul(n, pt):
    acc, base = (0, 1), pt
    while n:
        if n & 1:
            acc = add(acc, base)
        base = add(base, base)
        n >>= 1
    return acc


def encode(pt):
    u, v = pt
    return (v | ((u & 1) << 255)).to_bytes(32, "little")


def limbs(x):
    return [(x >> (64 * i)) & (2**64 - 1) for i in range(LIMBS)]


def two_adicity(m):
    s = 0
    while (m - 1) % (2 ** (s + 1)) == 0:
        s += 1
    return s


def array(name, value, comment=None):
    text = ""
    if comment:
        text += "  // %s\n" % comment
    body = ", ".join("0x%016x" % x for x in limbs(value))
    return text + "  static constexpr std::array<uint64_t, kLimbs> %s = {%s};\n" % (name, body)


def scalar_params():
    p = SUBGROUP_ORDER
    s = two_adicity(p)
    t = (p - 1) >> s
    g = SCALAR_GENERATOR
    assert not is_square(g, p), "the multiplicative generator must be a non-residue"
    root = pow(g, t, p)
    assert pow(root, 2 ** (s - 1), p) == p - 1
    out = [
        "// Jubjub's scalar field, integers modulo the prime-order subgroup's order s, in the form\n",
        "// ff::MontField expects (see ff/fr_params.h for the meaning of each member).\n",
        "struct JubjubScalarParams {\n",
        "  static constexpr size_t kLimbs = %d;\n" % LIMBS,
        "  static constexpr unsigned kBits = %d;\n" % p.bit_length(),
        "  static constexpr unsigned kTwoAdicity = %d;\n" % s,
        "  static constexpr uint64_t kN0 = 0x%016x;\n" % ((-pow(p, -1, 2**64)) % 2**64),
        array("kModulus", p),
        array("kOne", R % p),
        array("kR2", R * R % p),
        array("kR3", R * R * R % p),
        array("kPMinus2", p - 2),
        array("kPMinus1Over2", (p - 1) // 2),
        array("kT", t),
        array("kTMinus1Over2", (t - 1) // 2),
        array("kGenerator", g * R % p),
        array("kRootOfUnity", root * R % p),
        array("kRootOfUnityInv", pow(root, p - 2, p) * R % p),
        "};\n",
    ]
    return "".join(out)


def curve_constants():
    # The addition law is complete exactly when a is a square and d is not.
    assert is_square(EDWARDS_A, BASE) and not is_square(EDWARDS_D, BASE)
    full = (FULL_GENERATOR_U, FULL_GENERATOR_V)
    assert on_curve(full)
    assert mul(4 * SUBGROUP_ORDER, full) != (0, 1), "not a generator of the whole group"
    assert mul(COFACTOR * SUBGROUP_ORDER // 2, full) != (0, 1)
    gen = mul(COFACTOR, full)
    assert on_curve(gen) and gen != (0, 1)
    assert mul(SUBGROUP_ORDER, gen) == (0, 1)
    assert encode(gen) == GENERATOR_ENCODING, "generator does not match midnight-curves' vector"
    out = [
        "// Field elements of Fr in Montgomery form (limbs of x * 2^256 mod r).\n",
        "struct JubjubCurveConstants {\n",
        "  static constexpr size_t kLimbs = %d;\n" % LIMBS,
        array("kEdwardsD", EDWARDS_D * R % BASE, "d = -(10240/10241)."),
        array("kEdwardsD2", 2 * EDWARDS_D * R % BASE, "2d, the constant of the addition formula."),
        "  // Midnight's generator of the prime-order subgroup, JubjubSubgroup::generator() in\n",
        "  // midnight-curves (curves/src/jubjub/curve.rs): eight times the curve generator\n",
        "  // (u, v) = (0x%064x, 11).\n" % FULL_GENERATOR_U,
        "  // Canonical u = 0x%064x,\n" % gen[0],
        "  //           v = 0x%064x.\n" % gen[1],
        array("kGeneratorU", gen[0] * R % BASE),
        array("kGeneratorV", gen[1] * R % BASE),
        "};\n",
    ]
    return "".join(out)


def main():
    out_path = os.path.join(sys.argv[1], "jubjub_params.h")
    text = (
        "// Generated by tools/gen_jubjub_constants.py. Do not edit.\n"
        "#pragma once\n\n#include <array>\n#include <cstddef>\n#include <cstdint>\n\n"
        "namespace nightjar::ec {\n\n"
        + scalar_params()
        + "\n"
        + curve_constants()
        + "\n}  // namespace nightjar::ec\n"
    )
    with open(out_path, "w") as f:
        f.write(text)


if __name__ == "__main__":
    main()
