// Keys from `nightjar keygen` in the official prover (issue 9, acceptance 3): for each
// deterministic vector (vectors/midnight/deterministic/*), nightjar writes the circuit's .prover
// and .verifier from its .bzkir and the SRS, and the official WASM prover (the shared oracle's
// `prove`, @midnight-ntwrk/zkir-v2 2.1.0) proves the case with those keys and the vector's seed.
// It verifies its own proof against our verifier key, so success means the official code accepts
// our keys, and `nightjar verify` must accept the proof under the official verifier key. Where the
// official prover's output depends on the key's bytes only (not on its gzip stream) the proof must
// also equal the vector's byte for byte, which holds only if our keys carry exactly the official
// key material. A control swaps two of our verifier key's fixed commitments and expects the
// official prover to refuse its proof.
//
// bboard-post is the exception: its proof depends on where the official prover places leftover
// lookup-table rows, a HashMap order (deterministic/rng.md), and that order changes with the
// prover key's gzip stream. The official .prover gives proof 6aaffec1..., our .prover (the same
// decompressed bytes, deflated by zlib rather than flate2's miniz_oxide) gives 6ae3fad9...; both
// verify.
//
//   cd tests/gadgets && npm ci
//   NIGHTJAR=../../build/release/src/nightjar node --test keygen_oracle.test.mjs
//
// NIGHTJAR: the nightjar binary (the tests skip without it). NIGHTJAR_VECTORS: the shared vectors
// (default ../../../shared/vectors). NIGHTJAR_ORACLE: the oracle's directory (default
// <vectors>/../oracle); its scripts are copied beside this directory's node_modules, which hold
// the same pinned packages. bboard-post (k = 13) takes about 20 s in the WASM prover and runs only
// with NIGHTJAR_KEYGEN_ORACLE_ALL=1.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const vectors = path.resolve(
  process.env.NIGHTJAR_VECTORS || process.env.NIGHTJAR_VECTORS_DEFAULT || path.join(here, '../../../shared/vectors'));
const oracleDir = path.resolve(process.env.NIGHTJAR_ORACLE || path.join(vectors, '../oracle'));
const nightjar = process.env.NIGHTJAR;
const midnight = path.join(vectors, 'midnight');
const srs = path.join(midnight, 'srs');

const missing = [
  [nightjar, 'NIGHTJAR (the nightjar binary) is not set'],
  [fs.existsSync(path.join(oracleDir, 'oracle.mjs')), `no oracle at ${oracleDir}`],
  [fs.existsSync(path.join(here, 'node_modules/@midnight-ntwrk/zkir-v2')), 'run npm ci in tests/gadgets'],
  [fs.existsSync(path.join(midnight, 'deterministic')), `no deterministic vectors under ${midnight}`],
].find(([ok]) => !ok)?.[1];

// The oracle's scripts, unchanged, beside the pinned packages.
function oracleCopy(work) {
  const dir = path.join(work, 'oracle');
  fs.mkdirSync(dir);
  for (const f of ['oracle.mjs', 'ser.mjs', 'rng.mjs', 'package.json']) {
    fs.copyFileSync(path.join(oracleDir, f), path.join(dir, f));
  }
  fs.symlinkSync(path.join(here, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  return path.join(dir, 'oracle.mjs');
}

// nightjar keygen into <work>/<circuit>/, next to a copy of the IR (the oracle reads all three).
function keygen(work, contract, circuit) {
  const dir = path.join(work, contract);
  fs.mkdirSync(dir, { recursive: true });
  const ir = path.join(dir, `${circuit}.bzkir`);
  fs.copyFileSync(path.join(midnight, 'circuits', contract, `${circuit}.bzkir`), ir);
  execFileSync(nightjar, ['keygen', '--ir', ir, '--srs-dir', srs, '--out-dir', dir]);
  return dir;
}

function prove(oracle, caseDir, keyDir, circuit, seed, out) {
  return spawnSync(process.execPath, [oracle, 'prove', path.join(caseDir, 'preimage.bin'), keyDir, circuit, srs,
    '--seed', seed, '--out', out], { encoding: 'utf8' });
}

// Cases whose official proof bytes depend on the prover key's gzip stream (see above).
const GZIP_SENSITIVE = new Set(['bboard-post']);

const cases = missing ? [] : fs.readdirSync(path.join(midnight, 'deterministic'))
  .filter((c) => fs.existsSync(path.join(midnight, 'deterministic', c, 'meta.json')))
  .map((c) => ({ dir: path.join(midnight, 'deterministic', c), meta: JSON.parse(
    fs.readFileSync(path.join(midnight, 'deterministic', c, 'meta.json'), 'utf8')) }))
  .filter(({ meta }) => process.env.NIGHTJAR_KEYGEN_ORACLE_ALL === '1' || meta.k <= 10);

test('keygen oracle prerequisites', { skip: missing }, () => {
  assert.ok(cases.length > 0, 'no deterministic case small enough');
});

for (const { dir, meta } of cases) {
  test(`official prover accepts nightjar keys: ${meta.case}`, () => {
    const work = fs.mkdtempSync(path.join(os.tmpdir(), 'nightjar-keygen-oracle-'));
    try {
      const oracle = oracleCopy(work);
      const keyDir = keygen(work, meta.contract, meta.circuit);
      const out = path.join(work, 'proof.bin');
      const r = prove(oracle, dir, keyDir, meta.circuit, meta.seed, out);
      assert.equal(r.status, 0, `oracle prove failed: ${r.stderr}`);
      const official = path.join(midnight, 'circuits', meta.contract, meta.circuit);
      execFileSync(nightjar, ['verify', '--proof', out, '--preimage', path.join(dir, 'preimage.bin'),
        '--verifier', `${official}.verifier`, '--ir', `${official}.bzkir`, '--srs-dir', srs]);
      if (!GZIP_SENSITIVE.has(meta.case)) {
        assert.ok(fs.readFileSync(out).equals(fs.readFileSync(path.join(dir, meta.proof.file))),
          'the proof with our keys differs from the proof with the official keys');
      }
    } finally {
      fs.rmSync(work, { recursive: true, force: true });
    }
  });
}

// The compact length after `midnight:verifier-key[v6]:`, then 27 bytes of header fields.
function firstCommitmentOffset(vk) {
  const tag = Buffer.from('midnight:verifier-key[v6]:');
  assert.ok(vk.subarray(0, tag.length).equals(tag));
  const lengthBytes = [1, 2, 4][vk[tag.length] & 3];
  return tag.length + lengthBytes + 27;
}

test('official prover refuses a verifier key with two commitments swapped', { skip: missing }, () => {
  const c = cases.find(({ meta }) => meta.case === 'counter-increment');
  assert.ok(c, 'needs the counter-increment vector');
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'nightjar-keygen-oracle-'));
  try {
    const oracle = oracleCopy(work);
    const keyDir = keygen(work, c.meta.contract, c.meta.circuit);
    const vkPath = path.join(keyDir, `${c.meta.circuit}.verifier`);
    const vk = fs.readFileSync(vkPath);
    const at = firstCommitmentOffset(vk);
    const first = Buffer.from(vk.subarray(at, at + 48));
    const second = Buffer.from(vk.subarray(at + 48, at + 96));
    assert.ok(!first.equals(second));
    second.copy(vk, at);
    first.copy(vk, at + 48);
    fs.writeFileSync(vkPath, vk);
    const r = prove(oracle, c.dir, keyDir, c.meta.circuit, c.meta.seed, path.join(work, 'proof.bin'));
    assert.notEqual(r.status, 0, 'the official prover accepted a wrong verifier key');
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
});
