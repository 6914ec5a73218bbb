// POST /check against the official answers: every shared case byte for byte, the rejected
// inputs with their reasons, and a request without IR for a built-in key.
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';

import { MIDNIGHT, caseNames, read, startServer, tempDir, withKeyLocation } from './harness.mjs';

let server;
before(async () => {
  // A cache holding the built-in IRs (pinned files from midnight-ledger), as a real start-up
  // would have fetched them.
  const pp = tempDir();
  mkdirSync(join(pp, 'zswap', '9'), { recursive: true });
  for (const name of ['spend', 'output', 'sign']) {
    copyFileSync(join(MIDNIGHT, 'circuits', 'ledger-static', `zswap_static_${name}.bzkir`), join(pp, 'zswap', '9', `${name}.bzkir`));
  }
  server = await startServer({ pp, args: ['--offline'] });
});
after(() => server?.cleanup());

const post = (path, body) => fetch(server.url + path, { method: 'POST', body });

test('every case answers the official response byte for byte', async () => {
  const names = caseNames();
  assert.ok(names.length >= 15);
  for (const name of names) {
    const res = await post('/check', read('cases', name, 'check-request.bin'));
    assert.equal(res.status, 200, name);
    const body = Buffer.from(await res.arrayBuffer());
    assert.ok(body.equals(read('cases', name, 'check-response.bin')), name);
  }
});

test('concurrent checks all answer correctly', async () => {
  const names = caseNames();
  const results = await Promise.all(
    names.flatMap((name) => [0, 1, 2].map(async () => {
      const res = await post('/check', read('cases', name, 'check-request.bin'));
      return [name, res.status, Buffer.from(await res.arrayBuffer())];
    })),
  );
  for (const [name, status, body] of results) {
    assert.equal(status, 200, name);
    assert.ok(body.equals(read('cases', name, 'check-response.bin')), name);
  }
});

test('rejected preimages: 400 "bad input" with the reason', async () => {
  const expected = JSON.parse(read('negative', 'expected.json').toString());
  let n = 0;
  for (const e of expected.filter((x) => x.http?.endpoint === '/check')) {
    const res = await post('/check', read('negative', e.http.request));
    assert.equal(res.status, e.http.expected_status, e.name);
    assert.equal(await res.text(), `bad input: ${e.expected_check_error}`, e.name);
    n++;
  }
  assert.equal(n, 4);
});

test('undecodable bodies: 400 with the decoder message', async () => {
  const cases = [
    ['check-request-trailing-byte.bin', /^Not all bytes read deserializing 'midnight:\(proof-preimage-versioned,option\(wrapped-ir\)\):'; 1 bytes remaining$/],
    ['check-request-wrong-tag.bin', /^expected header tag 'midnight:\(proof-preimage-versioned,option\(wrapped-ir\)\):', got /],
    ['check-request-bad-option.bin', /^Invalid discriminant: 2\./],
  ];
  for (const [file, pattern] of cases) {
    const res = await post('/check', read('negative', file));
    assert.equal(res.status, 400, file);
    assert.match(await res.text(), pattern, file);
  }
  assert.equal((await post('/check', new Uint8Array(0))).status, 400);
});

test('no IR and a non-built-in key: 400, as the official server', async () => {
  const res = await post('/check', read('http-dump', '001-check.request.bin'));
  assert.equal(res.status, 400);
  assert.equal(await res.text(), "bad input: couldn't find built-in key increment");
});

// A /check body without IR around a preimage file (`midnight:proof-preimage:` + body).
function checkWithoutIr(preimage) {
  return Buffer.concat([
    Buffer.from('midnight:(proof-preimage-versioned,option(wrapped-ir)):'),
    Buffer.from([1]), // V2
    preimage.subarray(Buffer.byteLength('midnight:proof-preimage:')),
    Buffer.from([0]), // no IR
  ]);
}

test('no IR and a built-in key: the cached built-in IR is used', async () => {
  // The counter preimage under a built-in location: the zswap IR is found and runs, and
  // rejects the counter's inputs for its own reason.
  const counter = read('cases', 'counter-increment', 'preimage.bin');
  const res = await post('/check', checkWithoutIr(withKeyLocation(counter, 'increment', 'midnight/zswap/sign')));
  assert.equal(res.status, 400);
  const text = await res.text();
  assert.match(text, /^bad input: /);
  assert.doesNotMatch(text, /couldn't find built-in key/);
  // Not cached and offline: the reason names the missing artifact.
  const dust = await post('/check', checkWithoutIr(withKeyLocation(counter, 'increment', 'midnight/dust/spend')));
  assert.equal(dust.status, 400);
  assert.match(await dust.text(), /dust\/9\/spend\.bzkir/);
});
