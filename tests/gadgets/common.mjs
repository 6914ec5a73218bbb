// Shared by the generators in this folder: a deterministic byte stream, field and point helpers
// over the ledger's JS value model, and random FAB-aligned values with their field
// representation.
import { createHash } from 'node:crypto';
import {
  closeSync, mkdirSync, openSync, readFileSync, readSync, renameSync, writeFileSync,
} from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

import * as ledger from '@midnight-ntwrk/ledger-v8';

// BLS12-381's scalar field and the order of Jubjub's prime-order subgroup.
export const R = 0x73eda753299d7d483339d80809a1d80553bda402fffe5bfeffffffff00000001n;
export const S = 0x0e7db4ea6533afa906673b0101343b00a6682093ccc81082d0970e5ed6f72cb7n;
export const BYTES_PER_FIELD = 31;

// ---------------------------------------------------------------------------------------------
// Deterministic randomness.

export class Stream {
  constructor(seed, op) {
    this.prefix = Buffer.from(`${seed}/${op}/`, 'utf8');
    this.counter = 0n;
    this.pool = Buffer.alloc(0);
  }

  bytes(n) {
    while (this.pool.length < n) {
      const counter = Buffer.alloc(8);
      counter.writeBigUInt64LE(this.counter++);
      const block = createHash('sha256').update(this.prefix).update(counter).digest();
      this.pool = Buffer.concat([this.pool, block]);
    }
    const out = this.pool.subarray(0, n);
    this.pool = this.pool.subarray(n);
    return new Uint8Array(out);
  }

  // Uniform in [0, n) for n < 2^32, by rejection.
  below(n) {
    const limit = Math.floor(0x100000000 / n) * n;
    for (;;) {
      const v = Buffer.from(this.bytes(4)).readUInt32LE();
      if (v < limit) return v % n;
    }
  }

  chance(p) { return this.below(1000000) < p * 1000000; }

  // Uniform element of Fr: 64 bytes reduced (bias below 2^-250).
  uniformFr() { return leToBig(this.bytes(64)) % R; }

  // Mostly uniform, sometimes a value at an edge of the field, of Jubjub's scalar field or of
  // the 31-byte chunks the FAB encoding uses.
  fr() {
    if (this.chance(0.6)) return this.uniformFr();
    const edges = [0n, 1n, 2n, R - 1n, R - 2n, (R - 1n) / 2n, S - 1n, S, S + 1n, 2n * S,
      (1n << 64n) - 1n, 1n << 64n, 1n << 128n, (1n << 248n) - 1n, 1n << 248n, 1n << 252n];
    if (this.chance(0.5)) return edges[this.below(edges.length)];
    return leToBig(this.bytes(1 + this.below(8)));
  }

  // A Jubjub scalar below S: the JS API rejects larger ones (the ZKIR instructions reduce any
  // field element mod S, which gadgets_diff_test.cc checks on its own).
  scalar() {
    if (this.chance(0.6)) return leToBig(this.bytes(64)) % S;
    const edges = [0n, 1n, 2n, S - 1n, S - 2n, (S - 1n) / 2n, 1n << 64n, 1n << 128n,
      (1n << 248n) - 1n, 1n << 251n];
    if (this.chance(0.5)) return edges[this.below(edges.length)];
    return leToBig(this.bytes(1 + this.below(8)));
  }
}

export function leToBig(bytes) {
  let v = 0n;
  for (let i = bytes.length - 1; i >= 0; i--) v = (v << 8n) | BigInt(bytes[i]);
  return v;
}

export function bigToLe(v, n) {
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    out[i] = Number(v & 0xffn);
    v >>= 8n;
  }
  return out;
}

export const hex = (bytes) => Buffer.from(bytes).toString('hex');
export const frHex = (v) => hex(bigToLe(v, 32));

// ---------------------------------------------------------------------------------------------
// Values as the ledger's JS API takes them: a Value is a list of atoms (little-endian byte strings
// without trailing zeros), an Alignment a list of segments.

export const FIELD = { tag: 'atom', value: { tag: 'field' } };
export const fieldValue = (x) => ledger.bigIntToValue(x);
export const valueFr = (value) => ledger.valueToBigInt(value);
export const fieldsAlignment = (n) => Array.from({ length: n }, () => FIELD);
export const fieldsValue = (xs) => xs.flatMap(fieldValue);

export function trimmed(bytes) {
  let n = bytes.length;
  while (n > 0 && bytes[n - 1] === 0) n--;
  return bytes.subarray(0, n);
}

export function pointOf(value) {
  if (value.length !== 2) throw new Error('a point is two atoms');
  return [valueFr([value[0]]), valueFr([value[1]])];
}

export const pointValue = ([x, y]) => [...fieldValue(x), ...fieldValue(y)];

// ---------------------------------------------------------------------------------------------
// Random aligned values, their field representation and the alignment's text form.

export function randomAlignment(rng, depth) {
  const segments = [];
  const count = depth === 0 ? 1 + rng.below(4) : rng.below(3);
  for (let i = 0; i < count; i++) {
    const kind = rng.below(depth < 2 ? 5 : 4);
    if (kind <= 1) {
      segments.push(FIELD);
    } else if (kind <= 3) {
      const lengths = [0, 1, 2, 16, 30, 31, 32, 33, 61, 62, 63, 64, 93, 100];
      const length = rng.chance(0.5) ? lengths[rng.below(lengths.length)] : rng.below(130);
      segments.push({ tag: 'atom', value: { tag: 'bytes', length } });
    } else {
      const branches = Array.from({ length: 1 + rng.below(3) }, () => randomAlignment(rng, depth + 1));
      segments.push({ tag: 'option', value: branches });
    }
  }
  return segments;
}

export function alignmentText(alignment) {
  const segment = (s) => {
    if (s.tag === 'option') return `o{${s.value.map(alignmentText).join('|')}}`;
    return s.value.tag === 'field' ? 'f' : `b${s.value.length}`;
  };
  return `[${alignment.map(segment).join(',')}]`;
}

export function fieldLen(alignment) {
  let total = 0;
  for (const s of alignment) {
    if (s.tag === 'option') total += 1 + Math.max(0, ...s.value.map(fieldLen));
    else total += s.value.tag === 'field' ? 1 : Math.ceil(s.value.length / BYTES_PER_FIELD);
  }
  return total;
}

// A random value of `alignment` as [atoms (for the JS API), fields (its field representation)].
export function randomAligned(rng, alignment) {
  const atoms = [];
  const fields = [];
  for (const s of alignment) {
    if (s.tag === 'option') {
      const branch = rng.below(s.value.length);
      atoms.push(...fieldValue(BigInt(branch)));
      fields.push(BigInt(branch));
      const [branchAtoms, branchFields] = randomAligned(rng, s.value[branch]);
      atoms.push(...branchAtoms);
      fields.push(...branchFields);
      const padding = Math.max(...s.value.map(fieldLen)) - fieldLen(s.value[branch]);
      for (let i = 0; i < padding; i++) fields.push(0n);
    } else if (s.value.tag === 'field') {
      const x = rng.fr();
      atoms.push(...fieldValue(x));
      fields.push(x);
    } else {
      const length = s.value.length;
      const bytes = rng.bytes(length);
      // Trailing zeros exercise the difference between the atom and its padded form.
      if (length > 0 && rng.chance(0.3)) bytes.fill(0, rng.below(length));
      atoms.push(trimmed(bytes));
      // The stray length % 31 bytes at the end come first, then 31-byte chunks from the back.
      const stray = length % BYTES_PER_FIELD;
      let end = length;
      if (stray !== 0) {
        fields.push(leToBig(bytes.subarray(end - stray, end)));
        end -= stray;
      }
      for (; end > 0; end -= BYTES_PER_FIELD) {
        fields.push(leToBig(bytes.subarray(end - BYTES_PER_FIELD, end)));
      }
    }
  }
  return [atoms, fields];
}

// ---------------------------------------------------------------------------------------------
// Driver: options, the fingerprint line that --skip-if-current compares, atomic output.

function packageVersion(name) {
  // The packages export no ./package.json; read the installed copies beside this file.
  const here = dirname(fileURLToPath(import.meta.url));
  return JSON.parse(readFileSync(resolve(here, 'node_modules', name, 'package.json'), 'utf8'))
    .version;
}

function firstLine(path) {
  try {
    const fd = openSync(path, 'r');
    const buffer = Buffer.alloc(512);
    const n = readSync(fd, buffer, 0, buffer.length, 0);
    closeSync(fd);
    return buffer.subarray(0, n).toString('utf8').split('\n')[0];
  } catch {
    return null;
  }
}

// Parses --out/--cases/--seed/--skip-if-current and writes FILE: a fingerprint line (the scripts,
// package versions and arguments), a line naming seed and count, then what `generate` appends.
export async function runGenerator({ script, usage, defaultCases, defaultSeed, title, generate }) {
  const { values } = parseArgs({
    options: {
      out: { type: 'string' },
      cases: { type: 'string', default: String(defaultCases) },
      seed: { type: 'string', default: defaultSeed },
      'skip-if-current': { type: 'boolean', default: false },
    },
  });
  if (!values.out) {
    console.error(`usage: ${usage}`);
    process.exit(2);
  }
  const cases = Number.parseInt(values.cases, 10);
  const out = resolve(values.out);
  const versions = ['@midnight-ntwrk/ledger-v8', '@midnight-ntwrk/zkir-v2']
    .map((name) => `${name} ${packageVersion(name)}`).join(', ');
  const fingerprint = createHash('sha256')
    .update(readFileSync(fileURLToPath(script)))
    .update(readFileSync(fileURLToPath(import.meta.url)))
    .update(JSON.stringify({ versions, seed: values.seed, cases }))
    .digest('hex').slice(0, 16);
  const first = `# ${title}, ${versions}, fingerprint ${fingerprint}`;
  if (values['skip-if-current'] && firstLine(out) === first) {
    console.log(`${out} is current`);
    return;
  }
  const lines = [first, `# seed ${values.seed}, ${cases} cases`];
  await generate(values.seed, cases, lines);
  mkdirSync(dirname(out), { recursive: true });
  // Written aside and renamed, so an interrupted run never leaves a file that looks current.
  const tmp = `${out}.${process.pid}.tmp`;
  writeFileSync(tmp, lines.join('\n') + '\n');
  renameSync(tmp, out);
  console.log(`wrote ${out}`);
}
