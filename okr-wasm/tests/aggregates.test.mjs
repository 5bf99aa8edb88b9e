// Aggregate key results and the status rule `worst`, in JavaScript. The scenarios are
// okr-core's (tests/aggregates.rs, tests/status_rule.rs) and the Python package's
// (okr-py/tests/test_aggregates.py). The cycle `q` runs 2026-10-01 ..= 2026-12-31.
import test from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { throwsOkr } from './helpers.mjs';

const require = createRequire(import.meta.url);
const { Graph } = require('../pkg/node/okr_wasm.js');

const AGG = { kind: 'aggregate', function: 'sum', start: 0, target: 100, unit: 'customers' };
const node = (g, id, asOf) => g.rollup(asOf).find((n) => n.id === id);

/** Objective `r` (status rule worst) with aggregate `region`; teams a, b, c under it, each
 * with a key result (0 -> 40 customers) under `region`. */
function region() {
  const g = new Graph();
  g.addOwner({ id: 'o', name: 'Org', kind: 'organisation' });
  g.addCycle({ id: 'q', start: '2026-10-01', end: '2026-12-31' });
  g.addObjective({ id: 'r', title: 'Region', owner: 'o', cycle: 'q', status_rule: 'worst' });
  g.addKeyResult({ id: 'region', title: 'Region', objective: 'r', measure: AGG });
  for (const team of ['a', 'b', 'c']) {
    g.addObjective({ id: team, title: `Team ${team}`, owner: 'o', cycle: 'q' });
    g.link(team, 'r', 1);
    g.addKeyResult({
      id: `k${team}`, title: `Team ${team}`, objective: team, parent: { id: 'region' },
      measure: { kind: 'numeric', start: 0, target: 40, unit: 'customers' },
    });
  }
  return g;
}

test('an aggregate sums the values of the key results under it', () => {
  const g = region();
  for (const [kr, v] of [['ka', 29], ['kb', 30], ['kc', 20]]) {
    g.checkIn(kr, { at: '2026-11-01T09:00:00Z', value: v });
  }
  const n = node(g, 'region', '2026-11-15');
  assert.equal(n.value, 79);
  assert.ok(Math.abs(n.progress - 0.79) < 1e-12);
  assert.deepEqual(g.keyResultsUnder('region').map((k) => k.id), ['ka', 'kb', 'kc']);
  const e = g.explainProgress('region', '2026-11-15');
  assert.deepEqual(e.keyResult.inputs.map((i) => [i.id, i.counted]), [['ka', 29], ['kb', 30], ['kc', 20]]);
  assert.match(e.keyResult.formula, /sum\(29 \+ 30 \+ 20\) = 79/);
  // the document keeps it
  const again = Graph.fromJson(g.toJson());
  assert.equal(again.toJson(), g.toJson());
  again.free();
  g.free();
});

test('units must agree unless a factor is declared; a failed change changes nothing', () => {
  const g = region();
  const before = g.toJson();
  const measure = { kind: 'numeric', start: 0, target: 10, unit: 'k customers' };
  const e = throwsOkr(() => g.addKeyResult({ id: 'kd', title: 'd', objective: 'a', measure, parent: { id: 'region' } }),
    'UnitMismatchError', 'unit_mismatch', /"k customers"/);
  assert.deepEqual(e.ids, ['kd', 'region']);
  assert.equal(g.toJson(), before);
  g.addKeyResult({ id: 'kd', title: 'd', objective: 'a', measure, parent: { id: 'region', factor: 1000 } });
  g.checkIn('kd', { at: '2026-11-01T09:00:00Z', value: 0.05 });
  assert.equal(node(g, 'region', '2026-11-15').value, 50);
  throwsOkr(() => g.checkIn('region', { at: '2026-11-01T09:00:00Z', value: 5 }), 'InvalidCheckInError', 'invalid_check_in');
  g.setClock({ at: '2026-10-20' });
  throwsOkr(() => g.removeKeyResult('region'), 'InUseError', 'in_use');
  throwsOkr(() => g.updateKeyResult('region', { at: '2026-10-20', parent: { id: 'kd' } }), 'InvalidValueError', 'invalid_value');
  g.updateKeyResult('kd', { at: '2026-10-20', parent: null });
  assert.deepEqual(g.keyResultsUnder('region').map((k) => k.id), ['ka', 'kb', 'kc']);
  g.free();
});

test('the worst status surfaces; the weighted mean averages it away', () => {
  const g = region();
  g.checkIn('ka', { at: '2026-11-01T09:00:00Z', value: 40 });
  g.checkIn('kb', { at: '2026-11-01T09:00:00Z', value: 40 });
  g.checkIn('kc', { at: '2026-11-01T09:00:00Z', value: 0 });
  assert.equal(node(g, 'kc', '2026-11-15').status, 'off_track');
  assert.equal(node(g, 'r', '2026-11-15').status, 'off_track');
  assert.equal(g.objective('r').status_rule, 'worst');
  g.updateObjective('r', { at: '2026-10-20', status_rule: 'weighted_mean' });
  assert.notEqual(node(g, 'r', '2026-11-15').status, 'off_track');
  assert.equal(g.objective('r').status_rule, undefined);
  g.free();
});
