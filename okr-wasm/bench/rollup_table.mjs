// Benchmark (not a test): `rollupTable` (every column: figures, text, categories, flags)
// against `rollupColumns` (figures and ids) on one organisation document, in Node via the wasm
// build (pkg/node). Interleaved runs, median of RUNS each.
//
//   cargo run --release -p okr-benches --bin okr-gen -- 100000 /tmp/org100k.json
//   node bench/rollup_table.mjs /tmp/org100k.json 15
//
// Also times, for the choice of layout, what the alternatives to typed arrays would cost at
// least: turning the table's 0/1 flags into arrays of booleans in JavaScript (a binding building
// them would also cross the boundary once per value), and turning the category codes into
// arrays of names.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const DOC = process.argv[2] ?? '/tmp/org100k.json';
const RUNS = Number(process.argv[3] ?? 15);
const AS_OF = '2026-11-15';
const { Graph } = require(process.env.OKR_WASM_NODE ?? '../pkg/node/okr_wasm.js');

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const timeOnce = (f) => {
  const t = performance.now();
  const out = f();
  return [performance.now() - t, out];
};

let t = performance.now();
const g = Graph.fromJson(readFileSync(DOC, 'utf8'));
const loadMs = performance.now() - t;
const times = { rollupColumns: [], rollupTable: [], flagsAsBooleans: [], codesAsNames: [] };
let rows = 0;
for (let i = 0; i < RUNS; i++) {
  times.rollupColumns.push(timeOnce(() => g.rollupColumns(AS_OF))[0]);
  const [ms, table] = timeOnce(() => g.rollupTable(AS_OF));
  times.rollupTable.push(ms);
  rows = table.id.length;
  times.flagsAsBooleans.push(timeOnce(() => ['counted', 'stale', 'blocked']
    .map((k) => Array.from(table[k], (v) => v === 1)))[0]);
  times.codesAsNames.push(timeOnce(() => ['kind', 'state', 'status', 'source', 'undefinedReason']
    .map((k) => Array.from(table[k], (c) => table.legends[k][c] ?? null)))[0]);
}
g.free();
const out = { doc: DOC, rows, runs: RUNS, loadMs: Math.round(loadMs) };
for (const [k, v] of Object.entries(times)) out[`${k}Ms`] = Number(median(v).toFixed(1));
console.log(JSON.stringify(out));
