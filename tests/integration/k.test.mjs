// POST /k against the official answers: every shared IR's k as zkir-v2 2.1.0 computes it
// (vectors/midnight/k.json), and, when the shared oracle is present, the reference server's
// answers byte for byte (its scripts run beside this suite's pinned zkir-v2 and ledger-v8).
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, symlinkSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { after, before, test } from 'node:test';

import { MIDNIGHT, VECTORS, startServer, tempDir } from './harness.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const ORACLE = resolve(process.env.NIGHTJAR_ORACLE ?? join(VECTORS, '..', 'oracle'));

let server;
before(async () => {
  server = await startServer();
});
after(() => server?.cleanup());

const postK = async (url, body) => {
  const res = await fetch(`${url}/k`, { method: 'POST', body });
  return { status: res.status, body: await res.text() };
};

const expected = JSON.parse(readFileSync(join(MIDNIGHT, 'k.json'), 'utf8'));

test('every shared binary IR: the official k, as decimal text', async () => {
  const binaries = Object.keys(expected).filter((p) => p.endsWith('.bzkir'));
  assert.ok(binaries.length >= 40);
  for (const path of binaries) {
    assert.deepEqual(await postK(server.url, readFileSync(join(MIDNIGHT, path))), { status: 200, body: String(expected[path]) }, path);
  }
  const lines = server.logs.filter((l) => l.endpoint === '/k' && l.status === 200);
  assert.equal(lines.length, binaries.length);
  assert.ok(lines.every((l) => Number.isInteger(l.k)));
});

test('JSON IRs (the compiler output) are refused, as official, with the reason', async () => {
  const json = Object.keys(expected).filter((p) => p.endsWith('.zkir'));
  assert.ok(json.length >= 30);
  for (const path of json) {
    const r = await postK(server.url, readFileSync(join(MIDNIGHT, path)));
    assert.equal(r.status, 400, path);
    assert.match(r.body, /^Unsupported ZKIR version: expected one of /, path);
  }
});

// The oracle's scripts, unchanged, beside this suite's packages (the same pinned versions).
function oracleCopy() {
  const dir = join(tempDir(), 'oracle');
  mkdirSync(dir);
  for (const f of ['oracle.mjs', 'ser.mjs', 'rng.mjs', 'package.json']) copyFileSync(join(ORACLE, f), join(dir, f));
  symlinkSync(join(here, 'node_modules'), join(dir, 'node_modules'), 'dir');
  return join(dir, 'oracle.mjs');
}

function startOracle() {
  const child = spawn(process.execPath, [oracleCopy(), 'serve', '--port', '0', '--srs', join(MIDNIGHT, 'srs'),
    '--circuits', join(MIDNIGHT, 'circuits')], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolveStart, rejectStart) => {
    const timer = setTimeout(() => rejectStart(new Error('the oracle did not start within 30 s')), 30_000);
    createInterface({ input: child.stdout }).on('line', (line) => {
      const m = /on (http:\/\/127\.0\.0\.1:\d+)/.exec(line);
      if (m) {
        clearTimeout(timer);
        resolveStart({ url: m[1], stop: () => child.kill('SIGKILL') });
      }
    });
    child.on('exit', () => rejectStart(new Error('the oracle exited')));
  });
}

test('the reference server answers the same bytes', { skip: !existsSync(join(ORACLE, 'oracle.mjs')) && `no oracle at ${ORACLE}` }, async () => {
  const oracle = await startOracle();
  try {
    // One IR per size class and chip mix; the reference computes k in WASM, slowly.
    for (const path of ['circuits/counter/increment.bzkir', 'circuits/vault/proposeWithdrawal.bzkir',
      'circuits/bboard/post.bzkir', 'circuits/zkloan/requestLoan.bzkir', 'circuits/ledger-static/zswap_static_output.bzkir']) {
      const body = readFileSync(join(MIDNIGHT, path));
      const official = await postK(oracle.url, body);
      assert.equal(official.status, 200, path);
      assert.deepEqual(await postK(server.url, body), official, path);
    }
    // Refusals keep the official text and add the reason after it.
    for (const body of [readFileSync(join(MIDNIGHT, 'circuits/counter/increment.zkir')), Buffer.from([1, 2, 3])]) {
      const official = await postK(oracle.url, body);
      const ours = await postK(server.url, body);
      assert.equal(ours.status, official.status);
      assert.ok(ours.body.startsWith(`${official.body}: `), ours.body);
    }
  } finally {
    oracle.stop();
  }
});
