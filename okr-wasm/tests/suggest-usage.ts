// Typed usage of the suggestion API, checked with `tsc -p tests/tsconfig.json --noEmit` (never run).
import {
  Graph, suggestKeyResults, draftKeyResult, draftKeyResultFor,
  type Suggestion, type KeyResultDraft, type KpiDirection, type OkrError,
} from '../pkg/node/okr_wasm.js';

const top: Suggestion[] = suggestKeyResults('Reduce customer churn');
const sales: Suggestion[] = suggestKeyResults('Shorten our sales cycle', { function: 'sales', top: 3 });
const dir: KpiDirection = top[0].direction;
const why: string = top[0].companionOf ?? top[0].matched.join(', ');
const d: KeyResultDraft = draftKeyResult(top[0].templateId, '2026-12-31', { baseline: 4 });
const d2: KeyResultDraft = draftKeyResult('win-rate', '2026-12-31');
// @ts-expect-error a deadline is YYYY-MM-DD text, never a Date (a moment)
draftKeyResult('win-rate', new Date());
const g = new Graph();
try {
  const d3: KeyResultDraft = draftKeyResultFor(g, 'grow', 'logo-churn-rate', { asOf: '2026-11-15', target: 3 });
  const from: string | null = d3.baselineSource?.checkIn ?? null;
  console.log(from, draftKeyResultFor(g, 'grow', 'win-rate').text);
} catch (e) {
  console.log((e as OkrError).code);
} finally {
  g.free();
}
console.log(sales.length, dir, why, d.text, d.targetDefaulted, d2.notes);
