// Binary snapshots in JavaScript: `graph.toSnapshot()` (a Uint8Array) and
// `Graph.fromSnapshot(bytes)` give back the same document (history included) from a Uint8Array,
// a view of a larger buffer or an ArrayBuffer; the bytes are the ones the `okr` command writes;
// a damaged snapshot throws SnapshotError (name, code, ids) and nothing else is changed.
import test from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { readFileSync, mkdtempSync, rmSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { throwsOkr } from './helpers.mjs';

const require = createRequire(import.meta.url);
const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');
const { Graph } = require('../pkg/node/okr_wasm.js');
const ACME = readFileSync(path.join(root, 'examples/acme.okr.json'), 'utf8');
const AS_OF = '2026-11-15';

const progress = (g, at) => Object.fromEntries(g.rollup(at).map((n) => [n.id, [n.progress, n.status]]));

test('a snapshot holds the whole document', () => {
  const g = Graph.fromJson(ACME);
  const snap = g.toSnapshot();
  assert.ok(snap instanceof Uint8Array);
  assert.deepEqual(Array.from(snap.subarray(0, 8)), [0x89, 0x4f, 0x4b, 0x52, 0x0d, 0x0a, 0x1a, 0x0a]);
  assert.ok(snap.length * 2 < g.toJson().length);
  const back = Graph.fromSnapshot(snap);
  try {
    assert.equal(back.toJson(), g.toJson());
    for (const at of ['2026-10-15', AS_OF]) assert.deepEqual(progress(back, at), progress(g, at));
    assert.deepEqual(Array.from(back.toSnapshot()), Array.from(snap));
    // a view of a larger buffer, and a bare ArrayBuffer
    const big = new Uint8Array(snap.length + 16);
    big.set(snap, 7);
    const fromView = Graph.fromSnapshot(big.subarray(7, 7 + snap.length));
    const fromBuffer = Graph.fromSnapshot(snap.slice().buffer);
    assert.equal(fromView.toJson(), g.toJson());
    assert.equal(fromBuffer.toJson(), g.toJson());
    fromView.free();
    fromBuffer.free();
  } finally {
    back.free();
    g.free();
  }
});

test('the bytes are the ones the okr command writes, and it reads ours', () => {
  const okr = process.env.OKR_BIN;
  if (!okr) return; // scripts/test-wasm.sh sets it
  const dir = mkdtempSync(path.join(tmpdir(), 'okr-wasm-snapshot-'));
  try {
    const out = path.join(dir, 'acme.okrs');
    execFileSync(okr, ['snapshot', path.join(root, 'examples/acme.okr.json'), '-o', out]);
    const g = Graph.fromJson(ACME);
    assert.deepEqual(Array.from(readFileSync(out)), Array.from(g.toSnapshot()));
    const report = JSON.parse(execFileSync(okr, ['report', out, '--as-of', AS_OF, '--format', 'json'], { encoding: 'utf8' }));
    const mine = progress(g, AS_OF);
    for (const n of report.nodes) assert.equal(n.status, mine[n.id][1], n.id);
    g.free();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a damaged snapshot throws SnapshotError', () => {
  const g = Graph.fromJson(ACME);
  const snap = g.toSnapshot();
  g.free();
  const flipped = snap.slice();
  flipped[snap.length >> 1] ^= 0x40;
  const cases = [
    [snap.subarray(0, snap.length - 1), /cut short/],
    [flipped, /checksum does not match/],
    [new TextEncoder().encode(ACME), /not a snapshot/],
    [new Uint8Array(0), /not a snapshot/],
  ];
  for (const [bytes, why] of cases) {
    const e = throwsOkr(() => Graph.fromSnapshot(bytes), 'SnapshotError', 'invalid_snapshot', why);
    assert.deepEqual(e.ids, []);
  }
  for (const wrong of ['text', 3, null, undefined, [1, 2], {}]) {
    throwsOkr(() => Graph.fromSnapshot(wrong), 'InvalidValueError', 'invalid_value', /Uint8Array or an ArrayBuffer/);
  }
});

test('a view snapshots its own document only', () => {
  const g = Graph.fromJson(ACME);
  const v = g.viewFor('hanna');
  try {
    const snap = v.toSnapshot();
    assert.ok(!new TextDecoder('latin1').decode(snap).includes('gustav-tromso'));
    const back = Graph.fromSnapshot(snap);
    assert.equal(back.toJson(), v.toJson());
    assert.equal(back.isView, false);
    back.free();
  } finally {
    v.free();
    g.free();
  }
});
