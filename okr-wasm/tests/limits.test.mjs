// Limits in JavaScript (issue 23): a plain options object `{ limits: { maxObjectives, ... } }`
// taken by `new Graph`, `Graph.fromJson`, `Graph.fromObject`, `Graph.fromSnapshot` and
// `Graph.fromCsv`, given back by `graph.limits()`; every change is held to the graph's limits
// as reading a document is (LimitExceededError, nothing changed).
import test from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { throwsOkr } from './helpers.mjs';

const require = createRequire(import.meta.url);
const { Graph } = require('../pkg/node/okr_wasm.js');

const DOC = {
  version: 2,
  owners: [{ id: 'acme', name: 'Acme', kind: 'organisation' }],
  cycles: [{ id: 'q4', start: '2026-10-01', end: '2026-12-31' }],
  objectives: [{
    id: 'grow', title: 'Grow', owner: 'acme', cycle: 'q4',
    key_results: [{ id: 'rev', title: 'Revenue', measure: { kind: 'numeric', start: 0, target: 100 } }],
  }],
};
const TWO = { ...DOC, objectives: [...DOC.objectives, { id: 'keep', title: 'Keep', owner: 'acme', cycle: 'q4' }] };

test('the defaults are okr-core\'s, camelCase, and a graph gives them back', () => {
  const g = new Graph();
  const l = g.limits();
  assert.equal(l.maxCheckInsPerKeyResult, 10000);
  assert.equal(l.maxObjectives, 1000000);
  assert.equal(l.maxDocumentBytes, 512 * 1024 * 1024);
  assert.equal(Object.keys(l).length, 18);
  assert.ok(Object.keys(l).every((k) => /^max[A-Z][A-Za-z]*$/.test(k)));
  assert.deepEqual(Graph.fromJson(JSON.stringify(DOC)).limits(), l);
  assert.deepEqual(new Graph({}).limits(), l);
  assert.deepEqual(new Graph({ limits: {} }).limits(), l);
  assert.deepEqual(new Graph(undefined).limits(), l);
  const some = new Graph({ limits: { maxObjectives: 3, maxKpis: Infinity } }).limits();
  assert.equal(some.maxObjectives, 3);
  assert.equal(some.maxKpis, Infinity);
  assert.equal(some.maxOwners, l.maxOwners);
  g.free();
});

test('bad options are InvalidValueError', () => {
  for (const bad of [
    { limits: { maxThings: 3 } },
    { limits: { max_objectives: 3 } },
    { limits: { maxObjectives: -1 } },
    { limits: { maxObjectives: 1.5 } },
    { limits: { maxObjectives: NaN } },
    { limits: { maxObjectives: '3' } },
    { limits: { maxObjectives: 2 ** 53 } },
    { limits: [1] },
    { other: 1 },
  ]) {
    const e = throwsOkr(() => new Graph(bad), 'InvalidValueError', 'invalid_value');
    assert.match(e.message, /options/);
    throwsOkr(() => Graph.fromJson(JSON.stringify(DOC), bad), 'InvalidValueError', 'invalid_value');
  }
  const e = throwsOkr(() => new Graph({ limits: { maxThings: 3 } }), 'InvalidValueError', 'invalid_value');
  assert.match(e.message, /maxThings/);
  assert.match(e.message, /the limits are maxDocumentBytes, maxJsonDepth, /);
  assert.doesNotMatch(e.message, /max_objectives/);
});

test('every reader takes limits, and the graph keeps them', () => {
  const full = Graph.fromObject(TWO);
  const readers = {
    fromJson: (o) => Graph.fromJson(JSON.stringify(TWO), o),
    fromObject: (o) => Graph.fromObject(TWO, o),
    fromSnapshot: (o) => Graph.fromSnapshot(full.toSnapshot(), o),
    fromCsv: (o) => Graph.fromCsv(full.toCsv(), o),
  };
  for (const [name, read] of Object.entries(readers)) {
    const one = { limits: { maxObjectives: 1 } };
    if (name === 'fromCsv') {
      const e = throwsOkr(() => read(one), 'TableError', 'invalid_tables');
      assert.ok(e.problems.some((p) => p.code === 'limit_exceeded'), name);
    } else {
      throwsOkr(() => read(one), 'LimitExceededError', 'limit_exceeded', /objectives is 2, the limit is 1/);
    }
    const g = read({ limits: { maxObjectives: 2 } });
    assert.equal(g.limits().maxObjectives, 2, name);
    const before = g.toJson();
    throwsOkr(() => g.addObjective({ id: 'more', title: 'More', owner: 'acme', cycle: 'q4' }),
      'LimitExceededError', 'limit_exceeded', /objectives is 3, the limit is 2/);
    assert.equal(g.toJson(), before, name);
    const copy = g.clone();
    assert.equal(copy.limits().maxObjectives, 2);
    copy.free();
    g.free();
    assert.equal(read().limits().maxObjectives, 1000000, name);
  }
  full.free();
});

test('check-ins over the limit, one at a time and in bulk, change nothing', () => {
  const g = Graph.fromObject(DOC, { limits: { maxCheckInsPerKeyResult: 2 } });
  g.checkIn('rev', { at: '2026-10-02', value: 1 });
  const before = g.toJson();
  const e = throwsOkr(() => g.checkInMany([
    { krId: 'rev', at: '2026-10-03', value: 2 },
    { krId: 'rev', at: '2026-10-04', value: 3 },
  ]), 'LimitExceededError', 'limit_exceeded');
  assert.equal(e.message, 'limit exceeded: check-ins of key result "rev" is 3, the limit is 2');
  assert.equal(g.toJson(), before);
  g.checkIn('rev', { at: '2026-10-03', value: 2 });
  throwsOkr(() => g.checkIn('rev', { at: '2026-10-04', value: 3 }), 'LimitExceededError', 'limit_exceeded');
  // the graph at the limit reads back within the same limits
  const limits = { limits: g.limits() };
  assert.equal(Graph.fromJson(g.toJson(), limits).toJson(), g.toJson());
  assert.equal(Graph.fromSnapshot(g.toSnapshot(), limits).toJson(), g.toJson());
  g.free();
});

test('the default limit: the 10,001st check-in is refused, and 10,000 read back', () => {
  const g = Graph.fromObject(DOC);
  const start = Date.UTC(2026, 9, 1);
  const rows = Array.from({ length: 10001 }, (_, i) => ({
    krId: 'rev', at: new Date(start + i * 60000).toISOString(), value: 1,
  }));
  throwsOkr(() => g.checkInMany(rows), 'LimitExceededError', 'limit_exceeded', /is 10001, the limit is 10000/);
  assert.equal(g.checkIns('rev').length, 0);
  assert.equal(g.checkInMany(rows.slice(0, 10000)), 10000);
  assert.equal(Graph.fromJson(g.toJson()).checkIns('rev').length, 10000);
  assert.equal(Graph.fromSnapshot(g.toSnapshot()).checkIns('rev').length, 10000);
  g.free();
});

test('strings are held as a document writes them', () => {
  const g = new Graph({ limits: { maxStringBytes: 40 } });
  g.addOwner({ id: 'acme', kind: 'organisation' });
  throwsOkr(() => g.addOwner({ id: 'x'.repeat(41), kind: 'team' }), 'LimitExceededError', 'limit_exceeded',
    /string length \(bytes\) of an owner id is 41, the limit is 40/);
  // 21 quotes are 42 bytes of JSON
  throwsOkr(() => g.addOwner({ id: 'q', name: '"'.repeat(21), kind: 'team' }), 'LimitExceededError', 'limit_exceeded');
  g.addOwner({ id: 'q', name: '"'.repeat(20), kind: 'team' });
  assert.equal(Graph.fromJson(g.toJson(), { limits: g.limits() }).toJson(), g.toJson());
  g.free();
});
