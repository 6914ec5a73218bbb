// The key store over real HTTP: a loopback mirror stands in for MIDNIGHT_PARAM_SOURCE. Start-up
// fetches what the official server fetches, verifies each file against its pin and renames it
// into place; what the mirror lacks (SRS k=15, the built-in prover keys) makes start-up fail
// with the reason. A second server, offline, serves /fetch-params from that cache.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import http from 'node:http';
import { join } from 'node:path';
import { after, before, test } from 'node:test';

import { MIDNIGHT, runServerToExit, startServer, tempDir } from './harness.mjs';

const sha256 = (b) => createHash('sha256').update(b).digest('hex');
const pins = JSON.parse(readFileSync(join(MIDNIGHT, 'srs', 'official-sha256.json'), 'utf8')).sha256;

// name -> bytes; anything else is 404. Requests are recorded.
function mirror(files) {
  const requests = [];
  const server = http.createServer((req, res) => {
    requests.push({ path: req.url, agent: req.headers['user-agent'] });
    const body = files.get(req.url.slice(1));
    if (!body) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'Content-Length': body.length }).end(body);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () =>
    resolve({ url: `http://127.0.0.1:${server.address().port}/`, requests, close: () => server.close() })));
}

const files = new Map();
for (let k = 10; k <= 14; k++) files.set(`bls_midnight_2p${k}`, readFileSync(join(MIDNIGHT, 'srs', `bls_midnight_2p${k}`)));
for (const name of ['spend', 'output', 'sign']) {
  for (const ext of ['bzkir', 'verifier']) {
    files.set(`zswap/9/${name}.${ext}`, readFileSync(join(MIDNIGHT, 'circuits', 'ledger-static', `zswap_static_${name}.${ext}`)));
  }
}
for (const ext of ['bzkir', 'verifier']) {
  files.set(`dust/9/spend.${ext}`, readFileSync(join(MIDNIGHT, 'circuits', 'ledger-static', `ledger_static_dust_spend.${ext}`)));
}
// A lying mirror entry: k=13 with one bit flipped.
const forged = Buffer.from(files.get('bls_midnight_2p13'));
forged[1000] ^= 1;
files.set('bls_midnight_2p13', forged);

let source;
const pp = tempDir();
let startup;
before(async () => {
  source = await mirror(files);
  startup = await runServerToExit({ pp, env: { MIDNIGHT_PARAM_SOURCE: source.url } });
});
after(() => source?.close());

test('start-up fetches the official set, and fails when the mirror lacks some of it', () => {
  assert.equal(startup.code, 1);
  const failure = startup.logs.find((l) => l.message === 'startup failed');
  assert.ok(failure, JSON.stringify(startup.logs));
  assert.match(failure.detail, /bls_midnight_2p1[35]|\.prover/);
  assert.ok(!startup.logs.some((l) => l.message === 'listening'));
  const paths = new Set(source.requests.map((r) => r.path));
  for (let k = 10; k <= 15; k++) assert.ok(paths.has(`/bls_midnight_2p${k}`), `k=${k}`);
  for (const f of ['zswap/9/spend.prover', 'zswap/9/output.verifier', 'zswap/9/sign.bzkir', 'dust/9/spend.prover']) {
    assert.ok(paths.has(`/${f}`), f);
  }
  assert.ok(source.requests.every((r) => /^nightjar\//.test(r.agent)));
  // Missing files were retried: the official provider makes 3 attempts.
  assert.equal(source.requests.filter((r) => r.path === '/bls_midnight_2p15').length, 3);
});

test('verified files are in place, forged and missing ones are not, and no temporaries remain', () => {
  for (const k of [10, 11, 12, 14]) {
    const bytes = readFileSync(join(pp, `bls_midnight_2p${k}`));
    assert.equal(sha256(bytes), pins[`bls_midnight_2p${k}`], `k=${k}`);
    assert.ok(bytes.equals(files.get(`bls_midnight_2p${k}`)));
  }
  assert.ok(!existsSync(join(pp, 'bls_midnight_2p13')), 'a file that fails its pin is never kept');
  assert.ok(!existsSync(join(pp, 'bls_midnight_2p15')));
  assert.ok(readFileSync(join(pp, 'zswap', '9', 'sign.bzkir')).equals(files.get('zswap/9/sign.bzkir')));
  const all = [...readdirSync(pp), ...readdirSync(join(pp, 'zswap', '9')), ...readdirSync(join(pp, 'dust', '9'))];
  assert.ok(all.every((f) => !f.includes('.part-')), all.join(' '));
});

test('offline, /fetch-params answers from the verified cache', async () => {
  const s = await startServer({ pp, fetchParams: true, args: ['--offline'] });
  try {
    const ok = await fetch(`${s.url}/fetch-params/12`);
    assert.equal(ok.status, 200);
    assert.equal(await ok.text(), 'success');
    const missing = await fetch(`${s.url}/fetch-params/15`);
    assert.equal(missing.status, 500);
    assert.match(await missing.text(), /bls_midnight_2p15.*not in the local cache/);
    const range = await fetch(`${s.url}/fetch-params/26`);
    assert.equal(range.status, 400);
    assert.equal(await range.text(), 'k=26 out of range');
    assert.equal((await fetch(`${s.url}/fetch-params/256`)).status, 404);
    // Concurrent requests for one k share one verification.
    const many = await Promise.all(Array.from({ length: 8 }, () => fetch(`${s.url}/fetch-params/11`)));
    assert.ok(many.every((r) => r.status === 200));
  } finally {
    s.cleanup();
  }
});
