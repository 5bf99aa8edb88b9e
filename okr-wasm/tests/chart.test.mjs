// Node tests of series and burn-up charts: at every date what rollup(date) gives, the chart the
// okr command prints, typed errors.
import test from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const require = createRequire(import.meta.url);
const here = path.dirname(fileURLToPath(import.meta.url));
const REPO = path.resolve(here, '../..');
const { Graph } = require('../pkg/node/okr_wasm.js');
const ACME_PATH = 'examples/acme.okr.json';
const ACME = readFileSync(path.join(REPO, ACME_PATH), 'utf8');

/** The okr command's standard output ($OKR_BIN, else cargo run). */
function cli(...args) {
  const [cmd, pre] = process.env.OKR_BIN
    ? [process.env.OKR_BIN, []]
    : ['cargo', ['run', '-q', '--release', '-p', 'okr-cli', '--']];
  const p = spawnSync(cmd, [...pre, ...args], { cwd: REPO, encoding: 'utf8' });
  assert.equal(p.status, 0, p.stderr);
  return p.stdout;
}

function withAcme(fn) {
  const g = Graph.fromJson(ACME);
  try { return fn(g); } finally { g.free(); }
}

test('series equals a rollup at every date', () => withAcme((g) => {
  const s = g.series({ from: '2026-10-30', to: '2026-11-05' });
  assert.deepEqual(s.dates, ['2026-10-30', '2026-10-31', '2026-11-01', '2026-11-02',
    '2026-11-03', '2026-11-04', '2026-11-05']);
  assert.ok(s.nodes.length > 10);
  s.dates.forEach((date, i) => {
    const rows = Object.fromEntries(g.rollup(date).map((r) => [r.id, r]));
    for (const n of s.nodes) {
      const r = rows[n.id];
      if (!r) {
        assert.equal(n.status[i], null, `${n.id} ${date}`);
        continue;
      }
      assert.equal(n.kind, r.kind);
      assert.equal(n.progress[i], r.progress, `${n.id} ${date}`);
      assert.equal(n.attainment[i], r.attainment);
      assert.equal(n.expected[i], r.expected);
      assert.equal(n.value[i], r.value ?? null);
      assert.equal(n.plannedValue[i], r.plannedValue ?? null);
      assert.equal(n.status[i], r.status);
    }
  });
}));

test('series of some ids, in the order asked', () => withAcme((g) => {
  const s = g.series({ from: '2026-11-01', to: '2026-11-03', ids: ['fair-leads', 'sales-growth'] });
  assert.deepEqual(s.nodes.map((n) => n.id), ['fair-leads', 'sales-growth']);
  const full = g.series({ from: '2026-11-01', to: '2026-11-03' });
  assert.deepEqual(s.nodes[0], full.nodes.find((n) => n.id === 'fair-leads'));
  assert.equal(s.nodes[1].value[0], null);
}));

test('series bad input is a typed error', () => withAcme((g) => {
  const bad = (opts, name, re) => assert.throws(() => g.series(opts),
    (e) => e.name === name && (!re || re.test(e.message)), JSON.stringify(opts));
  bad({ from: '2026-11-02', to: '2026-11-01' }, 'InvalidValueError', /from/);
  bad({ from: '2000-01-01', to: '2026-11-01' }, 'InvalidValueError', /3660/);
  bad({ from: '2026-11-01' }, 'InvalidValueError', /to/);
  bad({ from: '2026-11-01', to: '2026-11-02', ids: ['nope'] }, 'UnknownIdError');
  bad({ from: '2026-11-01', to: '2026-11-02', ids: 'fair-leads' }, 'InvalidValueError', /ids/);
  bad({ from: '2026-11-01', to: '2026-11-02', typo: 1 }, 'InvalidValueError', /typo/);
  bad({ from: new Date(), to: '2026-11-02' }, 'InvalidValueError');
  bad(undefined, 'InvalidValueError');
}));

test('chart is the command\'s SVG', () => withAcme((g) => {
  const svg = g.chart('new-customers');
  assert.ok(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"'));
  assert.ok(!svg.includes('<script'));
  assert.equal(svg, cli('chart', ACME_PATH, 'new-customers'));
  const ranged = g.chart('fair-leads', { from: '2026-11-01', to: '2026-11-20' });
  assert.equal(ranged, cli('chart', ACME_PATH, 'fair-leads', '--from', '2026-11-01', '--to', '2026-11-20'));
  assert.ok(g.chart('fair-leads', {}).includes('from 2026-10-01 to 2026-11-20</title>'));
  assert.throws(() => g.chart('nope'), (e) => e.name === 'UnknownIdError' && e.code === 'unknown_id');
  assert.throws(() => g.chart('fair-leads', { from: '2026-12-01' }), (e) => e.name === 'InvalidValueError');
  assert.throws(() => g.chart('fair-leads', { since: '2026-12-01' }), (e) => e.name === 'InvalidValueError');
}));
