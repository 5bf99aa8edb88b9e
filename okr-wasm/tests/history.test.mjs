// Node tests of graph.history(start, end, freq, ids): the start of a range, every day, week,
// month or quarter after it and its end, each point what rollup(point) gives; dates and Dates by
// the one rule for times (a date is the end of that day, a Date that instant); typed errors.
import test from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const require = createRequire(import.meta.url);
const here = path.dirname(fileURLToPath(import.meta.url));
const REPO = path.resolve(here, '../..');
const { Graph } = require('../pkg/node/okr_wasm.js');
const ACME = readFileSync(path.join(REPO, 'examples/acme.okr.json'), 'utf8');

function withAcme(fn) {
  const g = Graph.fromJson(ACME);
  try { return fn(g); } finally { g.free(); }
}

/** Every figure at every point equals rollup(point)'s. */
function sameAsRollups(g, s) {
  assert.equal(s.asOf.length, s.dates.length);
  s.asOf.forEach((t, i) => {
    assert.equal(t.slice(0, 10), s.dates[i]);
    const rows = Object.fromEntries(g.rollup(t).map((r) => [r.id, r]));
    for (const n of s.nodes) {
      const r = rows[n.id];
      if (!r) {
        assert.equal(n.status[i], null, `${n.id} ${t}`);
        continue;
      }
      assert.equal(n.kind, r.kind);
      assert.equal(n.progress[i], r.progress, `${n.id} ${t}`);
      assert.equal(n.attainment[i], r.attainment);
      assert.equal(n.expected[i], r.expected);
      assert.equal(n.value[i], r.value ?? null);
      assert.equal(n.status[i], r.status);
    }
  });
}

test('weekly history of a quarter ends on the range\'s end', () => withAcme((g) => {
  const s = g.history('2026-10-01', '2026-12-31', 'W');
  assert.equal(s.dates.length, 14);
  assert.deepEqual(s.dates.slice(0, 3), ['2026-10-01', '2026-10-08', '2026-10-15']);
  assert.deepEqual(s.dates.slice(-2), ['2026-12-24', '2026-12-31']);
  assert.equal(s.asOf[0], '2026-10-01T23:59:59.999999999Z');
  sameAsRollups(g, s);
  // no frequency: weekly (okr-core's default)
  assert.deepEqual(g.history('2026-10-01', '2026-12-31').dates, s.dates);
  assert.deepEqual(g.history('2026-10-01', '2026-12-31', 'month').dates,
    ['2026-10-01', '2026-11-01', '2026-12-01', '2026-12-31']);
  assert.deepEqual(g.history('2026-10-01', '2026-12-31', 'Q').dates, ['2026-10-01', '2026-12-31']);
  // daily between dates: the daily series
  const d = g.history('2026-11-01', '2026-11-05', 'D');
  const daily = g.series({ from: '2026-11-01', to: '2026-11-05' });
  assert.deepEqual(d, daily);
  const some = g.history('2026-10-01', '2026-12-31', 'W', ['annual-revenue', 'sales-growth']);
  assert.deepEqual(some.nodes.map((n) => n.id), ['annual-revenue', 'sales-growth']);
  sameAsRollups(g, some);
}));

test('a date is the end of its day, a Date that instant', () => withAcme((g) => {
  g.checkIn('annual-revenue', { at: '2026-11-15T10:00:00Z', value: 3400000 });
  const ids = ['annual-revenue'];
  const byDate = g.history('2026-11-15', '2026-11-15', 'W', ids);
  const midnight = new Date(Date.UTC(2026, 10, 15));
  const atMidnight = g.history(midnight, midnight, 'W', ids);
  assert.deepEqual(byDate.nodes[0].value, [3400000]);
  assert.deepEqual(atMidnight.nodes[0].value, [3180000]);
  assert.deepEqual(atMidnight.asOf, ['2026-11-15T00:00:00Z']);
  assert.equal(atMidnight.nodes[0].status[0], g.rollup(midnight).find((r) => r.id === 'annual-revenue').status);
  assert.equal(byDate.nodes[0].status[0], g.rollup('2026-11-15').find((r) => r.id === 'annual-revenue').status);
  // steps keep the UTC time of day
  const s = g.history('2026-10-01T09:00:00+02:00', new Date(Date.UTC(2026, 9, 20)), 'week');
  assert.deepEqual(s.asOf, ['2026-10-01T07:00:00Z', '2026-10-08T07:00:00Z', '2026-10-15T07:00:00Z',
    '2026-10-20T00:00:00Z']);
  sameAsRollups(g, s);
}));

test('history bad input is a typed error', () => withAcme((g) => {
  const bad = (args, name, re) => assert.throws(() => g.history(...args),
    (e) => e.name === name && (!re || re.test(e.message)), JSON.stringify(args));
  bad(['2026-11-15T00:00:00', '2026-12-31'], 'InvalidValueError', /no time zone/);
  bad(['2026-10-01', '2026-12-31T00:00:00'], 'InvalidValueError', /end/);
  bad(['2026-12-31', '2026-10-01'], 'InvalidValueError', /start/);
  bad(['2000-01-01', '2026-10-01', 'Q'], 'InvalidValueError', /3660/);
  for (const f of ['ME', 'weekly', 'W-SUN', '']) {
    bad(['2026-10-01', '2026-12-31', f], 'InvalidValueError', /D, W, M, Q, day, week, month or quarter/);
  }
  bad(['2026-10-01', '2026-12-31', 7], 'InvalidValueError', /freq/);
  bad(['2026-10-01', '2026-12-31', 'W', ['nope']], 'UnknownIdError');
  bad(['2026-10-01', '2026-12-31', 'W', 'annual-revenue'], 'InvalidValueError', /ids/);
  bad([undefined, '2026-12-31'], 'InvalidValueError', /start/);
  bad([new Date(NaN), '2026-12-31'], 'InvalidValueError');
}));
