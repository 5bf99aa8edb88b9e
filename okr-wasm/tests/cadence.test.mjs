// Check-in cadences in JavaScript: `cadence` on owners and objectives (built, read back,
// revised), `graph.due(asOf)` and `graph.cadences()` equal to okr-core's answers (through the
// `okr due` command's JSON), typed errors that change nothing. The scenarios are okr-core's
// (tests/cadence.rs) and the Python package's (okr-py/tests/test_cadence.py).
import test from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { throwsOkr } from './helpers.mjs';

const require = createRequire(import.meta.url);
const here = path.dirname(fileURLToPath(import.meta.url));
const { Graph } = require('../pkg/node/okr_wasm.js');
const ACME_PATH = path.resolve(here, '../../examples/acme.okr.json');
const ACME = readFileSync(ACME_PATH, 'utf8');

const snakeToCamel = (k) => k.replace(/_([a-z])/g, (_, c) => c.toUpperCase());

function cliDue(asOf) {
  const bin = process.env.OKR_BIN;
  const out = execFileSync(bin, ['due', ACME_PATH, '--as-of', asOf, '--format', 'json'],
    { encoding: 'utf8' });
  return JSON.parse(out);
}

for (const asOf of ['2026-10-09', '2026-11-15', '2027-01-02']) {
  test(`due(${asOf}) is the okr command's answer, camelCase keys`, { skip: !process.env.OKR_BIN }, () => {
    const g = Graph.fromJson(ACME);
    const want = cliDue(asOf).map((row) =>
      Object.fromEntries(Object.entries(row).map(([k, v]) => [snakeToCamel(k), v])));
    assert.deepEqual(g.due(asOf), want);
  });
}

function graph() {
  const g = new Graph();
  g.addOwner({ id: 'acme', name: 'Acme', kind: 'organisation', cadence: { every: 'month', grace_days: 3 } });
  g.addOwner({ id: 'ann', name: 'Ann', kind: 'person', parent: 'acme' });
  g.addCycle({ id: 'q4', start: '2026-10-01', end: '2026-12-31' });
  g.addObjective({ id: 'top', title: 'Top', owner: 'acme', cycle: 'q4', cadence: { every: 'week', grace_days: 2 } });
  g.addObjective({ id: 'sub', title: 'Sub', owner: 'ann', cycle: 'q4' });
  g.link('sub', 'top', 1);
  g.addObjective({ id: 'lone', title: 'Lone', owner: 'ann', cycle: 'q4' });
  for (const [id, objective] of [['a', 'top'], ['b', 'sub'], ['c', 'lone']]) {
    g.addKeyResult({ id, title: id.toUpperCase(), objective, measure: { kind: 'numeric', start: 0, target: 10 } });
  }
  return g;
}

test('cadences are inherited down the alignment and owner trees', () => {
  const g = graph();
  assert.deepEqual(g.owners()[0].cadence, { every: 'month', grace_days: 3 });
  assert.equal(g.owners()[1].cadence, undefined);
  assert.deepEqual(g.objective('top').cadence, { every: 'week', grace_days: 2 });
  assert.deepEqual(g.cadences(), {
    a: { every: 'week', grace_days: 2 },
    b: { every: 'week', grace_days: 2 },
    c: { every: 'month', grace_days: 3 },
  });
});

test('due, late and missed, with times', () => {
  const g = graph();
  g.checkIn('a', { at: '2026-10-02', value: 1 });
  const rows = Object.fromEntries(g.due('2026-10-09').map((r) => [r.keyResult, r]));
  assert.equal(rows.a.state, 'due');
  assert.equal(rows.a.dueSince, '2026-10-08T00:00:00Z');
  assert.equal(rows.a.lastCheckIn, '2026-10-02T00:00:00Z');
  assert.equal(rows.b.state, 'late');
  assert.equal(rows.b.lastCheckIn, null);
  assert.equal(rows.b.owner, 'ann');
  assert.equal(rows.c.state, 'due');
  const later = Object.fromEntries(g.due(new Date(Date.UTC(2026, 9, 30))).map((r) => [r.keyResult, r]));
  assert.deepEqual([later.b.state, later.b.missedIntervals, later.b.dueSince],
    ['missed', 3, '2026-10-08T00:00:00Z']);
  throwsOkr(() => g.due('2026-10-30T10:00:00'), 'InvalidValueError', 'invalid_value');
});

test('updateObjective sets and clears a cadence as a revision', () => {
  const g = graph();
  g.updateObjective('sub', { cadence: { every_days: 10 }, at: '2026-10-05', by: 'ann' });
  assert.deepEqual(g.objective('sub').cadence, { every_days: 10 });
  assert.deepEqual(g.cadences().b, { every_days: 10 });
  const log = g.log();
  assert.equal(log[0].field, 'cadence');
  assert.deepEqual(log[0].to, { every_days: 10 });
  const before = Object.fromEntries(g.due('2026-10-04').map((r) => [r.keyResult, r]));
  assert.deepEqual(before.b.cadence, { every: 'week', grace_days: 2 });
  g.updateObjective('sub', { cadence: null, at: '2026-10-06' });
  assert.equal(g.objective('sub').cadence, undefined);
  assert.equal(Graph.fromJson(g.toJson()).toJson(), g.toJson());
});

for (const bad of [
  { every_days: 0 }, { every_days: 400 }, { every: 'week', grace_days: -1 },
  { every: 'week', grace_days: 7 }, { every: 'fortnight' }, { every: 'week', every_days: 7 },
  { grace_days: 1 }, { every: 'week', bogus: 1 },
]) {
  test(`a bad cadence ${JSON.stringify(bad)} throws InvalidValueError and changes nothing`, () => {
    const g = graph();
    const before = g.toJson();
    throwsOkr(() => g.addObjective({ id: 'x', title: 'X', owner: 'ann', cycle: 'q4', cadence: bad }),
      'InvalidValueError', 'invalid_value', /cadence|fortnight|bogus/);
    throwsOkr(() => g.addOwner({ id: 'bob', cadence: bad }), 'InvalidValueError', 'invalid_value');
    throwsOkr(() => g.updateObjective('sub', { cadence: bad, at: '2026-10-05' }),
      'InvalidValueError', 'invalid_value');
    assert.equal(g.toJson(), before);
  });
}

test('scorecards: cadenceDays overrides the cadences', () => {
  const g = Graph.fromJson(ACME);
  const sig = (cards) => cards[0].signals.find((s) => s.name === 'check_in_discipline');
  assert.match(sig(g.scorecards('2026-11-15', { owners: ['acme'] })).explanation, /weekly, 2 days grace/);
  assert.match(sig(g.scorecards('2026-11-15', { owners: ['acme'], cadenceDays: 14 })).explanation,
    /every 14 days, for every key result/);
});
