// SIGTERM: stop accepting, let running jobs finish (or cancel them at --drain-timeout), exit 0.
import assert from 'node:assert/strict';
import { after, test } from 'node:test';

import { EMPTY_CHECK_RESPONSE, slowCheckRequest, startServer } from './harness.mjs';

const servers = [];
after(() => servers.forEach((s) => s.cleanup()));

const SLOW = slowCheckRequest();

async function untilRunning(s) {
  for (let i = 0; i < 500; i++) {
    if ((await (await fetch(`${s.url}/ready`)).json()).jobsProcessing > 0) return;
    await new Promise((r) => setTimeout(r, 10));
  }
  assert.fail('no job started');
}

test('SIGTERM lets a running job finish, then exits 0', async () => {
  const s = await startServer({ args: ['--num-workers', '1'] });
  servers.push(s);
  const reply = fetch(`${s.url}/check`, { method: 'POST', body: SLOW });
  await untilRunning(s);
  const exit = s.stop();
  const res = await reply;
  assert.equal(res.status, 200);
  assert.ok(Buffer.from(await res.arrayBuffer()).equals(EMPTY_CHECK_RESPONSE));
  assert.deepEqual(await exit, { code: 0, signal: null });
  const messages = s.logs.map((l) => l.message);
  assert.ok(messages.includes('shutting down'));
  assert.equal(messages.at(-1), 'stopped');
  await assert.rejects(fetch(`${s.url}/health`));
});

test('jobs still running at --drain-timeout are cancelled with 503', async () => {
  const s = await startServer({ args: ['--num-workers', '1', '--drain-timeout', '0.1'] });
  servers.push(s);
  const replies = [0, 1, 2].map(() => fetch(`${s.url}/check`, { method: 'POST', body: SLOW }));
  await untilRunning(s);
  const exit = s.stop();
  const responses = await Promise.all(replies);
  for (const res of responses) {
    // The first may have finished inside the deadline on a fast machine; the rest cannot.
    assert.ok(res.status === 503 || res.status === 200, `status ${res.status}`);
  }
  const cancelled = responses.filter((r) => r.status === 503);
  assert.ok(cancelled.length >= 2);
  for (const res of cancelled) assert.equal(await res.text(), 'server shutting down');
  assert.deepEqual(await exit, { code: 0, signal: null });
  assert.ok(s.logs.some((l) => l.message === 'drain deadline passed'));
});

test('SIGTERM on an idle server exits 0 at once', async () => {
  const s = await startServer();
  servers.push(s);
  const t0 = Date.now();
  assert.deepEqual(await s.stop(), { code: 0, signal: null });
  assert.ok(Date.now() - t0 < 5_000);
});
