// TLS terminated in the process: a self-signed certificate made at start-up, or PEM files.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import https from 'node:https';
import { join } from 'node:path';
import { after, test } from 'node:test';

import { rawExchange, read, startServer, tempDir } from './harness.mjs';

const servers = [];
after(() => servers.forEach((s) => s.cleanup()));

function request(port, ca, path, body) {
  return new Promise((resolve, reject) => {
    const req = https.request(
      { host: '127.0.0.1', port, path, method: body ? 'POST' : 'GET', ca, ALPNProtocols: ['h2', 'http/1.1'] },
      (res) => {
        const alpn = res.socket.alpnProtocol;
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode, body: Buffer.concat(chunks), alpn }));
      },
    );
    req.on('error', reject);
    req.setTimeout(10_000, () => req.destroy(new Error('timeout')));
    req.end(body);
  });
}

test('--tls-self-signed: a verifiable certificate for 127.0.0.1, HTTP/1.1 over TLS', async () => {
  const certFile = join(tempDir(), 'cert.pem');
  const s = await startServer({ args: ['--tls-self-signed', '--tls-cert-out', certFile] });
  servers.push(s);
  assert.match(s.url, /^https:\/\//);
  const ca = readFileSync(certFile);
  const health = await request(s.port, ca, '/health');
  assert.equal(health.status, 200);
  assert.equal(health.alpn, 'http/1.1');
  const check = await request(s.port, ca, '/check', read('cases', 'counter-increment', 'check-request.bin'));
  assert.equal(check.status, 200);
  assert.ok(check.body.equals(read('cases', 'counter-increment', 'check-response.bin')));
  // The log names the certificate's fingerprint, for pinning.
  assert.ok(s.logs.some((l) => l.message === 'tls' && /^certificate sha256 [0-9a-f]{64}$/.test(l.detail)));
  // Without the CA the certificate is refused (it is really checked).
  await assert.rejects(request(s.port, undefined, '/health'));
  // Plain HTTP on the TLS port gets nothing useful, and the server carries on.
  const raw = await rawExchange(s.port, 'GET /health HTTP/1.1\r\nHost: t\r\n\r\n', { ms: 2_000 });
  assert.doesNotMatch(raw, /200 OK/);
  assert.equal((await request(s.port, ca, '/health')).status, 200);
});

test('--tls-cert and --tls-key from PEM files', async (t) => {
  const dir = tempDir();
  try {
    execFileSync('openssl', [
      'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-days', '1',
      '-subj', '/CN=localhost', '-addext', 'subjectAltName=IP:127.0.0.1',
      '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'),
    ], { stdio: 'ignore' });
  } catch {
    t.skip('openssl command not available');
    return;
  }
  const s = await startServer({ args: ['--tls-cert', join(dir, 'cert.pem'), '--tls-key', join(dir, 'key.pem')] });
  servers.push(s);
  const res = await request(s.port, readFileSync(join(dir, 'cert.pem')), '/version');
  assert.equal(res.status, 200);
  assert.equal(res.body.toString(), '8.1.0');
});
