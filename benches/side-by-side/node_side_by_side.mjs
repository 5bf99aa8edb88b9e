// Node half of the side-by-side benchmark (scripts/bench-side-by-side.sh runs it): loads one
// generated organisation document into the okr-wasm package and times the full rollup
// through `rollupColumns` (typed arrays, the bulk path) and, for reference, `rollup` (plain
// objects), and single check-ins each followed by `RollupResult.refresh` (as `okr-bench
// rollup` does natively: the same key results, times and values); checks its progress against
// the native engine's (a JSON file of id -> progress written by `okr-bench progress`).
// Benchmark, not test: prints one JSON object.
//
//   node node_side_by_side.mjs DOC.json AS_OF RUNS NATIVE_PROGRESS.json
// Env: OKR_WASM_NODE (default okr-wasm/pkg/node/okr_wasm.js).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const here = path.dirname(fileURLToPath(import.meta.url));
const [doc, asOf, runsText, nativeFile] = process.argv.slice(2);
const RUNS = Number(runsText ?? 10);
const pkg = process.env.OKR_WASM_NODE ?? path.resolve(here, '../../okr-wasm/pkg/node/okr_wasm.js');
const { Graph } = require(pkg);

const text = readFileSync(doc, 'utf8');
let t = performance.now();
const g = Graph.fromJson(text);
const loadMs = performance.now() - t;
t = performance.now();
let cols = g.rollupColumns(asOf);
const firstMs = performance.now() - t;
const time = (f) => {
  const ms = [];
  for (let i = 0; i < RUNS; i++) {
    const s = performance.now();
    f();
    ms.push(performance.now() - s);
  }
  ms.sort((a, b) => a - b);
  return { median: ms[ms.length >> 1], min: ms[0] };
};
const columns = time(() => { cols = g.rollupColumns(asOf); });
const objects = time(() => g.rollup(asOf));

// Incremental: 10,000 single check-ins on numeric key results (cycled with okr-bench's
// stride), each followed by a refresh of a kept rollup. Times in microseconds.
const numeric = g.keyResults().filter((k) => k.measure.kind === 'numeric').map((k) => k.id);
const kept = g.rollupResult(asOf);
const N = 10_000;
const start = Date.UTC(2026, 10, 10, 9, 0, 0);
const inputs = Array.from({ length: N }, (_, i) => [
  numeric[(i * 7919) % numeric.length],
  { at: new Date(start + i * 1000).toISOString(), value: i % 97 },
]);
const both = [];
const refreshOnly = [];
for (const [kr, c] of inputs) {
  const t0 = performance.now();
  g.checkIn(kr, c);
  const t1 = performance.now();
  kept.refresh(g, kr);
  const t2 = performance.now();
  both.push((t2 - t0) * 1e3);
  refreshOnly.push((t2 - t1) * 1e3);
}
// the refreshed result equals a fresh rollup
const fresh = g.rollupColumns(asOf).progress;
const keptProgress = kept.columns().progress;
let keptMismatch = 0;
for (let i = 0; i < fresh.length; i++) {
  if (!Object.is(fresh[i], keptProgress[i])) keptMismatch++;
}
kept.free();
const pct = (xs, q) => {
  const v = [...xs].sort((a, b) => a - b);
  return v[Math.min(v.length, Math.ceil(v.length * q)) - 1];
};

// differential check against the native engine
let maxDiff = 0;
let mismatch = 0;
let compared = 0;
if (nativeFile) {
  const native = JSON.parse(readFileSync(nativeFile, 'utf8'));
  const ids = cols.ids;
  for (let i = 0; i < ids.length; i++) {
    const want = native[ids[i]];
    if (want === undefined) continue;
    compared++;
    const got = Number.isNaN(cols.progress[i]) ? null : cols.progress[i];
    if ((got === null) !== (want === null)) mismatch++;
    else if (got !== null) maxDiff = Math.max(maxDiff, Math.abs(got - want));
  }
}
g.free();
console.log(JSON.stringify({
  node: process.version, load_ms: loadMs, first_rollup_ms: firstMs,
  rollup_columns_median_ms: columns.median, rollup_columns_min_ms: columns.min,
  rollup_objects_median_ms: objects.median, rollup_objects_min_ms: objects.min,
  check_in_median_us: pct(both, 0.5), check_in_p99_us: pct(both, 0.99),
  refresh_median_us: pct(refreshOnly, 0.5), refresh_p99_us: pct(refreshOnly, 0.99),
  refreshed_mismatches: keptMismatch,
  check: { max_abs_diff: maxDiff, defined_mismatch: mismatch, compared },
}));
