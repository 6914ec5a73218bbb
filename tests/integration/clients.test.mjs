// The official Midnight clients, unchanged, against nightjar-server: midnight-js's HTTP proving
// provider (what dApps use) and the wallet SDK's prover client check and prove the shared cases;
// every proof is checked with `nightjar verify` against the official verifier key.
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';

import { httpClientProvingProvider } from '@midnight-ntwrk/midnight-js-http-client-proof-provider';
import { HttpProverClient } from '@midnight-ntwrk/wallet-sdk-prover-client/effect';
import { Effect } from 'effect';

import {
  MIDNIGHT, caseNames, circuitOf, read, srsCache, startServer, tempDir, verifyProof, withBindingInput,
  withKeyLocation,
} from './harness.mjs';

let server;
before(async () => {
  // The SRS of every case's k, and of the built-in sign circuit's IR; no built-in prover key.
  const pp = srsCache([5, 6, 9, 10, 11, 13]);
  mkdirSync(join(pp, 'zswap', '9'), { recursive: true });
  copyFileSync(join(MIDNIGHT, 'circuits', 'ledger-static', 'zswap_static_sign.bzkir'), join(pp, 'zswap', '9', 'sign.bzkir'));
  server = await startServer({ pp, args: ['--offline'] });
});
after(() => server?.cleanup());

// midnight-js reads the circuit files through a ZKConfigProvider; serve them from the vectors.
function zkConfigFor(caseName) {
  const { keyLocation, base } = circuitOf(caseName);
  return {
    keyLocation,
    provider: {
      get: async (circuitId) => ({
        circuitId,
        proverKey: readFileSync(`${base}.prover`),
        verifierKey: readFileSync(`${base}.verifier`),
        zkir: readFileSync(`${base}.bzkir`),
      }),
    },
  };
}

test('midnight-js httpClientProvingProvider.check matches the official result for every case', async () => {
  for (const name of caseNames()) {
    const { keyLocation, provider } = zkConfigFor(name);
    const client = httpClientProvingProvider(server.url, provider);
    const result = await client.check(read('cases', name, 'preimage.bin'), keyLocation);
    const expected = JSON.parse(read('cases', name, 'check.json')).map((x) => (x === null ? undefined : BigInt(x)));
    assert.deepEqual(result, expected, name);
  }
});

test('midnight-js sees a rejected preimage as an error, not a result', async () => {
  const { keyLocation, provider } = zkConfigFor('counter-increment');
  const client = httpClientProvingProvider(server.url, provider);
  await assert.rejects(
    client.check(read('negative', 'counter-tampered-public-transcript.preimage.bin'), keyLocation),
    /code="400"/,
  );
});

async function walletProvider() {
  const service = await Effect.runPromise(HttpProverClient.create({ url: server.url }));
  return service.asProvingProvider();
}

test('wallet SDK prover client: a contract key is not built in, and the reason reaches the client', async () => {
  const prover = await walletProvider();
  await assert.rejects(
    prover.check(read('cases', 'counter-increment', 'preimage.bin'), 'increment'),
    (e) => /couldn't find built-in key increment/.test(e.message),
  );
});

test('wallet SDK prover client: a built-in key resolves to the cached IR', async () => {
  const prover = await walletProvider();
  const preimage = withKeyLocation(read('cases', 'counter-increment', 'preimage.bin'), 'increment', 'midnight/zswap/sign');
  await assert.rejects(prover.check(preimage, 'midnight/zswap/sign'), (e) => {
    assert.match(e.message, /bad input: /);
    assert.doesNotMatch(e.message, /couldn't find built-in key/);
    return true;
  });
});

// The official proof's length: the sizes depend on the circuit, not on the randomness.
const officialSize = (name) => read('cases', name, 'prove-response.bin').length;

test('midnight-js httpClientProvingProvider.prove: every case proves and the proof verifies', async () => {
  const names = caseNames();
  assert.ok(names.length >= 15);
  for (const name of names) {
    const { keyLocation, provider } = zkConfigFor(name);
    const client = httpClientProvingProvider(server.url, provider);
    const proof = Buffer.from(await client.prove(read('cases', name, 'preimage.bin'), keyLocation));
    assert.ok(proof.subarray(0, 26).equals(Buffer.from('midnight:proof-versioned:\x01')), name);
    assert.equal(proof.length, officialSize(name), name);
    const verified = verifyProof(proof, name);
    assert.ok(verified.ok, `${name}: ${verified.output}`);
  }
  const lines = server.logs.filter((l) => l.endpoint === '/prove' && l.status === 200);
  assert.equal(lines.length, caseNames().length);
  for (const l of lines) assert.equal(typeof l.k, 'number');
});

test('midnight-js: the binding input override is what the proof is about', async () => {
  const { keyLocation, provider } = zkConfigFor('counter-increment');
  const client = httpClientProvingProvider(server.url, provider);
  const proof = Buffer.from(await client.prove(read('cases', 'counter-increment', 'preimage.bin'), keyLocation, 12345n));
  const overridden = join(tempDir(), 'preimage.bin');
  writeFileSync(overridden, withBindingInput(read('cases', 'counter-increment', 'preimage.bin'), 12345));
  const verified = verifyProof(proof, 'counter-increment', overridden);
  assert.ok(verified.ok, verified.output);
  // The preimage's own binding input (0) is not the statement any more.
  assert.equal(verifyProof(proof, 'counter-increment').ok, false);
});

test('midnight-js sees a refused proof as an error, and no proof is made', async () => {
  const { keyLocation, provider } = zkConfigFor('counter-increment');
  const client = httpClientProvingProvider(server.url, provider);
  await assert.rejects(
    client.prove(read('negative', 'counter-tampered-public-transcript.preimage.bin'), keyLocation),
    /code="400"/,
  );
});

test('wallet SDK prover client: no keys for a contract circuit, and the reason reaches the client', async () => {
  const prover = await walletProvider();
  await assert.rejects(
    prover.prove(read('cases', 'counter-increment', 'preimage.bin'), 'increment', 12345n),
    (e) => /couldn't find key increment/.test(e.message),
  );
});

test('wallet SDK prover client: a built-in key the server cannot have is refused with the file it lacks', async () => {
  // Offline, without the pinned built-in prover keys (they are not in the shared vectors).
  const prover = await walletProvider();
  const preimage = withKeyLocation(read('cases', 'counter-increment', 'preimage.bin'), 'increment', 'midnight/zswap/sign');
  await assert.rejects(prover.prove(preimage, 'midnight/zswap/sign'), (e) => {
    assert.match(e.message, /bad input: .*zswap\/9\/sign\.prover/);
    return true;
  });
});
