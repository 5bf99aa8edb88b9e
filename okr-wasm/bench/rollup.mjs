// Benchmark (not a test): full rollup of a generated organisation in Node via wasm against the
// same rollup in native Rust, one run of each side, median of RUNS rollups.
//
//   npm run bench                       # 100,000 objectives (about 350,000 key results)
//   node bench/rollup.mjs 10000 30      # N objectives, RUNS rollups per side
//
// The native half (examples/native_rollup.rs) generates the organisation with the same seeded
// generator as the criterion benches, writes it as a document, and times its own rollups; this
// half loads that document into the wasm build (pkg/node) and times `rollupColumns` (the bulk
// path: typed arrays, no per-node objects) and, for reference, `rollup` (plain objects).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const here = path.dirname(fileURLToPath(import.meta.url));
const REPO = path.resolve(here, '../..');
const N = Number(process.argv[2] ?? 100_000);
const RUNS = Number(process.argv[3] ?? 20);
const AS_OF = '2026-11-15';

const dir = mkdtempSync(path.join(tmpdir(), 'okr-bench-'));
try {
  const doc = path.join(dir, 'org.json');
  const p = spawnSync('cargo', ['run', '-q', '--release', '-p', 'okr-wasm', '--example', 'native_rollup',
    '--', String(N), doc, String(RUNS)], { cwd: REPO, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  if (p.status !== 0) throw new Error(`native_rollup failed with status ${p.status}`);
  const native = JSON.parse(p.stdout.trim().split('\n').pop());

  const { Graph } = require(process.env.OKR_WASM_NODE ?? '../pkg/node/okr_wasm.js');
  const text = readFileSync(doc, 'utf8');
  let t = performance.now();
  const g = Graph.fromJson(text);
  const loadMs = performance.now() - t;
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
  const columns = time(() => g.rollupColumns(AS_OF));
  const objects = time(() => g.rollup(AS_OF));
  g.free();

  const fmt = (x) => x.toFixed(1).padStart(9);
  console.log(`organisation: ${native.objectives} objectives, ${native.key_results} key results ` +
    `(${(text.length / 1e6).toFixed(1)} MB document, loaded into wasm in ${loadMs.toFixed(0)} ms)`);
  console.log('                                    median ms   min ms   ratio to native (median)');
  console.log(`native Rust  rollup                ${fmt(native.median_ms)} ${fmt(native.min_ms)}`);
  console.log(`wasm (node)  rollupColumns         ${fmt(columns.median)} ${fmt(columns.min)}   ${(columns.median / native.median_ms).toFixed(2)}x`);
  console.log(`wasm (node)  rollup (objects)      ${fmt(objects.median)} ${fmt(objects.min)}   ${(objects.median / native.median_ms).toFixed(2)}x`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
