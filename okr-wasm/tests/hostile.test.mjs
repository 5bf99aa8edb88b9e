// Hostile input in JavaScript: every deliberately bad input throws an Error with an okr `name`
// and `code` (never a wasm trap: a panic would abort the module). The limits live in okr-core
// (`okr_core::document::Limits`). Build first: scripts/build-wasm.sh okr-wasm okr-wasm/pkg
import test from 'node:test';
import assert from 'node:assert/strict';
import { throwsOkr } from './helpers.mjs';
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const require = createRequire(import.meta.url);
const here = path.dirname(fileURLToPath(import.meta.url));
const { Graph } = require(process.env.OKR_WASM_NODE ?? path.resolve(here, '../pkg/node/okr_wasm.js'));

const BASE = {
  version: 1,
  owners: [{ id: 'acme' }],
  cycles: [{ id: 'q4', start: '2026-10-01', end: '2026-12-31' }],
  objectives: [{ id: 'top', title: 'Top', owner: 'acme', cycle: 'q4' }],
};


test('deeply nested JSON is a LimitExceededError', () => {
  const text = '{"version": 1, "extra": ' + '{"a": '.repeat(100_000) + '1' + '}'.repeat(100_000) + '}';
  throwsOkr(() => Graph.fromJson(text), 'LimitExceededError', 'limit_exceeded', /JSON nesting depth at extra\.a\.a/);
});

test('a huge string is a LimitExceededError naming its path', () => {
  const doc = structuredClone(BASE);
  doc.objectives[0].title = 'x'.repeat(2 << 20);
  throwsOkr(() => Graph.fromJson(JSON.stringify(doc)), 'LimitExceededError', 'limit_exceeded',
    /string length \(bytes\) at objectives\[0\]\.title/);
});

test('a long alignment chain is a LimitExceededError', () => {
  const doc = structuredClone(BASE);
  doc.objectives = Array.from({ length: 150 }, (_, i) => ({
    id: `c${i}`, title: '', owner: 'acme', cycle: 'q4', ...(i ? { parents: [{ id: `c${i - 1}` }] } : {}),
  }));
  throwsOkr(() => Graph.fromObject(doc), 'LimitExceededError', 'limit_exceeded', /alignment depth/);
});

test('the alignment depth error names the objective and its place', () => {
  const doc = structuredClone(BASE);
  doc.objectives = Array.from({ length: 101 }, (_, i) => ({
    id: `c${i}`, title: '', owner: 'acme', cycle: 'q4', ...(i ? { parents: [{ id: `c${i - 1}` }] } : {}),
  }));
  const e = throwsOkr(() => Graph.fromObject(doc), 'LimitExceededError', 'limit_exceeded');
  assert.equal(e.message,
    'limit exceeded: alignment depth at objectives[0] (objectives in a chain up to "c0") is 101, the limit is 100');
});

for (const name of ['shared_id', 'shared_id_brier']) {
  test(`${name}.json: an objective and a key result sharing an id do not load`, () => {
    const text = readFileSync(path.resolve(here, `../../okr-core/tests/fixtures/hostile/${name}.json`), 'utf8');
    const e = throwsOkr(() => Graph.fromJson(text), 'DocumentError', 'document');
    assert.equal(e.path, 'objectives[1].key_results[0].id');
    assert.equal(e.message, 'objectives[1].key_results[0].id: duplicate key result id "x": '
      + 'already the id of the objective at objectives[0]');
  });
}

test('a document object nested too deep for JSON is a typed error, not a crash', () => {
  let deep = {};
  for (let i = 0; i < 1_000_000; i++) deep = { a: deep };
  const err = throwsOkr(() => Graph.fromObject({ ...BASE, extra: deep }), 'InvalidValueError', 'invalid_value');
  assert.match(err.message, /cannot be converted to JSON/);
  const loop = {};
  loop.self = loop;
  throwsOkr(() => Graph.fromObject({ ...BASE, extra: loop }), 'InvalidValueError', 'invalid_value');
  // the module still works afterwards
  const g = Graph.fromObject(BASE);
  assert.equal(g.rollup('2026-11-15').length, 1);
  g.free();
});

test('bad documents are DocumentErrors with a path', () => {
  const doc = structuredClone(BASE);
  doc.objectives[0].key_results = [{ id: 'k', title: 'K', measure: { kind: 'boolean', done: true } }];
  throwsOkr(() => Graph.fromJson(JSON.stringify(doc)), 'DocumentError', 'document',
    /^objectives\[0\]\.key_results\[0\]\.measure\.done/);
  throwsOkr(() => Graph.fromJson('{'.repeat(10) + 'not json'), 'DocumentError', 'document');
});

test('extra with a big integer survives load and save, exactly as written', () => {
  const extra = '{"zeta":12345678901234567890123,"alpha":[1.50,-0,1E400],"\\u0061b":{"z":1,"a":2}}';
  const text = JSON.stringify(BASE).replace('{"id":"acme"}', `{"id":"acme","extra":${extra}}`);
  const g = Graph.fromJson(text);
  const saved = g.toJson();
  assert.ok(saved.includes(extra), saved);
  const again = Graph.fromJson(saved);
  assert.equal(again.toJson(), saved);
  // as JavaScript values: the keys in their order (numbers as JavaScript reads them)
  const owner = g.toObject().owners[0];
  assert.deepEqual(Object.keys(owner.extra), ['zeta', 'alpha', 'ab']);
  assert.deepEqual(Object.keys(owner.extra.ab), ['z', 'a']);
  g.free();
  again.free();
});

test('a duplicate key in extra is a DocumentError with its path', () => {
  const text = JSON.stringify(BASE).replace('"title":"Top"', '"title":"Top","extra":{"foo":{"bar":1,"b\\u0061r":2}}');
  const err = throwsOkr(() => Graph.fromJson(text), 'DocumentError', 'document', /duplicate key "bar"/);
  assert.equal(err.path, 'objectives[0].extra.foo.bar');
});

test('a time okr cannot write is refused at load and when given', () => {
  const doc = structuredClone(BASE);
  doc.objectives[0].key_results = [{ id: 'k', title: 'K', measure: { kind: 'numeric', start: 0, target: 1 },
    check_ins: [{ at: '0000-01-01T00:00:00+01:00', value: 0.5 }] }];
  const err = throwsOkr(() => Graph.fromJson(JSON.stringify(doc)), 'DocumentError', 'document',
    /outside the times okr can write/);
  assert.equal(err.path, 'objectives[0].key_results[0].check_ins[0].at');
  doc.objectives[0].key_results[0].check_ins = [];
  const g = Graph.fromJson(JSON.stringify(doc));
  const before = g.toJson();
  throwsOkr(() => g.checkIn('k', { at: '9999-12-31T23:59:59-01:00', value: 0.5 }), 'InvalidValueError',
    'invalid_value', /outside the times okr can write/);
  assert.equal(g.toJson(), before);
  g.free();
});
