// Runs last (files run in name order): every log line every nightjar-server wrote during this
// `node --test` run (harness.mjs keeps them in SUITE_LOGS) is searched for the bytes of every
// preimage the suite sent — the shared cases' and the rejected ones' — in hex, either case, and
// raw. The official server prints request bodies in hex at DEBUG; nightjar never prints them.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { after, test } from 'node:test';

import { MIDNIGHT, SUITE_LOGS, caseNames } from './harness.mjs';

after(() => rmSync(SUITE_LOGS, { recursive: true, force: true }));

const WINDOW = 12;
const PREFIX = Buffer.byteLength('midnight:proof-preimage:');

function preimages() {
  const files = caseNames().map((c) => join(MIDNIGHT, 'cases', c, 'preimage.bin'));
  for (const f of readdirSync(join(MIDNIGHT, 'negative'))) {
    if (f.endsWith('.preimage.bin')) files.push(join(MIDNIGHT, 'negative', f));
  }
  return files.map((f) => readFileSync(f));
}

test('no log line of the whole suite carries preimage bytes, in hex or raw', () => {
  let files;
  try {
    files = readdirSync(SUITE_LOGS);
  } catch {
    assert.fail(`no suite logs at ${SUITE_LOGS}: run the whole suite (node --test), this file last`);
  }
  const lines = files.flatMap((f) => readFileSync(join(SUITE_LOGS, f), 'latin1').split('\n')).filter((l) => l);
  // The suite ran: many servers, proofs among their requests.
  assert.ok(files.length >= 10, `${files.length} server logs`);
  assert.ok(lines.filter((l) => l.includes('"endpoint":"/prove"')).length >= 20);
  const text = lines.join('\n');
  const lower = text.toLowerCase();

  // Every 12-byte window of every preimage's body (the tag is public), skipping windows of one
  // repeated byte (zeros) and of printable text (key locations are public names a reason quotes).
  const hex = new Set();
  const raw = new Set();
  let windows = 0;
  for (const p of preimages()) {
    for (let i = PREFIX; i + WINDOW <= p.length; i++) {
      const w = p.subarray(i, i + WINDOW);
      if (w.every((b) => b === w[0])) continue;
      hex.add(w.toString('hex'));
      if (!w.every((b) => b >= 0x20 && b < 0x7f)) raw.add(w.toString('latin1'));
      windows++;
    }
  }
  assert.ok(windows > 1000);
  for (let i = 0; i + 2 * WINDOW <= lower.length; i++) {
    assert.ok(!hex.has(lower.slice(i, i + 2 * WINDOW)), `hex preimage bytes in a log line: ${lower.slice(i - 40, i + 60)}`);
  }
  for (let i = 0; i + WINDOW <= text.length; i++) {
    assert.ok(!raw.has(text.slice(i, i + WINDOW)), 'raw preimage bytes in a log line');
  }
});
