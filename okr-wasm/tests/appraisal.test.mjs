// The appraisal view: graph.appraisal (camelCase keys, the okr command's JSON) and
// graph.appraisalHtml (the okr command's page) in node, typed errors; and the page in Debian's
// headless Chromium (playwright-core): every key result's title visible, each chart a
// non-empty SVG, no request but the page's own file, no console error, a screenshot in
// okr-wasm/test-output/appraisal.png.
import test from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { throwsOkr } from './helpers.mjs';

const require = createRequire(import.meta.url);
const here = path.dirname(fileURLToPath(import.meta.url));
const REPO = path.resolve(here, '../..');
const OUT = path.resolve(here, '../test-output');
const { Graph } = require('../pkg/node/okr_wasm.js');
const ACME_PATH = 'examples/acme.okr.json';
const ACME = readFileSync(path.join(REPO, ACME_PATH), 'utf8');
const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const WHO = ['--owner', 'frida', '--cycle', 'q4-2026', '--as-of', '2026-11-15'];

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

const camel = (k) => k.replace(/_([a-z])/g, (_, c) => c.toUpperCase());
/** The CLI's JSON with camelCase keys (the log entries' values kept as written). */
function camelKeys(v, key) {
  if (Array.isArray(v)) return v.map((x) => camelKeys(x, key));
  if (v && typeof v === 'object') {
    if (key === 'from' || key === 'to') return v;
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [camel(k), camelKeys(x, k)]));
  }
  return v;
}

test('appraisal is the okr command\'s, camelCase', () => withAcme((g) => {
  const a = g.appraisal('frida', 'q4-2026', '2026-11-15');
  assert.deepEqual(a, camelKeys(JSON.parse(cli('appraisal', ACME_PATH, ...WHO, '--format', 'json'))));
  assert.match(a.statement, /not a rating/);
  assert.deepEqual(a.keyResults.map((k) => [k.id, k.basis]),
    [['fair-leads', 'provisional'], ['webinars', 'provisional'], ['referral-signups-q4-2026', 'provisional']]);
  assert.equal(a.targetRevisions[0].field, 'target');
  assert.ok(a.signals.some((s) => s.name === 'target_raised' && s.value === 1));
}));

test('appraisalHtml is the okr command\'s page', () => withAcme((g) => {
  const html = g.appraisalHtml('frida', 'q4-2026', '2026-11-15');
  assert.equal(html, cli('appraisal', ACME_PATH, ...WHO, '--format', 'html'));
  assert.ok(html.startsWith('<!DOCTYPE html>'));
}));

test('appraisal errors are typed', () => withAcme((g) => {
  throwsOkr(() => g.appraisal('zed', 'q4-2026', '2026-11-15'), 'UnknownIdError', 'unknown_id', /zed/);
  throwsOkr(() => g.appraisalHtml('frida', 'q9', '2026-11-15'), 'UnknownIdError', 'unknown_id', /q9/);
  throwsOkr(() => g.appraisal('frida', 'q4-2026', 'soon'), 'InvalidValueError', 'invalid_value');
}));

test('the appraisal page in headless chromium: titles, charts, no request, no error', { timeout: 120_000 }, async () => {
  const html = withAcme((g) => g.appraisalHtml('frida', 'q4-2026', '2026-11-15'));
  const titles = withAcme((g) => g.appraisal('frida', 'q4-2026', '2026-11-15').keyResults.map((k) => k.title));
  assert.ok(titles.length >= 2);
  mkdirSync(OUT, { recursive: true });
  const file = path.join(OUT, 'appraisal.html');
  writeFileSync(file, html);
  const url = pathToFileURL(file).href;
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ARGS });
  try {
    const page = await browser.newPage({ viewport: { width: 1000, height: 1400 } });
    const problems = [];
    const requests = [];
    page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
    page.on('console', (m) => { if (m.type() === 'error') problems.push(`console: ${m.text()}`); });
    page.on('request', (r) => requests.push(r.url()));
    await page.goto(url, { waitUntil: 'load' });

    // every key result's title is visible
    for (const t of titles) {
      const h = page.locator('h3.kr-title', { hasText: t });
      assert.equal(await h.count(), 1, t);
      assert.ok(await h.isVisible(), t);
    }
    // each chart is a non-empty SVG with a size
    const charts = await page.$$eval('section.kr', (sections) => sections.map((s) => {
      const svg = s.querySelector('.chart svg');
      if (!svg) return { id: s.dataset.id, svg: false };
      const box = svg.getBoundingClientRect();
      return { id: s.dataset.id, svg: true, children: svg.childElementCount, width: box.width, height: box.height };
    }));
    assert.equal(charts.length, titles.length);
    for (const c of charts) {
      assert.ok(c.svg, `${c.id}: a chart`);
      assert.ok(c.children > 0, `${c.id}: an empty SVG`);
      assert.ok(c.width > 0 && c.height > 0, `${c.id}: ${c.width}x${c.height}`);
    }
    // the statement is on the page
    assert.match(await page.textContent('#statement'), /not a rating/);
    // nothing but the page itself was asked for, no script ran
    assert.deepEqual(requests, [url]);
    assert.equal(await page.$$eval('script', (s) => s.length), 0);
    assert.deepEqual(problems, []);
    await page.screenshot({ path: path.join(OUT, 'appraisal.png'), fullPage: true });
  } finally {
    await browser.close();
  }
});
