#!/usr/bin/env node
// Writes differential test vectors for nightjar's Midnight gadgets, every expected value computed
// by the official @midnight-ntwrk/ledger-v8 (the WASM build of midnight-ledger 8.1.0).
// tests/circuits/gadgets_diff_test.cc replays them against src/circuits/.
//
//   node gen_vectors.mjs --out FILE [--cases N] [--seed S] [--skip-if-current]
//
// --cases: cases per operation (default 2000). --seed: any string (default "nightjar-gadgets").
// --skip-if-current: do nothing when FILE's first line already carries the fingerprint of this
// script, the package version and the arguments, so that a CTest fixture regenerates only after
// a change.
//
// Randomness: the byte stream SHA-256(seed ‖ "/" ‖ op ‖ "/" ‖ u64_le(counter)), one stream per
// operation, so a file is a pure function of --seed and --cases and never of Math.random.
//
// File format: '#' lines are comments; every other line is one case of single-space separated
// tokens. A field element (Fr) is 64 lowercase hex digits, its canonical 32-byte little-endian
// encoding. Lines:
//   transient_hash   n x_1 .. x_n  h
//   transient_commit n x_1 .. x_n  opening  c
//   persistent_hash  ALIGNMENT n f_1 .. f_n  digest(64 hex: the 32 SHA-256 bytes)
//   ec_add           ax ay bx by  cx cy
//   ec_mul           ax ay k  cx cy
//   ec_mul_generator k  cx cy
//   hash_to_curve    n x_1 .. x_n  cx cy
// ALIGNMENT has no spaces: '[' segments separated by ',' ']', a segment being 'f' (field), 'b<n>'
// (n bytes) or 'o{' alignments separated by '|' '}' (an option). For persistent_hash the f_i are
// the value's field representation, the input of the ZKIR instruction; they are built here and
// checked against the official code (transientHash of the aligned value must equal transientHash
// of the f_i as plain fields) before a case is written. Points are affine (u, v), identity (0, 1);
// an input x may be any element with the parity of the point's u, which the official decoding
// accepts (see src/circuits/embedded_group.h).
import * as ledger from '@midnight-ntwrk/ledger-v8';

import {
  R, S, Stream, alignmentText, fieldValue, fieldsAlignment, fieldsValue, frHex, hex, leToBig,
  pointOf, pointValue, randomAligned, randomAlignment, runGenerator, valueFr,
} from './common.mjs';

// ---------------------------------------------------------------------------------------------
// Operations. Each returns the tokens of one case.

function randomCount(rng, small) {
  return rng.chance(0.85) ? rng.below(small + 1) : small + 1 + rng.below(40);
}

function randomPoint(rng) {
  const pick = rng.below(20);
  if (pick === 0) return [0n, 1n];
  return pointOf(ledger.ecMulGenerator(fieldValue(leToBig(rng.bytes(64)) % S)));
}

// The same point with x replaced by another element of the same parity (S-parity only matters).
function laxX(rng, [x, y]) {
  let other = rng.uniformFr();
  if ((other & 1n) !== (x & 1n)) other = other === 0n ? 1n : other - 1n;
  if ((other & 1n) !== (x & 1n)) other = (other + 1n) % R;
  return [other, y];
}

function pointInput(rng, point) { return rng.chance(0.1) ? laxX(rng, point) : point; }

const OPS = {
  transient_hash(rng) {
    const xs = Array.from({ length: randomCount(rng, 12) }, () => rng.fr());
    const h = valueFr(ledger.transientHash(fieldsAlignment(xs.length), fieldsValue(xs)));
    return ['transient_hash', xs.length, ...xs.map(frHex), frHex(h)];
  },

  transient_commit(rng) {
    const xs = Array.from({ length: randomCount(rng, 12) }, () => rng.fr());
    const opening = rng.fr();
    const c = valueFr(ledger.transientCommit(fieldsAlignment(xs.length), fieldsValue(xs),
      fieldValue(opening)));
    return ['transient_commit', xs.length, ...xs.map(frHex), frHex(opening), frHex(c)];
  },

  persistent_hash(rng) {
    const alignment = randomAlignment(rng, 0);
    const [atoms, fields] = randomAligned(rng, alignment);
    const viaValue = valueFr(ledger.transientHash(alignment, atoms));
    const viaFields = valueFr(ledger.transientHash(fieldsAlignment(fields.length),
      fieldsValue(fields)));
    if (viaValue !== viaFields) {
      throw new Error(`field representation disagrees with the ledger for ${alignmentText(alignment)}`);
    }
    const digest = ledger.persistentHash(alignment, atoms);
    if (digest.length !== 1) throw new Error('persistentHash returns one atom');
    const bytes = new Uint8Array(32);
    bytes.set(digest[0]);
    return ['persistent_hash', alignmentText(alignment), fields.length, ...fields.map(frHex),
      hex(bytes)];
  },

  ec_add(rng) {
    const a = randomPoint(rng);
    const choice = rng.below(10);
    let b = randomPoint(rng);
    if (choice === 0) b = a;
    if (choice === 1) b = [(R - a[0]) % R, a[1]];
    const c = pointOf(ledger.ecAdd(pointValue(a), pointValue(b)));
    const [ai, bi] = [pointInput(rng, a), pointInput(rng, b)];
    return ['ec_add', ...ai.map(frHex), ...bi.map(frHex), ...c.map(frHex)];
  },

  ec_mul(rng) {
    const a = randomPoint(rng);
    const k = rng.scalar();
    const c = pointOf(ledger.ecMul(pointValue(a), fieldValue(k)));
    return ['ec_mul', ...pointInput(rng, a).map(frHex), frHex(k), ...c.map(frHex)];
  },

  ec_mul_generator(rng) {
    const k = rng.scalar();
    const c = pointOf(ledger.ecMulGenerator(fieldValue(k)));
    return ['ec_mul_generator', frHex(k), ...c.map(frHex)];
  },

  hash_to_curve(rng) {
    const xs = Array.from({ length: randomCount(rng, 8) }, () => rng.fr());
    const c = pointOf(ledger.hashToCurve(fieldsAlignment(xs.length), fieldsValue(xs)));
    return ['hash_to_curve', xs.length, ...xs.map(frHex), ...c.map(frHex)];
  },
};

// ---------------------------------------------------------------------------------------------

await runGenerator({
  script: import.meta.url,
  usage: 'node gen_vectors.mjs --out FILE [--cases N] [--seed S] [--skip-if-current]',
  defaultCases: 2000,
  defaultSeed: 'nightjar-gadgets',
  title: 'nightjar gadget vectors',
  async generate(seed, cases, lines) {
    for (const [op, make] of Object.entries(OPS)) {
      const rng = new Stream(seed, op);
      const started = Date.now();
      for (let i = 0; i < cases; i++) lines.push(make(rng).join(' '));
      console.log(`${op}: ${cases} cases, ${Date.now() - started} ms`);
    }
  },
});
