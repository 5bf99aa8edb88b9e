// Node tests of the suggestion API (node --test). Build first: scripts/build-wasm.sh okr-wasm okr-wasm/pkg
import test from 'node:test';
import assert from 'node:assert/strict';
import { throwsOkr } from './helpers.mjs';
import { createRequire } from 'node:module';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { serve } from './server.mjs';

const require = createRequire(import.meta.url);
const here = path.dirname(fileURLToPath(import.meta.url));
const okr = require(path.resolve(here, '../pkg/node/okr_wasm.js'));
const { Graph, suggestKeyResults, draftKeyResult, draftKeyResultFor, lintText, loadKpiCatalog } = okr;
const REPO = path.resolve(here, '../..');
const CATALOG = readFileSync(path.resolve(here, '../pkg/node/kpi_catalog.json'), 'utf8');

test('the KPI catalog ships beside the wasm and must be loaded first', () => {
  // This file runs in its own process: nothing is loaded yet.
  throwsOkr(() => suggestKeyResults('Reduce customer churn'), 'InvalidValueError', 'invalid_value');
  throwsOkr(() => draftKeyResult('logo-churn-rate', '2026-12-31'), 'InvalidValueError', 'invalid_value');
  throwsOkr(() => loadKpiCatalog('{"not": "a catalog"}'), 'InvalidValueError', 'invalid_value');
  throwsOkr(() => loadKpiCatalog('[]'), 'InvalidValueError', 'invalid_value');
  const n = loadKpiCatalog(CATALOG);
  assert.equal(n, JSON.parse(CATALOG).length);
  assert.equal(loadKpiCatalog(CATALOG), n, 'loading the same catalog again is fine');
  const other = JSON.parse(CATALOG).slice(1);
  throwsOkr(() => loadKpiCatalog(JSON.stringify(other)), 'InvalidValueError', 'invalid_value');
  assert.ok(suggestKeyResults('Reduce customer churn').length > 0);
});

/** Asserts that fn throws an okr error with this name and code; returns it. */

test('suggestKeyResults ranks with reasons, camelCase keys', () => {
  const s = suggestKeyResults('Reduce customer churn');
  assert.equal(s.length, 5);
  assert.deepEqual(Object.keys(s[0]).sort(), ['cadence', 'companionOf', 'definition', 'direction',
    'functions', 'matched', 'metric', 'pattern', 'phrasing', 'score', 'templateId', 'unit']);
  assert.equal(s[0].templateId, 'logo-churn-rate');
  assert.deepEqual(s[0].matched, ['customer', 'churn']);
  assert.equal(s[0].companionOf, null);
  assert.equal(s[0].phrasing, 'Reduce customer churn rate from {baseline}% to {target}% by {deadline}');
  const scores = s.map((x) => x.score);
  assert.deepEqual(scores, [...scores].sort((a, b) => b - a));
  assert.ok(s.some((x) => x.companionOf === 'logo-churn-rate'));
});

test('suggestKeyResults options, determinism and the same answer as the core', () => {
  assert.equal(suggestKeyResults('Grow our sales pipeline', { top: 2 }).length, 2);
  assert.deepEqual(suggestKeyResults(''), []);
  assert.deepEqual(suggestKeyResults('the and of', undefined), []);
  assert.deepEqual(suggestKeyResults('Reduce churn', null), suggestKeyResults('Reduce churn'));
  const eng = suggestKeyResults('Improve response time', { function: 'Engineering', top: 1 });
  assert.ok(eng[0].functions.includes('engineering'));
  const a = suggestKeyResults('Make our website load faster', { top: 10 });
  assert.deepEqual(a, suggestKeyResults('Make our website load faster', { top: 10 }));
});

test('suggestKeyResults errors are thrown Errors with name and code', () => {
  const e = throwsOkr(() => suggestKeyResults('Reduce churn', { function: 'legal' }),
    'InvalidValueError', 'invalid_value');
  assert.match(e.message, /unknown function "legal"; valid functions are: sales, marketing/);
  // a bad option is ConfigError, as in every binding; options that are not an object are a bad value
  throwsOkr(() => suggestKeyResults('Reduce churn', { top: -1 }), 'ConfigError', 'invalid_config');
  // top 0 asks for nothing: refused by the core, as in every front end
  const zero = throwsOkr(() => suggestKeyResults('Reduce churn', { top: 0 }), 'ConfigError',
    'invalid_config');
  assert.match(zero.message, /invalid configuration top: 0 must be at least 1/);
  throwsOkr(() => suggestKeyResults('Reduce churn', { top: 2.5 }), 'ConfigError', 'invalid_config');
  throwsOkr(() => suggestKeyResults('Reduce churn', { top: NaN }), 'ConfigError', 'invalid_config');
  throwsOkr(() => suggestKeyResults('Reduce churn', { top: null }), 'ConfigError', 'invalid_config');
  throwsOkr(() => suggestKeyResults('Reduce churn', { function: 1 }), 'ConfigError', 'invalid_config');
  throwsOkr(() => suggestKeyResults('Reduce churn', { limit: 3 }), 'ConfigError', 'invalid_config');
  throwsOkr(() => suggestKeyResults('Reduce churn', 'sales'), 'InvalidValueError', 'invalid_value');
});

test('draftKeyResult fills a template; drafts pass the SMART linter', () => {
  const d = draftKeyResult('logo-churn-rate', '2026-12-31', { baseline: 4, target: 2.5 });
  assert.equal(d.text, 'Reduce customer churn rate from 4% to 2.5% by December 31, 2026');
  assert.equal(d.deadline, '2026-12-31');
  assert.equal(d.targetDefaulted, false);
  assert.equal(d.baselineSource, null);
  const defaulted = draftKeyResult('logo-churn-rate', '2026-12-31', { baseline: 5 });
  assert.equal(defaulted.target, 4);
  assert.equal(defaulted.targetDefaulted, true);
  // a deadline is a calendar date: a Date (a moment) is refused
  throwsOkr(() => draftKeyResult('logo-churn-rate', new Date(Date.UTC(2026, 11, 31)), { baseline: 5 }),
    'InvalidValueError', 'invalid_value');
  for (const s of suggestKeyResults('Keep our IT systems up and running', { top: 10 })) {
    const draft = draftKeyResult(s.templateId, '2026-12-31', { baseline: 10 });
    const r = lintText(draft.text, 'key_result', { today: '2026-10-05' });
    assert.deepEqual(r.diagnostics.filter((x) => x.severity !== 'info'), [], draft.text);
  }
  const e = throwsOkr(() => draftKeyResult('no-such-kpi', '2026-12-31'), 'InvalidValueError', 'invalid_value');
  assert.match(e.message, /no-such-kpi/);
  throwsOkr(() => draftKeyResult('logo-churn-rate', '31/12/2026'), 'InvalidValueError', 'invalid_value');
  throwsOkr(() => draftKeyResult('logo-churn-rate', new Date(NaN)), 'InvalidValueError', 'invalid_value');
});

function churnGraph() {
  const g = new Graph();
  g.addOwner({ id: 'acme', name: 'Acme', kind: 'organisation' });
  g.addCycle({ id: 'fy', start: '2026-01-01', end: '2026-12-31' });
  g.addCycle({ id: 'q4', start: '2026-10-01', end: '2026-12-31', parent: 'fy' });
  g.addObjective({ id: 'company', title: 'Keep customers', owner: 'acme', cycle: 'fy' });
  g.addObjective({ id: 'cs-q4', title: 'Fewer cancellations', owner: 'acme', cycle: 'q4' });
  g.link('cs-q4', 'company');
  g.addKeyResult({ id: 'churn', title: 'Reduce customer churn rate from 6% to 4%', objective: 'company',
    measure: { kind: 'numeric', start: 6, target: 4, unit: '%' } });
  g.checkIn('churn', { at: '2026-06-30', value: 5.5 });
  g.checkIn('churn', { at: '2026-09-30', value: 5 });
  return g;
}

test('draftKeyResultFor takes the baseline from the graph and the deadline from the cycle', () => {
  const g = churnGraph();
  try {
    const d = draftKeyResultFor(g, 'cs-q4', 'logo-churn-rate');
    assert.equal(d.text, 'Reduce customer churn rate from 5% to 4% by December 31, 2026');
    assert.deepEqual(d.baselineSource, { keyResult: 'churn', objective: 'company', checkIn: '2026-09-30T00:00:00Z' });
    assert.equal(draftKeyResultFor(g, 'cs-q4', 'logo-churn-rate', { asOf: '2026-07-01' }).baseline, 5.5);
    assert.equal(draftKeyResultFor(g, 'cs-q4', 'logo-churn-rate', { asOf: '2026-01-01' }).baseline, 6);
    throwsOkr(() => draftKeyResultFor(g, 'cs-q4', 'logo-churn-rate', { asOf: new Date(Date.UTC(2026, 0, 1)) }),
      'InvalidValueError', 'invalid_value');
    const given = draftKeyResultFor(g, 'cs-q4', 'logo-churn-rate', { baseline: 7, target: 3 });
    assert.deepEqual([given.baseline, given.target, given.baselineSource], [7, 3, null]);
    const e = throwsOkr(() => draftKeyResultFor(g, 'nope', 'logo-churn-rate'), 'UnknownIdError', 'unknown_id');
    assert.deepEqual(e.ids, ['nope']);
    throwsOkr(() => draftKeyResultFor(g, 'cs-q4', 'no-such-kpi'), 'InvalidValueError', 'invalid_value');
    throwsOkr(() => draftKeyResultFor(g, 'cs-q4', 'logo-churn-rate', { asOf: 'soon' }), 'InvalidValueError', 'invalid_value');
  } finally {
    g.free();
  }
});

const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
test('demo page: suggestions under the objective field', {
  timeout: 120_000,
  skip: existsSync(CHROMIUM) ? false : `no chromium at ${CHROMIUM}`,
}, async () => {
  const { chromium } = await import('playwright-core');
  const server = await serve(REPO);
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'] });
  try {
    const page = await browser.newPage();
    const problems = [];
    page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
    page.on('console', (m) => { if (m.type() === 'error') problems.push(`console: ${m.text()}`); });
    await page.goto(`http://127.0.0.1:${server.address().port}/okr-wasm/demo/?asOf=2026-11-15`);
    await page.waitForSelector('body[data-ready]', { timeout: 30_000 });
    assert.equal(await page.getAttribute('body', 'data-ready'), 'true', problems.join('\n'));
    await page.locator('#objective-input').pressSequentially('Reduce customer churn', { delay: 5 });
    await page.waitForSelector('#suggestions li[data-template="logo-churn-rate"]');
    const shown = await page.$$eval('#suggestions li[data-template]', (lis) => lis.map((li) => li.dataset.template));
    assert.deepEqual(shown, suggestKeyResults('Reduce customer churn').map((s) => s.templateId));
    assert.match(await page.textContent('#suggestions li:first-child'), /matched: customer, churn/);
    await page.selectOption('#objective-function', 'engineering');
    await page.fill('#objective-input', 'Improve response time');
    const expected = suggestKeyResults('Improve response time', { function: 'engineering' })[0].templateId;
    await page.waitForSelector(`#suggestions li:first-child[data-template="${expected}"]`);
    await page.fill('#objective-input', '');
    await page.waitForFunction(() => document.querySelectorAll('#suggestions li').length === 0);
    assert.deepEqual(problems, []);
  } finally {
    await browser.close();
    server.close();
  }
});
