// Shared by the node tests (not a test file itself: `node --test tests/*.test.mjs` skips it).
import assert from 'node:assert/strict';

/// Calls `fn`, which must throw an okr error: an `Error` with `name`, `code` and an `ids` array
/// (and a message matching `pattern`, when given). Returns the error.
export function throwsOkr(fn, name, code, pattern) {
  let err;
  assert.throws(fn, (e) => { err = e; return true; });
  assert.ok(err instanceof Error, 'an Error instance');
  assert.equal(err.name, name, err.message);
  assert.equal(err.code, code, err.message);
  assert.ok(Array.isArray(err.ids), 'an ids array');
  if (pattern) assert.match(err.message, pattern);
  return err;
}
