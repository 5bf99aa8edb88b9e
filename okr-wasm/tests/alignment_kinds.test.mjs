// Link kinds (contributes / supports) and dependencies (blocks) in JavaScript: supporting links
// are listed and never counted, dependencies flag nodes as blocked (objects and typed columns),
// errors are okr-core's. Every rule is okr-core's: these check that the binding passes the call
// on and converts what comes back.
import test from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { throwsOkr } from './helpers.mjs';

const require = createRequire(import.meta.url);
const { Graph } = require('../pkg/node/okr_wasm.js');
const here = path.dirname(fileURLToPath(import.meta.url));
const ACME = readFileSync(path.resolve(here, '../../examples/acme.okr.json'), 'utf8');
const PCT = { kind: 'numeric', start: 0, target: 100 };

/** grow <- sales (contributes, 50%), grow <- brand (supports, weight 3, 100%). */
function small() {
  const g = new Graph();
  g.addOwner({ id: 'acme', name: 'Acme', kind: 'organisation' });
  g.addCycle({ id: 'q4', start: '2026-10-01', end: '2026-12-31' });
  for (const id of ['grow', 'sales', 'brand', 'launch', 'platform']) {
    g.addObjective({ id, title: id, owner: 'acme', cycle: 'q4' });
  }
  g.link('sales', 'grow', 1);
  g.link('brand', 'grow', 3, 'supports');
  for (const [id, objective] of [['sales-kr', 'sales'], ['brand-kr', 'brand'], ['platform-kr', 'platform']]) {
    g.addKeyResult({ id, title: id, objective, measure: PCT });
  }
  g.checkIn('sales-kr', { at: '2026-10-10', value: 50 });
  g.checkIn('brand-kr', { at: '2026-10-10', value: 100 });
  return g;
}

test('a supporting link is listed and never counted', () => {
  const g = small();
  assert.equal(g.linkKind('brand', 'grow'), 'supports');
  assert.equal(g.linkKind('sales', 'grow'), 'contributes');
  assert.equal(g.linkKind('grow', 'brand'), undefined);
  assert.deepEqual(g.childLinks('grow'), [
    { id: 'sales', weight: 1, kind: 'contributes' },
    { id: 'brand', weight: 3, kind: 'supports' },
  ]);
  assert.deepEqual(g.parentLinks('brand'), [{ id: 'grow', weight: 3, kind: 'supports' }]);
  const grow = g.rollup('2026-10-15').find((n) => n.id === 'grow');
  assert.equal(grow.progress, 0.5);
  const brand = g.explainProgress('grow', '2026-10-15').contributions.find((c) => c.id === 'brand');
  assert.equal(brand.counted, false);
  assert.equal(brand.note, 'supports, not counted');
  const doc = g.toObject();
  const parents = doc.objectives.find((o) => o.id === 'brand').parents;
  assert.deepEqual(parents, [{ id: 'grow', weight: 3, kind: 'supports' }]);
  assert.equal(Graph.fromJson(g.toJson()).toJson(), g.toJson());
  g.free();
});

test('the older link(child, parent, weight, change) still reads the change', () => {
  const g = small();
  g.link('launch', 'grow', 1, { at: '2026-11-01', by: 'anna' });
  assert.equal(g.linkKind('launch', 'grow'), 'contributes');
  g.link('platform', 'grow', undefined, 'supports', { at: '2026-11-02' });
  assert.equal(g.linkKind('platform', 'grow'), 'supports');
  const e = throwsOkr(() => g.link('grow', 'brand', 1, 'supports', { at: '2026-11-03' }), 'CycleError', 'cycle');
  assert.deepEqual(e.ids, ['grow', 'brand', 'grow']);
  throwsOkr(() => g.link('grow', 'launch', 1, 'helps'), 'InvalidValueError', 'invalid_value');
  g.free();
});

test('setLinkKind is a revision', () => {
  const g = small();
  throwsOkr(() => g.setLinkKind('brand', 'grow', 'contributes'), 'MissingTimeError', 'missing_time');
  g.setLinkKind('brand', 'grow', 'contributes', { at: '2026-11-01', by: 'anna' });
  const now = g.rollup('2026-11-15').find((n) => n.id === 'grow');
  assert.equal(now.progress, 0.875);
  const then = g.rollup('2026-10-15').find((n) => n.id === 'grow');
  assert.equal(then.progress, 0.5);
  const entry = g.log()[0];
  assert.deepEqual([entry.entity, entry.field, entry.from, entry.to], ['brand -> grow', 'kind', 'supports', 'contributes']);
  throwsOkr(() => g.setLinkKind('grow', 'brand', 'supports', { at: '2026-11-02' }), 'LinkError', 'not_linked');
  g.free();
});

test('dependencies flag blocked nodes, in objects and typed columns', () => {
  const g = small();
  g.addDependency({ blocker: 'platform', blocked: 'launch', startBy: '2026-10-20', note: 'needs the API' });
  g.addDependency({ blocker: 'sales', blocked: 'platform-kr' });
  assert.deepEqual(g.dependencies(), [
    { blocker: 'platform', blocked: 'launch', startBy: '2026-10-20', note: 'needs the API' },
    { blocker: 'sales', blocked: 'platform-kr' },
  ]);
  const of = g.dependenciesOf('platform');
  assert.deepEqual(of.blocks.map((d) => d.blocked), ['launch']);
  assert.deepEqual(of.blockedBy, []);
  // not started on its startBy day: not yet; the day after: blocked
  assert.equal(g.rollup('2026-10-20').find((n) => n.id === 'launch').blocked, false);
  const r = g.rollupResult('2026-10-21');
  assert.equal(r.get('launch').blocked, true);
  assert.deepEqual(r.blockers('launch'), [{ id: 'platform', kind: 'objective', reason: 'not_started', startBy: '2026-10-20' }]);
  assert.deepEqual(r.blockers('grow'), []);
  r.free();
  // sales at 50% since October: off track in December
  const cols = g.rollupColumns('2026-12-10');
  assert.ok(cols.blocked instanceof Uint8Array);
  assert.equal(cols.blocked.length, cols.ids.length);
  const at = (id) => cols.ids.indexOf(id);
  assert.equal(cols.blocked[at('platform-kr')], 1);
  assert.equal(cols.blocked[at('grow')], 0);
  const status = g.dependencyStatus('2026-12-10');
  const kr = status.find((s) => s.blocked === 'platform-kr');
  assert.equal(kr.blocksNow, true);
  assert.equal(kr.reason, 'off_track');
  // never counted: the same figures without dependencies
  // the explanation names what blocks and why
  assert.equal(g.explainProgress('launch', '2026-10-20').blockers, undefined);
  const ex = g.explainProgress('launch', '2026-10-21');
  assert.equal(ex.blocked, true);
  assert.deepEqual(
    [ex.blockers[0].id, ex.blockers[0].reason, ex.blockers[0].startBy, ex.blockers[0].note],
    ['platform', 'not_started', '2026-10-20', 'needs the API'],
  );
  assert.match(ex.summary, /It is blocked by objective "platform" \(not started/);
  assert.equal(g.explainProgress('platform-kr', '2026-12-10').blockers[0].reason, 'off_track');
  const plain = small().rollupColumns('2026-12-10');
  assert.deepEqual(Array.from(cols.progress), Array.from(plain.progress));
  // the document keeps them
  const doc = g.toObject();
  assert.deepEqual(doc.dependencies[0], { blocker: 'platform', blocked: 'launch', start_by: '2026-10-20', note: 'needs the API' });
  assert.equal(Graph.fromJson(g.toJson()).toJson(), g.toJson());
  g.removeDependency('sales', 'platform-kr');
  assert.equal(g.dependencies().length, 1);
  g.free();
});

test('dependency errors are typed and change nothing', () => {
  const g = small();
  g.addDependency({ blocker: 'platform', blocked: 'launch' });
  const before = g.toJson();
  const e = throwsOkr(() => g.addDependency({ blocker: 'launch', blocked: 'platform' }), 'DependencyCycleError', 'dependency_cycle');
  assert.deepEqual(e.ids, ['launch', 'platform', 'launch']);
  throwsOkr(() => g.addDependency({ blocker: 'launch', blocked: 'launch' }), 'DependencyCycleError', 'dependency_cycle');
  throwsOkr(() => g.addDependency({ blocker: 'platform', blocked: 'launch' }), 'DependencyError', 'already_dependent');
  throwsOkr(() => g.removeDependency('launch', 'grow'), 'DependencyError', 'not_dependent');
  throwsOkr(() => g.addDependency({ blocker: 'nope', blocked: 'launch' }), 'UnknownIdError', 'unknown_id');
  throwsOkr(() => g.addDependency({ blocker: 'grow', blocked: 'launch', startBy: 'soon' }), 'InvalidValueError', 'invalid_value');
  throwsOkr(() => g.addDependency({ blocker: 'grow', blocked: 'launch', typo: 1 }), 'InvalidValueError', 'invalid_value');
  assert.equal(g.toJson(), before);
  g.free();
});

test('the example company: a supporting link and a blocked key result', () => {
  const g = Graph.fromJson(ACME);
  assert.equal(g.linkKind('dental-fair', 'northern-clinics'), 'supports');
  const report = g.report('2026-11-15');
  const north = report.nodes.find((n) => n.id === 'north-clinics');
  assert.equal(north.blocked, true);
  assert.deepEqual(north.blockers, [{ id: 'sales-headcount', reason: 'off_track', startBy: '2026-10-15' }]);
  const fair = report.nodes.find((n) => n.id === 'dental-fair');
  assert.deepEqual(fair.parents[1], { id: 'northern-clinics', weight: 1, kind: 'supports' });
  assert.match(g.reportText('2026-11-15'), /blocked by sales-headcount \(off track\)/);
  g.free();
});
