// Goals over time in JavaScript: changes after creation are revisions with a time (`at`, or the
// graph's clock), an author and a reason; a rollup as of a time sees the goals as they stood
// then; `log` is the audit trail. Every rule is okr-core's: these check that the binding passes
// the call on, converts times and values, and throws the core's errors.
import test from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { throwsOkr } from './helpers.mjs';

const require = createRequire(import.meta.url);
const { Graph } = require('../pkg/node/okr_wasm.js');

const NEW_500 = { kind: 'numeric', start: 0, target: 500, unit: 'customers' };
const NEW_800 = { kind: 'numeric', start: 0, target: 800, unit: 'customers' };
const LOG_KEYS = ['at', 'by', 'entity', 'kind', 'field', 'from', 'to', 'reason'].sort();

/** The README's small graph: "new" at 250 of 500 on 2026-11-01 12:00. */
function small() {
  const g = new Graph();
  g.addOwner({ id: 'acme', name: 'Acme', kind: 'organisation' });
  g.addOwner({ id: 'growth', name: 'Growth', kind: 'team', parent: 'acme' });
  g.addCycle({ id: 'q4', start: '2026-10-01', end: '2026-12-31' });
  g.addObjective({ id: 'company', title: 'Lead the regional market', owner: 'acme', cycle: 'q4' });
  g.addObjective({ id: 'marketing', title: 'Grow the customer base', owner: 'acme', cycle: 'q4' });
  g.addObjective({ id: 'q4-customers', title: 'Win 500 new customers', owner: 'growth', cycle: 'q4' });
  g.link('marketing', 'company', 1);
  g.link('q4-customers', 'marketing', 2);
  g.link('q4-customers', 'company');
  g.addKeyResult({ id: 'new', title: 'Acquire 500 new customers', objective: 'q4-customers', measure: NEW_500 });
  g.addKeyResult({ id: 'wait', title: 'Cut wait from 60 to 45 minutes', objective: 'q4-customers',
    measure: { kind: 'numeric', start: 60, target: 45 } });
  g.checkIn('new', { at: '2026-11-01T12:00:00Z', value: 250 });
  return g;
}

/** What a failed change must leave as it was: the document and the history. */
const state = (g) => [g.toJson(), g.log().length, g.revisionCount, g.latestRevision];
const progress = (g, id, asOf) => g.rollup(asOf).find((n) => n.id === id)?.progress;
const ids = (g, asOf) => g.rollup(asOf).map((n) => n.id);

function withGraph(fn) {
  return () => {
    const g = small();
    try {
      fn(g);
    } finally {
      g.free();
    }
  };
}

test('a target revised mid-quarter changes the rollup from then on, not before', withGraph((g) => {
  assert.equal(progress(g, 'new', '2026-11-15'), 0.5);
  g.updateKeyResult('new', { at: '2026-11-10', by: 'anna', reason: 'raised after the fair', measure: NEW_800 });
  assert.equal(g.keyResult('new').measure.target, 800);
  assert.equal(progress(g, 'new', '2026-11-15'), 250 / 800);
  assert.equal(progress(g, 'new', '2026-11-09'), 0.5, 'as of before the revision: the old target');
  assert.equal(progress(g, 'new', new Date(Date.UTC(2026, 10, 9, 23))), 0.5);
  assert.equal(progress(g, 'new', '2026-11-10'), 250 / 800);
  assert.equal(g.explainProgress('new', '2026-11-09').progress, 0.5);
}));

test('log: the changes newest first, with at, by, entity, kind, field, from, to, reason', withGraph((g) => {
  assert.deepEqual(g.log(), []);
  assert.equal(g.revisionCount, 0);
  assert.equal(g.latestRevision, undefined);
  g.updateKeyResult('new', { at: '2026-11-10', by: 'anna', reason: 'raised', measure: NEW_800 });
  g.updateKeyResult('new', { at: new Date(Date.UTC(2026, 10, 20, 9, 30)), by: 'bob', title: 'Acquire 800 new customers' });
  const log = g.log();
  assert.deepEqual(log.map((e) => Object.keys(e).sort()), [LOG_KEYS, LOG_KEYS]);
  assert.deepEqual(log[0], { at: '2026-11-20T09:30:00Z', by: 'bob', entity: 'new', kind: 'key_result',
    field: 'title', from: 'Acquire 500 new customers', to: 'Acquire 800 new customers', reason: null });
  assert.deepEqual(log[1], { at: '2026-11-10T00:00:00Z', by: 'anna', entity: 'new', kind: 'key_result',
    field: 'target', from: 500, to: 800, reason: 'raised' });
  assert.equal(g.revisionCount, 2);
  assert.equal(g.latestRevision, '2026-11-20T09:30:00Z');
}));

test('log: links, additions and removals', withGraph((g) => {
  g.unlink('q4-customers', 'company', { at: '2026-11-05', reason: 'one parent is enough' });
  g.setLinkWeight('q4-customers', 'marketing', 3, { at: '2026-11-06' });
  g.addObjective({ id: 'retention', title: 'Keep customers', owner: 'growth', cycle: 'q4' }, { at: '2026-11-07', by: 'frida' });
  const removed = g.removeKeyResult('wait', { at: '2026-11-08' });
  assert.equal(removed.id, 'wait');
  assert.deepEqual(g.log().map((e) => [e.entity, e.kind, e.field, e.from, e.to]), [
    ['wait', 'key_result', 'exists', true, false],
    ['retention', 'objective', 'exists', false, true],
    ['q4-customers -> marketing', 'link', 'weight', 2, 3],
    ['q4-customers -> company', 'link', 'weight', 1, null],
  ]);
  assert.equal(g.log()[1].by, 'frida');
  assert.equal(g.log()[3].reason, 'one parent is enough');
}));

test('log filters: id and since', withGraph((g) => {
  g.updateKeyResult('new', { at: '2026-11-10', measure: NEW_800 });
  g.updateObjective('marketing', { at: '2026-11-12', title: 'Grow it' });
  g.unlink('q4-customers', 'company', { at: '2026-11-14' });
  g.updateKeyResult('new', { at: '2026-11-16', title: 'Acquire 800' });
  assert.equal(g.log().length, 4);
  assert.equal(g.log({}).length, 4);
  assert.deepEqual(g.log({ id: 'new' }).map((e) => e.field), ['title', 'target']);
  assert.deepEqual(g.log({ id: 'company' }).map((e) => e.entity), ['q4-customers -> company']);
  assert.deepEqual(g.log({ id: 'wait' }), []);
  const since = g.log({ since: '2026-11-12' });
  assert.deepEqual(since.map((e) => e.entity), ['new', 'q4-customers -> company', 'marketing']);
  assert.deepEqual(g.log({ since: new Date(Date.UTC(2026, 10, 13)) }), since.slice(0, 2));
  assert.deepEqual(g.log({ since: '2026-11-16T00:00:01Z' }), []);
  assert.deepEqual(g.log({ id: 'new', since: '2026-11-11' }).map((e) => e.field), ['title']);
  const bad = throwsOkr(() => g.log({ since: '2026-11-16T10:00:00' }), 'InvalidValueError', 'invalid_value');
  assert.match(bad.message, /since/);
  throwsOkr(() => g.log({ id: 5 }), 'InvalidValueError', 'invalid_value');
}));

test('at: a Date, RFC 3339 text with a zone or a date; anything else is refused', withGraph((g) => {
  g.updateObjective('company', { at: '2026-11-02', title: 'a' });
  g.updateObjective('company', { at: new Date(Date.UTC(2026, 10, 3, 8)), title: 'b' });
  g.updateObjective('company', { at: '2026-11-04T10:00:00+02:00', title: 'c' });
  assert.deepEqual(g.log().map((e) => e.at),
    ['2026-11-04T08:00:00Z', '2026-11-03T08:00:00Z', '2026-11-02T00:00:00Z']);
  const before = state(g);
  for (const at of ['2026-11-06T09:00:00', 'next tuesday', new Date(NaN), 20261106]) {
    const e = throwsOkr(() => g.updateObjective('company', { at, title: 'e' }), 'InvalidValueError', 'invalid_value');
    assert.match(e.message, /at/);
  }
  throwsOkr(() => g.updateObjective('company', { at: '2026-11-06', by: 7, title: 'e' }), 'InvalidValueError', 'invalid_value');
  throwsOkr(() => g.removeObjective('company', 'soon'), 'InvalidValueError', 'invalid_value');
  assert.deepEqual(state(g), before);
}));

test('a change with no time and no clock throws MissingTimeError', withGraph((g) => {
  const before = state(g);
  const calls = [
    [['new'], () => g.updateKeyResult('new', { measure: NEW_800 })],
    [['new'], () => g.updateKeyResult('new', { at: undefined, by: 'anna', reason: 'r', title: 'x' })],
    [['marketing'], () => g.updateObjective('marketing', { title: 'x' })],
    [['marketing'], () => g.removeObjective('marketing')],
    [['wait'], () => g.removeKeyResult('wait', {})],
    [['q4-customers -> company'], () => g.unlink('q4-customers', 'company')],
    [['q4-customers -> company'], () => g.setLinkWeight('q4-customers', 'company', 2)],
  ];
  for (const [expected, call] of calls) {
    const e = throwsOkr(call, 'MissingTimeError', 'missing_time');
    assert.deepEqual(e.ids, expected);
  }
  assert.deepEqual(state(g), before);
  // additions without a time exist from the beginning
  g.addObjective({ id: 'retention', title: 'Keep customers', owner: 'growth', cycle: 'q4' });
  g.link('retention', 'company');
  assert.equal(g.revisionCount, 0);
}));

test('a change before the latest revision throws InvalidRevisionError and changes nothing', withGraph((g) => {
  g.updateKeyResult('new', { at: '2026-11-10', measure: NEW_800 });
  const before = state(g);
  const e = throwsOkr(() => g.updateKeyResult('new', { at: '2026-11-09', title: 'x' }), 'InvalidRevisionError', 'invalid_revision');
  assert.deepEqual(e.ids, ['new']);
  throwsOkr(() => g.removeObjective('marketing', { at: '2026-11-01' }), 'InvalidRevisionError', 'invalid_revision');
  throwsOkr(() => g.addObjective({ id: 'late', title: 'Late', owner: 'acme', cycle: 'q4' }, { at: '2026-10-31' }),
    'InvalidRevisionError', 'invalid_revision');
  assert.deepEqual(state(g), before);
  g.updateKeyResult('new', { at: '2026-11-10', title: 'x' }); // the same time is fine
  assert.equal(g.revisionCount, 2);
}));

test('a failed update changes nothing: same toJson, same log', withGraph((g) => {
  g.updateKeyResult('new', { at: '2026-11-10', measure: NEW_800 });
  g.checkIn('new', { at: '2026-11-12T10:00:00Z', value: 300 });
  const before = state(g);
  const failing = [
    ['InvalidValueError', () => g.updateKeyResult('new', { at: '2026-11-12', bogus: 1 })],
    ['InvalidWeightError', () => g.updateKeyResult('new', { at: '2026-11-12', title: 'y', weight: NaN })],
    ['InvalidCheckInError', () => g.updateKeyResult('new', { at: '2026-11-12', measure: { kind: 'boolean' } })],
    ['UnknownIdError', () => g.updateObjective('marketing', { at: '2026-11-12', title: 'y', owner: 'ghost' })],
    ['UnknownIdError', () => g.removeKeyResult('ghost', { at: '2026-11-12' })],
    ['LinkError', () => g.unlink('company', 'marketing', { at: '2026-11-12' })],
    ['CycleError', () => g.link('company', 'q4-customers', 1, { at: '2026-11-12' })],
  ];
  for (const [name, call] of failing) {
    assert.throws(call, (e) => e.name === name);
    assert.deepEqual(state(g), before, name);
  }
}));

test('a removed id stays taken; the removed entity is still there at earlier times', withGraph((g) => {
  g.removeKeyResult('wait', { at: '2026-11-10', reason: 'dropped' });
  g.removeObjective('marketing', { at: '2026-11-10' });
  assert.equal(g.keyResult('wait'), undefined);
  assert.equal(g.objective('marketing'), undefined);
  assert.ok(ids(g, '2026-11-09').includes('wait') && ids(g, '2026-11-09').includes('marketing'));
  assert.ok(!ids(g, '2026-11-15').includes('wait'));
  const before = state(g);
  const e = throwsOkr(() => g.addKeyResult({ id: 'wait', title: 'Again', objective: 'q4-customers', measure: { kind: 'boolean' } },
    { at: '2026-11-11' }), 'DuplicateIdError', 'duplicate_id');
  assert.deepEqual(e.ids, ['wait']);
  throwsOkr(() => g.addObjective({ id: 'marketing', title: 'Again', owner: 'acme', cycle: 'q4' }), 'DuplicateIdError', 'duplicate_id');
  assert.deepEqual(state(g), before);
}));

test('an addition at a time exists from then on', withGraph((g) => {
  g.addObjective({ id: 'retention', title: 'Keep customers', owner: 'growth', cycle: 'q4' }, { at: '2026-11-10', by: 'frida' });
  g.addKeyResult({ id: 'churn', title: 'Churn from 4% to 2%', objective: 'retention',
    measure: { kind: 'numeric', start: 4, target: 2 } }, { at: '2026-11-10' });
  g.link('retention', 'company', undefined, { at: '2026-11-10' });
  assert.ok(!ids(g, '2026-11-09').includes('retention') && !ids(g, '2026-11-09').includes('churn'));
  assert.ok(ids(g, '2026-11-15').includes('churn'));
  assert.deepEqual(g.childrenOf('company').at(-1), { id: 'retention', weight: 1 });
  assert.deepEqual(g.log({ id: 'retention' }).map((e) => [e.entity, e.field]),
    [['retention -> company', 'weight'], ['retention', 'exists']]);
}));

test('the clock: changes without `at` take its time and author', withGraph((g) => {
  assert.equal(g.clock(), null);
  g.setClock({ at: '2026-11-12T08:00:00Z', by: 'clock-user', reason: 'weekly review' });
  assert.deepEqual(g.clock(), { at: '2026-11-12T08:00:00Z', by: 'clock-user', reason: 'weekly review' });
  g.updateKeyResult('new', { measure: NEW_800 });
  let e = g.log()[0];
  assert.deepEqual([e.at, e.by, e.reason, e.field], ['2026-11-12T08:00:00Z', 'clock-user', 'weekly review', 'target']);
  // by / reason given with the call stand in for the clock's; its time stays
  g.updateObjective('marketing', { reason: 'clearer', title: 'Grow it' });
  e = g.log()[0];
  assert.deepEqual([e.at, e.by, e.reason], ['2026-11-12T08:00:00Z', 'clock-user', 'clearer']);
  // an explicit `at` makes a stamp of its own: the clock is not used
  g.removeKeyResult('wait', { at: '2026-11-13', by: 'anna' });
  assert.deepEqual([g.log()[0].at, g.log()[0].by], ['2026-11-13T00:00:00Z', 'anna']);
  g.updateKeyResult('new', { at: '2026-11-13', title: 'x' });
  assert.deepEqual([g.log()[0].by, g.log()[0].reason], [null, null]);
  // with a clock, additions exist from its time
  g.setClock({ at: new Date(Date.UTC(2026, 10, 14)) });
  g.addObjective({ id: 'retention', title: 'Keep customers', owner: 'growth', cycle: 'q4' });
  assert.ok(!ids(g, '2026-11-13').includes('retention') && ids(g, '2026-11-14').includes('retention'));
  assert.equal(g.log()[0].by, null);
  // removing the clock: changes need `at` again
  g.setClock(null);
  assert.equal(g.clock(), null);
  throwsOkr(() => g.updateObjective('marketing', { title: 'x' }), 'MissingTimeError', 'missing_time');
  g.setClock({ at: '2026-11-20' });
  g.setClock();
  assert.equal(g.clock(), null);
  throwsOkr(() => g.setClock({ by: 'anna' }), 'InvalidValueError', 'invalid_value');
  throwsOkr(() => g.setClock({ at: '2026-11-14T10:00:00' }), 'InvalidValueError', 'invalid_value');
  assert.equal(g.clock(), null);
}));

test('clone keeps the history and the clock', withGraph((g) => {
  g.updateKeyResult('new', { at: '2026-11-10', measure: NEW_800 });
  g.setClock({ at: '2026-11-12' });
  const c = g.clone();
  try {
    assert.deepEqual(c.log(), g.log());
    assert.deepEqual(c.clock(), g.clock());
    assert.equal(progress(c, 'new', '2026-11-09'), 0.5);
  } finally {
    c.free();
  }
}));
