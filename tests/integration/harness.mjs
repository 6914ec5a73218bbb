// Starts the real nightjar-server on 127.0.0.1 (a free port, a private cache directory) and
// gives the tests what they need to drive it: the vectors, raw sockets, a deliberately slow but
// valid /check request, the server's JSON log lines, a cache directory holding the shared SRS
// files, and `nightjar verify` for the proofs it answers.
//
// Every server's log lines are also appended to SUITE_LOGS, one directory per `node --test` run
// (the runner is every test file's parent), which zz_logs.test.mjs reads last.
import { spawn, spawnSync } from 'node:child_process';
import {
  appendFileSync, copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync,
} from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));

export const SERVER =
  process.env.NIGHTJAR_SERVER ?? resolve(here, '../../build/release/src/nightjar-server');
export const VECTORS = resolve(
  process.env.NIGHTJAR_VECTORS ?? process.env.NIGHTJAR_VECTORS_DEFAULT ?? join(here, '../../../shared/vectors'),
);
export const MIDNIGHT = join(VECTORS, 'midnight');
// The CLI beside the server, for `nightjar verify`.
export const NIGHTJAR = process.env.NIGHTJAR ?? join(dirname(SERVER), 'nightjar');
export const SUITE_LOGS = join(tmpdir(), `nightjar-it-logs-${process.ppid}`);

// Runs of single files leave their suite logs behind (zz_logs.test.mjs removes its run's);
// drop those whose runner has exited.
for (const name of readdirSync(tmpdir())) {
  const m = /^nightjar-it-logs-(\d+)$/.exec(name);
  if (!m || Number(m[1]) === process.ppid) continue;
  try {
    process.kill(Number(m[1]), 0);
  } catch (e) {
    if (e.code === 'ESRCH') rmSync(join(tmpdir(), name), { recursive: true, force: true });
  }
}

let serversStarted = 0;
// Appends each line a server writes to this run's suite log.
function suiteLog() {
  mkdirSync(SUITE_LOGS, { recursive: true });
  const file = join(SUITE_LOGS, `${process.pid}-${serversStarted++}.jsonl`);
  return (line) => appendFileSync(file, `${line}\n`);
}

export const read = (...parts) => readFileSync(join(MIDNIGHT, ...parts));

export function caseNames() {
  return JSON.parse(readFileSync(join(MIDNIGHT, 'cases', 'index.json'), 'utf8'))
    .map((c) => (typeof c === 'string' ? c : c.case ?? c.name))
    .sort();
}

// Every temporary directory is removed when the test file's process exits.
const tempDirs = [];
process.on('exit', () => tempDirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
export function tempDir() {
  const dir = mkdtempSync(join(tmpdir(), 'nightjar-it-'));
  tempDirs.push(dir);
  return dir;
}

// Resolves once the server logs "listening"; rejects if it exits first or takes over 20 s.
export function startServer({ args = [], env = {}, pp = tempDir(), fetchParams = false } = {}) {
  const argv = ['--bind', '127.0.0.1', '--port', '0', ...(fetchParams ? [] : ['--no-fetch-params']), ...args];
  const child = spawn(SERVER, argv, {
    env: { ...process.env, MIDNIGHT_PP: pp, ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const logs = [];
  const keep = suiteLog();
  const exited = new Promise((resolveExit) => child.on('exit', (code, signal) => resolveExit({ code, signal })));
  return new Promise((resolveStart, rejectStart) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      rejectStart(new Error(`no "listening" line within 20 s: ${JSON.stringify(logs)}`));
    }, 20_000);
    createInterface({ input: child.stderr }).on('line', (line) => {
      keep(line);
      let entry;
      try {
        entry = JSON.parse(line);
      } catch {
        entry = { unparsed: line };
      }
      logs.push(entry);
      if (entry.message === 'listening') {
        clearTimeout(timer);
        const url = entry.detail;
        resolveStart({
          url,
          port: Number(new URL(url).port),
          pid: child.pid,
          logs,
          pp,
          exited,
          // SIGTERM, then the exit status; SIGKILL if it takes over `ms`.
          async stop(ms = 30_000) {
            if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
            const t = setTimeout(() => child.kill('SIGKILL'), ms);
            const result = await exited;
            clearTimeout(t);
            return result;
          },
          cleanup() {
            if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
            rmSync(pp, { recursive: true, force: true });
          },
        });
      }
    });
    exited.then((status) => {
      clearTimeout(timer);
      rejectStart(Object.assign(new Error(`server exited before listening: ${JSON.stringify(status)}`), { status, logs }));
    });
  });
}

// Runs the server expecting it to exit on its own (start-up failure); resolves with the status.
export function runServerToExit({ args = [], env = {}, pp = tempDir() } = {}) {
  const child = spawn(SERVER, ['--bind', '127.0.0.1', '--port', '0', ...args], {
    env: { ...process.env, MIDNIGHT_PP: pp, ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const logs = [];
  const keep = suiteLog();
  createInterface({ input: child.stderr }).on('line', (line) => {
    keep(line);
    logs.push(JSON.parse(line));
  });
  return new Promise((resolveExit) => {
    const t = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('exit', (code, signal) => {
      clearTimeout(t);
      // Let readline deliver the last lines.
      setImmediate(() => resolveExit({ code, signal, logs }));
    });
  });
}

// SCALE compact encoding of a small non-negative integer (< 2^30).
export function compact(n) {
  if (n < 64) return [n << 2];
  if (n < 1 << 14) {
    const w = (n << 2) | 1;
    return [w & 255, w >> 8];
  }
  const w = (n * 4 + 2) >>> 0;
  return [w & 255, (w >>> 8) & 255, (w >>> 16) & 255, w >>> 24];
}

const ascii = (s) => [...Buffer.from(s, 'ascii')];

// A valid /check request whose IR hashes `hashes` times (transient_hash, Poseidon), so the job
// takes a predictable few hundred milliseconds: load tests need jobs slower than requests arrive.
// The answer is an empty pi-skip list.
export function slowCheckRequest(hashes = 30_000) {
  const ir = [...ascii('midnight:ir-source[v2]:'), 0, 0, ...compact(hashes + 1), 12, 0];
  for (let i = 0; i < hashes; i++) ir.push(16, ...compact(1), ...compact(i));
  return Buffer.from([
    ...ascii('midnight:(proof-preimage-versioned,option(wrapped-ir)):'),
    1, // V2
    0, 0, 0, 0, // inputs, private transcript, public transcript inputs and outputs: empty
    0, // binding input 0
    0, // no communications commitment
    ...compact(4), ...ascii('slow'),
    1, ...compact(ir.length), ...ir,
  ]);
}
export const EMPTY_CHECK_RESPONSE = Buffer.from([...ascii('midnight:vec(option(u64)):'), 0]);

// A preimage file with its key location (the last field, a string) replaced.
export function withKeyLocation(preimage, oldLocation, newLocation) {
  const tail = Buffer.from([...compact(oldLocation.length), ...ascii(oldLocation)]);
  if (!preimage.subarray(preimage.length - tail.length).equals(tail)) {
    throw new Error(`preimage does not end with key location ${oldLocation}`);
  }
  return Buffer.concat([
    preimage.subarray(0, preimage.length - tail.length),
    Buffer.from([...compact(newLocation.length), ...ascii(newLocation)]),
  ]);
}

// The length in bytes of the SCALE-compact integer at `at`.
function compactLength(buf, at) {
  const mode = buf[at] & 3;
  return mode === 3 ? (buf[at] >> 2) + 5 : 1 << mode;
}

// A preimage file with its binding input (a compact Fr after four vec(fr)) replaced by `n`,
// the statement a /prove with that binding override proves.
export function withBindingInput(preimage, n) {
  let at = Buffer.byteLength('midnight:proof-preimage:');
  for (let v = 0; v < 4; v++) {
    const mode = preimage[at] & 3;
    if (mode > 1) throw new Error('a vector this long is not expected in a shared preimage');
    const count = mode === 0 ? preimage[at] >> 2 : preimage.readUInt16LE(at) >> 2;
    at += compactLength(preimage, at);
    for (let i = 0; i < count; i++) at += compactLength(preimage, at);
  }
  return Buffer.concat([preimage.subarray(0, at), Buffer.from(compact(n)), preimage.subarray(at + compactLength(preimage, at))]);
}

// Sends raw bytes on a fresh connection; resolves with everything the server sent before it
// closed (or `ms` passed).
export function rawExchange(port, chunks, { ms = 5_000 } = {}) {
  return new Promise((resolveExchange) => {
    const socket = net.connect(port, '127.0.0.1');
    const received = [];
    const done = () => {
      clearTimeout(t);
      socket.destroy();
      resolveExchange(Buffer.concat(received).toString('latin1'));
    };
    const t = setTimeout(done, ms);
    socket.on('data', (d) => received.push(d));
    socket.on('error', done);
    socket.on('close', done);
    socket.on('connect', () => {
      for (const c of [chunks].flat()) socket.write(c);
    });
  });
}

export const statusOf = (raw) => Number(raw.slice(9, 12));

export function rssBytes(pid) {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return Number(m[1]) * 1024;
}

export async function metric(url, line) {
  const text = await (await fetch(`${url}/metrics`)).text();
  const found = text.split('\n').find((l) => l.startsWith(`${line} `));
  return found === undefined ? 0 : Number(found.slice(line.length + 1));
}

// A private cache directory holding the shared SRS files bls_midnight_2p{k} for `ks` (the server
// hashes them against the official pins before use), for servers that prove offline.
export function srsCache(ks) {
  const pp = tempDir();
  for (const k of ks) copyFileSync(join(MIDNIGHT, 'srs', `bls_midnight_2p${k}`), join(pp, `bls_midnight_2p${k}`));
  return pp;
}

// A shared case's circuit files and its key location, from its meta.json.
export function circuitOf(caseName) {
  const meta = JSON.parse(read('cases', caseName, 'meta.json'));
  // "circuits/vault/approve.{zkir,bzkir,prover,verifier}" -> "circuits/vault/approve"
  const base = meta.circuit_files.replace(/\.[^/]*$/, '');
  return { keyLocation: meta.key_location, k: meta.k, base: join(MIDNIGHT, base) };
}

// `nightjar verify` on a /prove answer (proof-versioned bytes) for a case's preimage, with the
// case's official verifier key and IR: { ok, output }.
export function verifyProof(proofVersioned, caseName, preimage = join(MIDNIGHT, 'cases', caseName, 'preimage.bin')) {
  const { base } = circuitOf(caseName);
  const file = join(tempDir(), 'proof.bin');
  writeFileSync(file, proofVersioned);
  const r = spawnSync(NIGHTJAR, ['verify', '--proof', file, '--preimage', preimage, '--verifier', `${base}.verifier`,
    '--ir', `${base}.bzkir`, '--srs-dir', join(MIDNIGHT, 'srs')], { encoding: 'utf8' });
  return { ok: r.status === 0, output: `${r.stdout}${r.stderr}`.trim() };
}

// CPU seconds the process has used (user + system), from /proc/<pid>/stat.
export function cpuSeconds(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // Fields 14 and 15 of stat(5), counted from the state field (3).
  return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
}
const CLOCK_TICKS = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout.trim()) || 100;

export const ready = async (s) => (await fetch(`${s.url}/ready`)).json();

// Polls `predicate` every 10 ms; fails the test after `ms`.
export async function until(predicate, what, ms = 10_000) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await predicate()) return;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`timed out waiting for ${what}`);
}
