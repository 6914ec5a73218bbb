// The official endpoints and their bodies, CORS, request ids and metrics over real HTTP.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { startServer } from './harness.mjs';

let server;
before(async () => {
  server = await startServer({ args: ['--job-capacity', '4'] });
});
after(() => server?.cleanup());

const TIMESTAMP = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\.\d{1,9} \+00:00:00$/;

test('GET / and /health', async () => {
  for (const path of ['/', '/health']) {
    const res = await fetch(server.url + path);
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type'), /^application\/json/);
    const body = await res.json();
    assert.deepEqual(Object.keys(body), ['status', 'timestamp']);
    assert.equal(body.status, 'ok');
    assert.match(body.timestamp, TIMESTAMP);
  }
});

test('GET /ready', async () => {
  const res = await fetch(`${server.url}/ready`);
  assert.equal(res.status, 200);
  const body = await res.json();
  assert.deepEqual(Object.keys(body), ['status', 'jobsProcessing', 'jobsPending', 'jobCapacity', 'timestamp']);
  assert.equal(body.status, 'ok');
  assert.equal(body.jobsProcessing, 0);
  assert.equal(body.jobsPending, 0);
  assert.equal(body.jobCapacity, 4);
  assert.match(body.timestamp, TIMESTAMP);
});

test('GET /version and /proof-versions', async () => {
  assert.equal(await (await fetch(`${server.url}/version`)).text(), '8.1.0');
  assert.equal(await (await fetch(`${server.url}/proof-versions`)).text(), '["V2"]');
});

test('/prove and /k refuse what does not decode, with the reason; /prove-tx is gone', async () => {
  const prove = await fetch(`${server.url}/prove`, { method: 'POST', body: new Uint8Array([1, 2, 3]) });
  assert.equal(prove.status, 400);
  assert.match(await prove.text(), /^expected header tag 'midnight:\(proof-preimage-versioned,option\(proving-data\),option\(fr-bls\)\):'/);
  const k = await fetch(`${server.url}/k`, { method: 'POST', body: new Uint8Array([1, 2, 3]) });
  assert.equal(k.status, 400);
  assert.match(await k.text(), /^Unsupported ZKIR version: /);
  const res = await fetch(`${server.url}/prove-tx`, { method: 'POST', body: new Uint8Array([1]) });
  assert.equal(res.status, 410);
  assert.match(await res.text(), /\/prove\b/);
});

test('wrong methods and unknown paths are 404, as official', async () => {
  for (const path of ['/check', '/prove', '/k']) assert.equal((await fetch(server.url + path)).status, 404, path);
  assert.equal((await fetch(`${server.url}/health`, { method: 'POST', body: 'x' })).status, 404);
  assert.equal((await fetch(`${server.url}/nope`)).status, 404);
  // --no-fetch-params: the route is not registered.
  assert.equal((await fetch(`${server.url}/fetch-params/10`)).status, 404);
});

test('permissive CORS', async () => {
  const origin = 'https://dapp.example';
  const res = await fetch(`${server.url}/health`, { headers: { Origin: origin } });
  assert.equal(res.headers.get('access-control-allow-origin'), origin);
  assert.equal(res.headers.get('access-control-allow-credentials'), 'true');
  const pre = await fetch(`${server.url}/check`, {
    method: 'OPTIONS',
    headers: {
      Origin: origin,
      'Access-Control-Request-Method': 'POST',
      'Access-Control-Request-Headers': 'content-type',
    },
  });
  assert.equal(pre.status, 200);
  assert.equal(pre.headers.get('access-control-allow-origin'), origin);
  assert.equal(pre.headers.get('access-control-allow-methods'), 'POST');
  assert.equal(pre.headers.get('access-control-allow-headers'), 'content-type');
  assert.equal(pre.headers.get('access-control-max-age'), '3600');
});

test('request ids are echoed or assigned, and logged', async () => {
  const mine = await fetch(`${server.url}/version`, { headers: { 'X-Request-Id': 'it-42' } });
  assert.equal(mine.headers.get('x-request-id'), 'it-42');
  const bad = await fetch(`${server.url}/version`, { headers: { 'X-Request-Id': 'no spaces allowed' } });
  assert.notEqual(bad.headers.get('x-request-id'), 'no spaces allowed');
  assert.ok(bad.headers.get('x-request-id'));
  await new Promise((r) => setTimeout(r, 50));
  const line = server.logs.find((l) => l.request_id === 'it-42');
  assert.ok(line, 'a log line for the request');
  assert.equal(line.endpoint, '/version');
  assert.equal(line.status, 200);
  assert.equal(typeof line.duration_ms, 'number');
  assert.equal(typeof line.queue_depth, 'number');
  assert.match(line.time, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
});

test('GET /metrics is Prometheus text', async () => {
  await fetch(`${server.url}/nope`);
  const res = await fetch(`${server.url}/metrics`);
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-type'), /^text\/plain; version=0\.0\.4/);
  const text = await res.text();
  assert.match(text, /^# TYPE nightjar_jobs_pending gauge$/m);
  assert.match(text, /^nightjar_job_capacity 4$/m);
  assert.match(text, /^nightjar_http_requests_total\{endpoint="\/health",status="200"\} \d+$/m);
  assert.match(text, /^nightjar_errors_total\{reason="not_found"\} \d+$/m);
  assert.match(text, /^nightjar_request_duration_seconds_bucket\{endpoint="\/version",le="\+Inf"\} \d+$/m);
});
