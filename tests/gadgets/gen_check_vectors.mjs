#!/usr/bin/env node
// Writes differential test vectors for nightjar's ZKIR interpreter: random ZKIR v2 programs with
// preimages, each checked by the official @midnight-ntwrk/zkir-v2 2.1.0 (`check`, what /check
// runs). tests/zkir/check_diff_test.cc replays them against zkir::check.
//
//   node gen_check_vectors.mjs --out FILE [--cases N] [--seed S] [--skip-if-current]
//
// --cases: programs (default 3000); --seed: any string (default "nightjar-check"). Randomness is
// common.mjs's SHA-256 stream, one per case, so the file depends on --seed and --cases only.
//
// File format: after the two '#' lines, one JSON object per line:
//   {"ir": hex of the tagged binary IR (jsonIrToBinary of the program),
//    "preimage": hex of a tagged `proof-preimage`,
//    "result": the pi_skip list ([null, 2, ...]) or null when the official check rejects,
//    "error": the official error message or null,
//    "ops": the instruction names the program uses}
//
// How programs are made. A shadow machine follows the program as it is generated (values mod r,
// points and hashes computed with ledger-v8), so that operands can be chosen to pass: booleans
// where a boolean is required, values within their bit bounds, points on the curve, FAB-shaped
// persistent_hash inputs, equal values for constrain_eq, pi_skip counts within the declared
// public inputs. The preimage is then built from what the program consumed (transcripts, the
// public transcript entries its taken pi_skips compare, the communications commitment). Every
// choice fails on purpose with a small probability (a non-boolean guard, a value one bit too
// wide, an index out of range, an overflowing reconstitute_field, a tampered transcript or
// commitment, ...), and generation stops after such a choice, so about a third of the programs
// are rejected, for one of the official reasons. The shadow machine only steers; every expected
// value comes from zkir-v2. Inputs on which the official code panics (points with no decoding,
// pi_skips longer than the public inputs) are never generated: a panic aborts the WASM instance.
import * as ledger from '@midnight-ntwrk/ledger-v8';
import * as zkir from '@midnight-ntwrk/zkir-v2';

import {
  R, S, Stream, fieldValue, fieldsAlignment, fieldsValue, hex, leToBig, pointOf, pointValue,
  randomAligned, randomAlignment, runGenerator, valueFr,
} from './common.mjs';

const FIELD_BITS = 255;
const STORED_BITS = 248;

const bitLength = (v) => v.toString(2).length - (v === 0n ? 1 : 0);

// SCALE compact encoding of a non-negative integer (the wire form of u64 and fr-bls).
function compact(v) {
  v = BigInt(v);
  if (v < 64n) return Buffer.from([Number(v << 2n)]);
  if (v < 1n << 14n) {
    const b = Buffer.alloc(2);
    b.writeUInt16LE(Number((v << 2n) | 1n));
    return b;
  }
  if (v < 1n << 30n) {
    const b = Buffer.alloc(4);
    b.writeUInt32LE(Number((v << 2n) | 2n));
    return b;
  }
  const bytes = [];
  for (let x = v; x > 0n; x >>= 8n) bytes.push(Number(x & 0xffn));
  while (bytes.length < 4) bytes.push(0);
  return Buffer.from([((bytes.length - 4) << 2) | 3, ...bytes]);
}

function encodePreimage(p) {
  const vec = (xs) => Buffer.concat([compact(xs.length), ...xs.map(compact)]);
  const location = Buffer.from('nightjar-fuzz', 'utf8');
  return Buffer.concat([
    Buffer.from('midnight:proof-preimage:'),
    vec(p.inputs), vec(p.privateTranscript), vec(p.publicTranscriptInputs),
    vec(p.publicTranscriptOutputs), compact(p.bindingInput),
    p.commitment ? Buffer.concat([Buffer.from([1]), compact(p.commitment[0]),
      compact(p.commitment[1])]) : Buffer.from([0]),
    compact(location.length), location,
  ]);
}

// The IR's immediate encoding: little-endian hex without trailing zero bytes, at least one byte.
function immHex(v) {
  const bytes = [];
  for (let x = v; x > 0n; x >>= 8n) bytes.push(Number(x & 0xffn));
  if (bytes.length === 0) bytes.push(0);
  return hex(bytes);
}

// Thrown to end a program after a choice made to fail.
class Broken extends Error {}

class Program {
  constructor(rng) {
    this.rng = rng;
    this.memory = [];
    this.instructions = [];
    this.points = [];  // [x index, y index] of cells holding curve points
    this.pis = [];  // public inputs after binding input and commitment (their values)
    this.prefix = 0;  // 1 + (commitment ? 1 : 0): public inputs before the declared ones
    this.cursor = 0;  // public transcript inputs cursor
    this.transcriptInputs = new Map();  // position -> value the taken pi_skips compare
    this.declaredSinceSkip = 0;
    this.publicOutputs = [];
    this.privateTranscript = [];
    this.outputs = [];
  }

  fail(p) { return this.rng.chance(p); }

  emit(instruction, ...pushed) {
    this.instructions.push(instruction);
    this.memory.push(...pushed);
  }

  // A random value: booleans and small numbers often, so later choices find operands.
  value() {
    const pick = this.rng.below(10);
    if (pick < 3) return BigInt(this.rng.below(2));
    if (pick < 6) return leToBig(this.rng.bytes(1 + this.rng.below(8)));
    return this.rng.fr();
  }

  load(v) {
    this.emit({ op: 'load_imm', imm: immHex(v) }, v);
    return this.memory.length - 1;
  }

  any() {
    if (this.memory.length === 0) return this.load(this.value());
    return this.rng.below(this.memory.length);
  }

  // An index out of range, once in a while; generation stops after it.
  index(pick) {
    if (this.fail(0.004)) {
      this.brokenAfter = true;
      return this.memory.length + this.rng.below(5);
    }
    return pick;
  }

  cellWhere(predicate) {
    const candidates = [];
    for (let i = 0; i < this.memory.length; i++) if (predicate(this.memory[i])) candidates.push(i);
    return candidates.length ? candidates[this.rng.below(candidates.length)] : undefined;
  }

  bool() {
    if (this.fail(0.01)) {
      const i = this.cellWhere((v) => v > 1n);
      if (i !== undefined) {
        this.brokenAfter = true;
        return i;
      }
    }
    const i = this.cellWhere((v) => v <= 1n);
    return this.index(i ?? this.load(BigInt(this.rng.below(2))));
  }

  guard() { return this.rng.chance(0.4) ? null : this.bool(); }

  // A cell below 2^bits (made if none), or on purpose one that is not.
  bounded(bits) {
    if (this.fail(0.01) && bits < FIELD_BITS) {
      this.brokenAfter = true;
      return this.load((1n << BigInt(bits)) + BigInt(this.rng.below(100)));
    }
    const i = this.cellWhere((v) => v < 1n << BigInt(bits));
    if (i !== undefined && this.rng.chance(0.7)) return this.index(i);
    return this.load(leToBig(this.rng.bytes(32)) % (1n << BigInt(bits)));
  }

  // Cells holding a curve point: { x, y } indices and the point's true coordinates.
  point() {
    if (this.points.length === 0 || this.rng.chance(0.2)) {
      const value = pointOf(ledger.ecMulGenerator(fieldValue(this.value() % S)));
      const cells = [this.load(value[0]), this.load(value[1])];
      this.points.push(cells);
      return { x: cells[0], y: cells[1], value };
    }
    const [x, y] = this.points[this.rng.below(this.points.length)];
    const value = [this.memory[x], this.memory[y]];
    if (this.rng.chance(0.1)) {
      // Another x of the same parity: the official decoding reads only that bit of x.
      let lax = ((this.rng.uniformFr() >> 1n) << 1n) | (value[0] & 1n);
      if (lax >= R) lax -= 2n;
      return { x: this.load(lax), y, value };
    }
    return { x, y, value };
  }

  pushPoint(instruction, value) {
    const [x, y] = pointOf(value);
    this.emit(instruction, x, y);
    this.points.push([this.memory.length - 2, this.memory.length - 1]);
  }

  // Out-of-range indices only occur in the instruction that ends a program; any value will do.
  read(i) { return i < this.memory.length ? this.memory[i] : 0n; }

  step() {
    const ops = [
      'assert', 'cond_select', 'constrain_bits', 'constrain_eq', 'constrain_to_boolean', 'copy',
      'declare_pub_input', 'declare_pub_input', 'pi_skip', 'pi_skip', 'ec_add', 'ec_mul',
      'ec_mul_generator', 'hash_to_curve', 'load_imm', 'div_mod_power_of_two',
      'reconstitute_field', 'output', 'transient_hash', 'persistent_hash', 'test_eq', 'add', 'mul',
      'neg', 'not', 'less_than', 'public_input', 'public_input', 'private_input',
    ];
    const op = ops[this.rng.below(ops.length)];
    this.brokenAfter = false;
    this[op.replace(/_([a-z])/g, (_, c) => c.toUpperCase())]();
    if (this.brokenAfter) throw new Broken();
  }

  assert() {
    let cond = this.cellWhere((v) => v === 1n) ?? this.load(1n);
    if (this.fail(0.01)) {
      cond = this.cellWhere((v) => v === 0n) ?? this.load(0n);
      this.brokenAfter = true;
    }
    this.emit({ op: 'assert', cond: this.index(cond) });
  }

  condSelect() {
    const bit = this.bool();
    const [a, b] = [this.any(), this.any()];
    const v = this.read(bit) === 1n ? this.read(a) : this.read(b);
    this.emit({ op: 'cond_select', bit, a, b }, v);
  }

  constrainBits() {
    // Values of 255 bits pass no bound (255 and more is "Excessive bit bound").
    const var_ = this.cellWhere((v) => bitLength(v) < FIELD_BITS) ?? this.load(this.value() >> 1n);
    const v = this.read(var_);
    let bits = Math.min(254, bitLength(v) + this.rng.below(8));
    if (this.fail(0.01) && v > 0n) {
      bits = bitLength(v) - 1;
      this.brokenAfter = true;
    } else if (this.fail(0.01)) {
      bits = FIELD_BITS + this.rng.below(3);
      this.brokenAfter = true;
    }
    this.emit({ op: 'constrain_bits', var: this.index(var_), bits });
  }

  constrainEq() {
    const a = this.any();
    let b = this.cellWhere((v) => v === this.memory[a]);
    if (this.fail(0.01)) {
      b = this.cellWhere((v) => v !== this.memory[a]) ?? this.load(this.memory[a] + 1n);
      this.brokenAfter = true;
    }
    this.emit({ op: 'constrain_eq', a: this.index(a), b });
  }

  constrainToBoolean() { this.emit({ op: 'constrain_to_boolean', var: this.bool() }); }

  copy() {
    const var_ = this.any();
    this.emit({ op: 'copy', var: var_ }, this.read(var_));
  }

  declarePubInput() {
    const var_ = this.index(this.any());
    this.emit({ op: 'declare_pub_input', var: var_ });
    this.pis.push(this.read(var_));
    this.cursor++;
    this.declaredSinceSkip++;
  }

  piSkip() {
    const guard = this.guard();
    let count = this.rng.below(this.declaredSinceSkip + 1);
    if (this.rng.chance(0.05)) count += 1 + this.rng.below(3);
    // Never more than the transcript positions before the cursor: further back the official
    // cursor wraps (a usize), and its width differs between the WASM build and a native server.
    count = Math.max(0, Math.min(count, this.cursor, this.pis.length));
    this.emit({ op: 'pi_skip', guard, count });
    this.declaredSinceSkip = 0;
    const taken = guard === null || this.read(guard) === 1n;
    if (!taken) {
      this.cursor -= count;
      return;
    }
    for (let i = 0; i < count; i++) {
      const position = this.cursor - count + i;
      const value = this.pis[this.pis.length - count + i];
      if (!this.transcriptInputs.has(position)) this.transcriptInputs.set(position, value);
      else if (this.transcriptInputs.get(position) !== value) throw new Broken();
    }
  }

  ecAdd() {
    const a = this.point();
    const b = this.point();
    const sum = ledger.ecAdd(pointValue(a.value), pointValue(b.value));
    this.pushPoint({ op: 'ec_add', a_x: a.x, a_y: a.y, b_x: b.x, b_y: b.y }, sum);
  }

  ecMul() {
    const a = this.point();
    const scalar = this.any();
    const product = ledger.ecMul(pointValue(a.value), fieldValue(this.read(scalar) % S));
    this.pushPoint({ op: 'ec_mul', a_x: a.x, a_y: a.y, scalar }, product);
  }

  ecMulGenerator() {
    const scalar = this.any();
    this.pushPoint({ op: 'ec_mul_generator', scalar },
      ledger.ecMulGenerator(fieldValue(this.read(scalar) % S)));
  }

  hashToCurve() {
    const inputs = Array.from({ length: this.rng.below(5) }, () => this.any());
    const values = inputs.map((i) => this.read(i));
    this.pushPoint({ op: 'hash_to_curve', inputs },
      ledger.hashToCurve(fieldsAlignment(values.length), fieldsValue(values)));
  }

  loadImm() { this.load(this.value()); }

  divModPowerOfTwo() {
    const var_ = this.index(this.any());
    let bits = this.rng.below(STORED_BITS + 1);
    if (this.fail(0.01)) {
      bits = STORED_BITS + 1 + this.rng.below(10);
      this.brokenAfter = true;
    }
    const v = this.read(var_);
    this.emit({ op: 'div_mod_power_of_two', var: var_, bits },
      v >> BigInt(bits), v & ((1n << BigInt(bits)) - 1n));
  }

  reconstituteField() {
    let bits = 1 + this.rng.below(STORED_BITS);
    const modulus = this.bounded(bits);
    // The largest divisor for which divisor * 2^bits + modulus stays below r.
    const limit = (R - 1n - this.read(modulus)) >> BigInt(bits);
    let divisor = this.rng.chance(0.5) ? this.cellWhere((v) => v <= limit) : undefined;
    if (divisor === undefined) divisor = this.load(leToBig(this.rng.bytes(32)) % (limit + 1n));
    if (this.fail(0.02)) {
      // Overflows the field, or fails the divisor's bit bound if that comes first.
      divisor = this.load(limit + 1n);
      this.brokenAfter = true;
    } else if (this.fail(0.01)) {
      bits = this.rng.chance(0.5) ? 0 : STORED_BITS + 1;
      this.brokenAfter = true;
    }
    const value = ((this.read(divisor) << BigInt(bits)) + this.read(modulus)) % R;
    this.emit({ op: 'reconstitute_field', divisor, modulus, bits }, value);
  }

  output() {
    const var_ = this.index(this.any());
    this.emit({ op: 'output', var: var_ });
    this.outputs.push(this.read(var_));
  }

  transientHash() {
    const inputs = Array.from({ length: this.rng.below(6) }, () => this.any());
    const values = inputs.map((i) => this.read(i));
    const h = valueFr(ledger.transientHash(fieldsAlignment(values.length), fieldsValue(values)));
    this.emit({ op: 'transient_hash', inputs }, h);
  }

  persistentHash() {
    const alignment = randomAlignment(this.rng, 0);
    const [atoms, fields] = randomAligned(this.rng, alignment);
    const inputs = fields.map((f) => this.load(f));
    if (this.fail(0.02) && inputs.length > 0) {
      // A value that does not fit its atom (or an out-of-range option discriminant).
      inputs[this.rng.below(inputs.length)] = this.load(R - 1n);
      this.brokenAfter = true;
      this.emit({ op: 'persistent_hash', alignment, inputs });
      return;
    }
    const digest = new Uint8Array(32);
    digest.set(ledger.persistentHash(alignment, atoms)[0]);
    this.emit({ op: 'persistent_hash', alignment, inputs },
      BigInt(digest[31]), leToBig(digest.subarray(0, 31)));
  }

  testEq() {
    const a = this.any();
    const b = this.rng.chance(0.5) ? this.any() : (this.cellWhere((v) => v === this.memory[a]));
    this.emit({ op: 'test_eq', a, b }, this.read(a) === this.read(b) ? 1n : 0n);
  }

  add() {
    const [a, b] = [this.any(), this.any()];
    this.emit({ op: 'add', a, b }, (this.read(a) + this.read(b)) % R);
  }

  mul() {
    const [a, b] = [this.any(), this.any()];
    this.emit({ op: 'mul', a, b }, (this.read(a) * this.read(b)) % R);
  }

  neg() {
    const a = this.any();
    this.emit({ op: 'neg', a }, (R - this.read(a)) % R);
  }

  not() {
    const a = this.bool();
    this.emit({ op: 'not', a }, 1n - this.read(a));
  }

  lessThan() {
    let bits = 1 + this.rng.below(253);
    if (this.fail(0.01)) {
      bits = FIELD_BITS;
      this.brokenAfter = true;
    }
    const a = this.bounded(Math.min(bits, 254));
    const b = this.bounded(Math.min(bits, 254));
    this.emit({ op: 'less_than', a, b, bits }, this.read(a) < this.read(b) ? 1n : 0n);
  }

  publicInput() {
    const guard = this.guard();
    let v = 0n;
    if (guard === null || this.read(guard) === 1n) {
      v = this.value();
      this.publicOutputs.push(v);
    }
    this.emit({ op: 'public_input', guard }, v);
  }

  privateInput() {
    const guard = this.guard();
    let v = 0n;
    if (guard === null || this.read(guard) === 1n) {
      v = this.value();
      this.privateTranscript.push(v);
    }
    this.emit({ op: 'private_input', guard }, v);
  }
}

// One random program and preimage, checked by zkir-v2.
async function makeCase(rng) {
  const program = new Program(rng);
  const numInputs = rng.below(6);
  const inputs = Array.from({ length: numInputs }, () => program.value());
  program.memory.push(...inputs);
  const doCommitment = rng.chance(0.5);
  const length = 1 + rng.below(40);
  for (let i = 0; i < length; i++) {
    try {
      program.step();
    } catch (e) {
      if (!(e instanceof Broken)) throw e;
      break;
    }
  }

  const transcriptInputs = [];
  for (let i = 0; i < Math.max(0, program.cursor); i++) {
    transcriptInputs.push(program.transcriptInputs.get(i) ?? program.value());
  }
  const preimage = {
    inputs,
    privateTranscript: program.privateTranscript,
    publicTranscriptInputs: transcriptInputs,
    publicTranscriptOutputs: program.publicOutputs,
    bindingInput: rng.fr(),
    commitment: null,
  };
  if (doCommitment) {
    const opening = rng.fr();
    const committed = [...inputs, ...program.outputs];
    const c = valueFr(ledger.transientCommit(fieldsAlignment(committed.length),
      fieldsValue(committed), fieldValue(opening)));
    preimage.commitment = [c, opening];
  } else if (rng.chance(0.5)) {
    preimage.commitment = [rng.fr(), rng.fr()];
  }
  tamper(rng, preimage, doCommitment);

  const ir = {
    version: { major: 2, minor: 0 },
    do_communications_commitment: doCommitment,
    num_inputs: numInputs,
    instructions: program.instructions,
  };
  // Minor version 0 in the legacy envelope (`ir-source[v2]`): the only form zkir-v2 2.1.0's
  // jsonIrToBinary writes and its check reads.
  const irBytes = zkir.jsonIrToBinary(JSON.stringify(ir));
  const preimageBytes = encodePreimage(preimage);
  const keys = { ir: irBytes, proverKey: new Uint8Array(), verifierKey: new Uint8Array() };
  const provider = {
    lookupKey: async () => keys,
    getParams: async () => { throw new Error('check needs no parameters'); },
  };
  let result = null;
  let error = null;
  try {
    result = (await zkir.check(preimageBytes, provider)).map((x) => (x === undefined ? null : Number(x)));
  } catch (e) {
    error = String(e?.message ?? e);
  }
  return {
    ir: hex(irBytes),
    preimage: hex(preimageBytes),
    result,
    error,
    ops: [...new Set(program.instructions.map((i) => i.op))].sort(),
  };
}

// Changes the preimage on purpose, in one of the ways the official check notices.
function tamper(rng, p, doCommitment) {
  if (!rng.chance(0.12)) return;
  const lists = [p.inputs, p.privateTranscript, p.publicTranscriptInputs, p.publicTranscriptOutputs];
  const list = lists[rng.below(lists.length)];
  switch (rng.below(4)) {
    case 0:
      list.push(rng.fr());
      break;
    case 1:
      if (list.length) list.pop();
      break;
    case 2:
      if (list.length) list[rng.below(list.length)] = rng.fr();
      break;
    default:
      if (doCommitment) {
        if (rng.chance(0.5)) p.commitment = null;
        else p.commitment[0] = (p.commitment[0] + 1n) % R;
      }
  }
}

await runGenerator({
  script: import.meta.url,
  usage: 'node gen_check_vectors.mjs --out FILE [--cases N] [--seed S] [--skip-if-current]',
  defaultCases: 3000,
  defaultSeed: 'nightjar-check',
  title: 'nightjar check vectors',
  async generate(seed, cases, lines) {
    const started = Date.now();
    let rejected = 0;
    const errors = new Map();
    for (let i = 0; i < cases; i++) {
      const c = await makeCase(new Stream(seed, `case-${i}`));
      if (c.error !== null) {
        rejected++;
        const kind = c.error.replace(/[:(;].*/, '');
        errors.set(kind, (errors.get(kind) ?? 0) + 1);
      }
      lines.push(JSON.stringify(c));
    }
    console.log(`${cases} programs, ${rejected} rejected, ${Date.now() - started} ms`);
    for (const [kind, n] of [...errors].sort((a, b) => b[1] - a[1])) console.log(`  ${n}\t${kind}`);
  },
});
