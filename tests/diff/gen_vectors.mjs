#!/usr/bin/env node
// Writes differential test vectors for nightjar's BLS12-381 arithmetic, with every expected value
// computed by @noble/curves. diff_test.cc replays them against the C++ API.
//
//   node gen_vectors.mjs --out FILE [--cases N] [--seed S] [--ops LIST] [--jobs J]
//                        [--skip-if-current]
//
// --cases: cases per operation (default 10000). --seed: any string (default "nightjar").
// --ops: comma-separated operation names or family prefixes (fp, fr, fp2, fp12, g1, g2,
// pairing); "all" is every operation, the default is every operation but pairing, which noble
// computes slowly enough to deserve a file of its own (see README.md). --jobs: worker threads
// (default: the number of CPUs); the output does not depend on it. --skip-if-current: do nothing
// when FILE already holds the output of this script, noble version and arguments (its first line
// records a fingerprint of them), so a CTest fixture regenerates only after a change.
//
// File format: lines starting with '#' are comments; every other line is one case,
//   <op> <token> <token> ... <expected>
// with single spaces. Tokens are lowercase hex of fixed width:
//   Fp: 48 bytes big-endian; Fr: 32 bytes big-endian (unless the op says little-endian);
//   Fp2: c0 then c1, each an Fp (noble's Fp2.toBytes); Fp12: 576 bytes in noble's Fp12.toBytes
//   order (c0.c0.c0, c0.c0.c1, c0.c1.c0, ..., c1.c2.c1), which is also the Gt encoding;
//   G1, G2: ZCash uncompressed encodings (96 and 192 bytes; G2 coordinates are c1 then c0).
// Non-hex expected tokens: "none" (no square root), "err" (noble rejects the encoding), and
// the Legendre symbols "1", "0", "-1".
//
// Cases are generated in chunks; each chunk has its own xoshiro128** stream seeded from
// (seed, op, chunk index), so a file is a pure function of --seed and --cases, a subset of the
// operations yields exactly the same lines for them, and --cases N yields the first N cases of
// every larger run.
import { createHash } from 'node:crypto';
import {
  closeSync, mkdirSync, openSync, readFileSync, readSync, renameSync, unlinkSync, writeSync,
} from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { Worker, isMainThread, parentPort } from 'node:worker_threads';

import { Field, FpLegendre } from '@noble/curves/abstract/modular.js';
import { bls12_381 } from '@noble/curves/bls12-381.js';
import { bytesToHex, bytesToNumberLE, hexToBytes } from '@noble/curves/utils.js';

const CHUNK = 500;

const { Fp, Fp2, Fp12 } = bls12_381.fields;
const P = Fp.ORDER;
const R = bls12_381.fields.Fr.ORDER;
const G1 = bls12_381.G1.Point;
const G2 = bls12_381.G2.Point;

// ---------------------------------------------------------------------------------------------
// Deterministic randomness.

function fnv1a(str) {
  let h = 0x811c9dc5;
  for (let i = 0; i < str.length; i++) {
    h ^= str.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

// xoshiro128**, its state filled from the label's hash by a Weyl sequence through the murmur3
// finalizer (the splitmix construction): small, fast on 32-bit integers, and reproducible across
// Node versions and machines, unlike Math.random.
class Rng {
  constructor(label) {
    let x = fnv1a(label);
    const next = () => {
      x = (x + 0x9e3779b9) >>> 0;
      let z = x;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
      return (z ^ (z >>> 16)) >>> 0;
    };
    this.s = [next(), next(), next(), next()];
  }

  u32() {
    const s = this.s;
    const r = Math.imul(rotl(Math.imul(s[1], 5), 7), 9) >>> 0;
    const t = s[1] << 9;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = rotl(s[3], 11);
    return r;
  }

  // Uniform in [0, n) for n <= 2^32, by rejection so no value is favoured.
  below(n) {
    const limit = Math.floor(0x100000000 / n) * n;
    for (;;) {
      const v = this.u32();
      if (v < limit) return v % n;
    }
  }

  bytes(n) {
    const out = new Uint8Array(n);
    for (let i = 0; i < n; i += 4) {
      const v = this.u32();
      for (let j = 0; j < 4 && i + j < n; j++) out[i + j] = (v >>> (8 * j)) & 0xff;
    }
    return out;
  }

  bits(n) {
    const bytes = this.bytes(Math.ceil(n / 8));
    return BigInt('0x' + bytesToHex(bytes)) & ((1n << BigInt(n)) - 1n);
  }

  // Uniform in [0, m).
  bigBelow(m) {
    const n = bitLength(m);
    for (;;) {
      const v = this.bits(n);
      if (v < m) return v;
    }
  }

  pick(list) {
    return list[this.below(list.length)];
  }
}

function rotl(x, k) {
  return ((x << k) | (x >>> (32 - k))) >>> 0;
}

function bitLength(n) {
  return n.toString(2).length;
}

// ---------------------------------------------------------------------------------------------
// Hex helpers.

const hex = (v, bytes) => v.toString(16).padStart(2 * bytes, '0');
const hexLE = (v, bytes) => bytesToHex(hexToBytes(hex(v, bytes)).reverse());
const fpHex = (v) => hex(v, 48);
const frHex = (v) => hex(v, 32);
const fp2Hex = (v) => fpHex(v.c0) + fpHex(v.c1);
const fp12Hex = (v) => bytesToHex(Fp12.toBytes(v));

// ZCash uncompressed encoding from affine coordinates. Arithmetic cases use it because noble's
// own toBytes re-checks subgroup membership (milliseconds per point); the encoding cases compare
// it against noble's toBytes for every point they write.
function g1Hex(point) {
  if (point.is0()) return '40' + '00'.repeat(95);
  const { x, y } = point.toAffine();
  return fpHex(x) + fpHex(y);
}
function g2Hex(point) {
  if (point.is0()) return '40' + '00'.repeat(191);
  const { x, y } = point.toAffine();
  return fpHex(x.c1) + fpHex(x.c0) + fpHex(y.c1) + fpHex(y.c0);
}

// ---------------------------------------------------------------------------------------------
// Random inputs.

// Values that tend to break carry chains and reductions, mixed into the uniform inputs.
function specialValues(m, bytes) {
  const top = 1n << BigInt(8 * bytes);
  return [
    0n, 1n, 2n, 3n, m - 1n, m - 2n, (m - 1n) / 2n, (m + 1n) / 2n,
    (1n << 64n) - 1n, 1n << 64n, (1n << 128n) + 1n, ((1n << 192n) - 1n) % m,
    top % m, (top * top) % m, m - (top % m), (1n << BigInt(bitLength(m) - 1)) % m,
  ];
}
const FP_SPECIAL = specialValues(P, 48);
const FR_SPECIAL = specialValues(R, 32);

function fieldValue(rng, m, special) {
  return rng.below(8) === 0 ? rng.pick(special) : rng.bigBelow(m);
}
const fpValue = (rng) => fieldValue(rng, P, FP_SPECIAL);
const frValue = (rng) => fieldValue(rng, R, FR_SPECIAL);
const nonzero = (draw) => (rng) => {
  for (;;) {
    const v = draw(rng);
    if (v !== 0n) return v;
  }
};
function fp2Value(rng) {
  // Elements of Fp itself and purely imaginary ones are edge cases for Fp2 square roots.
  const kind = rng.below(8);
  return Fp2.create({ c0: kind === 0 ? 0n : fpValue(rng), c1: kind === 1 ? 0n : fpValue(rng) });
}
function fp12Value(rng) {
  return Fp12.fromBigTwelve(Array.from({ length: 12 }, () => fpValue(rng)));
}

// Random subgroup points cost a noble scalar multiplication each (milliseconds), so each chunk
// draws a pool of random multiples of the generator once and walks through it: every step adds a
// random pool member, one point addition. The walk tracks the discrete logarithm of its position,
// which lets scalar-multiplication cases compute [k]P as [k·log P]G with noble's precomputed
// generator tables instead of a slow variable-base multiplication.
class PointWalk {
  constructor(rng, Point) {
    this.rng = rng;
    this.pool = Array.from({ length: 32 }, () => {
      const log = 1n + rng.bigBelow(R - 1n);
      return { point: Point.BASE.multiplyUnsafe(log), log };
    });
    this.current = this.pool[0];
  }

  next() {
    const step = this.rng.pick(this.pool);
    this.current = {
      point: this.current.point.add(step.point),
      log: (this.current.log + step.log) % R,
    };
    return this.current;
  }
}

// Scalars for [k]P: the edges 0, 1, r-1 (that is, -P), then small, 64-bit, high and uniform ones.
function scalarFor(rng, i) {
  switch (i % 16) {
    case 0: return 0n;
    case 1: return 1n;
    case 2: return R - 1n;
    case 3: return R - 2n;
    case 4: return 2n;
    case 5: return BigInt(rng.below(256));
    case 6: return rng.bits(64);
    case 7: return R - 1n - rng.bits(64);
    default: return rng.bigBelow(R);
  }
}

// A point on the curve outside the prime-order subgroup: a random x with x^3 + b square. The
// cofactors are huge, so a random curve point is outside the subgroup with overwhelming
// probability, and noble's subgroup check (the expected outcome) confirms it case by case.
function offSubgroupPoint(rng, F, b, draw) {
  for (;;) {
    const x = draw(rng);
    try {
      const y = F.sqrt(F.add(F.mul(F.sqr(x), x), b));
      return { x, y: rng.below(2) ? y : F.neg(y) };
    } catch {
      // x^3 + b is not a square: try another x.
    }
  }
}

// An x with x^3 + b a non-square: no curve point has it.
function offCurveX(rng, F, b, draw) {
  for (;;) {
    const x = draw(rng);
    try {
      F.sqrt(F.add(F.mul(F.sqr(x), x), b));
    } catch {
      return x;
    }
  }
}

// A 48-byte big-endian integer in [p, 2^381): out of range yet still leaving the three flag bits
// clear, so only the range check can reject it.
function fpOutOfRange(rng) {
  switch (rng.below(4)) {
    case 0: return P;
    case 1: return P + rng.bits(32);
    case 2: return (1n << 381n) - 1n;
    default: return P + rng.bigBelow((1n << 381n) - P);
  }
}

// noble's answer, or `fallback` where noble throws (it throws for every rejected input).
function noble(fn, fallback = 'err') {
  try {
    return fn();
  } catch {
    return fallback;
  }
}

// ---------------------------------------------------------------------------------------------
// Operations. Each returns the tokens of case i (without the op name).

function primeFieldOps(prefix, F, bytes, draw) {
  // Strict decoders in both byte orders: noble's own Fr reduces out-of-range encodings instead of
  // rejecting them, and nightjar must reject them.
  const strictBE = Field(F.ORDER);
  const strictLE = Field(F.ORDER, { isLE: true });
  const h = (v) => hex(v, bytes);
  const hLE = (v) => hexLE(v, bytes);
  const top = 1n << BigInt(8 * bytes);
  const drawNonzero = nonzero(draw);
  // Squares half the time, so that both outcomes are common.
  const sqrtInput = (c) => (c.i % 2 === 0 ? F.sqr(draw(c.rng)) : draw(c.rng));
  // Half canonical, half out of range (the modulus itself, just above it, the top of the byte
  // range, uniform above it).
  const encodingInput = (c) => {
    if (c.i % 2 === 0) return draw(c.rng);
    switch (c.rng.below(4)) {
      case 0: return F.ORDER;
      case 1: return F.ORDER + c.rng.bits(32);
      case 2: return top - 1n;
      default: return F.ORDER + c.rng.bigBelow(top - F.ORDER);
    }
  };
  const ops = {
    add: (c) => { const a = draw(c.rng), b = draw(c.rng); return [h(a), h(b), h(F.add(a, b))]; },
    sub: (c) => { const a = draw(c.rng), b = draw(c.rng); return [h(a), h(b), h(F.sub(a, b))]; },
    mul: (c) => { const a = draw(c.rng), b = draw(c.rng); return [h(a), h(b), h(F.mul(a, b))]; },
    sqr: (c) => { const a = draw(c.rng); return [h(a), h(F.sqr(a))]; },
    neg: (c) => { const a = draw(c.rng); return [h(a), h(F.neg(a))]; },
    inv: (c) => { const a = drawNonzero(c.rng); return [h(a), h(F.inv(a))]; },
    pow_u64: (c) => {
      const a = draw(c.rng);
      const e = c.i % 64 === 0 ? BigInt(c.i % 128 === 0 ? 0 : 1) : c.rng.bits(64);
      return [h(a), hex(e, 8), h(F.pow(a, e))];
    },
    // Exponents span the whole byte width, beyond the modulus too.
    pow: (c) => {
      const a = draw(c.rng);
      const e = c.i % 64 === 0 ? F.ORDER - 1n : c.rng.bits(8 * bytes);
      return [h(a), h(e), h(F.pow(a, e))];
    },
    sqrt: (c) => {
      const a = sqrtInput(c);
      return [h(a), noble(() => h(F.sqrt(a)), 'none')];
    },
    legendre: (c) => { const a = sqrtInput(c); return [h(a), String(FpLegendre(F, a))]; },
    from_be: (c) => {
      const v = encodingInput(c);
      return [h(v), noble(() => hLE(strictBE.fromBytes(hexToBytes(h(v)))))];
    },
    from_le: (c) => {
      const v = encodingInput(c);
      return [hLE(v), noble(() => h(strictLE.fromBytes(hexToBytes(hLE(v)))))];
    },
  };
  return Object.fromEntries(Object.entries(ops).map(([k, v]) => [`${prefix}_${k}`, v]));
}

// Roots of unity of every 2-power order (7 generates Fr*): the inputs that drive Tonelli–Shanks
// through its longest loops.
const FR_TWO_ADICITY = 32n;
const FR_T = (R - 1n) >> FR_TWO_ADICITY;
const frTonelliShanksEdge = (c) => {
  const Fr = bls12_381.fields.Fr;
  const a = Fr.pow(7n, FR_T << BigInt(c.rng.below(Number(FR_TWO_ADICITY))));
  return [frHex(a), noble(() => frHex(Fr.sqrt(a)), 'none')];
};

function fromUniform(c) {
  // Edges: zero, all ones (the largest input) and multiples of r plus a small remainder, which
  // stress the final reduction; otherwise uniform bytes.
  let bytes;
  switch (c.i % 16) {
    case 0: bytes = new Uint8Array(64); break;
    case 1: bytes = new Uint8Array(64).fill(0xff); break;
    case 2: {
      const v = R * c.rng.bigBelow(((1n << 512n) - 1n) / R) + BigInt(c.rng.below(4));
      bytes = hexToBytes(hexLE(v, 64));
      break;
    }
    default: bytes = c.rng.bytes(64);
  }
  const value = bls12_381.fields.Fr.create(bytesToNumberLE(bytes));
  return [bytesToHex(bytes), frHex(value)];
}

function fp2Sqrt(c) {
  const a = c.i % 2 === 0 ? Fp2.sqr(fp2Value(c.rng)) : fp2Value(c.rng);
  return [fp2Hex(a), noble(() => fp2Hex(Fp2.sqrt(a)), 'none')];
}

function fp12FromBytes(c) {
  const value = fp12Value(c.rng);
  const bytes = Fp12.toBytes(value);
  if (c.i % 2 === 1) {
    const slot = c.rng.below(12);
    bytes.set(hexToBytes(fpHex(fpOutOfRange(c.rng))), 48 * slot);
  }
  return [bytesToHex(bytes), noble(() => fp12Hex(Fp12.fromBytes(bytes)))];
}

// Group operations, shared by G1 and G2 through `g`, which describes one group.
function groupOps(g) {
  const walk = (c) => c.walk(g.name, g.Point);
  const point = (c) => walk(c).next().point;
  const ops = {
    // Edge cases first: P + P, P + (-P), the identity on either side or both.
    add: (c) => {
      const p = point(c);
      let q;
      switch (c.i % 16) {
        case 0: q = p; break;
        case 1: q = p.negate(); break;
        case 2: return [g.hex(g.Point.ZERO), g.hex(p), g.hex(p)];
        case 3: q = g.Point.ZERO; break;
        case 4: return [g.hex(g.Point.ZERO), g.hex(g.Point.ZERO), g.hex(g.Point.ZERO)];
        default: q = point(c);
      }
      return [g.hex(p), g.hex(q), g.hex(p.add(q))];
    },
    dbl: (c) => {
      const p = c.i % 16 === 0 ? g.Point.ZERO : point(c);
      return [g.hex(p), g.hex(p.double())];
    },
    neg: (c) => {
      const p = c.i % 16 === 0 ? g.Point.ZERO : point(c);
      return [g.hex(p), g.hex(p.negate())];
    },
    mul: (c) => {
      const k = scalarFor(c.rng, c.i);
      if (c.i % 64 === 9) return [g.hex(g.Point.ZERO), frHex(k), g.hex(g.Point.ZERO)];
      const { point: p, log } = walk(c).next();
      return [g.hex(p), frHex(k), g.hex(g.Point.BASE.multiplyUnsafe((k * log) % R))];
    },
    // A point (uncompressed, as noble encodes it) and its compressed encoding.
    encode: (c) => {
      const p = c.i % 16 === 0 ? g.Point.ZERO : point(c);
      const uncompressed = bytesToHex(p.toBytes(false));
      if (uncompressed !== g.hex(p)) {
        throw new Error(`${g.name}: the local encoder disagrees with noble`);
      }
      return [uncompressed, bytesToHex(p.toBytes(true))];
    },
    decode_c: (c) => {
      const bytes = compressedCase(c, g, point);
      return [bytesToHex(bytes), noble(() => g.hex(g.Point.fromBytes(bytes)))];
    },
    decode_u: (c) => {
      const bytes = uncompressedCase(c, g, point);
      return [bytesToHex(bytes), noble(() => g.hex(g.Point.fromBytes(bytes)))];
    },
  };
  return Object.fromEntries(Object.entries(ops).map(([k, v]) => [`${g.name}_${k}`, v]));
}

// Writes x into a coordinate-sized buffer: Fp big-endian, Fp2 as c1 then c0.
function coordBytes(g, x) {
  return hexToBytes(g.name === 'g1' ? fpHex(x) : fpHex(x.c1) + fpHex(x.c0));
}

function outOfRangeCoord(rng, g) {
  if (g.name === 'g1') return fpOutOfRange(rng);
  // Either half may be the bad one.
  const bad = fpOutOfRange(rng);
  const good = fpValue(rng);
  return rng.below(2) ? { c0: bad, c1: good } : { c0: good, c1: bad };
}

function flagged(bytes, flags) {
  bytes[0] |= flags;
  return bytes;
}

// A 48/96-byte compressed candidate: valid points (also with the sort flag flipped, which decodes
// to -P), the identity, and every way to be invalid.
function compressedCase(c, g, point) {
  const W = g.coordBytes;
  const { rng } = c;
  const valid = () => point(c).toBytes(true);
  const randomSort = () => 0x80 | (rng.below(2) << 5);
  switch (c.i % 16) {
    case 0: return valid();
    case 1: return flagged(new Uint8Array(W), 0xc0);
    case 2: { const b = valid(); b[0] &= 0x7f; return b; }
    case 3: return flagged(new Uint8Array(W), 0xe0);
    case 4: { const b = rng.bytes(W); b[0] &= 0x1f; return flagged(b, 0xc0); }
    case 5: return flagged(valid(), 0x40);
    case 6: return flagged(coordBytes(g, outOfRangeCoord(rng, g)), randomSort());
    case 7:
    case 8: return flagged(coordBytes(g, offCurveX(rng, g.F, g.b, g.draw)), randomSort());
    case 9:
    case 10:
    case 11: return flagged(coordBytes(g, offSubgroupPoint(rng, g.F, g.b, g.draw).x), randomSort());
    case 12: { const b = valid(); b[0] ^= 0x20; return b; }
    case 13: return flagged(new Uint8Array(W), 0x40);
    default: { const b = rng.bytes(W); b[0] = (b[0] & 0x3f) | 0x80; return b; }
  }
}

// A 96/192-byte uncompressed candidate, in the same spirit as compressedCase.
function uncompressedCase(c, g, point) {
  const W = g.coordBytes;
  const { rng } = c;
  const valid = () => hexToBytes(g.hex(point(c)));
  const xy = (x, y) => {
    const out = new Uint8Array(2 * W);
    out.set(coordBytes(g, x), 0);
    out.set(coordBytes(g, y), W);
    return out;
  };
  switch (c.i % 16) {
    case 0: return valid();
    case 1: return flagged(new Uint8Array(2 * W), 0x40);
    case 2: return flagged(valid(), 0x80);
    case 3: return flagged(valid(), 0x20);
    case 4: { const b = rng.bytes(2 * W); b[0] &= 0x1f; return flagged(b, 0x40); }
    case 5: return new Uint8Array(2 * W);
    case 6: { const { y } = point(c).toAffine(); return xy(outOfRangeCoord(rng, g), y); }
    case 7: { const { x } = point(c).toAffine(); return xy(x, outOfRangeCoord(rng, g)); }
    case 8:
    case 9: return xy(g.draw(rng), g.draw(rng));
    case 10:
    case 11:
    case 12: { const { x, y } = offSubgroupPoint(rng, g.F, g.b, g.draw); return xy(x, y); }
    case 13: return hexToBytes(g.hex(point(c).negate()));
    case 14: return flagged(new Uint8Array(2 * W), 0x60);
    default: { const b = rng.bytes(2 * W); b[0] &= 0x1f; return b; }
  }
}

const G1_DESC = { name: 'g1', Point: G1, hex: g1Hex, F: Fp, b: 4n, draw: fpValue, coordBytes: 48 };
const G2_DESC = {
  name: 'g2', Point: G2, hex: g2Hex, F: Fp2, b: Fp2.fromBigTuple([4n, 4n]), draw: fp2Value,
  coordBytes: 96,
};

function pairingCase(c) {
  // e(O, Q) = e(P, O) = 1; noble refuses the identity, so those expectations are Fp12.ONE.
  if (c.i === 0) return [g1Hex(G1.ZERO), g2Hex(c.walk('g2', G2).next().point), fp12Hex(Fp12.ONE)];
  if (c.i === 1) return [g1Hex(c.walk('g1', G1).next().point), g2Hex(G2.ZERO), fp12Hex(Fp12.ONE)];
  const p = c.walk('g1', G1).next().point;
  const q = c.walk('g2', G2).next().point;
  return [g1Hex(p), g2Hex(q), fp12Hex(bls12_381.pairing(p, q))];
}

const OPS = {
  ...primeFieldOps('fp', Fp, 48, fpValue),
  ...primeFieldOps('fr', bls12_381.fields.Fr, 32, frValue),
  fr_sqrt_2adic: frTonelliShanksEdge,
  fr_from_uniform: fromUniform,
  fp2_mul: (c) => {
    const a = fp2Value(c.rng), b = fp2Value(c.rng);
    return [fp2Hex(a), fp2Hex(b), fp2Hex(Fp2.mul(a, b))];
  },
  fp2_sqr: (c) => { const a = fp2Value(c.rng); return [fp2Hex(a), fp2Hex(Fp2.sqr(a))]; },
  fp2_inv: (c) => { const a = nonzeroFp2(c.rng); return [fp2Hex(a), fp2Hex(Fp2.inv(a))]; },
  fp2_sqrt: fp2Sqrt,
  fp12_mul: (c) => {
    const a = fp12Value(c.rng), b = fp12Value(c.rng);
    return [fp12Hex(a), fp12Hex(b), fp12Hex(Fp12.mul(a, b))];
  },
  fp12_sqr: (c) => { const a = fp12Value(c.rng); return [fp12Hex(a), fp12Hex(Fp12.sqr(a))]; },
  fp12_inv: (c) => { const a = nonzeroFp12(c.rng); return [fp12Hex(a), fp12Hex(Fp12.inv(a))]; },
  fp12_from_bytes: fp12FromBytes,
  ...groupOps(G1_DESC),
  ...groupOps(G2_DESC),
  pairing: pairingCase,
};

function nonzeroFp2(rng) {
  for (;;) {
    const v = fp2Value(rng);
    if (!Fp2.is0(v)) return v;
  }
}
function nonzeroFp12(rng) {
  for (;;) {
    const v = fp12Value(rng);
    if (!Fp12.is0(v)) return v;
  }
}

// ---------------------------------------------------------------------------------------------
// Driver.

function generateChunk({ seed, op, chunk, count }) {
  const rng = new Rng(`${seed}/${op}/${chunk}`);
  const walks = new Map();
  const ctx = {
    rng,
    i: 0,
    walk(name, Point) {
      if (!walks.has(name)) {
        walks.set(name, new PointWalk(new Rng(`${seed}/${op}/${chunk}/${name}`), Point));
      }
      return walks.get(name);
    },
  };
  const lines = [];
  for (let j = 0; j < count; j++) {
    ctx.i = chunk * CHUNK + j;
    lines.push(`${op} ${OPS[op](ctx).join(' ')}\n`);
  }
  return lines.join('');
}

function selectOps(spec) {
  const names = Object.keys(OPS);
  if (spec === undefined) return names.filter((n) => n !== 'pairing');
  if (spec === 'all') return names;
  const wanted = spec.split(',').map((s) => s.trim()).filter(Boolean);
  const selected = names.filter((n) => wanted.some((w) => n === w || n.startsWith(`${w}_`)));
  const unknown = wanted.filter((w) => !names.some((n) => n === w || n.startsWith(`${w}_`)));
  if (unknown.length) throw new Error(`unknown operations: ${unknown.join(', ')}`);
  return selected;
}

function nobleVersion() {
  const entry = fileURLToPath(import.meta.resolve('@noble/curves/bls12-381.js'));
  return JSON.parse(readFileSync(join(dirname(entry), 'package.json'), 'utf8')).version;
}

// The first line of the output: everything the file's contents depend on.
function headerLine(seed, cases, ops) {
  const version = nobleVersion();
  const fingerprint = createHash('sha256')
    .update(readFileSync(fileURLToPath(import.meta.url)))
    .update(JSON.stringify({ version, seed, cases, ops }))
    .digest('hex')
    .slice(0, 16);
  return `# nightjar differential vectors, @noble/curves ${version}, fingerprint ${fingerprint}\n`;
}

function firstLine(path) {
  let fd;
  try {
    fd = openSync(path, 'r');
  } catch {
    return null;
  }
  const buffer = Buffer.alloc(256);
  const n = readSync(fd, buffer, 0, buffer.length, 0);
  closeSync(fd);
  const text = buffer.subarray(0, n).toString('utf8');
  const end = text.indexOf('\n');
  return end < 0 ? null : text.slice(0, end + 1);
}

function main() {
  const { values } = parseArgs({
    options: {
      out: { type: 'string' },
      cases: { type: 'string', default: '10000' },
      seed: { type: 'string', default: 'nightjar' },
      ops: { type: 'string' },
      jobs: { type: 'string', default: String(availableParallelism()) },
      'skip-if-current': { type: 'boolean', default: false },
    },
  });
  if (!values.out) {
    console.error('usage: node gen_vectors.mjs --out FILE [--cases N] [--seed S] [--ops LIST] ' +
      '[--jobs J] [--skip-if-current]');
    process.exit(2);
  }
  const cases = Number.parseInt(values.cases, 10);
  const jobs = Math.max(1, Number.parseInt(values.jobs, 10));
  if (!(cases > 0)) throw new Error('--cases must be a positive integer');
  const ops = selectOps(values.ops);
  const header = headerLine(values.seed, cases, ops);
  if (values['skip-if-current'] && firstLine(values.out) === header) {
    console.log(`${values.out} is up to date`);
    return;
  }

  const tasks = [];
  for (const op of ops) {
    for (let chunk = 0; chunk * CHUNK < cases; chunk++) {
      tasks.push({ seed: values.seed, op, chunk, count: Math.min(CHUNK, cases - chunk * CHUNK) });
    }
  }

  // Written under a temporary name and renamed when complete, so an interrupted run never leaves
  // a truncated file that --skip-if-current would take for a current one, and concurrent runs
  // (two build trees sharing the file) do not write into each other.
  const partial = `${values.out}.${process.pid}.partial`;
  mkdirSync(dirname(resolve(values.out)), { recursive: true });
  const fd = openSync(partial, 'w');
  writeSync(fd, header);
  writeSync(fd, `# seed=${values.seed} cases=${cases} ops=${ops.join(',')}\n`);
  const started = performance.now();
  const done = new Map();
  let written = 0;
  let dispatched = 0;
  const workers = Array.from(
    { length: Math.min(jobs, tasks.length) },
    () => new Worker(new URL(import.meta.url)),
  );
  // Chunks finish out of order; they are written in task order so the file is independent of
  // scheduling.
  const flush = () => {
    while (done.has(written)) {
      writeSync(fd, done.get(written));
      done.delete(written);
      written++;
    }
  };
  const dispatch = (worker) => {
    if (dispatched < tasks.length) {
      worker.postMessage({ id: dispatched, task: tasks[dispatched] });
      dispatched++;
    } else {
      worker.terminate();
    }
  };
  for (const worker of workers) {
    worker.on('message', ({ id, text }) => {
      done.set(id, text);
      flush();
      dispatch(worker);
    });
    worker.on('error', (e) => {
      console.error(e);
      process.exit(1);
    });
    dispatch(worker);
  }
  process.on('exit', () => {
    if (written !== tasks.length) {
      console.error(`failed after ${written} of ${tasks.length} chunks; nothing written`);
      closeSync(fd);
      unlinkSync(partial);
      process.exitCode = 1;
      return;
    }
    closeSync(fd);
    renameSync(partial, values.out);
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    console.log(`wrote ${values.out}: ${ops.length} operations x ${cases} cases in ${seconds} s`);
  });
}

if (isMainThread) {
  main();
} else {
  parentPort.on('message', ({ id, task }) => {
    parentPort.postMessage({ id, text: generateChunk(task) });
  });
}
