// The official Midnight clients, unchanged, against nightjar-server: midnight-js's HTTP proving
// provider (what dApps use) and the wallet SDK's prover client.
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';

import { httpClientProvingProvider } from '@midnight-ntwrk/midnight-js-http-client-proof-provider';
import { HttpProverClient } from '@midnight-ntwrk/wallet-sdk-prover-client/effect';
import { Effect } from 'effect';

import { MIDNIGHT, caseNames, read, startServer, tempDir, withKeyLocation } from './harness.mjs';

let server;
before(async () => {
  const pp = tempDir();
  mkdirSync(join(pp, 'zswap', '9'), { recursive: true });
  copyFileSync(join(MIDNIGHT, 'circuits', 'ledger-static', 'zswap_static_sign.bzkir'), join(pp, 'zswap', '9', 'sign.bzkir'));
  server = await startServer({ pp, args: ['--offline'] });
});
after(() => server?.cleanup());

// midnight-js reads the circuit files through a ZKConfigProvider; serve them from the vectors.
function zkConfigFor(caseName) {
  const meta = JSON.parse(read('cases', caseName, 'meta.json'));
  // "circuits/vault/approve.{zkir,bzkir,prover,verifier}" -> "circuits/vault/approve"
  const base = meta.circuit_files.replace(/\.[^/]*$/, '');
  return {
    keyLocation: meta.key_location,
    provider: {
      get: async (circuitId) => ({
        circuitId,
        proverKey: read(`${base}.prover`),
        verifierKey: read(`${base}.verifier`),
        zkir: read(`${base}.bzkir`),
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
