// Node tests of the analytics bindings: same answers as the okr command (which prints the
// library's results), typed errors, whatIf leaves the graph unchanged.
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
const AS_OF = '2026-11-15';

/** The okr command's JSON output ($OKR_BIN, else cargo run). */
function cli(...args) {
  const [cmd, pre] = process.env.OKR_BIN
    ? [process.env.OKR_BIN, []]
    : ['cargo', ['run', '-q', '--release', '-p', 'okr-cli', '--']];
  const p = spawnSync(cmd, [...pre, ...args, '--format', 'json'], { cwd: REPO, encoding: 'utf8' });
  assert.equal(p.status, 0, p.stderr);
  return JSON.parse(p.stdout);
}

const camel = (k) => k.replace(/_([a-z])/g, (_, c) => c.toUpperCase());
/** The CLI's snake_case JSON with camelCase keys, as the bindings return it. */
function camelKeys(v) {
  if (Array.isArray(v)) return v.map(camelKeys);
  if (v && typeof v === 'object') {
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [camel(k), camelKeys(x)]));
  }
  return v;
}

function withAcme(fn) {
  const g = Graph.fromJson(ACME);
  try { return fn(g); } finally { g.free(); }
}

test('contributions add up and match the CLI', () => withAcme((g) => {
  const c = g.contributions('leading-provider', AS_OF, 3);
  const sum = (f) => c.keyResults.reduce((s, k) => s + f(k), 0);
  assert.ok(Math.abs(sum((k) => k.share) - 1) < 1e-9);
  assert.ok(Math.abs(sum((k) => k.contribution) - c.progress) < 1e-9);
  const want = cli('contributions', ACME_PATH, 'leading-provider', '--as-of', AS_OF, '--top', '3');
  assert.deepEqual(c.topMovers, want.top_movers);
  assert.deepEqual(c.keyResults, camelKeys(want.contributions.key_results));
  assert.throws(() => g.contributions('nope', AS_OF), (e) => e.name === 'UnknownIdError' && e.code === 'unknown_id');
}));

test('contributions top is a whole number from 0, read as Python reads it', () => withAcme((g) => {
  for (const top of [-1, 2.5, NaN, Infinity]) {
    assert.throws(() => g.contributions('leading-provider', AS_OF, top),
      (e) => e.name === 'ConfigError' && e.code === 'invalid_config' && /top/.test(e.message), String(top));
  }
  assert.deepEqual(g.contributions('leading-provider', AS_OF, 0).topMovers, []);
  const all = g.contributions('leading-provider', AS_OF, 100).topMovers;
  assert.equal(g.contributions('leading-provider', AS_OF).topMovers.length, Math.min(5, all.length));
}));

test('whatIf leaves the graph unchanged', () => withAcme((g) => {
  const before = g.toJson();
  const rows = g.whatIf({ 'annual-revenue': 3600000, 'referral-live': false }, AS_OF);
  const byId = Object.fromEntries(rows.map((r) => [r.id, r]));
  assert.equal(byId['annual-revenue'].progress, 1);
  assert.equal(byId['referral-live'].progress, 0);
  assert.equal(g.toJson(), before);
  assert.throws(() => g.whatIf({ 'annual-revenue': true }, AS_OF), (e) => e.name === 'InvalidCheckInError');
  assert.throws(() => g.whatIf({ 'annual-revenue': 'lots' }, AS_OF), (e) => e.name === 'InvalidValueError');
  assert.throws(() => g.whatIf([1, 2], AS_OF), (e) => e.name === 'InvalidValueError');
  assert.equal(g.toJson(), before);
}));

// The answer okr-core's what_if_diff test pins for this input (analytics/what_if.rs).
const CHANGED = ['new-customers-q4', 'customer-base', 'sales-growth', 'leading-provider',
  'annual-revenue', 'referral-live'];

test('whatIfDiff is the list okr what-if prints, camelCase keys', () => withAcme((g) => {
  const before = g.toJson();
  const values = { 'annual-revenue': 3600000, 'referral-live': false };
  const d = g.whatIfDiff(values, AS_OF);
  assert.deepEqual(d, camelKeys(cli('what-if', ACME_PATH, '--set', 'annual-revenue=3600000',
    '--set', 'referral-live=not-done', '--as-of', AS_OF)));
  assert.deepEqual(d.map((c) => c.id), CHANGED);
  assert.deepEqual(Object.keys(d[0]).sort(),
    ['id', 'kind', 'progressAfter', 'progressBefore', 'statusAfter', 'statusBefore']);
  const kr = d.find((c) => c.id === 'annual-revenue');
  assert.deepEqual([kr.kind, kr.progressBefore, kr.progressAfter, kr.statusBefore, kr.statusAfter],
    ['key_result', 0.7375, 1, 'at_risk', 'on_track']);
  const rows = Object.fromEntries(g.whatIf(values, AS_OF).map((r) => [r.id, r]));
  for (const c of d) {
    assert.equal(rows[c.id].progress, c.progressAfter, c.id);
    assert.equal(rows[c.id].status, c.statusAfter, c.id);
  }
  assert.deepEqual(g.whatIfDiff({}, AS_OF), []);
  assert.throws(() => g.whatIfDiff({ nope: 1 }, AS_OF), (e) => e.name === 'UnknownIdError');
  assert.throws(() => g.whatIfDiff({ 'annual-revenue': true }, AS_OF), (e) => e.name === 'InvalidCheckInError');
  assert.throws(() => g.whatIfDiff([1], AS_OF), (e) => e.name === 'InvalidValueError');
  assert.throws(() => g.whatIfDiff(values, AS_OF, { bogus: 1 }), (e) => e.name === 'ConfigError');
  assert.equal(g.toJson(), before);
}));

test('coverage, forecast, scores, scorecards, diff match the CLI', () => withAcme((g) => {
  assert.deepEqual(g.coverage(), camelKeys(cli('coverage', ACME_PATH)));
  assert.deepEqual(g.coverage({ cycle: 'q4-2026' }), camelKeys(cli('coverage', ACME_PATH, '--cycle', 'q4-2026')));
  assert.throws(() => g.coverage({ cycle: 'q9' }), (e) => e.name === 'UnknownIdError' && e.ids[0] === 'q9');
  assert.deepEqual(g.forecast(AS_OF), camelKeys(cli('forecast', ACME_PATH, '--as-of', AS_OF)));
  assert.deepEqual(g.scores('2027-01-05'), camelKeys(cli('score', ACME_PATH, '--today', '2027-01-05')));
  assert.throws(() => g.scores('2027-01-05', { partial: 2 }), (e) => e.name === 'ConfigError');
  const cards = g.scorecards(AS_OF);
  assert.deepEqual(cards, camelKeys(cli('scorecard', ACME_PATH, '--today', AS_OF)));
  assert.notDeepEqual(g.scorecards(AS_OF, { cadenceDays: 14 }), cards);
  assert.throws(() => g.scorecards(AS_OF, { cadenceDays: 0 }), (e) => e.name === 'ConfigError');
  assert.deepEqual(g.diff('2026-10-15', AS_OF), camelKeys(cli('diff', ACME_PATH, '--from', '2026-10-15', '--to', AS_OF)));
}));

test('scorecards owners option: only those owners, in owner order; an unknown one throws', () => withAcme((g) => {
  const cards = g.scorecards(AS_OF);
  const owners = cards.map((c) => c.owner);
  assert.deepEqual(g.scorecards(AS_OF, { owners: [owners[2], owners[0]] }), [cards[0], cards[2]]);
  assert.deepEqual(g.scorecards(AS_OF, { owners: [owners[0]] }),
    camelKeys(cli('scorecard', ACME_PATH, '--today', AS_OF, '--owner', owners[0])));
  assert.deepEqual(g.scorecards(AS_OF, { owners: [] }), cards);
  assert.throws(() => g.scorecards(AS_OF, { owners: ['sales', 'nobody'] }),
    (e) => e.name === 'UnknownIdError' && e.code === 'unknown_id' && e.ids.length === 1 && e.ids[0] === 'nobody');
  assert.throws(() => g.scorecards(AS_OF, { owners: 'sales' }), (e) => e.name === 'ConfigError');
}));

test('renderGraph', () => withAcme((g) => {
  assert.match(g.renderGraph('dot', AS_OF), /^digraph okr \{/);
  assert.match(g.renderGraph('mermaid', AS_OF), /^flowchart BT/);
  const svg = g.renderGraph('svg', new Date(Date.UTC(2026, 10, 15, 12)));
  assert.match(svg, /^<svg/);
  assert.ok(svg.includes('data-id="leading-provider"'));
  assert.throws(() => g.renderGraph('png', AS_OF), (e) => e.name === 'InvalidValueError' && e.code === 'invalid_value');
}));
