// Planned targets, manual overrides and history in analytics, in JavaScript. The scenarios are
// okr-core's (tests/plans_overrides.rs, tests/history_analytics.rs) and the Python package's
// (okr-py/tests/test_plans_overrides.py), with the figures worked out by hand there. The cycle
// `q` runs 2026-10-01 ..= 2026-12-31 (92 days).
import test from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { throwsOkr } from './helpers.mjs';

const require = createRequire(import.meta.url);
const here = path.dirname(fileURLToPath(import.meta.url));
const { Graph } = require('../pkg/node/okr_wasm.js');
const ACME = readFileSync(path.resolve(here, '../../examples/acme.okr.json'), 'utf8');

const Q4_PLAN = [{ date: '2026-10-31', value: 100 }, { date: '2026-11-30', value: 250 },
  { date: '2026-12-31', value: 500 }];
const close = (a, b) => Math.abs(a - b) < 1e-12;
const node = (g, id, asOf, config) => g.rollup(asOf, config).find((n) => n.id === id);
const state = (g) => [g.toJson(), g.log().length, g.revisionCount];

function base() {
  const g = new Graph();
  g.addOwner({ id: 'o', name: 'Org', kind: 'organisation' });
  g.addCycle({ id: 'q', start: '2026-10-01', end: '2026-12-31' });
  return g;
}

/** Objective `a` with `rev` (100 -> 500, planned) and `lin` (no plan), both at 110. */
function plannedGraph() {
  const g = base();
  g.addObjective({ id: 'a', title: 'Objective a', owner: 'o', cycle: 'q' });
  const measure = { kind: 'numeric', start: 100, target: 500 };
  g.addKeyResult({ id: 'rev', title: 'Revenue', objective: 'a', measure, plan: Q4_PLAN });
  g.addKeyResult({ id: 'lin', title: 'KR lin', objective: 'a', measure });
  for (const kr of ['rev', 'lin']) g.checkIn(kr, { at: '2026-10-10T09:00:00Z', value: 110 });
  return g;
}

/** `top` <- `a` (key results `a1` at 52, `a2` at 20, 0 -> 100). */
function overrideGraph() {
  const g = base();
  g.addObjective({ id: 'top', title: 'Objective top', owner: 'o', cycle: 'q' });
  g.addObjective({ id: 'a', title: 'Objective a', owner: 'o', cycle: 'q' });
  g.link('a', 'top', 1);
  for (const [kr, v] of [['a1', 52], ['a2', 20]]) {
    g.addKeyResult({ id: kr, title: `KR ${kr}`, objective: 'a', measure: { kind: 'numeric', start: 0, target: 100 } });
    g.checkIn(kr, { at: '2026-10-10T09:00:00Z', value: v });
  }
  return g;
}

function using(make, fn) {
  return () => {
    const g = make();
    try {
      fn(g);
    } finally {
      g.free();
    }
  };
}

// ----- plans -------------------------------------------------------------------------------

test('mid-October: on track by the plan, off track by the linear pace', using(plannedGraph, (g) => {
  const cfg = { onTrackMargin: 0.05, atRiskMargin: 0.10 };
  const rev = node(g, 'rev', '2026-10-15', cfg);
  const lin = node(g, 'lin', '2026-10-15', cfg);
  // progress (110 - 100) / 400 for both
  assert.ok(close(rev.progress, 0.025) && close(lin.progress, 0.025));
  // the plan expects 100 until the end of October: pace 0, on track
  assert.equal(rev.plannedValue, 100);
  assert.equal(rev.expected, 0);
  assert.equal(rev.status, 'on_track');
  // the linear pace: 15 / 92, and 0.025 < 0.163 - 0.10: off track
  assert.ok(!('plannedValue' in lin), 'no plan: no plannedValue (as okr-core writes it)');
  assert.ok(close(lin.expected, 15 / 92));
  assert.equal(lin.status, 'off_track');
  // with the default margins the linear pace says at risk
  assert.equal(node(g, 'rev', '2026-10-15').status, 'on_track');
  assert.equal(node(g, 'lin', '2026-10-15').status, 'at_risk');
}));

test('planned values between the points in rows, columns, kept results and explanations', using(plannedGraph, (g) => {
  const rev = node(g, 'rev', '2026-11-15');
  // 15 of the 30 days from (end of 10-31, 100) to (end of 11-30, 250): 175
  assert.ok(close(rev.plannedValue, 175));
  assert.equal(rev.expected, 0.1875);
  const c = g.rollupColumns('2026-11-15');
  assert.ok(c.plannedValue instanceof Float64Array);
  const i = c.ids.indexOf('rev');
  const j = c.ids.indexOf('lin');
  assert.ok(close(c.plannedValue[i], 175));
  assert.ok(Number.isNaN(c.plannedValue[j]));
  assert.ok(Number.isNaN(c.plannedValue[c.ids.indexOf('a')]), 'objectives have no plan');
  const kept = g.rollupResult('2026-11-15');
  try {
    assert.ok(close(kept.get('rev').plannedValue, 175));
    assert.ok(Object.is(kept.columns().plannedValue[i], c.plannedValue[i]));
  } finally {
    kept.free();
  }
  const e = g.explainProgress('rev', '2026-11-15');
  assert.ok(close(e.plannedValue, 175));
  assert.ok(e.expectation.includes(
    'expected 175 of 500 by the plan (between point 2026-10-31 = 100 and point 2026-11-30 = 250)'), e.expectation);
  assert.equal(e.manual, null);
  const l = g.explainProgress('lin', '2026-11-15');
  assert.match(l.expectation, /linear pace/);
  assert.ok(!('plannedValue' in l));
}));

test('key results read back carry the plan, in the document too', using(plannedGraph, (g) => {
  assert.deepEqual(g.keyResult('rev').plan, Q4_PLAN);
  assert.ok(!('plan' in g.keyResult('lin')), 'no plan: left out, as in documents');
  const again = Graph.fromJson(g.toJson());
  try {
    assert.deepEqual(again.keyResult('rev').plan, Q4_PLAN);
  } finally {
    again.free();
  }
  const doc = g.toObject();
  assert.equal(doc.version, 2);
  assert.deepEqual(doc.objectives[0].key_results[0].plan, Q4_PLAN);
}));

test('bad plans throw InvalidValueError and change nothing', using(plannedGraph, (g) => {
  const before = state(g);
  const bad = [
    [{ date: '2026-11-30', value: 250 }, { date: '2026-10-31', value: 100 }],
    [{ date: '2026-10-31', value: 99 }],
    [{ date: '2026-09-30', value: 100 }],
    [{ date: '2026-10-31', value: 100, extra: 1 }],
    [{ date: '2026-10-31T10:00:00Z', value: 100 }],
    [{ date: '2026-10-31', value: NaN }],
  ];
  for (const plan of bad) {
    throwsOkr(() => g.updateKeyResult('rev', { at: '2026-11-01', plan }), 'InvalidValueError', 'invalid_value');
    throwsOkr(() => g.addKeyResult({ id: 'new', title: 'New', objective: 'a', plan,
      measure: { kind: 'numeric', start: 100, target: 500 } }), 'InvalidValueError', 'invalid_value');
  }
  throwsOkr(() => g.addKeyResult({ id: 'b', title: 'Boolean', objective: 'a', measure: { kind: 'boolean' },
    plan: [{ date: '2026-10-31', value: 0 }] }), 'InvalidValueError', 'invalid_value',
  /only numeric and aggregate key results take a plan/);
  assert.deepEqual(state(g), before);
}));

test('a plan set by an update is a revision in the log', () => {
  const g = base();
  try {
    g.addObjective({ id: 'a', title: 'Objective a', owner: 'o', cycle: 'q' });
    g.addKeyResult({ id: 'rev', title: 'Revenue', objective: 'a', measure: { kind: 'numeric', start: 100, target: 500 } });
    g.updateKeyResult('rev', { at: '2026-11-01', by: 'anna', reason: 're-planned', plan: Q4_PLAN });
    assert.ok(!('plannedValue' in node(g, 'rev', '2026-10-31')));
    assert.equal(node(g, 'rev', '2026-11-30').plannedValue, 250);
    const entry = g.log()[0];
    assert.deepEqual([entry.field, entry.from, entry.by, entry.at], ['plan', [], 'anna', '2026-11-01T00:00:00Z']);
    assert.deepEqual(entry.to[1], { date: '2026-11-30', value: 250 });
    g.updateKeyResult('rev', { at: '2026-12-01', plan: [] });
    assert.ok(!('plannedValue' in node(g, 'rev', '2026-12-10')));
    assert.equal(node(g, 'rev', '2026-11-30').plannedValue, 250);
  } finally {
    g.free();
  }
});

// ----- overrides ---------------------------------------------------------------------------

test('an override is manual beside the computed figure and rolled up', using(overrideGraph, (g) => {
  g.updateKeyResult('a1', { at: '2026-11-01', by: 'anna', reason: 'counted by hand', override: { attainment: 0.8 } });
  // before the revision: computed, a = (0.52 + 0.20) / 2
  const early = node(g, 'a1', '2026-10-20');
  assert.equal(early.source, 'computed');
  assert.ok(close(early.progress, 0.52) && early.computedProgress === early.progress);
  assert.ok(close(node(g, 'a', '2026-10-20').progress, 0.36));
  // after: 0.8 by hand, 0.52 computed beside it; a = (0.8 + 0.2) / 2
  const a1 = node(g, 'a1', '2026-11-15');
  assert.equal(a1.source, 'manual');
  assert.deepEqual([a1.progress, a1.attainment], [0.8, 0.8]);
  assert.ok(close(a1.computedProgress, 0.52) && close(a1.computedAttainment, 0.52));
  assert.equal(a1.value, 52);
  assert.equal(a1.undefinedReason, null);
  assert.equal(a1.status, 'on_track');
  assert.ok(close(node(g, 'a', '2026-11-15').progress, 0.5));
  assert.ok(close(node(g, 'top', '2026-11-15').progress, 0.5));
  assert.equal(node(g, 'a', '2026-11-15').source, 'computed');
  // the columns say the same
  const c = g.rollupColumns('2026-11-15');
  assert.ok(c.source instanceof Uint8Array && c.computedProgress instanceof Float64Array
    && c.computedAttainment instanceof Float64Array);
  assert.deepEqual(c.sourceLegend, ['computed', 'manual']);
  const i = c.ids.indexOf('a1');
  const j = c.ids.indexOf('a2');
  assert.equal(c.sourceLegend[c.source[i]], 'manual');
  assert.equal(c.source[i], 1);
  assert.equal(c.progress[i], 0.8);
  assert.ok(close(c.computedProgress[i], 0.52) && close(c.computedAttainment[i], 0.52));
  assert.equal(c.source[j], 0);
  assert.equal(c.computedProgress[j], c.progress[j]);
  // every row as in the columns
  g.rollup('2026-11-15').forEach((r, k) => {
    assert.equal(c.sourceLegend[c.source[k]], r.source);
    assert.ok(Object.is(c.computedProgress[k], r.computedProgress ?? NaN));
    assert.ok(Object.is(c.computedAttainment[k], r.computedAttainment ?? NaN));
  });
  // read back, explained, logged
  assert.deepEqual(g.keyResult('a1').override, { attainment: 0.8 });
  const e = g.explainProgress('a1', '2026-11-15');
  assert.equal(e.source, 'manual');
  assert.ok(close(e.computedProgress, 0.52));
  assert.ok(e.manual.includes('set by hand') && e.manual.includes('anna') && e.manual.includes('counted by hand'), e.manual);
  const parent = g.explainProgress('a', '2026-11-15');
  assert.deepEqual(parent.contributions.map((x) => [x.id, x.source]), [['a1', 'manual'], ['a2', 'computed']]);
  assert.equal(g.explainProgress('a1', '2026-10-20').manual, null);
  const entry = g.log()[0];
  assert.deepEqual([entry.field, entry.from, entry.to, entry.by, entry.reason, entry.at],
    ['override', null, { attainment: 0.8 }, 'anna', 'counted by hand', '2026-11-01T00:00:00Z']);
}));

test('an override above 1 clamps progress only', using(overrideGraph, (g) => {
  g.updateKeyResult('a1', { at: '2026-11-01', override: { attainment: 1.3 } });
  const a1 = node(g, 'a1', '2026-11-15');
  assert.deepEqual([a1.progress, a1.attainment], [1, 1.3]);
  const a = node(g, 'a', '2026-11-15');
  assert.ok(close(a.progress, 0.6) && close(a.attainment, 0.75));
}));

test('bad overrides throw InvalidValueError and change nothing', using(overrideGraph, (g) => {
  const before = state(g);
  for (const x of [1.6, -0.1, NaN, Infinity, 'high', null]) {
    const o = { attainment: x };
    throwsOkr(() => g.updateKeyResult('a1', { at: '2026-11-01', by: 'anna', override: o }), 'InvalidValueError', 'invalid_value');
    throwsOkr(() => g.updateObjective('a', { at: '2026-11-01', override: o }), 'InvalidValueError', 'invalid_value');
    throwsOkr(() => g.addObjective({ id: 'b', title: 'B', owner: 'o', cycle: 'q', override: o }), 'InvalidValueError', 'invalid_value');
    throwsOkr(() => g.addKeyResult({ id: 'k', title: 'K', objective: 'a', measure: { kind: 'boolean' }, override: o }),
      'InvalidValueError', 'invalid_value');
  }
  for (const o of [{ attainment: 0.5, by: 'anna' }, {}, 0.5]) {
    throwsOkr(() => g.updateKeyResult('a1', { at: '2026-11-01', override: o }), 'InvalidValueError', 'invalid_value');
  }
  throwsOkr(() => g.updateKeyResult('a1', { at: '2026-11-01', override: { attainment: 1.6 } }),
    'InvalidValueError', 'invalid_value', /override of key result "a1"/);
  assert.deepEqual(state(g), before);
  assert.equal(g.revisionCount, 0);
}));

test('the bounds are fine; null clears the override, undefined keeps it', using(overrideGraph, (g) => {
  g.updateKeyResult('a1', { at: '2026-11-01', override: { attainment: 0 } });
  g.updateKeyResult('a1', { at: '2026-11-02', override: { attainment: 1.5 } });
  g.updateKeyResult('a1', { at: '2026-11-20', by: 'ben', override: null });
  assert.ok(!('override' in g.keyResult('a1')));
  assert.equal(node(g, 'a1', '2026-11-15').source, 'manual');
  const after = node(g, 'a1', '2026-11-25');
  assert.equal(after.source, 'computed');
  assert.ok(close(after.progress, 0.52));
  assert.deepEqual([g.log()[0].field, g.log()[0].to], ['override', null]);
  g.updateKeyResult('a2', { at: '2026-11-21', override: { attainment: 0.9 } });
  g.updateKeyResult('a2', { at: '2026-11-22', title: 'Renamed', override: undefined });
  assert.deepEqual(g.keyResult('a2').override, { attainment: 0.9 });
}));

test('an objective override rolls up and keeps its computed figure', using(overrideGraph, (g) => {
  g.updateObjective('a', { at: '2026-11-01', by: 'carla', override: { attainment: 0.9 } });
  const a = node(g, 'a', '2026-11-15');
  assert.equal(a.source, 'manual');
  assert.deepEqual([a.progress, a.attainment], [0.9, 0.9]);
  assert.ok(close(a.computedProgress, 0.36) && close(a.computedAttainment, 0.36));
  assert.ok(close(node(g, 'top', '2026-11-15').progress, 0.9));
  assert.deepEqual(g.objective('a').override, { attainment: 0.9 });
  assert.match(g.explainProgress('a', '2026-11-15').summary, /set by hand/);
  // added with an override and nothing that counts: defined by hand
  g.addObjective({ id: 'empty', title: 'Empty', owner: 'o', cycle: 'q', override: { attainment: 0.4 } });
  const e = node(g, 'empty', '2026-11-15');
  assert.deepEqual([e.progress, e.computedProgress, e.source], [0.4, null, 'manual']);
  const c = g.rollupColumns('2026-11-15');
  assert.ok(Number.isNaN(c.computedProgress[c.ids.indexOf('empty')]));
  // a key result added with an override
  g.addKeyResult({ id: 'k', title: 'K', objective: 'empty', measure: { kind: 'boolean' }, override: { attainment: 1.2 } });
  const k = node(g, 'k', '2026-11-15');
  assert.deepEqual([k.progress, k.attainment, k.source, k.computedProgress], [1, 1.2, 'manual', 0]);
}));

test('a kept rollup refreshed under an override equals a fresh one', using(overrideGraph, (g) => {
  g.updateKeyResult('a1', { at: '2026-10-01', override: { attainment: 0.8 } });
  const kept = g.rollupResult('2026-11-15');
  try {
    g.checkIn('a1', { at: '2026-11-02T09:00:00Z', value: 90 });
    kept.refresh(g, 'a1');
    const plain = (c) => Object.fromEntries(Object.entries(c).map(([key, v]) => [key, Array.from(v)]));
    assert.deepEqual(plain(kept.columns()), plain(g.rollupColumns('2026-11-15')));
    assert.ok(close(kept.get('a1').computedProgress, 0.9));
    assert.equal(kept.get('a1').progress, 0.8);
  } finally {
    kept.free();
  }
}));

// ----- history in analytics ----------------------------------------------------------------

function company() {
  const g = new Graph();
  g.addOwner({ id: 'acme', name: 'Acme', kind: 'organisation' });
  g.addOwner({ id: 'anna', name: 'Anna', kind: 'person', parent: 'acme' });
  g.addCycle({ id: 'q4', start: '2026-10-01', end: '2026-12-31' });
  g.addObjective({ id: 'grow', title: 'Grow', owner: 'anna', cycle: 'q4' });
  g.addKeyResult({ id: 'leads', title: 'Leads', objective: 'grow', measure: { kind: 'numeric', start: 0, target: 500 } });
  // a decreasing key result: a higher target asks for less
  g.addKeyResult({ id: 'churn', title: 'Churn', objective: 'grow', measure: { kind: 'numeric', start: 10, target: 4 } });
  return g;
}
const target = (start, t) => ({ kind: 'numeric', start, target: t });
const signal = (card, name) => card.signals.find((s) => s.name === name);

test('scorecards flag a target lowered during the cycle and note one raised', using(company, (g) => {
  g.updateKeyResult('leads', { at: '2026-09-20', measure: target(0, 450) }); // before the cycle
  g.updateKeyResult('leads', { at: '2026-11-03', by: 'anna', reason: 'the fair was cancelled', measure: target(0, 300) });
  g.updateKeyResult('churn', { at: '2026-11-04', measure: target(10, 6) });
  const anna = g.scorecards('2026-11-15').find((c) => c.owner === 'anna');
  assert.equal(anna.signals.length, 9);
  assert.deepEqual(anna.signals.slice(-2).map((s) => s.name), ['target_lowered', 'target_raised']);
  const lowered = signal(anna, 'target_lowered');
  assert.deepEqual([lowered.raised, lowered.value], [true, 2]);
  assert.ok(lowered.explanation.includes('leads 450 -> 300 on 2026-11-03 by anna (the fair was cancelled)'), lowered.explanation);
  assert.ok(lowered.explanation.includes('churn 4 -> 6'), lowered.explanation);
  const raised = signal(anna, 'target_raised');
  assert.deepEqual([raised.value, raised.raised], [0, false]);
  // as of before the lowering, nothing yet
  assert.equal(signal(g.scorecards('2026-11-02').find((c) => c.owner === 'anna'), 'target_lowered').raised, false);
}));

test('a target raised is noted, not flagged', using(company, (g) => {
  g.updateKeyResult('leads', { at: '2026-11-03', measure: target(0, 800) });
  const s = signal(g.scorecards('2026-11-15', { owners: ['anna'] })[0], 'target_raised');
  assert.deepEqual([s.value, s.raised], [1, false]);
  assert.ok(s.explanation.includes('leads 500 -> 800'), s.explanation);
}));

test('a diff lists the revisions between its moments, as log gives them', using(company, (g) => {
  g.updateKeyResult('leads', { at: '2026-10-20', by: 'anna', measure: target(0, 800) });
  g.updateKeyResult('churn', { at: '2026-11-10', measure: target(10, 5) });
  g.updateKeyResult('leads', { at: '2026-12-01', measure: target(0, 900) });
  const revs = g.diff('2026-10-15', '2026-11-15').revisions;
  assert.deepEqual(revs.map((e) => [e.entity, e.field]), [['leads', 'target'], ['churn', 'target']]);
  assert.deepEqual(revs[0], { at: '2026-10-20T00:00:00Z', by: 'anna', entity: 'leads', kind: 'key_result',
    field: 'target', from: 500, to: 800, reason: null });
  assert.deepEqual(g.log({ id: 'leads' }).find((e) => e.at === revs[0].at), revs[0]);
  // a revision at the first moment is in force on both sides: not listed
  assert.equal(g.diff('2026-10-20', '2026-11-15').revisions.length, 1);
  assert.deepEqual(g.diff('2026-12-02', '2026-12-03').revisions, []);
  // values of the document keep their keys (an extra object's, say), as in log
  g.updateKeyResult('leads', { at: '2026-12-05', extra: { cost_center: 'k1' } });
  const extra = g.diff('2026-12-02', '2026-12-06').revisions[0];
  assert.equal(extra.field, 'extra');
  assert.deepEqual(extra.to, { cost_center: 'k1' });
  assert.deepEqual(extra, g.log()[0]);
}));

test('the example document: version 2, its revisions in the diff', () => {
  const g = Graph.fromJson(ACME);
  try {
    assert.equal(g.toObject().version, 2);
    // three revisions, and the four of Q3's close on 2026-10-02 (a copy, its key result and
    // link created, the closed objective's state)
    assert.equal(g.revisionCount, 7);
    const revs = g.diff('2026-10-15', '2026-11-15').revisions;
    assert.deepEqual(revs.map((e) => [e.entity, e.field]), [
      ['new-customers-q4 -> customer-base', 'weight'], ['fair-leads', 'title'],
      ['fair-leads', 'target'], ['north-clinics', 'override']]);
    assert.deepEqual(g.diff('2026-10-15', '2026-10-19').revisions, []);
  } finally {
    g.free();
  }
});

test('scores name the target in force at the end of the period', using(company, (g) => {
  g.updateKeyResult('leads', { at: '2026-10-02', due: '2026-11-30' });
  g.updateKeyResult('leads', { at: '2026-12-10', measure: target(0, 800) });
  const s = g.scores('2026-12-20');
  // scored at the period's end (2026-11-30): the target then was 500
  assert.equal(s.keyResults.find((x) => x.id === 'leads').target, 500);
  assert.equal(s.keyResults.find((x) => x.id === 'churn').target, 4);
  assert.ok(!('target' in s.objectives[0]), 'objectives have none');
}));
