// Browser test: the demo page in Debian's headless chromium (playwright-core, no browser
// download), served from the repository root on 127.0.0.1. Numbers are compared with the
// `okr` CLI (`okr report examples/acme.okr.json --as-of 2026-11-15 --format json`), read from
// okr-wasm/test-output/cli-report.json (written by scripts/test-wasm.sh) or computed with cargo.
import test from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { serve } from './server.mjs';

const require = createRequire(import.meta.url);
const here = path.dirname(fileURLToPath(import.meta.url));
const REPO = path.resolve(here, '../..');
const OUT = path.resolve(here, '../test-output');
const AS_OF = '2026-11-15';
const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

function cliReport() {
  const file = path.join(OUT, 'cli-report.json');
  if (!existsSync(file)) {
    const p = spawnSync('cargo', ['run', '-q', '--release', '-p', 'okr-cli', '--', 'report',
      'examples/acme.okr.json', '--as-of', AS_OF, '--format', 'json'], { cwd: REPO, encoding: 'utf8' });
    assert.equal(p.status, 0, p.stderr);
    mkdirSync(OUT, { recursive: true });
    writeFileSync(file, p.stdout);
  }
  return JSON.parse(readFileSync(file, 'utf8'));
}

// The page prints figures with the package's formatPercent (okr-core's format::percent), as
// `okr report` does: one decimal, and the core's word for an undefined figure.
const { formatPercent: pct } = require('../pkg/node/okr_wasm.js');

test('demo page in headless chromium: tree, check-in, revision, view, lint, screenshot', { timeout: 120_000 }, async () => {
  const cli = cliReport();
  const server = await serve(REPO);
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ARGS });
  try {
    const page = await browser.newPage({ viewport: { width: 1200, height: 1000 } });
    const problems = [];
    page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
    page.on('console', (m) => { if (m.type() === 'error') problems.push(`console: ${m.text()}`); });
    const url = `http://127.0.0.1:${server.address().port}/okr-wasm/demo/?asOf=${AS_OF}`;
    await page.goto(url);
    await page.waitForSelector('body[data-ready]', { timeout: 30_000 });
    assert.equal(await page.getAttribute('body', 'data-ready'), 'true', problems.join('\n'));

    // The tree shows every node with the CLI's numbers.
    const shown = await page.$$eval('#tree li[data-id]', (lis) => lis.map((li) => ({
      id: li.dataset.id, progress: li.dataset.progress, status: li.dataset.status,
      blocked: li.dataset.blocked,
      text: li.querySelector(':scope > .row > .pct').textContent,
    })));
    const cliById = new Map(cli.nodes.map((n) => [n.id, n]));
    assert.deepEqual(new Set(shown.map((s) => s.id)), new Set(cliById.keys()), 'every node of the report is in the tree');
    for (const s of shown) {
      const n = cliById.get(s.id);
      assert.equal(s.progress, String(n.progress), s.id);
      assert.equal(s.status, n.status, s.id);
      assert.equal(s.blocked, String(n.blocked), s.id);
      assert.equal(s.text, pct(n.progress), s.id);
    }
    // A blocked node says what blocks it, as `okr report` does.
    assert.equal(cliById.get('north-clinics').blocked, true);
    assert.equal(await page.textContent('li[data-id="north-clinics"] > .row > .blocked'),
      'blocked by sales-headcount (off track)');
    assert.equal(await page.$('li[data-id="sales-growth"] > .row > .blocked'), null);
    const rootText = await page.textContent('li[data-id="leading-provider"] > .row > .pct');
    assert.equal(rootText, pct(cliById.get('leading-provider').progress));
    assert.equal(rootText, '55.2%');
    // An undefined figure reads as the core's word (okr report prints it too), not a local one.
    assert.equal(cliById.get('production-quality').progress, null);
    assert.equal(await page.textContent('li[data-id="production-quality"] > .row > .pct'), 'undefined');

    // A check-in changes the parent's progress, to the same value as the node build computes.
    const parentBefore = await page.getAttribute('li[data-id="sales-growth"]', 'data-progress');
    await page.selectOption('#kr', 'annual-revenue');
    await page.fill('#value', '3600000');
    await page.fill('#at', AS_OF);
    await page.click('#checkin-submit');
    await page.waitForFunction((before) =>
      document.querySelector('li[data-id="sales-growth"]').dataset.progress !== before, parentBefore);
    const parentAfter = await page.getAttribute('li[data-id="sales-growth"]', 'data-progress');
    assert.ok(Number(parentAfter) > Number(parentBefore), `${parentBefore} -> ${parentAfter}`);
    const { Graph } = require('../pkg/node/okr_wasm.js');
    const g = Graph.fromJson(readFileSync(path.join(REPO, 'examples/acme.okr.json'), 'utf8'));
    g.checkIn('annual-revenue', { at: AS_OF, value: 3600000, author: 'demo' });
    const expected = g.rollup(AS_OF).find((n) => n.id === 'sales-growth').progress;
    g.free();
    assert.equal(parentAfter, String(expected));
    assert.equal(await page.textContent('li[data-id="sales-growth"] > .row > .pct'), pct(expected));
    assert.equal(await page.getAttribute('li[data-id="annual-revenue"]', 'data-progress'), '1');
    assert.match(await page.textContent('#checkin-msg'), /Checked in 3600000/);

    // A kept rollup in the page: refreshed after a check-in, it equals a fresh rollup.
    const kept = await page.evaluate(async (asOf) => {
      const { Graph } = await import('/okr-wasm/pkg/web/okr_wasm.js');
      const g = Graph.fromJson(await (await fetch('/examples/acme.okr.json')).text());
      const r = g.rollupResult(asOf);
      try {
        const before = r.get('sales-growth').progress;
        g.checkIn('annual-revenue', { at: asOf, value: 3600000 });
        const stale = r.get('sales-growth').progress;
        r.refresh(g, 'annual-revenue');
        const fresh = g.rollupColumns(asOf);
        const keptCols = r.columns();
        const same = fresh.ids.every((id, i) => id === keptCols.ids[i]
          && Object.is(fresh.progress[i], keptCols.progress[i]) && fresh.status[i] === keptCols.status[i]);
        return { before, stale, after: r.get('sales-growth').progress, same, n: fresh.ids.length };
      } finally {
        r.free();
        g.free();
      }
    }, AS_OF);
    assert.equal(kept.stale, kept.before);
    assert.equal(kept.after, expected);
    assert.ok(kept.same && kept.n > 10, JSON.stringify(kept));

    // Goals over time in the page (the web build): a revised target changes the rollup from
    // the revision's time on, the log records it, a change without a time throws.
    const revised = await page.evaluate(async (asOf) => {
      const { Graph } = await import('/okr-wasm/pkg/web/okr_wasm.js');
      const g = Graph.fromJson(await (await fetch('/examples/acme.okr.json')).text());
      try {
        const p = (t) => g.rollup(t).find((n) => n.id === 'annual-revenue').progress;
        const thenBefore = p('2026-11-12');
        g.updateKeyResult('annual-revenue', { at: '2026-11-13', by: 'anna', reason: 'raised',
          measure: { kind: 'numeric', start: 2000000, target: 4000000, unit: 'EUR' } });
        let missing = null;
        try { g.removeKeyResult('annual-revenue'); } catch (e) { missing = [e.name, e.code, e.ids]; }
        return { thenBefore, thenAfter: p('2026-11-12'), after: p(asOf), log: g.log({ id: 'annual-revenue' }),
          missing };
      } finally {
        g.free();
      }
    }, AS_OF);
    assert.equal(revised.thenAfter, revised.thenBefore, 'as of before the revision: the old target');
    assert.ok(Math.abs(revised.after - 0.59) < 1e-9, JSON.stringify(revised));
    assert.deepEqual(revised.log, [{ at: '2026-11-13T00:00:00Z', by: 'anna', entity: 'annual-revenue',
      kind: 'key_result', field: 'target', from: 3600000, to: 4000000, reason: 'raised' }]);
    assert.deepEqual(revised.missing, ['MissingTimeError', 'missing_time', ['annual-revenue']]);

    // A view in the page (the web build): hanna does not see gustav-tromso; the company
    // figures are everyone's; a change throws ReadOnlyViewError and changes nothing.
    const viewed = await page.evaluate(async (asOf) => {
      const { Graph } = await import('/okr-wasm/pkg/web/okr_wasm.js');
      const g = Graph.fromJson(await (await fetch('/examples/acme.okr.json')).text());
      const v = g.viewFor('hanna');
      try {
        const before = v.toJson();
        let refused = null;
        try { v.checkIn('north-clinics', { at: asOf, value: 1 }); } catch (e) { refused = [e.name, e.code, e.ids]; }
        const p = (x) => x.rollup(asOf).find((n) => n.id === 'leading-provider').progress;
        const shown = [v.toJson(), v.reportText(asOf), v.renderGraph('svg', asOf)].join('\n');
        return { isView: v.isView, viewer: v.viewViewer, policy: v.viewPolicy, refused,
          unchanged: v.toJson() === before, same: p(v) === p(g), leaked: shown.includes('gustav-tromso'),
          entry: v.hiddenEntryParent('northern-clinics~hidden') };
      } finally {
        v.free();
        g.free();
      }
    }, AS_OF);
    assert.deepEqual(viewed, { isView: true, viewer: 'hanna', policy: 'count_hidden',
      refused: ['ReadOnlyViewError', 'read_only_view', ['hanna']], unchanged: true, same: true, leaked: false,
      entry: 'northern-clinics' });

    // A snapshot in the page: bytes out, the same document back, a damaged one refused.
    const snapped = await page.evaluate(async (asOf) => {
      const { Graph } = await import('/okr-wasm/pkg/web/okr_wasm.js');
      const g = Graph.fromJson(await (await fetch('/examples/acme.okr.json')).text());
      const snap = g.toSnapshot();
      const back = Graph.fromSnapshot(snap.buffer.slice(snap.byteOffset, snap.byteOffset + snap.length));
      try {
        let refused = null;
        try { Graph.fromSnapshot(snap.subarray(0, 40)); } catch (e) { refused = [e.name, e.code]; }
        const p = (x) => x.rollup(asOf).find((n) => n.id === 'leading-provider').progress;
        return { bytes: snap instanceof Uint8Array, same: back.toJson() === g.toJson(),
          figures: p(back) === p(g), refused };
      } finally {
        back.free();
        g.free();
      }
    }, AS_OF);
    assert.deepEqual(snapped, { bytes: true, same: true, figures: true,
      refused: ['SnapshotError', 'invalid_snapshot'] });

    // Tables in the page: CSV texts out, the same figures back, bad rows refused with problems.
    const tabled = await page.evaluate(async (asOf) => {
      const { Graph } = await import('/okr-wasm/pkg/web/okr_wasm.js');
      const g = Graph.fromJson(await (await fetch('/examples/acme.okr.json')).text());
      const csv = g.toCsv();
      const back = Graph.fromCsv(csv);
      try {
        let refused = null;
        try {
          Graph.fromCsv({ ...csv, links: 'child,parent,weight\nsales-growth,leading-provider,heavy\n' });
        } catch (e) {
          refused = [e.name, e.code, e.problems.map((p) => [p.table, p.row, p.column, p.value])];
        }
        const p = (x) => x.rollup(asOf).find((n) => n.id === 'leading-provider').progress;
        return { objectives: typeof csv.objectives, figures: p(back) === p(g), refused };
      } finally {
        back.free();
        g.free();
      }
    }, AS_OF);
    assert.deepEqual(tabled, { objectives: 'string', figures: true,
      refused: ['TableError', 'invalid_tables', [['links', 1, 'weight', 'heavy']]] });

    // A bad check-in shows the error name and code instead of failing silently.
    await page.fill('#at', '');
    await page.evaluate(() => { document.getElementById('at').required = false; });
    await page.click('#checkin-submit');
    assert.match(await page.textContent('#checkin-msg'), /InvalidValueError \(invalid_value\)/);

    // Live lint while typing.
    await page.locator('#lint-input').pressSequentially('Increase customer base', { delay: 5 });
    await page.waitForSelector('#lint-out li[data-code="T001"]');
    const codes = await page.$$eval('#lint-out li[data-code]', (lis) => lis.map((li) => li.dataset.code));
    assert.ok(codes.includes('M001') && codes.includes('T001'), codes.join());
    assert.match(await page.textContent('#lint-flags'), /✘ measurable/);

    mkdirSync(OUT, { recursive: true });
    const shot = path.join(OUT, 'demo.png');
    await page.screenshot({ path: shot, fullPage: true });
    assert.ok(statSync(shot).size > 10_000);
    assert.deepEqual(problems, []);
  } finally {
    await browser.close();
    server.close();
  }
});
