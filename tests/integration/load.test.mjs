// /prove under load and faults, on loopback and bounded: 16 concurrent proofs of a k = 13 case on
// 2 workers (all succeed and verify, /ready tells the truth while they run, p50/p95 printed);
// a job capacity of 4 (the excess gets 429, nothing else fails); a job timeout and a client
// disconnect, each stopping the prover (the CPU drops within a second); SIGTERM draining a proof.
import assert from 'node:assert/strict';
import net from 'node:net';
import { after, test } from 'node:test';

import { cpuSeconds, metric, read, ready, srsCache, startServer, until, verifyProof } from './harness.mjs';

const CASE = 'bboard-post';  // k = 13, the largest shared circuit
const BODY = read('cases', CASE, 'prove-request.bin');
const OFFICIAL_SIZE = read('cases', CASE, 'prove-response.bin').length;

const servers = [];
after(() => servers.forEach((s) => s.cleanup()));
async function server(args) {
  const s = await startServer({ args, pp: srsCache([13]) });
  servers.push(s);
  return s;
}

// Sends `n` /prove requests at once; resolves with each one's status, body and latency.
function burst(s, n, onSettled = () => {}) {
  return Promise.all(Array.from({ length: n }, async () => {
    const t0 = performance.now();
    const res = await fetch(`${s.url}/prove`, { method: 'POST', body: BODY });
    const body = Buffer.from(await res.arrayBuffer());
    onSettled();
    return { status: res.status, body, ms: performance.now() - t0 };
  }));
}

function percentiles(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (p) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
  return { p50: Math.round(at(50)), p95: Math.round(at(95)), max: Math.round(sorted.at(-1)) };
}

test('16 concurrent /prove at k = 13 on 2 workers: all succeed and verify; /ready tells the truth', async (t) => {
  const s = await server(['--num-workers', '2']);
  let outstanding = 16;
  const t0 = performance.now();
  const replies = burst(s, 16, () => outstanding--);
  let done = false;
  replies.finally(() => (done = true));
  const snapshots = [];
  while (!done) {
    const before = outstanding;
    const res = await fetch(`${s.url}/ready`);
    snapshots.push({ http: res.status, before, ...(await res.json()) });
    await new Promise((r) => setTimeout(r, 25));
  }
  const results = await replies;
  const wall = performance.now() - t0;

  for (const r of results) {
    assert.equal(r.status, 200, r.body.toString());
    assert.equal(r.body.length, OFFICIAL_SIZE);
  }
  for (const r of results) {
    const verified = verifyProof(r.body, CASE);
    assert.ok(verified.ok, verified.output);
  }
  // Never more running than workers, never busy without a capacity, never more jobs than the
  // client has unanswered (a worker counts its job until it lets go of it, which may be just
  // after the answer arrived: at most one such job per worker); and the queue was seen at work.
  for (const snap of snapshots) {
    assert.equal(snap.http, 200);
    assert.equal(snap.status, 'ok');
    assert.equal(snap.jobCapacity, 0);
    assert.ok(snap.jobsProcessing <= 2, JSON.stringify(snap));
    assert.ok(snap.jobsPending <= snap.before, JSON.stringify(snap));
    assert.ok(snap.jobsProcessing + snap.jobsPending <= snap.before + 2, JSON.stringify(snap));
  }
  assert.ok(snapshots.some((x) => x.jobsProcessing === 2 && x.jobsPending >= 1), JSON.stringify(snapshots));
  await until(async () => {
    const idle = await ready(s);
    return idle.jobsProcessing + idle.jobsPending === 0;
  }, 'an idle queue after the last answer');
  assert.equal(await metric(s.url, 'nightjar_circuit_job_seconds_count{endpoint="/prove",k="13"}'), 16);

  const { p50, p95, max } = percentiles(results.map((r) => r.ms));
  const maxPending = Math.max(...snapshots.map((x) => x.jobsPending));
  t.diagnostic(`16 x /prove k=13, 2 workers: p50 ${p50} ms, p95 ${p95} ms, max ${max} ms, wall ${Math.round(wall)} ms, ` +
    `${(16000 / wall).toFixed(2)} proofs/s; /ready polled ${snapshots.length}x, max pending ${maxPending}`);
});

test('--job-capacity 4: the excess gets 429 and nothing else fails', async (t) => {
  const s = await server(['--num-workers', '2', '--job-capacity', '4']);
  const results = await burst(s, 16);
  const ok = results.filter((r) => r.status === 200);
  const full = results.filter((r) => r.status === 429);
  assert.equal(ok.length + full.length, 16, `statuses ${results.map((r) => r.status)}`);
  // Two running and four queued are always admitted: a proof outlasts the burst's arrival.
  assert.ok(ok.length >= 6, `statuses ${results.map((r) => r.status)}`);
  assert.ok(full.length >= 1);
  for (const r of ok) assert.equal(r.body.length, OFFICIAL_SIZE);
  for (const r of full) assert.equal(r.body.toString(), 'Job Queue full: 4 jobs pending, capacity 4');
  assert.equal(await metric(s.url, 'nightjar_errors_total{reason="queue_full"}'), full.length);
  assert.equal(await metric(s.url, 'nightjar_jobs_total{endpoint="/prove",outcome="ok"}'), ok.length);
  const { p50, p95 } = percentiles(ok.map((r) => r.ms));
  t.diagnostic(`capacity 4: ${ok.length} proved (p50 ${p50} ms, p95 ${p95} ms), ${full.length} refused with 429`);
});

// From the cancellation at `t0` (performance.now()) for 1.5 s, sampling every 50 ms: when /ready
// first shows no running job, when the server's CPU last ran above a tenth of a core, and the
// CPU seconds it used from 1 s to 1.5 s (a prover left running would keep both cores busy well
// past then: four k = 13 proofs share two cores for over a second).
async function afterCancel(s, t0) {
  const samples = [[0, cpuSeconds(s.pid)]];
  let freed;
  while (performance.now() - t0 < 1500) {
    await new Promise((r) => setTimeout(r, 50));
    samples.push([performance.now() - t0, cpuSeconds(s.pid)]);
    if (freed === undefined && (await ready(s)).jobsProcessing === 0) freed = performance.now() - t0;
  }
  let drop = 0;
  for (let i = 1; i < samples.length; i++) {
    const rate = (samples[i][1] - samples[i - 1][1]) / ((samples[i][0] - samples[i - 1][0]) / 1000);
    if (rate > 0.1) drop = samples[i][0];
  }
  const late = samples.at(-1)[1] - samples.find(([at]) => at >= 1000)[1];
  return { freed: freed === undefined ? Infinity : Math.round(freed), drop: Math.round(drop), late };
}

test('a job timeout stops the prover: 504, and the CPU drops within a second', async (t) => {
  const s = await server(['--num-workers', '4', '--job-timeout', '0.4']);
  const results = await burst(s, 4);
  const t0 = performance.now();
  for (const r of results) {
    assert.equal(r.status, 504);
    assert.equal(r.body.toString(), 'job timed out after 0.4 s and was cancelled');
  }
  const { freed, drop, late } = await afterCancel(s, t0);
  assert.ok(late < 0.1, `the server used ${late.toFixed(2)} CPU s between 1 and 1.5 s after the timeout`);
  assert.ok(freed < 1000 && drop < 1000, `workers free after ${freed} ms, CPU down after ${drop} ms`);
  assert.equal(await metric(s.url, 'nightjar_errors_total{reason="timeout"}'), 4);
  t.diagnostic(`timeout: 4 running k=13 proofs cancelled; workers free ${freed} ms and CPU down ${drop} ms after the last 504`);
});

test('a client that disconnects stops its proof', async (t) => {
  const s = await server(['--num-workers', '4']);
  const sockets = await Promise.all(Array.from({ length: 4 }, () => new Promise((resolve) => {
    const socket = net.connect(s.port, '127.0.0.1', () => {
      socket.write(`POST /prove HTTP/1.1\r\nHost: t\r\nContent-Length: ${BODY.length}\r\n\r\n`);
      socket.write(BODY);
      resolve(socket);
    });
    socket.on('error', () => {});
  })));
  await until(async () => (await ready(s)).jobsProcessing === 4, 'four running proofs');
  await new Promise((r) => setTimeout(r, 150));
  sockets.forEach((socket) => socket.destroy());
  const t0 = performance.now();
  const { freed, drop, late } = await afterCancel(s, t0);
  assert.ok(late < 0.1, `the server used ${late.toFixed(2)} CPU s between 1 and 1.5 s after the disconnect`);
  assert.ok(freed < 1000 && drop < 1000, `workers free after ${freed} ms, CPU down after ${drop} ms`);
  assert.equal(await metric(s.url, 'nightjar_errors_total{reason="client_gone"}'), 4);
  assert.equal(await metric(s.url, 'nightjar_jobs_total{endpoint="/prove",outcome="client_gone"}'), 4);
  t.diagnostic(`disconnect: 4 running k=13 proofs cancelled; workers free ${freed} ms and CPU down ${drop} ms after the hang-up`);
});

test('SIGTERM lets a running proof finish, then exits 0', async () => {
  const s = await server(['--num-workers', '1']);
  const reply = fetch(`${s.url}/prove`, { method: 'POST', body: BODY });
  await until(async () => (await ready(s)).jobsProcessing === 1, 'a running proof');
  const exit = s.stop();
  const res = await reply;
  assert.equal(res.status, 200);
  const proof = Buffer.from(await res.arrayBuffer());
  assert.ok(verifyProof(proof, CASE).ok);
  assert.deepEqual(await exit, { code: 0, signal: null });
});
