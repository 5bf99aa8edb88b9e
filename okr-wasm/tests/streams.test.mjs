// Document text from JavaScript strings: a string whose length alone puts it over okr-core's
// size limit is refused before it is copied into the module's memory; a byte order mark is
// skipped. The limit and the rules are okr-core's (`check_utf16_len`, `load_str`).
// Build first: scripts/build-wasm.sh okr-wasm okr-wasm/pkg
import test from 'node:test';
import assert from 'node:assert/strict';
import { throwsOkr } from './helpers.mjs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import fs from 'node:fs';
import path from 'node:path';

const require = createRequire(import.meta.url);
const here = path.dirname(fileURLToPath(import.meta.url));
const wasm = require(process.env.OKR_WASM_NODE ?? path.resolve(here, '../pkg/node/okr_wasm.js'));
const { Graph } = wasm;
const BOM_FIXTURE = path.resolve(here, '../../okr-core/tests/fixtures/hostile/bom.json');


test('a string longer than the limit is refused without being copied into wasm memory', () => {
  const memory = wasm.__wasmMemory();
  const huge = 'x'.repeat(64 << 20); // 64 MiB of text, over a limit of 1,000 bytes
  const before = memory.buffer.byteLength;
  throwsOkr(() => wasm.__documentText(huge, 1000), 'LimitExceededError', 'limit_exceeded',
    /^limit exceeded: document size \(bytes, at least the string's UTF-16 length\) is 67108864, the limit is 1000$/);
  // a copy would have grown the module's memory by the string's size
  assert.ok(memory.buffer.byteLength - before < (1 << 20), `${before} -> ${memory.buffer.byteLength}`);
});

test('a string within the limit in UTF-16 but over it in UTF-8 is refused by the exact check', () => {
  assert.equal(wasm.__documentText('é'.repeat(500), 1000), 1000);
  throwsOkr(() => wasm.__documentText('é'.repeat(501), 1000), 'LimitExceededError', 'limit_exceeded',
    /^limit exceeded: document size \(bytes\) is 1002, the limit is 1000$/);
});

test('a document that is not a string is an InvalidValueError', () => {
  throwsOkr(() => Graph.fromJson(42), 'InvalidValueError', 'invalid_value', /text: must be a string/);
  throwsOkr(() => Graph.fromJson(undefined), 'InvalidValueError', 'invalid_value');
  throwsOkr(() => Graph.fromObject(undefined), 'InvalidValueError', 'invalid_value', /document/);
});

test('a byte order mark is skipped, and saving writes none', () => {
  const text = fs.readFileSync(BOM_FIXTURE, 'utf8'); // node keeps the mark as U+FEFF
  assert.equal(text.charCodeAt(0), 0xfeff);
  const g = Graph.fromJson(text);
  const plain = Graph.fromJson(text.slice(1));
  try {
    const saved = g.toJson();
    assert.equal(saved, plain.toJson());
    assert.equal(saved[0], '{');
    const again = Graph.fromJson(saved);
    assert.equal(again.toJson(), saved);
    again.free();
  } finally {
    g.free();
    plain.free();
  }
  throwsOkr(() => Graph.fromJson('\ufeff' + text), 'DocumentError', 'document');
});
