// Load and faults on loopback, bounded in count and time: the queue answering 429 at capacity,
// the job timeout (504), a client hanging up, a 1 GiB declared body refused without being
// buffered, and malformed traffic that leaves the server answering.
import assert from 'node:assert/strict';
import net from 'node:net';
import { after, test } from 'node:test';

import {
  EMPTY_CHECK_RESPONSE, metric, rawExchange, read, rssBytes, slowCheckRequest, startServer, statusOf, until,
} from './harness.mjs';

const servers = [];
after(() => servers.forEach((s) => s.cleanup()));
async function server(args) {
  const s = await startServer({ args });
  servers.push(s);
  return s;
}

const SLOW = slowCheckRequest();
const post = (s, body, init = {}) => fetch(`${s.url}/check`, { method: 'POST', body, ...init });

test('the slow request is a valid check', async () => {
  const s = await server([]);
  const res = await post(s, SLOW);
  assert.equal(res.status, 200);
  assert.ok(Buffer.from(await res.arrayBuffer()).equals(EMPTY_CHECK_RESPONSE));
});

test('a full queue answers 429 and /ready says busy', async () => {
  const s = await server(['--num-workers', '1', '--job-capacity', '2']);
  const burst = Array.from({ length: 8 }, () => post(s, SLOW));
  // While the burst is queued the server is not ready.
  let sawBusy = false;
  const ready = await fetch(`${s.url}/ready`);
  if (ready.status === 503) {
    const body = await ready.json();
    assert.equal(body.status, 'busy');
    assert.equal(body.jobCapacity, 2);
    assert.equal(body.jobsPending, 2);
    sawBusy = true;
  }
  const responses = await Promise.all(burst);
  const statuses = responses.map((r) => r.status);
  const bodies = await Promise.all(responses.map((r) => r.text()));
  const ok = statuses.filter((x) => x === 200).length;
  const full = statuses.filter((x) => x === 429).length;
  assert.equal(ok + full, 8, `statuses ${statuses}`);
  assert.ok(ok >= 3, `at least the running job and the 2 queued succeed: ${statuses}`);
  assert.ok(full >= 1, `some were refused: ${statuses}`);
  bodies.forEach((b, i) => {
    if (statuses[i] === 429) assert.equal(b, 'Job Queue full: 2 jobs pending, capacity 2');
  });
  assert.ok(sawBusy || full >= 1);
  assert.equal(await metric(s.url, 'nightjar_errors_total{reason="queue_full"}'), full);
  await until(async () => (await fetch(`${s.url}/ready`)).status === 200, 'ready again');
});

test('a job over --job-timeout is cancelled with 504 and the reason', async () => {
  const s = await server(['--num-workers', '1', '--job-timeout', '0.1']);
  const res = await post(s, SLOW);
  assert.equal(res.status, 504);
  assert.equal(await res.text(), 'job timed out after 0.1 s and was cancelled');
  assert.equal(await metric(s.url, 'nightjar_errors_total{reason="timeout"}'), 1);
});

test('a client that hangs up cancels its queued job', async () => {
  const s = await server(['--num-workers', '1']);
  const running = post(s, SLOW);
  await until(async () => (await (await fetch(`${s.url}/ready`)).json()).jobsProcessing === 1, 'a running job');
  const socket = net.connect(s.port, '127.0.0.1');
  await new Promise((r) => socket.on('connect', r));
  socket.write(`POST /check HTTP/1.1\r\nHost: t\r\nContent-Length: ${SLOW.length}\r\n\r\n`);
  socket.write(SLOW);
  await until(async () => (await (await fetch(`${s.url}/ready`)).json()).jobsPending === 1, 'a queued job');
  socket.destroy();
  await until(async () => (await (await fetch(`${s.url}/ready`)).json()).jobsPending === 0, 'the queued job to leave');
  assert.equal((await running).status, 200);
  assert.equal(await metric(s.url, 'nightjar_errors_total{reason="client_gone"}'), 1);
  assert.equal(await metric(s.url, 'nightjar_jobs_total{endpoint="/check",outcome="ok"}'), 1);
});

test('a declared 1 GiB body gets 413 without being buffered', async () => {
  const s = await server([]);  // default --max-body, 512 MiB
  const before = rssBytes(s.pid);
  const raw = await new Promise((resolve) => {
    const socket = net.connect(s.port, '127.0.0.1');
    let received = '';
    let sent = 0;
    const chunk = Buffer.alloc(1 << 20);
    const pump = () => {
      // At most 64 MiB of the declared GiB: enough to show the body is not kept.
      while (sent < 64 && socket.write(chunk)) sent++;
    };
    socket.on('connect', () => {
      socket.write('POST /check HTTP/1.1\r\nHost: t\r\nContent-Length: 1073741824\r\n\r\n');
      pump();
    });
    socket.on('drain', pump);
    socket.on('data', (d) => (received += d.toString('latin1')));
    socket.on('error', () => {});
    socket.on('close', () => resolve(received));
    setTimeout(() => socket.destroy(), 10_000);
  });
  assert.equal(statusOf(raw), 413);
  assert.match(raw, /request body exceeds the limit of 536870912 bytes/);
  assert.match(raw, /Connection: close/i);
  const grown = rssBytes(s.pid) - before;
  assert.ok(grown < 32 << 20, `RSS grew by ${grown} bytes`);
  assert.equal((await fetch(`${s.url}/health`)).status, 200);
});

test('a chunked body over --max-body gets 413', async () => {
  const s = await server(['--max-body', '1MiB']);
  const piece = `100000\r\n${'x'.repeat(0x100000)}\r\n`;
  const raw = await rawExchange(s.port, [
    'POST /check HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n', piece, piece, piece,
  ]);
  assert.equal(statusOf(raw), 413);
});

// A small deterministic PRNG, so a failure replays.
function prng(seed) {
  let x = seed >>> 0;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 2 ** 32;
  };
}

test('malformed traffic leaves the server answering', async () => {
  const s = await server(['--header-timeout', '1', '--body-timeout', '1']);
  const rand = prng(7);
  const bytes = (n) => Buffer.from(Array.from({ length: n }, () => Math.floor(rand() * 256)));
  const valid = read('cases', 'vault-approve', 'check-request.bin');
  const payloads = [
    'GARBAGE\r\n\r\n',
    'GET / HTTP/9.9\r\n\r\n',
    'GET /health HTTP/1.1\r\nHost: t\r\nContent-Length: -1\r\n\r\n',
    'GET /health HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: gzip\r\n\r\n',
    'POST /check HTTP/1.1\r\nHost: t\r\nContent-Length: 10\r\n\r\nabc',  // short body, then silence
    'GET /health HTTP/1.1\r\n',  // headers never finish
    `POST /check HTTP/1.1\r\nHost: t\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\nab`,
    ...Array.from({ length: 30 }, () => bytes(1 + Math.floor(rand() * 512))),
  ];
  // Valid HTTP carrying broken tagged bodies: truncations and bit flips of a real request.
  const bodies = Array.from({ length: 40 }, (_, i) => {
    const b = Buffer.from(valid);
    if (i % 2 === 0) return b.subarray(0, Math.floor(rand() * b.length));
    for (let j = 0; j < 4; j++) b[Math.floor(rand() * b.length)] ^= 1 << Math.floor(rand() * 8);
    return b;
  });
  for (let i = 0; i < payloads.length; i += 10) {
    await Promise.all(payloads.slice(i, i + 10).map((p) => rawExchange(s.port, p, { ms: 3_000 })));
  }
  const statuses = await Promise.all(bodies.map(async (b) => (await post(s, b)).status));
  for (const st of statuses) assert.ok(st === 200 || st === 400, `status ${st}`);
  assert.ok(statuses.filter((x) => x === 400).length >= 20);
  // Connections dropped mid-request, at every stage.
  for (const cut of [5, 40, 80]) {
    const socket = net.connect(s.port, '127.0.0.1');
    await new Promise((r) => socket.on('connect', r));
    const req = Buffer.concat([Buffer.from(`POST /check HTTP/1.1\r\nHost: t\r\nContent-Length: ${valid.length}\r\n\r\n`), valid]);
    socket.write(req.subarray(0, cut));
    socket.destroy();
  }
  assert.equal((await fetch(`${s.url}/health`)).status, 200);
  const ok = await post(s, valid);
  assert.equal(ok.status, 200);
  assert.ok(Buffer.from(await ok.arrayBuffer()).equals(read('cases', 'vault-approve', 'check-response.bin')));
  assert.equal(s.logs.filter((l) => l.level === 'error').length, 0);
});
