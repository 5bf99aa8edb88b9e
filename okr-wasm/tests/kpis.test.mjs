// KPIs in JavaScript: addKpi, recordKpiValue, kpiHealth (equal to the `okr kpis` command's JSON,
// camelCase keys), a key result taking its values from a KPI, typed errors that change nothing.
// The scenarios are okr-core's (tests/kpis.rs) and the Python package's (tests/test_kpis.py).
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

for (const asOf of ['2026-07-15', '2026-11-15', '2026-12-31']) {
  test(`kpiHealth(${asOf}) is the okr command's answer`, { skip: !process.env.OKR_BIN }, () => {
    const g = Graph.fromJson(ACME);
    const out = execFileSync(process.env.OKR_BIN,
      ['kpis', ACME_PATH, '--as-of', asOf, '--format', 'json'], { encoding: 'utf8' });
    assert.deepEqual(g.kpiHealth(asOf), JSON.parse(out));
    g.free();
  });
}

test('the example company: health apart from progress, a key result from a KPI', () => {
  const g = Graph.fromJson(ACME);
  const rows = g.kpiHealth('2026-11-15');
  assert.deepEqual(rows.map((r) => r.id), g.kpis().map((k) => k.id));
  const otd = rows.find((r) => r.id === 'on-time-delivery');
  assert.equal(otd.unit, '%');
  assert.equal(otd.target, 96);
  assert.equal(otd.value, 95.7);
  assert.equal(otd.trend, 'down');
  assert.equal(otd.health, 'unhealthy');
  assert.equal(otd.at, '2026-11-10T00:00:00Z');
  assert.equal(g.keyResult('on-time').kpi, 'on-time-delivery');
  assert.deepEqual(g.checkIns('on-time').map((c) => c.value),
    g.kpi('on-time-delivery').values.map((v) => v.value));
  g.free();
});

function graph() {
  const g = new Graph();
  g.addOwner({ id: 'acme', name: 'Acme', kind: 'organisation' });
  g.addCycle({ id: 'q4', start: '2026-10-01', end: '2026-12-31' });
  g.addObjective({ id: 'happy', title: 'Happy customers', owner: 'acme', cycle: 'q4' });
  g.addKpi({
    id: 'csat', name: 'Customer satisfaction', unit: '%', owner: 'acme',
    health: { kind: 'at_or_above', value: 90 }, targets: [{ month: '2026-11', value: 92 }],
  });
  return g;
}

test('recordKpiValue feeds the KPI and the key results taking values from it', () => {
  const g = graph();
  g.addKeyResult({ id: 'kr', title: 'CSAT from 88% to 95%', objective: 'happy', kpi: 'csat',
    measure: { kind: 'numeric', start: 88, target: 95, unit: '%' } });
  g.recordKpiValue({ kpi: 'csat', at: '2026-11-01', value: 91.5, note: 'survey' });
  g.recordKpiValue({ kpi: 'csat', at: new Date(Date.UTC(2026, 9, 1)), value: 89 });
  assert.deepEqual(g.kpi('csat').values.map((v) => v.value), [89, 91.5]);
  const h = g.kpiHealth('2026-11-15')[0];
  assert.deepEqual([h.health, h.trend, h.target, h.previous], ['unhealthy', 'up', 92, 89]);
  const kr = g.rollup('2026-11-15').find((n) => n.id === 'kr');
  assert.ok(Math.abs(kr.progress - 0.5) < 1e-9);
  throwsOkr(() => g.checkIn('kr', { at: '2026-11-02', value: 93 }), 'InvalidCheckInError',
    'invalid_check_in', /takes its values from KPI "csat"/);
  const again = Graph.fromJson(g.toJson());
  assert.deepEqual(again.kpiHealth('2026-11-15'), g.kpiHealth('2026-11-15'));
  assert.deepEqual(again.checkIns('kr'), g.checkIns('kr'));
  again.free();
  g.free();
});

test('bad KPIs and values are typed errors that change nothing', () => {
  const g = graph();
  const before = g.toJson();
  throwsOkr(() => g.addKpi({ id: 'x', name: 'X', health: { kind: 'between', min: 2, max: 1 } }),
    'InvalidValueError', 'invalid_value', /health of KPI "x"/);
  throwsOkr(() => g.addKpi({ id: 'x', name: 'X', health: { kind: 'increase' },
    targets: [{ month: '2026-13', value: 1 }] }), 'InvalidValueError', 'invalid_value', /targets\[0\]\.month/);
  throwsOkr(() => g.addKpi({ id: 'happy', name: 'X', health: { kind: 'increase' } }),
    'DuplicateIdError', 'duplicate_id');
  const e = throwsOkr(() => g.recordKpiValue({ kpi: 'nope', at: '2026-11-01', value: 1 }),
    'UnknownIdError', 'unknown_id');
  assert.deepEqual(e.ids, ['nope']);
  throwsOkr(() => g.recordKpiValue({ kpi: 'csat', at: '2026-11-01', value: NaN }),
    'InvalidValueError', 'invalid_value', /not a finite number/);
  throwsOkr(() => g.recordKpiValue({ kpi: 'csat', at: '2026-11-01T10:00:00', value: 1 }),
    'InvalidValueError', 'invalid_value');
  throwsOkr(() => g.recordKpiValue({ kpi: 'csat', at: '2026-11-01', value: 1, by: 'x' }),
    'InvalidValueError', 'invalid_value', /unknown field/);
  const u = throwsOkr(() => g.addKeyResult({ id: 'eur', title: 't', objective: 'happy', kpi: 'csat',
    measure: { kind: 'numeric', start: 0, target: 1, unit: 'EUR' } }), 'UnitMismatchError', 'unit_mismatch');
  assert.deepEqual(u.ids, ['eur', 'csat']);
  assert.equal(g.toJson(), before);
  assert.equal(g.removeKpi('csat').id, 'csat');
  assert.deepEqual(g.kpis(), []);
  g.free();
});
