// Tables in JavaScript: `Graph.fromCsv(texts)` reads CSV texts by table name (okr-core's
// `Tables::from_csv_texts` and `into_graph`), `graph.toCsv()` writes them (`Tables::of_graph`,
// `to_csv_texts`); tables that do not describe an organisation throw TableError
// (`invalid_tables`) with every problem at once in `problems`. Which tables there are is
// okr-core's (`TABLE_NAMES`): these tests take the names from `toCsv()`, never from a list.
// Build first: scripts/build-wasm.sh okr-wasm okr-wasm/pkg
import test from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { throwsOkr } from './helpers.mjs';

const require = createRequire(import.meta.url);
const here = path.dirname(fileURLToPath(import.meta.url));
const wasm = require(process.env.OKR_WASM_NODE ?? path.resolve(here, '../pkg/node/okr_wasm.js'));
const { Graph } = wasm;
const ACME = readFileSync(path.resolve(here, '../../examples/acme.okr.json'), 'utf8');
const AS_OF = '2026-11-15';

// A small organisation: two departments' objectives aligned under the company's (weights 3
// and 1); a numeric, a decreasing and a milestones key result; a title with a comma and a
// quote (quoted CSV fields). Written as a spreadsheet would: columns in any order, empty cells.
const SMALL = {
  owners: 'id,name,kind,parent\nacme,Acme,organisation,\nsales,Sales,department,acme\nproduct,Product,department,acme\n',
  cycles: 'id,name,start,end\nfy,FY 2026,2026-01-01,2026-12-31\n',
  objectives: 'title,id,owner,cycle\n"Grow, profitably",grow,acme,fy\n"Sell ""more""",sell,sales,fy\nShip the app,ship,product,fy\n',
  links: 'child,parent,weight\nsell,grow,3\nship,grow,1\n',
  key_results: [
    'id,objective,title,kind,start,target,unit,weight,milestones',
    'revenue,sell,Revenue to 2M,numeric,1000000,2000000,EUR,2,',
    'churn,sell,Churn from 4% to 2%,numeric,4,2,%,1,',
    'launch,ship,Launch the app,milestones,,,,,beta;ga=3',
  ].join('\n') + '\n',
  check_ins: [
    'key_result,at,value,milestones_done,confidence',
    'revenue,2026-06-30,1400000,,0.7',
    'revenue,2026-09-30,1600000,,',
    'churn,2026-09-30,3.1,,',
    'launch,2026-10-01T09:30:00+02:00,,beta,',
  ].join('\n') + '\n',
};

/** The same organisation as a JSON document. */
const SMALL_DOC = {
  version: 1,
  owners: [
    { id: 'acme', name: 'Acme', kind: 'organisation' },
    { id: 'sales', name: 'Sales', kind: 'department', parent: 'acme' },
    { id: 'product', name: 'Product', kind: 'department', parent: 'acme' },
  ],
  cycles: [{ id: 'fy', name: 'FY 2026', start: '2026-01-01', end: '2026-12-31' }],
  objectives: [
    { id: 'grow', title: 'Grow, profitably', owner: 'acme', cycle: 'fy' },
    { id: 'sell', title: 'Sell "more"', owner: 'sales', cycle: 'fy', parents: [{ id: 'grow', weight: 3 }],
      key_results: [
        { id: 'revenue', title: 'Revenue to 2M', weight: 2,
          measure: { kind: 'numeric', start: 1000000, target: 2000000, unit: 'EUR' },
          check_ins: [{ at: '2026-06-30', value: 1400000, confidence: 0.7 }, { at: '2026-09-30', value: 1600000 }] },
        { id: 'churn', title: 'Churn from 4% to 2%', measure: { kind: 'numeric', start: 4, target: 2, unit: '%' },
          check_ins: [{ at: '2026-09-30', value: 3.1 }] },
      ] },
    { id: 'ship', title: 'Ship the app', owner: 'product', cycle: 'fy', parents: [{ id: 'grow', weight: 1 }],
      key_results: [
        { id: 'launch', title: 'Launch the app',
          measure: { kind: 'milestones', milestones: [{ name: 'beta' }, { name: 'ga', weight: 3 }] },
          check_ins: [{ at: '2026-10-01T07:30:00Z', milestones_done: ['beta'] }] },
      ] },
  ],
};

const byId = (rows) => Object.fromEntries(rows.map((n) => [n.id, n]));
const close = (actual, expected, what) =>
  assert.ok(Math.abs(actual - expected) < 1e-12, `${what}: ${actual}, expected ${expected}`);

test('fromCsv reads a small organisation, which rolls up as its document does', () => {
  const g = Graph.fromCsv(SMALL);
  const doc = Graph.fromObject(SMALL_DOC);
  try {
    assert.equal(g.objective('grow').title, 'Grow, profitably');
    assert.equal(g.objective('sell').title, 'Sell "more"');
    assert.deepEqual(g.parentsOf('sell'), [{ id: 'grow', weight: 3 }]);
    assert.deepEqual(g.checkIns('launch').map((c) => c.at), ['2026-10-01T07:30:00Z']);

    // by hand: revenue (1.6M - 1M) / 1M = 0.6; churn (3.1 - 4) / (2 - 4) = 0.45; sell
    // (2 * 0.6 + 0.45) / 3 = 0.55; launch 1 of 4 milestone weights = 0.25; grow
    // (3 * 0.55 + 0.25) / 4 = 0.475
    const now = byId(g.rollup(AS_OF));
    close(now.revenue.progress, 0.6, 'revenue');
    close(now.churn.progress, 0.45, 'churn');
    close(now.sell.progress, 0.55, 'sell');
    close(now.launch.progress, 0.25, 'launch');
    close(now.ship.progress, 0.25, 'ship');
    close(now.grow.progress, 0.475, 'grow');
    // in August: revenue 0.4, churn at its start (0), the app not started: grow 0.8 / 4
    const august = byId(g.rollup('2026-08-01'));
    close(august.sell.progress, 0.8 / 3, 'sell in August');
    assert.equal(august.launch.progress, 0);
    close(august.grow.progress, 0.2, 'grow in August');
    assert.equal(august.revenue.confidence, 0.7);

    for (const at of ['2026-08-01', AS_OF, '2027-01-15']) {
      assert.deepEqual(g.rollup(at), doc.rollup(at), at);
    }
    assert.equal(g.reportText(AS_OF), doc.reportText(AS_OF));
  } finally {
    g.free();
    doc.free();
  }
});

test('toCsv gives every table as CSV text with a header row, and fromCsv reads it back', () => {
  const g = Graph.fromCsv(SMALL);
  try {
    const csv = g.toCsv();
    assert.equal(Object.getPrototypeOf(csv), Object.prototype, 'a plain object');
    const names = Object.keys(csv);
    for (const name of Object.keys(SMALL)) assert.ok(names.includes(name), name);
    for (const name of names) {
      assert.equal(typeof csv[name], 'string', name);
      assert.ok(csv[name].endsWith('\n'), name);
    }
    // a table without rows is its header
    assert.equal(csv.kpis.split('\n').filter(Boolean).length, 1);
    assert.match(csv.objectives, /^id,title,owner,cycle,/);
    assert.ok(csv.objectives.includes('"Grow, profitably"'));
    assert.ok(csv.objectives.includes('"Sell ""more"""'));
    const back = Graph.fromCsv(csv);
    assert.deepEqual(back.toCsv(), csv);
    assert.deepEqual(back.rollup(AS_OF), g.rollup(AS_OF));
    back.free();
  } finally {
    g.free();
  }
});

test('the example company round-trips through toCsv and fromCsv with the same figures', () => {
  const g = Graph.fromJson(ACME);
  const csv = g.toCsv();
  const back = Graph.fromCsv(csv);
  try {
    // tables hold the goals as they are now (no history): the figures are the same from the
    // latest revision on
    assert.ok(g.latestRevision < AS_OF, g.latestRevision);
    for (const at of [AS_OF, '2026-12-31', '2027-03-01']) {
      const before = g.rollup(at);
      const after = back.rollup(at);
      assert.deepEqual(after.map((n) => n.id), before.map((n) => n.id), at);
      const mine = byId(after);
      for (const n of before) assert.deepEqual(mine[n.id], n, `${n.id} at ${at}`);
      const cols = [g.rollupColumns(at), back.rollupColumns(at)];
      assert.deepEqual(cols[1], cols[0], at);
    }
    assert.equal(back.reportText(AS_OF), g.reportText(AS_OF));
    assert.ok(back.rollup(AS_OF).length > 30);
    // the texts are a fixed point: written again from what they read, they are the same
    assert.deepEqual(back.toCsv(), csv);
    assert.equal(back.revisionCount, 0);
  } finally {
    back.free();
    g.free();
  }
});

test('bad tables throw TableError naming the table, row and column of every problem', () => {
  const texts = {
    ...SMALL,
    cycles: 'id,name,start,end\nfy,FY 2026,2026-01-01,2026-12-31\nh2,H2,2026-07-01,2026-13-01\n',
    objectives: SMALL.objectives + ',lost,acme,fy\n', // columns: title,id,owner,cycle
    key_results: SMALL.key_results + 'bad,sell,Bad,numeric,0,lots,,,\n',
    check_ins: SMALL.check_ins + 'revenue,2026-02-30,5,,\nghost,2026-10-01,1,,\n',
  };
  const e = throwsOkr(() => Graph.fromCsv(texts), 'TableError', 'invalid_tables', /^\d+ problems in the tables: /);
  assert.ok(Array.isArray(e.problems));
  const at = (table, row, column) => e.problems.find((p) => p.table === table && p.row === row && p.column === column);
  const expected = [
    ['cycles', 2, 'end', '2026-13-01', 'invalid_value'],
    ['objectives', 4, 'title', null, 'invalid_value'],
    ['key_results', 4, 'target', 'lots', 'invalid_value'],
    ['check_ins', 5, 'at', '2026-02-30', 'invalid_value'],
    ['check_ins', 6, 'key_result', 'ghost', 'unknown_id'],
  ];
  for (const [table, row, column, value, code] of expected) {
    const p = at(table, row, column);
    assert.ok(p, `a problem at ${table} row ${row} column ${column}: ${JSON.stringify(e.problems)}`);
    assert.equal(p.value, value);
    assert.equal(p.code, code);
    assert.equal(typeof p.message, 'string');
    assert.ok(p.message.length > 0);
    assert.ok(Array.isArray(p.ids));
    assert.deepEqual(Object.keys(p), ['table', 'row', 'column', 'value', 'code', 'message', 'ids']);
  }
  assert.deepEqual(at('check_ins', 6, 'key_result').ids, ['ghost']);
  assert.ok(e.problems.length >= expected.length);
  assert.match(e.message, new RegExp(`^${e.problems.length} problems in the tables: `));
  assert.deepEqual(e.ids, e.problems[0].ids);
  for (const p of e.problems) {
    assert.ok(Number.isInteger(p.row) || p.row === null, JSON.stringify(p));
  }
});

test('problems of whole tables have no row (unknown tables); CSV that does not read names its row', () => {
  let e = throwsOkr(() => Graph.fromCsv({ ...SMALL, objectivs: 'id\n' }), 'TableError', 'invalid_tables', /objectivs/);
  assert.deepEqual(e.problems.map((p) => [p.table, p.row, p.column, p.value, p.code]),
    [['objectivs', null, null, null, 'invalid_value']]);
  e = throwsOkr(() => Graph.fromCsv({ ...SMALL, links: 'child,parent,weight\nsell,grow\n' }),
    'TableError', 'invalid_tables');
  assert.deepEqual(e.problems.map((p) => [p.table, p.row, p.column]), [['links', 1, null]]);
  assert.match(e.problems[0].message, /fields/);
  // a column okr does not know (most often a misspelt one) is a problem too
  e = throwsOkr(() => Graph.fromCsv({ ...SMALL, links: 'child,parent,wieght\nsell,grow,3\nship,grow,1\n' }),
    'TableError', 'invalid_tables');
  assert.ok(e.problems.some((p) => p.table === 'links' && p.column === 'wieght'), JSON.stringify(e.problems));
  // an alignment cycle names its path
  e = throwsOkr(() => Graph.fromCsv({ ...SMALL, links: SMALL.links + 'grow,sell,1\n' }), 'TableError', 'invalid_tables');
  const cycle = e.problems.find((p) => p.code === 'cycle');
  assert.ok(cycle, JSON.stringify(e.problems));
  assert.equal(cycle.table, 'links');
  assert.match(cycle.message, /sell -> grow -> sell/);
});

test('a failed fromCsv throws and makes no graph; the same texts corrected load', () => {
  const bad = { ...SMALL, links: SMALL.links.replace('ship,grow,1', 'ship,grow,heavy') };
  let made = null;
  const e = throwsOkr(() => { made = Graph.fromCsv(bad); }, 'TableError', 'invalid_tables',
    /^1 problem in the tables: links, row 2, column weight \("heavy"\): /);
  assert.equal(made, null);
  assert.deepEqual(e.problems.map((p) => [p.table, p.row, p.column, p.value, p.code]),
    [['links', 2, 'weight', 'heavy', 'invalid_value']]);
  const g = Graph.fromCsv(SMALL);
  assert.equal(g.objectives().length, 3);
  g.free();
});

test('fromCsv takes an object of strings: other arguments are InvalidValueError', () => {
  for (const wrong of [undefined, null, 'id,title\n', 42, ['objectives']]) {
    throwsOkr(() => Graph.fromCsv(wrong), 'InvalidValueError', 'invalid_value', /texts/);
  }
  throwsOkr(() => Graph.fromCsv({ objectives: 42 }), 'InvalidValueError', 'invalid_value',
    /texts\.objectives: must be a string/);
  throwsOkr(() => Graph.fromCsv({ objectives: null }), 'InvalidValueError', 'invalid_value', /texts\.objectives/);
  // a table `undefined` is not given
  const g = Graph.fromCsv({ ...SMALL, kpis: undefined });
  assert.equal(g.kpis().length, 0);
  g.free();
  // no tables at all: an empty organisation
  const empty = Graph.fromCsv({});
  assert.equal(empty.objectives().length, 0);
  empty.free();
});

test('texts longer in all than the document size limit are refused before they are copied', () => {
  const memory = wasm.__wasmMemory();
  const text = 'x'.repeat(64 << 20); // one 64 MiB string, given under nine names: 576 MiB
  const texts = Object.fromEntries(Array.from({ length: 9 }, (_, i) => [`t${i}`, text]));
  const before = memory.buffer.byteLength;
  throwsOkr(() => Graph.fromCsv(texts), 'LimitExceededError', 'limit_exceeded',
    /document size \(bytes, at least the string's UTF-16 length\) is 603979776, the limit is 536870912/);
  assert.ok(memory.buffer.byteLength - before < (1 << 20), `${before} -> ${memory.buffer.byteLength}`);
});

test('a view writes only what its viewer may see', () => {
  const g = Graph.fromJson(ACME);
  const v = g.viewFor('hanna');
  try {
    const csv = v.toCsv();
    assert.ok(!Object.values(csv).some((t) => t.includes('gustav-tromso')));
    assert.ok(Object.values(g.toCsv()).some((t) => t.includes('gustav-tromso')));
  } finally {
    v.free();
    g.free();
  }
});

test('importCsv lays tables over a graph by key, as revisions; a dry run changes nothing', () => {
  const g = Graph.fromJson(ACME);
  const before = g.toJson();
  const texts = {
    objectives: 'id,title\nsales-growth,Grow retainer sales by 90% in 2026\n',
    check_ins: 'key_result,at,value\nannual-revenue,2026-12-02T09:00:00Z,3300000\n',
  };
  const report = g.importCsv(texts, { at: '2026-12-01', by: 'anna', dryRun: true });
  assert.deepEqual(report, {
    created: [{ table: 'check_ins', key: 'annual-revenue @ 2026-12-02T09:00:00+00:00' }],
    updated: [{ table: 'objectives', key: 'sales-growth', fields: ['title'] }],
    deleted: [],
  });
  assert.equal(g.toJson(), before);
  assert.deepEqual(g.importCsv(texts, { at: '2026-12-01', by: 'anna' }), report);
  assert.equal(g.objective('sales-growth').title, 'Grow retainer sales by 90% in 2026');
  assert.equal(g.log({ id: 'sales-growth' })[0].by, 'anna');
  // every problem at once, on the sheet's rows; nothing changes
  const after = g.toJson();
  const e = throwsOkr(
    () => g.importCsv({ objectives: 'id,title,owner\nsales-growth,Grow,nobody\nfresh,Fresh,sales\n' },
      { at: '2026-12-01' }),
    'TableError', 'invalid_tables',
  );
  const places = e.problems.map((p) => `${p.table}:${p.row}:${p.column}`);
  assert.ok(places.includes('objectives:1:owner'), places.join(' '));
  assert.ok(places.includes('objectives:2:cycle'), places.join(' '));
  throwsOkr(() => g.importCsv(texts, {}), 'InvalidValueError', 'invalid_value');
  throwsOkr(() => g.importCsv(texts, { at: '2026-12-01', dryrun: true }), 'InvalidValueError', 'invalid_value');
  // a change dated before the latest revision (the same texts again change nothing: no error)
  assert.deepEqual(g.importCsv(texts, { at: '2000-01-01' }), { created: [], updated: [], deleted: [] });
  throwsOkr(() => g.importCsv({ objectives: 'id,title\nsales-growth,Older\n' }, { at: '2000-01-01' }),
    'InvalidRevisionError', 'invalid_revision');
  assert.equal(g.toJson(), after);
});
