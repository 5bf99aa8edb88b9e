// The rollup table in JavaScript: `graph.rollupTable(asOf?, config?)` (okr-core's
// `Rollup::table`) on the example company: every column as long as the ids, the figures equal
// `rollupColumns` and `rollup`, titles, owners, objectives, cycles and states equal the
// graph's, `counted` is what the report text marks "not counted", the legends are complete and
// fixed, and a view's table shows its combined entries, never a hidden title.
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
const AS_OF = '2026-11-15';

const TEXT = ['id', 'title', 'owner', 'objective', 'cycle'];
const CODES = ['kind', 'state', 'status', 'source', 'undefinedReason'];
const FLAGS = ['counted', 'stale', 'blocked'];
const NUMBERS = ['progress', 'attainment', 'expected', 'confidence', 'computedProgress',
  'computedAttainment', 'plannedValue', 'value', 'lastCheckIn'];
const LEGENDS = {
  kind: ['objective', 'key_result'],
  status: ['not_started', 'on_track', 'at_risk', 'off_track', 'closed', 'no_data'],
  state: ['draft', 'active', 'closed', 'abandoned'],
  source: ['computed', 'manual'],
  undefinedReason: ['no_counting_children', 'no_child_progress', 'all_weights_zero', 'no_value', 'out_of_range'],
};

/// Row `i` of table `t` as a plain object, categories by name, flags as booleans, NaN as null.
function row(t, i) {
  const r = {};
  for (const k of TEXT) r[k] = t[k][i];
  for (const k of CODES) r[k] = t.legends[k][t[k][i]] ?? null;
  for (const k of FLAGS) r[k] = t[k][i] === 1;
  for (const k of NUMBERS) r[k] = Number.isNaN(t[k][i]) ? null : t[k][i];
  return r;
}

function checkShape(t) {
  const n = t.id.length;
  assert.ok(Array.isArray(t.id));
  for (const k of TEXT) assert.ok(Array.isArray(t[k]) && t[k].length === n, `${k}: an array of ${n}`);
  for (const k of [...CODES, ...FLAGS]) assert.ok(t[k] instanceof Uint8Array && t[k].length === n, `${k}: Uint8Array(${n})`);
  for (const k of NUMBERS) assert.ok(t[k] instanceof Float64Array && t[k].length === n, `${k}: Float64Array(${n})`);
  for (const k of FLAGS) assert.ok(t[k].every((v) => v === 0 || v === 1), `${k}: 0 or 1`);
  for (const k of CODES) {
    // 255: no undefined reason, the one code outside a legend
    const ok = (c) => c < t.legends[k].length || (k === 'undefinedReason' && c === 255);
    assert.ok(t[k].every(ok), `${k}: codes into its legend`);
  }
  const keys = new Set([...TEXT, ...CODES, ...FLAGS, ...NUMBERS, 'asOf', 'legends']);
  assert.deepEqual(Object.keys(t).filter((k) => !keys.has(k)), [], 'no other keys');
}

test('the example company: columns of one length, the figures of rollupColumns and rollup', () => {
  const g = Graph.fromJson(ACME);
  try {
    const t = g.rollupTable(AS_OF);
    checkShape(t);
    assert.equal(t.asOf, '2026-11-15T23:59:59Z', 'as report and rollupResult give it');
    assert.equal(t.id.length, 42);
    assert.deepEqual(t.legends, LEGENDS);
    const c = g.rollupColumns(AS_OF);
    assert.deepEqual(t.id, c.ids);
    for (const k of ['kind', 'status', 'stale', 'source', 'blocked', 'progress', 'attainment', 'expected',
      'confidence', 'computedProgress', 'computedAttainment', 'plannedValue']) {
      assert.deepEqual(t[k], c[k], k);
    }
    assert.deepEqual(t.legends.status, c.statusLegend);
    assert.deepEqual(t.legends.source, c.sourceLegend);
    const nodes = new Map(g.rollup(AS_OF).map((n) => [n.id, n]));
    for (let i = 0; i < t.id.length; i++) {
      const r = row(t, i);
      const n = nodes.get(r.id);
      assert.equal(r.kind, n.kind, r.id);
      assert.equal(r.status, n.status, r.id);
      assert.equal(r.undefinedReason, n.undefinedReason ?? null, r.id);
      assert.equal(r.value, n.value ?? null, r.id);
      assert.equal(r.lastCheckIn, n.lastCheckIn == null ? null : Date.parse(n.lastCheckIn), r.id);
      if (r.kind === 'objective') {
        const o = g.objective(r.id);
        assert.deepEqual([r.title, r.owner, r.objective, r.cycle, r.state], [o.title, o.owner, null, o.cycle, o.state]);
      } else {
        const k = g.keyResult(r.id);
        const o = g.objective(k.objective);
        assert.deepEqual([r.title, r.owner, r.objective, r.cycle, r.state],
          [k.title, k.owner ?? o.owner, k.objective, o.cycle, o.state]);
      }
    }
    // what the data shows: an undefined progress with its reason, a check-in's time, a key
    // result with an owner of its own
    const quality = row(t, t.id.indexOf('production-quality'));
    assert.deepEqual([quality.progress, quality.undefinedReason], [null, 'no_counting_children']);
    assert.ok(t.undefinedReason.filter((c) => c !== 255).length >= 1);
    assert.ok(t.lastCheckIn.some((v) => !Number.isNaN(v)));
    assert.ok(t.objective.some((v) => v === null) && t.objective.some((v) => typeof v === 'string'));
    // a Date as asOf, and a config, as rollup takes them
    const later = g.rollupTable(new Date(Date.UTC(2026, 11, 31, 12)), { staleDays: 400 });
    assert.equal(later.asOf, '2026-12-31T12:00:00Z');
    assert.ok(later.stale.every((s) => s === 0));
  } finally {
    g.free();
  }
});

test('counted is what the report text marks "not counted"', () => {
  const g = Graph.fromJson(ACME);
  try {
    const t = g.rollupTable(AS_OF);
    const text = g.reportText(AS_OF);
    // an objective line: "... [id] (draft, not counted)"; every other objective line has no mark
    const marked = new Set([...text.matchAll(/\[([^\]]+)\] \((?:draft|abandoned), not counted\)/g)].map((m) => m[1]));
    assert.deepEqual([...marked].sort(), ['employer-brand', 'trade-show-booth']);
    const summary = text.match(/(\d+) draft or abandoned \(not counted\)/);
    assert.equal(Number(summary[1]), marked.size);
    const objectiveOf = new Map();
    for (let i = 0; i < t.id.length; i++) objectiveOf.set(t.id[i], t.objective[i]);
    for (let i = 0; i < t.id.length; i++) {
      const id = t.id[i];
      // a key result counts when its objective does
      const owner = t.kind[i] === 0 ? id : objectiveOf.get(id);
      assert.equal(t.counted[i] === 1, !marked.has(owner), id);
    }
    assert.equal(t.counted.filter((c) => c === 0).length, 4, 'two objectives and their key results');
    // the rows the report counts by status are the counted objectives
    const counted = t.id.filter((_, i) => t.kind[i] === 0 && t.counted[i] === 1);
    assert.match(text, new RegExp(`Active and closed objectives: .*\\. ${marked.size} draft`));
    assert.equal(counted.length + marked.size, 17);
  } finally {
    g.free();
  }
});

test('a view shows its combined entries, never a hidden title', () => {
  const g = Graph.fromJson(ACME);
  g.addObjective({ id: 'secret-obj', title: 'Secret title QZ91', owner: 'gustav', cycle: 'q4-2026',
    visibility: 'private' });
  g.link('secret-obj', 'northern-clinics', 2);
  g.addKeyResult({ id: 'secret-kr', title: 'Secret key result QZ92', objective: 'secret-obj',
    measure: { kind: 'numeric', start: 0, target: 10 } });
  g.checkIn('secret-kr', { at: '2026-11-01', value: 5 });
  const view = g.viewFor('frida');
  try {
    const full = g.rollupTable(AS_OF);
    assert.ok(full.title.includes('Secret title QZ91'), 'the full graph shows it');
    const t = view.rollupTable(AS_OF);
    checkShape(t);
    const all = JSON.stringify(TEXT.map((k) => t[k]));
    for (const s of ['QZ91', 'QZ92', 'secret-obj', 'secret-kr']) assert.ok(!all.includes(s), s);
    const i = t.id.indexOf('northern-clinics~hidden');
    assert.ok(i >= 0, 'the combined entry');
    const r = row(t, i);
    assert.deepEqual([r.title, r.owner, r.kind], ['Hidden objectives', 'hidden', 'objective']);
    // under the default policy the visible figures are the full graph's
    const j = full.id.indexOf('northern-clinics');
    const k = t.id.indexOf('northern-clinics');
    assert.equal(t.progress[k], full.progress[j]);
    const combined = view.rollup(AS_OF).find((n) => n.id === 'northern-clinics~hidden');
    assert.equal(r.progress, combined.progress, 'the combined entry\'s figures');
    assert.ok(r.progress > 0);
    assert.deepEqual(t.id, view.rollupColumns(AS_OF).ids);
  } finally {
    view.free();
    g.free();
  }
});

test('an empty graph: empty columns and the whole legends; bad arguments throw typed errors', () => {
  const g = new Graph();
  try {
    const t = g.rollupTable(AS_OF);
    checkShape(t);
    assert.equal(t.id.length, 0);
    assert.deepEqual(t.legends, LEGENDS);
    throwsOkr(() => g.rollupTable('2026-11-15T12:00:00'), 'InvalidValueError', 'invalid_value');
    throwsOkr(() => g.rollupTable(AS_OF, { staleDays: -1 }), 'ConfigError', 'invalid_config');
  } finally {
    g.free();
  }
});

test('text with a NUL and an empty title keep their rows', () => {
  const g = Graph.fromObject({
    version: 1,
    owners: [{ id: 'acme', name: 'Acme', kind: 'organisation' }],
    cycles: [{ id: 'q4', name: 'Q4', start: '2026-10-01', end: '2026-12-31' }],
    objectives: [{ id: 'a', title: 'nul\u0000inside', owner: 'acme', cycle: 'q4' },
      { id: 'b', title: 'Ärger — ✓', owner: 'acme', cycle: 'q4', parents: [{ id: 'a' }] }],
  });
  try {
    const t = g.rollupTable(AS_OF);
    checkShape(t);
    const titles = Object.fromEntries(t.id.map((id, i) => [id, t.title[i]]));
    assert.deepEqual(titles, { a: 'nul\u0000inside', b: 'Ärger — ✓' });
  } finally {
    g.free();
  }
});
