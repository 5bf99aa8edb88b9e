// Initiatives in JavaScript: addInitiative, recordInitiativeUpdate, initiativeStatus (equal to
// the `okr initiatives` command's JSON, camelCase keys), initiativeSummary, the blend into a key
// result's figures when it weighs them in (initiatives_weight), the report's summaries, typed
// errors that change nothing. The scenarios are okr-core's (tests/initiatives.rs) and the
// Python package's (tests/test_initiatives.py).
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
const AS_OF = '2026-11-15';

const camel = (k) => k.replace(/_([a-z])/g, (_, c) => c.toUpperCase());
const camelKeys = (o) => Object.fromEntries(Object.entries(o).map(([k, v]) => [camel(k), v]));
const blend = (p, w, q) => (p + w * q) / (1 + w);
const close = (a, b) => Math.abs(a - b) < 1e-12;

for (const asOf of ['2026-10-01', AS_OF, '2026-11-20T12:00:00+01:00']) {
  test(`initiativeStatus(${asOf}) is the okr command's answer`, { skip: !process.env.OKR_BIN }, () => {
    const g = Graph.fromJson(ACME);
    const out = execFileSync(process.env.OKR_BIN,
      ['initiatives', ACME_PATH, '--as-of', asOf, '--format', 'json'], { encoding: 'utf8' });
    assert.deepEqual(g.initiativeStatus(asOf), JSON.parse(out).map(camelKeys));
    g.free();
  });
}

test('the example company: defect-rate weighs its initiatives in, the report shows them', () => {
  const g = Graph.fromJson(ACME);
  const plain = Graph.fromJson(ACME.replace('"initiatives_weight": 0.25,', ''));
  assert.equal(g.keyResult('defect-rate').initiatives_weight, 0.25);
  assert.equal(plain.keyResult('defect-rate').initiatives_weight, undefined);
  assert.deepEqual(g.initiativesOf('defect-rate').map((x) => x.id),
    ['scanner-rollout', 'remake-root-causes']);
  for (const day of [AS_OF, '2026-11-20']) {
    const p = plain.rollup(day).find((n) => n.id === 'defect-rate').progress;
    const s = g.initiativeSummary('defect-rate', day);
    const got = g.rollup(day).find((n) => n.id === 'defect-rate').progress;
    assert.ok(close(got, blend(p, s.weight, s.share)), `${day}: ${got}`);
  }
  const report = g.report(AS_OF);
  const withSome = report.nodes.filter((n) => n.initiatives);
  assert.deepEqual(new Set(withSome.map((n) => n.id)),
    new Set(g.initiatives().map((x) => x.key_result)));
  for (const n of withSome) assert.deepEqual(n.initiatives, g.initiativeSummary(n.id, AS_OF));
  // oslo-office's initiative is shown, not counted
  assert.equal(g.initiativeSummary('oslo-office', AS_OF).weight, null);
  assert.match(g.reportText(AS_OF), /initiatives 1\/1 done, 100\.0% on average, not counted/);
  plain.free();
  g.free();
});

function graph() {
  const g = new Graph();
  g.addOwner({ id: 'acme', name: 'Acme', kind: 'organisation' });
  g.addOwner({ id: 'frida', name: 'Frida', kind: 'person', parent: 'acme' });
  g.addCycle({ id: 'q4', start: '2026-10-01', end: '2026-12-31' });
  g.addObjective({ id: 'grow', title: 'Grow', owner: 'acme', cycle: 'q4' });
  g.addKeyResult({ id: 'new', title: 'Acquire 500 new customers', objective: 'grow',
    measure: { kind: 'numeric', start: 0, target: 500 } });
  g.checkIn('new', { at: '2026-11-01', value: 250 });
  g.addInitiative({ id: 'ads', key_result: 'new', title: 'Autumn ads', owner: 'frida',
    due: '2026-11-08', updates: [{ at: '2026-11-10', done: true },
      { at: new Date(Date.UTC(2026, 10, 3)), percent: 40, note: 'half the spots' }] });
  g.addInitiative({ id: 'partners', key_result: 'new', title: 'Three partners', due: '2026-11-30',
    updates: [{ at: '2026-11-01', percent: 20 }] });
  return g;
}

test('states at a time, the summary, and the blend once weighted', () => {
  const g = graph();
  assert.deepEqual(g.initiatives().map((x) => x.id), ['ads', 'partners']);
  const ads = g.initiative('ads');
  assert.deepEqual(ads.updates.map((u) => u.at), ['2026-11-03T00:00:00Z', '2026-11-10T00:00:00Z']);
  assert.equal(ads.updates[0].note, 'half the spots');
  assert.equal(g.initiative('nope'), undefined);
  const mid = Object.fromEntries(g.initiativeStatus('2026-11-09').map((r) => [r.id, r]));
  assert.equal(mid.ads.share, 0.4);
  assert.equal(mid.ads.overdue, true);
  assert.equal(mid.ads.keyResult, 'new');
  assert.equal(mid.ads.updated, '2026-11-03T00:00:00Z');
  const s = g.initiativeSummary('new', '2026-11-09');
  assert.deepEqual({ ...s, share: undefined }, { count: 2, done: 0, overdue: 1, share: undefined, weight: null });
  assert.ok(close(s.share, (mid.ads.share + mid.partners.share) / 2));
  assert.equal(g.initiativeSummary('grow', AS_OF), undefined);

  // excluded without a weight
  const before = g.rollup(AS_OF).find((n) => n.id === 'new');
  g.updateKeyResult('new', { initiatives_weight: 0.5, at: '2026-10-01' });
  const q = g.initiativeSummary('new', AS_OF).share;
  const after = g.rollup(AS_OF).find((n) => n.id === 'new');
  assert.ok(close(after.progress, blend(before.progress, 0.5, q)));
  assert.ok(close(after.attainment, blend(before.attainment, 0.5, q)));
  assert.equal(after.value, before.value);
  // an update, then the kept rollup refreshed equals a fresh one
  const kept = g.rollupResult(AS_OF);
  g.recordInitiativeUpdate({ initiative: 'partners', at: '2026-11-12', percent: 60, note: 'two' });
  assert.notDeepEqual(kept.get('new'), g.rollup(AS_OF).find((n) => n.id === 'new'));
  kept.refresh(g, 'new');
  assert.deepEqual(kept.nodes(), g.rollup(AS_OF));
  kept.free();
  // the document keeps all of it
  const again = Graph.fromJson(g.toJson());
  assert.equal(again.toJson(), g.toJson());
  assert.deepEqual(again.initiatives(), g.initiatives());
  assert.deepEqual(again.initiativeStatus(AS_OF), g.initiativeStatus(AS_OF));
  assert.equal(g.toObject().initiatives.length, 2);
  again.free();
  // a key result added with a weight; null clears it
  g.addKeyResult({ id: 'kr2', title: 'Two', objective: 'grow', initiatives_weight: 1,
    measure: { kind: 'boolean' } });
  assert.equal(g.keyResult('kr2').initiatives_weight, 1);
  g.updateKeyResult('kr2', { initiatives_weight: null, at: '2026-11-01' });
  assert.equal(g.keyResult('kr2').initiatives_weight, undefined);
  // update and remove
  g.updateInitiative({ id: 'partners', key_result: 'kr2', title: 'Moved' });
  assert.deepEqual(g.initiativesOf('kr2').map((x) => x.title), ['Moved']);
  assert.equal(g.removeInitiative('partners').id, 'partners');
  assert.deepEqual(g.initiatives().map((x) => x.id), ['ads']);
  g.free();
});

test('bad initiatives and updates are typed errors that change nothing', () => {
  const g = graph();
  const before = g.toJson();
  throwsOkr(() => g.addInitiative({ id: 'new', key_result: 'new', title: 'x' }),
    'DuplicateIdError', 'duplicate_id');
  let e = throwsOkr(() => g.addInitiative({ id: 'x', key_result: 'nope', title: 'x' }),
    'UnknownIdError', 'unknown_id');
  assert.deepEqual(e.ids, ['nope']);
  throwsOkr(() => g.addInitiative({ id: 'x', key_result: 'new', title: 'x',
    updates: [{ at: '2026-11-01', percent: 101 }] }), 'InvalidValueError', 'invalid_value',
  /updates\[0\]\.percent/);
  throwsOkr(() => g.addInitiative({ id: 'x', keyResult: 'new', title: 'x' }),
    'InvalidValueError', 'invalid_value');
  e = throwsOkr(() => g.recordInitiativeUpdate({ initiative: 'nope', at: '2026-11-01', done: true }),
    'UnknownIdError', 'unknown_id');
  assert.deepEqual(e.ids, ['nope']);
  throwsOkr(() => g.recordInitiativeUpdate({ initiative: 'ads', at: '2026-11-01' }),
    'InvalidValueError', 'invalid_value');
  throwsOkr(() => g.recordInitiativeUpdate({ initiative: 'ads', at: '2026-11-01', done: true, percent: 5 }),
    'InvalidValueError', 'invalid_value');
  throwsOkr(() => g.recordInitiativeUpdate({ initiative: 'ads', at: '2026-11-01', percent: NaN }),
    'InvalidValueError', 'invalid_value', /not a number from 0 to 100/);
  throwsOkr(() => g.recordInitiativeUpdate({ initiative: 'ads', at: '2026-11-01T10:00:00', done: true }),
    'InvalidValueError', 'invalid_value');
  throwsOkr(() => g.recordInitiativeUpdate({ initiative: 'ads', at: '2026-11-01', done: 'yes' }),
    'InvalidValueError', 'invalid_value', /expected a boolean/);
  throwsOkr(() => g.recordInitiativeUpdate({ initiative: 'ads', at: '2026-11-01', done: true, by: 'x' }),
    'InvalidValueError', 'invalid_value', /unknown field/);
  throwsOkr(() => g.addKeyResult({ id: 'neg', title: 't', objective: 'grow', initiatives_weight: -1,
    measure: { kind: 'boolean' } }), 'InvalidValueError', 'invalid_value', /initiatives_weight/);
  throwsOkr(() => g.addKeyResult({ id: 'nan', title: 't', objective: 'grow', initiatives_weight: NaN,
    measure: { kind: 'boolean' } }), 'InvalidValueError', 'invalid_value', /initiatives_weight/);
  throwsOkr(() => g.updateKeyResult('new', { initiatives_weight: NaN, at: '2026-10-01' }),
    'InvalidValueError', 'invalid_value', /initiatives_weight/);
  throwsOkr(() => g.removeInitiative('nope'), 'UnknownIdError', 'unknown_id');
  throwsOkr(() => g.updateInitiative({ id: 'nope', key_result: 'new', title: 'x' }),
    'UnknownIdError', 'unknown_id');
  assert.equal(g.toJson(), before);
  g.free();
});
