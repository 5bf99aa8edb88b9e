// Proposals and review, comments, acknowledgements in JavaScript: plain objects in the
// document's shape go in and come out, times as RFC 3339 text; the core's errors are thrown
// with their names, codes and ids, and a refused call changes nothing.
import test from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { throwsOkr } from './helpers.mjs';

const require = createRequire(import.meta.url);
const { Graph } = require('../pkg/node/okr_wasm.js');

/** acme > growth > (frida, gus); objective `grow` (frida) with `deals`, checked in by frida. */
function team() {
  const g = new Graph();
  g.addOwner({ id: 'acme', name: 'Acme', kind: 'organisation' });
  g.addOwner({ id: 'growth', name: 'Growth', kind: 'team', parent: 'acme' });
  g.addOwner({ id: 'frida', name: 'Frida', kind: 'person', parent: 'growth' });
  g.addOwner({ id: 'gus', name: 'Gus', kind: 'person', parent: 'growth' });
  g.addCycle({ id: 'q4', start: '2026-10-01', end: '2026-12-31' });
  g.addObjective({ id: 'grow', title: 'Grow', owner: 'frida', cycle: 'q4' });
  g.addKeyResult({ id: 'deals', title: 'Deals', objective: 'grow', measure: { kind: 'numeric', start: 0, target: 50 } });
  g.checkIn('deals', { at: '2026-11-05T09:00:00Z', value: 10, author: 'frida' });
  return g;
}

const refs = {
  id: 'p1', by: 'frida', at: '2026-11-03', note: 'referrals',
  new_key_result: { id: 'refs', title: '40 referred deals', measure: { kind: 'numeric', start: 0, target: 40 } },
  under: 'grow',
};

test('a proposal counts nowhere until someone above the owner approves it', () => {
  const g = team();
  g.propose(refs);
  assert.equal(g.keyResult('refs'), undefined);
  assert.ok(!g.rollup('2026-11-30').some((n) => n.id === 'refs'));
  const p = g.proposal('p1');
  assert.deepEqual([p.state, p.kind, p.entity, p.at, p.under], ['pending', 'new_key_result', 'refs', '2026-11-03T00:00:00Z', 'grow']);
  assert.equal(g.canDecide('p1', 'gus'), false);
  assert.equal(g.canDecide('p1', 'growth'), true);
  const before = g.toJson();
  const e = throwsOkr(() => g.approve('p1', { by: 'frida', at: '2026-11-04' }), 'ForbiddenError', 'forbidden', /self-approval/);
  assert.deepEqual(e.ids, ['p1', 'frida']);
  throwsOkr(() => g.approve('p1', { by: 'gus', at: '2026-11-04' }), 'ForbiddenError', 'forbidden');
  assert.equal(g.toJson(), before);
  g.approve('p1', { by: 'growth', at: new Date(Date.UTC(2026, 10, 4, 12)), comment: 'go' });
  assert.equal(g.keyResult('refs').objective, 'grow');
  assert.deepEqual(g.log({ id: 'refs' })[0], {
    at: '2026-11-04T12:00:00Z', by: 'growth', entity: 'refs', kind: 'key_result',
    field: 'exists', from: false, to: true, reason: 'go',
  });
  assert.equal(g.proposal('p1').decision.by, 'growth');
  throwsOkr(() => g.reject('p1', { by: 'acme', at: '2026-11-05' }), 'AlreadyDecidedError', 'already_decided');
  throwsOkr(() => g.approve('p9', { by: 'acme', at: '2026-11-05' }), 'UnknownIdError', 'unknown_id');
  throwsOkr(() => g.approve('p1', { at: '2026-11-05' }), 'InvalidValueError', 'invalid_value');
});

test('changes, rejections and the review policy', () => {
  const g = team();
  g.propose({ id: 'p2', by: 'frida', at: '2026-11-03', key_result: 'deals', set: { weight: 3 }, reviewers: ['gus'] });
  g.reject('p2', { by: 'gus', at: '2026-11-04', comment: 'not now' });
  assert.equal(g.keyResult('deals').weight, 1);
  assert.equal(g.proposals()[0].decision.comment, 'not now');
  g.setReviewPolicy({ allowSelfApproval: true, reviewers: ['gus'] });
  assert.deepEqual(g.reviewPolicy(), { allowSelfApproval: true, reviewers: ['gus'] });
  throwsOkr(() => g.setReviewPolicy({ reviewers: ['nobody'] }), 'UnknownIdError', 'unknown_id');
  throwsOkr(() => g.setReviewPolicy({ selfApproval: true }), 'ConfigError', 'invalid_config');
  g.propose({ id: 'p3', by: 'frida', at: '2026-11-05', objective: 'grow', set: { title: 'Grow faster' } });
  g.approve('p3', { by: 'frida', at: '2026-11-06' });
  assert.equal(g.objective('grow').title, 'Grow faster');
  const before = g.toJson();
  throwsOkr(() => g.propose({ id: 'p4', by: 'frida', at: '2026-11-05' }), 'InvalidValueError', 'invalid_value');
  throwsOkr(() => g.propose({ ...refs, id: 'p3' }), 'DuplicateIdError', 'duplicate_id');
  throwsOkr(() => g.propose('p5'), 'InvalidValueError', 'invalid_value');
  assert.equal(g.toJson(), before);
});

test('comments and acknowledgements, kept in the document', () => {
  const g = team();
  g.addComment({ id: 'c1', by: 'growth', at: '2026-11-06', key_result: 'deals', check_in: '2026-11-05T09:00:00Z', text: 'Good week' });
  g.addComment({ id: 'c2', by: 'frida', at: '2026-11-07', key_result: 'deals', check_in: new Date(Date.UTC(2026, 10, 5, 9)), text: 'Thanks', reply_to: 'c1' });
  g.addComment({ id: 'c3', by: 'acme', at: '2026-11-06', objective: 'grow', text: 'Keep going' });
  assert.deepEqual(g.comments().map((c) => c.id), ['c1', 'c3', 'c2']);
  assert.deepEqual(g.comments('deals').map((c) => [c.id, c.check_in]), [['c1', '2026-11-05T09:00:00Z'], ['c2', '2026-11-05T09:00:00Z']]);
  throwsOkr(() => g.comments('nope'), 'UnknownIdError', 'unknown_id');
  throwsOkr(() => g.addComment({ id: 'c4', by: 'frida', at: '2026-11-07', objective: 'grow', text: 'x', reply_to: 'c9' }), 'UnknownIdError', 'unknown_id');
  throwsOkr(() => g.addComment({ id: 'c4', by: 'frida', at: '2026-11-07', key_result: 'deals', check_in: '2026-11-04', text: 'x' }), 'UnknownIdError', 'unknown_id');
  const ack = (by, at) => ({ key_result: 'deals', check_in: '2026-11-05T09:00:00Z', by, at });
  throwsOkr(() => g.acknowledge(ack('frida', '2026-11-06')), 'ForbiddenError', 'forbidden');
  g.acknowledge({ ...ack('growth', '2026-11-06'), comment: 'seen' });
  throwsOkr(() => g.acknowledge(ack('growth', '2026-11-07')), 'AlreadyDecidedError', 'already_decided');
  assert.deepEqual(g.acknowledgements('deals'), [{ key_result: 'deals', check_in: '2026-11-05T09:00:00Z', by: 'growth', at: '2026-11-06T00:00:00Z', comment: 'seen' }]);
  const again = Graph.fromJson(g.toJson());
  assert.equal(again.toJson(), g.toJson());
  assert.equal(again.comments().length, 3);
});

test('closeCycle: a dry run reports what the real run does; the closed cycle takes no backdated change', () => {
  const g = team();
  g.addCycle({ id: 'q1', start: '2027-01-01', end: '2027-03-31' });
  const before = g.toJson();
  const options = { to: 'q1', at: '2027-01-05', by: 'acme', decisions: { keyResults: { deals: 'carry' }, reflections: { grow: 'Late start' } } };
  const dry = g.closeCycle('q4', { ...options, dryRun: true });
  assert.equal(g.toJson(), before);
  assert.equal(g.closedCycle('q4'), undefined);
  const real = g.closeCycle('q4', options);
  assert.deepEqual(real, dry);
  assert.deepEqual(real.carried, [{ kind: 'objective', from: 'grow', to: 'grow-q1' }, { kind: 'key_result', from: 'deals', to: 'deals-q1' }]);
  assert.deepEqual(real.reflections, [{ objective: 'grow', text: 'Late start' }]);
  assert.deepEqual(g.keyResult('deals-q1').measure, { kind: 'numeric', start: 10, target: 50 });
  assert.equal(g.closedCycle('q4').at, '2027-01-05T00:00:00Z');
  const e = throwsOkr(() => g.checkIn('deals', { at: '2026-12-30', value: 20 }), 'CycleClosedError', 'cycle_closed');
  assert.deepEqual(e.ids, ['deals', 'q4']);
  throwsOkr(() => g.closeCycle('q4', options), 'CycleClosedError', 'cycle_closed');
  throwsOkr(() => g.closeCycle('q4', { to: 'q1' }), 'InvalidValueError', 'invalid_value');
  throwsOkr(() => g.closeCycle('q4', { ...options, decisions: { keyResult: {} } }), 'ConfigError', 'invalid_config');
  assert.deepEqual(Graph.fromJson(g.toJson()).closedCycle('q4'), g.closedCycle('q4'));
});
