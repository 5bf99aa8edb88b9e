// Node tests of the okr-wasm package (node --test). Build first: scripts/build-wasm.sh okr-wasm okr-wasm/pkg
import test from 'node:test';
import assert from 'node:assert/strict';
import { throwsOkr } from './helpers.mjs';
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const require = createRequire(import.meta.url);
const here = path.dirname(fileURLToPath(import.meta.url));
const PKG = path.resolve(here, '../pkg/node/okr_wasm.js');
const okr = require(PKG);
const { Graph } = okr;
const ACME = readFileSync(path.resolve(here, '../../examples/acme.okr.json'), 'utf8');
const AS_OF = '2026-11-15';
/** The time of the updates in the update tests: 00:00 UTC, at the check-ins of 2026-11-01. */
const AT = '2026-11-01';

/** Asserts that fn throws an okr error with this name and code; returns it. */

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
  g.addKeyResult({ id: 'new', title: 'Acquire 500 new customers by December 31', objective: 'q4-customers',
    measure: { kind: 'numeric', start: 0, target: 500 } });
  g.addKeyResult({ id: 'churn', title: 'Cut churn from 4% to 2%', objective: 'marketing', weight: 1,
    due: '2026-12-31', measure: { kind: 'numeric', start: 4, target: 2, unit: '%' } });
  return g;
}

const byId = (rows) => Object.fromEntries(rows.map((r) => [r.id, r]));

test('acme example: rollup, report, explanation agree with the core', () => {
  const g = Graph.fromJson(ACME);
  try {
    const rows = g.rollup(AS_OF);
    const r = byId(rows);
    assert.equal(rows.length, g.objectiveCount + g.keyResults().length);
    assert.ok(Math.abs(r['leading-provider'].progress - 0.5515730676328502) < 1e-12);
    assert.equal(r['leading-provider'].status, 'on_track');
    assert.equal(r['sales-growth'].status, 'off_track'); // its status rule: the worst of its inputs
    assert.ok('undefinedReason' in r['sales-growth'] && 'lastCheckIn' in r['sales-growth']);
    const report = g.report(AS_OF);
    assert.equal(report.asOf, '2026-11-15T23:59:59Z');
    const rep = byId(report.nodes);
    for (const row of rows) assert.equal(rep[row.id].progress, row.progress, row.id);
    assert.deepEqual(rep['new-customers-q4'].parents.map((p) => p.id), ['customer-base', 'sales-growth']);
    assert.match(g.reportText(AS_OF), /OKR report as of 2026-11-15/);
    const ex = g.explainProgress('sales-growth', AS_OF);
    const total = ex.contributions.reduce((s, c) => s + (c.contribution ?? 0), 0);
    assert.ok(Math.abs(total - ex.progress) < 1e-12);
    assert.ok(ex.contributions.every((c) => 'weightShare' in c));
    assert.equal(typeof ex.summary, 'string');
    assert.deepEqual(g.roots(), ['leading-provider']);
    assert.deepEqual(g.parentsOf('new-customers-q4'), [{ id: 'customer-base', weight: 2 }, { id: 'sales-growth', weight: 1 }]);
    assert.ok(g.childrenOf('leading-provider').length >= 1);
  } finally {
    g.free();
  }
});

test('rollupColumns: typed arrays equal to the object rollup', () => {
  const g = Graph.fromJson(ACME);
  const rows = g.rollup(AS_OF);
  const c = g.rollupColumns(AS_OF);
  assert.ok(c.progress instanceof Float64Array && c.expected instanceof Float64Array);
  assert.ok(c.status instanceof Uint8Array && c.kind instanceof Uint8Array);
  assert.deepEqual(c.ids, rows.map((r) => r.id));
  rows.forEach((r, i) => {
    if (r.progress === null) assert.ok(Number.isNaN(c.progress[i]));
    else assert.equal(c.progress[i], r.progress);
    assert.equal(c.expected[i], r.expected);
    assert.equal(c.statusLegend[c.status[i]], r.status);
    assert.equal(c.kind[i], r.kind === 'objective' ? 0 : 1);
    assert.equal(c.stale[i], r.stale ? 1 : 0);
  });
  const empty = new Graph();
  assert.deepEqual(empty.rollupColumns(AS_OF).ids, []);
  empty.free();
  g.free();
});

test('rollupColumns at moments with other nodes: the ids column is each moment\'s', () => {
  // acme gains objectives by revision (referral-programme-q4-2026 and its key result): a
  // column of ids kept from one moment must not be handed out for another
  const g = Graph.fromJson(ACME);
  try {
    for (const at of ['2026-07-15', '2026-10-15', '2026-07-15', AS_OF, AS_OF]) {
      const c = g.rollupColumns(at);
      const rows = g.rollup(at);
      assert.deepEqual(c.ids, rows.map((r) => r.id), at);
      assert.equal(c.progress.length, c.ids.length, at);
    }
    assert.notEqual(g.rollupColumns('2026-07-15').ids.length, g.rollupColumns(AS_OF).ids.length);
  } finally {
    g.free();
  }
});

/** The columns as plain arrays (NaN kept as NaN), for deepEqual. */
const plainColumns = (c) => Object.fromEntries(Object.entries(c).map(([k, v]) => [k, Array.from(v)]));

test('rollupResult: a kept rollup is a snapshot until refresh, then equals a fresh one', () => {
  const g = Graph.fromJson(ACME);
  const kept = g.rollupResult(AS_OF);
  try {
    const before = plainColumns(kept.columns());
    assert.deepEqual(before, plainColumns(g.rollupColumns(AS_OF)));
    assert.deepEqual(kept.nodes(), g.rollup(AS_OF));
    assert.equal(kept.length, before.ids.length);
    assert.equal(kept.asOf, '2026-11-15T23:59:59Z');
    const kr = g.keyResults().find((k) => k.measure.kind === 'numeric');
    const old = kept.get(kr.id);
    assert.equal(old.kind, 'key_result');
    g.checkIn(kr.id, { at: '2026-11-15T23:00:00Z', value: kr.measure.target, confidence: 0.9 });
    // not refreshed: unchanged
    assert.deepEqual(plainColumns(kept.columns()), before);
    kept.refresh(g, kr.id);
    const now = kept.get(kr.id);
    assert.equal(now.progress, 1);
    assert.equal(now.confidence, 0.9);
    assert.notDeepEqual(now, old);
    assert.deepEqual(plainColumns(kept.columns()), plainColumns(g.rollupColumns(AS_OF)));
    assert.deepEqual(kept.nodes(), g.rollup(AS_OF));
    assert.equal(kept.get('no-such-node'), undefined);
    const ids = kept.columns().ids;
    ids.length = 0; // the caller's own copy
    assert.deepEqual(kept.columns().ids, g.rollupColumns(AS_OF).ids);
  } finally {
    kept.free();
    g.free();
  }
});

test('rollupResult: refresh with an unknown key result throws and changes nothing', () => {
  const g = small();
  const kept = g.rollupResult(AS_OF, { staleDays: 7 });
  try {
    const before = plainColumns(kept.columns());
    const err = throwsOkr(() => kept.refresh(g, 'marketing'), 'UnknownIdError', 'unknown_id');
    assert.deepEqual(err.ids, ['marketing']);
    throwsOkr(() => kept.refresh(g, 'nope'), 'UnknownIdError', 'unknown_id');
    assert.deepEqual(plainColumns(kept.columns()), before);
    throwsOkr(() => g.rollupResult(AS_OF, { staleDays: -1 }), 'ConfigError', 'invalid_config');
  } finally {
    kept.free();
    g.free();
  }
});

test('rollupResult: refresh after a structural change recomputes every node', () => {
  const g = small();
  const kept = g.rollupResult(AS_OF);
  try {
    const before = kept.columns().ids; // made now, so made again after the change
    g.addObjective({ id: 'sales', title: 'Sell more', owner: 'acme', cycle: 'q4' });
    g.link('sales', 'company', 1);
    g.addKeyResult({ id: 'deals', title: 'Close 40 deals', objective: 'sales',
      measure: { kind: 'numeric', start: 0, target: 40 } });
    g.checkIn('deals', { at: '2026-11-01', value: 30 });
    assert.equal(kept.get('deals'), undefined);
    assert.deepEqual(kept.columns().ids, before);
    kept.refresh(g, 'deals');
    assert.equal(kept.get('deals').progress, 0.75);
    assert.ok(kept.columns().ids.includes('deals'));
    assert.deepEqual(plainColumns(kept.columns()), plainColumns(g.rollupColumns(AS_OF)));
    // the figures stay those of the kept moment, not of a fresh default
    assert.equal(kept.asOf, '2026-11-15T23:59:59Z');
  } finally {
    kept.free();
    g.free();
  }
});

test('rollupColumns: ids follow structural changes; each call gets its own ids array', () => {
  const g = small();
  const ids = () => g.rollup(AS_OF).map((r) => r.id);
  const first = g.rollupColumns(AS_OF).ids;
  assert.deepEqual(first, ids());
  first.length = 0; // the caller's own copy
  assert.deepEqual(g.rollupColumns(AS_OF).ids, ids());
  g.checkIn('new', { at: '2026-11-01', value: 120 }); // not structural: same ids
  assert.deepEqual(g.rollupColumns(AS_OF).ids, ids());
  g.addObjective({ id: 'sales', title: 'Sell more', owner: 'acme', cycle: 'q4' });
  g.link('sales', 'company', 1);
  g.addKeyResult({ id: 'deals', title: 'Close 40 deals', objective: 'sales',
    measure: { kind: 'numeric', start: 0, target: 40 } });
  assert.deepEqual(g.rollupColumns(AS_OF).ids, ids());
  assert.ok(g.rollupColumns(AS_OF).ids.includes('deals'));
  g.removeKeyResult('deals', { at: AS_OF }); // a change after creation takes a time
  assert.deepEqual(g.rollupColumns(AS_OF).ids, ids());
  const copy = g.clone();
  copy.removeObjective('sales', { at: AS_OF });
  assert.deepEqual(copy.rollupColumns(AS_OF).ids, copy.rollup(AS_OF).map((r) => r.id));
  assert.deepEqual(g.rollupColumns(AS_OF).ids, ids());
  copy.free();
  g.free();
});

test('documents: toJson/fromJson/fromObject round trip, toObject', () => {
  const g = small();
  const text = g.toJson();
  const g2 = Graph.fromJson(text);
  assert.equal(g2.toJson(), text);
  const g3 = Graph.fromObject(g.toObject());
  assert.equal(g3.toJson(), text);
  const doc = g.toObject();
  assert.equal(doc.version, 2); // the document format's version (2: with a history)
  assert.equal(doc.objectives.find((o) => o.id === 'q4-customers').key_results[0].id, 'new');
  assert.equal(g.objective('company').title, 'Lead the regional market');
  assert.equal(g.objective('nope'), undefined);
  assert.equal(g.keyResult('churn').due, '2026-12-31');
  assert.deepEqual(g.keyResultsOf('marketing').map((k) => k.id), ['churn']);
  assert.equal(g.cycles()[0].end, '2026-12-31');
  assert.equal(g.owners().length, 2);
  const c = g.clone();
  c.removeObjective('q4-customers', { at: AS_OF });
  assert.equal(g.toJson(), text, 'clone is independent');
  [g, g2, g3, c].forEach((x) => x.free());
});

test('errors: name, code, ids and path', () => {
  const g = small();
  const e = throwsOkr(() => g.link('company', 'q4-customers'), 'CycleError', 'cycle');
  assert.deepEqual(e.ids, ['company', 'q4-customers', 'company']);
  throwsOkr(() => g.link('nope', 'company'), 'UnknownIdError', 'unknown_id');
  throwsOkr(() => g.link('q4-customers', 'company'), 'LinkError', 'already_linked');
  throwsOkr(() => g.unlink('company', 'marketing', { at: AS_OF }), 'LinkError', 'not_linked');
  throwsOkr(() => g.setLinkWeight('q4-customers', 'company', NaN, { at: AS_OF }), 'InvalidWeightError', 'invalid_weight');
  throwsOkr(() => g.setLinkWeight('q4-customers', 'company', -1, { at: AS_OF }), 'InvalidWeightError', 'invalid_weight');
  throwsOkr(() => g.addKeyResult({ id: 'w', title: 'w', objective: 'company', weight: NaN,
    measure: { kind: 'boolean' } }), 'InvalidWeightError', 'invalid_weight');
  throwsOkr(() => g.addKeyResult({ id: 'm', title: 'm', objective: 'company',
    measure: { kind: 'numeric', start: 1, target: 1 } }), 'InvalidMeasureError', 'invalid_measure');
  throwsOkr(() => g.addObjective({ id: 'company', title: 't', owner: 'acme', cycle: 'q4' }), 'DuplicateIdError', 'duplicate_id');
  throwsOkr(() => g.removeOwner('acme'), 'InUseError', 'in_use');
  throwsOkr(() => g.addCycle({ id: 'bad', start: '2026-12-31', end: '2026-01-01' }), 'InvalidCycleError', 'invalid_cycle');
  throwsOkr(() => g.checkIn('new', { at: '2026-11-01', done: true }), 'InvalidCheckInError', 'invalid_check_in');
  throwsOkr(() => g.checkIn('new', { at: '2026-11-01', value: NaN }), 'InvalidCheckInError', 'invalid_check_in');
  throwsOkr(() => g.checkIn('new', { at: '2026-11-01' }), 'InvalidCheckInError', 'invalid_check_in');
  throwsOkr(() => g.checkIn('new', { at: '2026-11-01', value: 1, confidence: 2 }), 'InvalidCheckInError', 'invalid_check_in');
  throwsOkr(() => g.checkIn('new', { at: 'yesterday', value: 1 }), 'InvalidValueError', 'invalid_value');
  throwsOkr(() => g.checkIn('new', { at: '2026-11-01', value: 1, bogus: 1 }), 'InvalidValueError', 'invalid_value');
  throwsOkr(() => g.checkIn('new', 42), 'InvalidValueError', 'invalid_value');
  throwsOkr(() => g.rollup('15/11/2026'), 'InvalidValueError', 'invalid_value');
  throwsOkr(() => g.rollup(new Date(NaN)), 'InvalidValueError', 'invalid_value');
  throwsOkr(() => g.rollup(AS_OF, { onTrackMargin: 0.5, atRiskMargin: 0.1 }), 'ConfigError', 'invalid_config');
  throwsOkr(() => g.rollup(AS_OF, { typo: 1 }), 'ConfigError', 'invalid_config');
  throwsOkr(() => g.explainProgress('nope', AS_OF), 'UnknownIdError', 'unknown_id');
  const d = throwsOkr(() => Graph.fromJson(ACME.replace('"target"', '"taget"')), 'DocumentError', 'document');
  assert.match(d.path, /^objectives\[\d+\]\.key_results\[\d+\]\.measure/);
  const bad = throwsOkr(() => Graph.fromJson('{"version": 1, "objectives": [{"id": 1}]}'), 'DocumentError', 'document');
  assert.equal(bad.path, 'objectives[0].id');
  throwsOkr(() => Graph.fromJson('not json'), 'DocumentError', 'document');
  throwsOkr(() => Graph.fromObject({ version: 1, nope: [] }), 'DocumentError', 'document');
  g.free();
});

test('objectives and key results share one space of ids', () => {
  const g = small();
  const before = g.toJson();
  const kr = throwsOkr(() => g.addKeyResult({ id: 'company', title: 'k', objective: 'q4-customers',
    measure: { kind: 'boolean' } }), 'DuplicateIdError', 'duplicate_id');
  assert.deepEqual(kr.ids, ['company']);
  assert.equal(kr.message, 'duplicate key result id "company": already the id of an objective');
  assert.equal(g.toJson(), before);
  const obj = throwsOkr(() => g.addObjective({ id: 'new', title: 'o', owner: 'acme', cycle: 'q4' }),
    'DuplicateIdError', 'duplicate_id');
  assert.deepEqual(obj.ids, ['new']);
  assert.equal(obj.message, 'duplicate objective id "new": already the id of a key result');
  assert.equal(g.toJson(), before);
  assert.equal(g.explainProgress('company', AS_OF).kind, 'objective');
  g.free();
});

test('atomicity: a failed mutation leaves toJson identical', () => {
  const g = small();
  g.checkIn('new', { at: '2026-10-15', value: 100 });
  const before = g.toJson();
  const attempts = [
    () => g.link('company', 'q4-customers'),
    () => g.addKeyResult({ id: 'x', title: 'x', objective: 'nope', measure: { kind: 'boolean' } }),
    () => g.checkIn('new', { at: '2026-11-01', value: Infinity }),
    () => g.checkInMany([
      { krId: 'new', at: '2026-11-01', value: 200 },
      { krId: 'churn', at: '2026-11-01', value: 3 },
      { krId: 'new', at: '2026-11-02', done: true },
    ]),
    () => g.checkInMany([{ krId: 'new', at: '2026-11-01', value: 200 }, { krId: 'ghost', at: '2026-11-01', value: 1 }]),
    () => g.checkInMany([{ krId: 'new', at: '2026-11-01', value: 200 }, { at: '2026-11-01', value: 1 }]),
    () => g.removeCycle('q4'),
    () => g.setLinkWeight('q4-customers', 'marketing', Infinity, { at: AS_OF }),
    () => g.updateObjective('company', { at: AS_OF, title: 'x', owner: 'ghost' }),
    () => g.updateObjective('company', { at: AS_OF, title: 'x', bogus: 1 }),
    () => g.updateKeyResult('new', { at: AS_OF, title: 'x', weight: NaN }),
    () => g.updateKeyResult('new', { at: '2026-10-01', measure: { kind: 'boolean' } }),
    () => g.updateKeyResult('new', { title: 'x' }), // no time and no clock: MissingTimeError
  ];
  for (const f of attempts) {
    assert.throws(f);
    assert.equal(g.toJson(), before, f.toString());
  }
  assert.equal(g.checkInMany([
    { krId: 'new', at: '2026-11-01', value: 200, confidence: 0.7, note: 'good week' },
    { krId: 'churn', at: new Date(Date.UTC(2026, 10, 1)), value: 3 },
  ]), 2);
  assert.notEqual(g.toJson(), before);
  assert.deepEqual(g.checkIns('new').map((c) => c.value), [100, 200]);
  assert.equal(g.checkIns('new')[1].note, 'good week');
  g.free();
});

test('updateObjective patches: the fields given change, the others stay', () => {
  const g = small();
  const before = g.objective('marketing');
  g.updateObjective('marketing', { at: AT, title: 'Grow it', description: undefined });
  const after = g.objective('marketing');
  assert.deepEqual(after, { ...before, title: 'Grow it' });
  assert.deepEqual(g.parentsOf('marketing'), [{ id: 'company', weight: 1 }]);
  assert.deepEqual(g.keyResultsOf('marketing').map((k) => k.id), ['churn']);
  g.updateObjective('marketing', { at: AT, state: null, type: 'aspirational', extra: { k: 1 } });
  assert.deepEqual(g.objective('marketing'), { ...after, type: 'aspirational', extra: { k: 1 } }, 'null keeps a field');
  g.updateObjective('marketing', { at: AT });
  assert.equal(g.objective('marketing').type, 'aspirational');
  const json = g.toJson();
  const bad = throwsOkr(() => g.updateObjective('marketing', { at: AT, title: 'x', bogus: 1 }), 'InvalidValueError', 'invalid_value');
  assert.match(bad.message, /bogus/);
  throwsOkr(() => g.updateObjective('marketing', { at: AT, id: 'other' }), 'InvalidValueError', 'invalid_value');
  throwsOkr(() => g.updateObjective('marketing', { at: AT, state: 'sleeping' }), 'InvalidValueError', 'invalid_value');
  const owner = throwsOkr(() => g.updateObjective('marketing', { at: AT, title: 'x', owner: 'ghost' }), 'UnknownIdError', 'unknown_id');
  assert.deepEqual(owner.ids, ['ghost']);
  throwsOkr(() => g.updateObjective('ghost', { at: AT, title: 'x' }), 'UnknownIdError', 'unknown_id');
  throwsOkr(() => g.updateObjective('marketing', 'x'), 'InvalidValueError', 'invalid_value');
  assert.equal(g.toJson(), json, 'a failed update changes nothing');
  g.free();
});

test('updateKeyResult patches; null empties owner and due', () => {
  const g = small();
  g.checkIn('churn', { at: '2026-11-01', value: 3 });
  const before = g.keyResult('churn');
  g.updateKeyResult('churn', { at: AT, title: 'Cut churn from 4% to 1%', measure: { kind: 'numeric', start: 4, target: 1, unit: '%' } });
  assert.deepEqual(g.keyResult('churn'), { ...before, title: 'Cut churn from 4% to 1%',
    measure: { kind: 'numeric', start: 4, target: 1, unit: '%' } });
  assert.equal(g.checkIns('churn').length, 1, 'check-ins stay');
  g.updateKeyResult('churn', { at: AT, owner: 'growth', weight: 2 });
  assert.equal(g.keyResult('churn').owner, 'growth');
  g.updateKeyResult('churn', { at: AT, owner: null, due: null });
  const k = g.keyResult('churn');
  assert.ok(!('owner' in k) && !('due' in k), JSON.stringify(k));
  assert.equal(k.weight, 2);
  g.updateKeyResult('churn', { at: AT, objective: 'q4-customers' });
  assert.deepEqual(g.keyResultsOf('q4-customers').map((x) => x.id), ['new', 'churn']);
  const json = g.toJson();
  throwsOkr(() => g.updateKeyResult('churn', { at: AT, checkIns: [] }), 'InvalidValueError', 'invalid_value');
  throwsOkr(() => g.updateKeyResult('churn', { at: AT, due: new Date() }), 'InvalidValueError', 'invalid_value');
  throwsOkr(() => g.updateKeyResult('churn', { at: AT, title: 'x', weight: NaN }), 'InvalidWeightError', 'invalid_weight');
  throwsOkr(() => g.updateKeyResult('churn', { at: AT, owner: 'ghost' }), 'UnknownIdError', 'unknown_id');
  throwsOkr(() => g.updateKeyResult('churn', { at: AT, measure: { kind: 'boolean' } }), 'InvalidCheckInError', 'invalid_check_in');
  throwsOkr(() => g.updateKeyResult('ghost', { at: AT, title: 'x' }), 'UnknownIdError', 'unknown_id');
  assert.equal(g.toJson(), json, 'a failed update changes nothing');
  g.free();
});

test('a check-in changes the parents\' progress', () => {
  const g = small();
  const p0 = byId(g.rollup(AS_OF));
  assert.equal(p0['q4-customers'].progress, 0);
  g.checkIn('new', { at: '2026-11-10', value: 250, confidence: 0.8 });
  const p1 = byId(g.rollup(AS_OF));
  assert.equal(p1.new.progress, 0.5);
  assert.equal(p1.new.value, 250);
  assert.equal(p1['q4-customers'].progress, 0.5);
  assert.equal(p1['q4-customers'].confidence, 0.8);
  assert.ok(p1.company.progress > p0.company.progress);
  assert.ok(p1.marketing.progress > p0.marketing.progress);
  // A later check-in is not visible at an earlier as-of date.
  g.checkIn('new', { at: '2026-12-01T09:00:00Z', value: 500 });
  assert.equal(byId(g.rollup(AS_OF)).new.progress, 0.5);
  assert.equal(byId(g.rollup(new Date(Date.UTC(2026, 11, 2)))).new.progress, 1);
  // Decreasing key result: from 4% to 2% at 3.1% is 45%.
  g.checkIn('churn', { at: '2026-11-01', value: 3.1 });
  assert.ok(Math.abs(byId(g.rollup(AS_OF)).churn.progress - 0.45) < 1e-12);
  // Undefined progress is null, with a reason.
  g.addObjective({ id: 'empty', title: 'Nothing yet', owner: 'acme', cycle: 'q4' });
  const e = byId(g.rollup(AS_OF)).empty;
  assert.equal(e.progress, null);
  assert.equal(e.undefinedReason, 'no_counting_children');
  assert.equal(e.status, 'no_data');
  g.removeObjective('empty', { at: AS_OF });
  const k = g.removeKeyResult('churn', { at: AS_OF });
  assert.equal(k.id, 'churn');
  g.unlink('q4-customers', 'company', { at: AS_OF });
  g.setLinkWeight('q4-customers', 'marketing', 0, { at: AS_OF });
  assert.equal(byId(g.rollup(AS_OF)).marketing.undefinedReason, 'all_weights_zero');
  g.free();
});

test('check-ins of every kind in and out: value, done, milestonesDone', () => {
  const g = small();
  g.addKeyResult({ id: 'launch', title: 'Referral programme live', objective: 'marketing', measure: { kind: 'boolean' } });
  g.addKeyResult({ id: 'office', title: 'Open the Oslo office', objective: 'marketing',
    measure: { kind: 'milestones', milestones: [{ name: 'lease' }, { name: 'team', weight: 2 }] } });
  g.checkIn('new', { at: '2026-11-01', value: 100, confidence: 0.5, note: 'n', author: 'a', extra: { my_key: 1 } });
  g.checkIn('launch', { at: '2026-11-01', done: true });
  g.checkInMany([{ krId: 'office', at: '2026-11-02', milestonesDone: ['lease'] }]);
  assert.deepEqual(g.checkIns('new'),
    [{ at: '2026-11-01T00:00:00Z', value: 100, confidence: 0.5, note: 'n', author: 'a', extra: { my_key: 1 } }]);
  assert.deepEqual(g.checkIns('launch'), [{ at: '2026-11-01T00:00:00Z', done: true }]);
  assert.deepEqual(g.checkIns('office'), [{ at: '2026-11-02T00:00:00Z', milestonesDone: ['lease'] }]);
  throwsOkr(() => g.checkIn('launch', { at: '2026-11-03', done: true, value: 1 }), 'InvalidCheckInError', 'invalid_check_in');
  throwsOkr(() => g.checkInMany([{ at: '2026-11-03', done: true }]), 'InvalidValueError', 'invalid_value');
  throwsOkr(() => g.checkInMany([{ krId: 7, at: '2026-11-03', done: true }]), 'InvalidValueError', 'invalid_value');
  g.free();
});

test('a bad option is ConfigError (invalid_config), as in Python; a non-object is InvalidValueError', () => {
  const g = small();
  for (const config of [{ staleDays: -1 }, { staleDays: 1.5 }, { staleDays: '7' }, { onTrackMargin: NaN },
    { onTrackMargin: 0.5, atRiskMargin: 0.1 }, { typo: 1 }]) {
    throwsOkr(() => g.rollup(AS_OF, config), 'ConfigError', 'invalid_config');
  }
  throwsOkr(() => g.rollup(AS_OF, 7), 'InvalidValueError', 'invalid_value');
  throwsOkr(() => g.scorecards(AS_OF, { bogus: 1 }), 'ConfigError', 'invalid_config');
  throwsOkr(() => g.scorecards(AS_OF, { lowStretch: NaN }), 'ConfigError', 'invalid_config');
  throwsOkr(() => g.coverage({ personKind: ['person'] }), 'ConfigError', 'invalid_config');
  throwsOkr(() => okr.lintText('x', 'goal', { today: 'soon' }), 'ConfigError', 'invalid_config');
  throwsOkr(() => okr.lintGraph(g, { selekt: ['S'] }), 'ConfigError', 'invalid_config');
  assert.equal(byId(g.rollup(AS_OF, { staleDays: undefined })).company.status,
    byId(g.rollup(AS_OF)).company.status);
  g.free();
});

// The one rule for times (README "Times"), case by case.
test('times: a date as-of is the end of that day (UTC)', () => {
  const g = small();
  const kept = g.rollupResult('2026-11-15');
  assert.equal(kept.asOf, '2026-11-15T23:59:59Z');
  assert.deepEqual(g.rollup('2026-11-15'), g.rollup('2026-11-15T23:59:59.999999999Z'));
  kept.free();
  g.free();
});

test('times: a date check-in time is 00:00 UTC that day', () => {
  const g = small();
  g.checkIn('new', { at: '2026-11-03', value: 100 });
  assert.equal(g.checkIns('new')[0].at, '2026-11-03T00:00:00Z');
  assert.equal(byId(g.rollup('2026-11-02T23:59:59Z')).new.value, 0);
  assert.equal(byId(g.rollup('2026-11-03T00:00:00Z')).new.value, 100);
  g.free();
});

test('times: a zoned time, or a Date, is that instant', () => {
  const g = small();
  g.checkIn('new', { at: '2026-11-05T10:00:00+02:00', value: 100 });
  g.checkIn('new', { at: new Date(Date.UTC(2026, 10, 6, 9)), value: 200 });
  assert.deepEqual(g.checkIns('new').map((c) => c.at), ['2026-11-05T08:00:00Z', '2026-11-06T09:00:00Z']);
  const kept = g.rollupResult('2026-11-06T09:30:00+01:00');
  assert.equal(kept.asOf, '2026-11-06T08:30:00Z');
  assert.equal(kept.get('new').value, 100);
  kept.free();
  assert.equal(byId(g.rollup(new Date(Date.UTC(2026, 10, 6, 9)))).new.value, 200);
  g.free();
});

test('times: a time without a zone is refused', () => {
  const g = small();
  const before = g.toJson();
  for (const naive of ['2026-11-15T12:00:00', '2026-11-15 12:00']) {
    for (const f of [() => g.rollup(naive), () => g.diff('2026-10-01', naive),
      () => g.checkIn('new', { at: naive, value: 1 }), () => g.checkInMany([{ krId: 'new', at: naive, value: 1 }])]) {
      const e = throwsOkr(f, 'InvalidValueError', 'invalid_value');
      assert.match(e.message, /has no time zone: pass a date \(YYYY-MM-DD\) or a time with a zone/);
    }
  }
  assert.equal(g.toJson(), before);
  g.free();
});

test('times: calendar fields take dates only, never a Date', () => {
  const g = small();
  const before = g.toJson();
  const e = throwsOkr(() => g.addCycle({ id: 'h2', start: new Date(Date.UTC(2026, 6, 1)), end: '2026-12-31' }),
    'InvalidValueError', 'invalid_value');
  assert.match(e.message, /takes no time of day/);
  throwsOkr(() => g.addCycle({ id: 'h2', start: '2026-07-01T00:00:00Z', end: '2026-12-31' }),
    'InvalidValueError', 'invalid_value');
  throwsOkr(() => g.addKeyResult({ id: 'd', title: 'd', objective: 'company', due: new Date(),
    measure: { kind: 'boolean' } }), 'InvalidValueError', 'invalid_value');
  for (const f of [() => okr.draftKeyResult('win-rate', new Date()), () => g.scores(new Date()),
    () => g.scorecards(new Date(Date.UTC(2026, 10, 15)))]) {
    assert.match(throwsOkr(f, 'InvalidValueError', 'invalid_value').message, /takes no time of day/);
  }
  assert.equal(g.toJson(), before);
  g.addCycle({ id: 'h2', name: 'H2', start: '2026-07-01', end: '2026-12-31' });
  assert.deepEqual(g.cycles().at(-1), { id: 'h2', name: 'H2', start: '2026-07-01', end: '2026-12-31' });
  g.free();
});

test('formatPercent is okr-core\'s percentage format: "undefined" for an undefined figure', () => {
  assert.equal(okr.formatPercent(0.392), '39.2%');
  assert.equal(okr.formatPercent(1), '100.0%');
  for (const undef of [null, undefined, NaN]) assert.equal(okr.formatPercent(undef), 'undefined');
  // Rounded as the core rounds (toFixed would give 1.3%), so the page and `okr report` agree.
  assert.equal(okr.formatPercent(0.0125), '1.2%');
  const g = Graph.fromJson(ACME);
  try {
    const cols = g.rollupColumns(AS_OF);
    const i = cols.ids.indexOf('production-quality');
    assert.equal(okr.formatPercent(cols.progress[i]), 'undefined');
    assert.match(g.reportText(AS_OF), /undefined .*\[production-quality\]/);
  } finally {
    g.free();
  }
});

test('lint bindings: lintText, lintGraph, rules, explainRule', () => {
  const r = okr.lintText('Increase customer base');
  const codes = r.diagnostics.map((d) => d.code);
  assert.ok(codes.includes('M001') && codes.includes('T001'), codes.join());
  assert.equal(r.measurable, false);
  assert.equal(r.timeBound, false);
  assert.equal(r.kind, 'goal');
  const ok = okr.lintText('Increase active customers from 400 to 640 by December 31, 2026', 'key_result',
    { today: '2026-11-15' });
  assert.equal(ok.measurable, true);
  assert.equal(ok.timeBound, true);
  assert.equal(ok.deadline, '2026-12-31');
  const ignored = okr.lintText('Increase customer base', 'goal', { ignore: ['M'], today: '2026-11-15' });
  assert.ok(!ignored.diagnostics.some((d) => d.code.startsWith('M')));
  throwsOkr(() => okr.lintText('x', 'poem'), 'InvalidValueError', 'invalid_value');
  throwsOkr(() => okr.lintText('x', 'goal', { selekt: [] }), 'ConfigError', 'invalid_config');
  const rules = okr.rules();
  assert.ok(rules.some((x) => x.code === 'M001') && rules.some((x) => x.code === 'T001'));
  const doc = okr.explainRule('M001');
  assert.equal(doc.code, 'M001');
  assert.ok(doc.whatItDoes.length > 0);
  throwsOkr(() => okr.explainRule('Z999'), 'InvalidValueError', 'invalid_value');
  const g = Graph.fromJson(ACME);
  const diags = okr.lintGraph(g, { today: AS_OF });
  assert.ok(diags.length > 0 && diags.every((d) => typeof d.code === 'string' && 'entity' in d));
  g.free();
});

test('memory: 20,000 graphs created and freed do not grow the wasm memory', () => {
  const mem = okr.__wasmMemory();
  assert.ok(mem instanceof WebAssembly.Memory);
  const cycle = () => {
    const g = small();
    g.checkIn('new', { at: '2026-11-10', value: 250 });
    g.rollupColumns(AS_OF);
    g.free();
  };
  for (let i = 0; i < 2000; i++) cycle(); // warm-up
  const warm = mem.buffer.byteLength;
  for (let i = 0; i < 20000; i++) cycle();
  assert.equal(mem.buffer.byteLength, warm, `grew from ${warm} to ${mem.buffer.byteLength}`);
  // A freed graph cannot be used again (wasm-bindgen nulls the pointer).
  const g = new Graph();
  g.free();
  assert.throws(() => g.toJson());
});

test('a Rust panic surfaces with its message (console_error_panic_hook)', () => {
  const code = `const w = require(${JSON.stringify(PKG)});
    try { w.__debugPanic(); } catch (e) { console.log('CAUGHT', e.constructor.name); }`;
  const p = spawnSync(process.execPath, ['-e', code], { encoding: 'utf8' });
  assert.match(p.stderr, /panicked at[\s\S]*deliberate panic from __debugPanic/);
  assert.match(p.stdout, /CAUGHT RuntimeError/);
});
