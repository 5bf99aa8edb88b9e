// Visibility in JavaScript: objectives' `visibility` (public, owner_line, private) and `viewers`,
// groups of viewers (addGroup, updateGroup, removeGroup, group, groups), canSee and
// visibleObjectives on a small organisation, checked against a plain JavaScript reading of the
// rules (README, okr-core's view module); typed errors that change nothing; documents keep it
// all. The scenarios are okr-core's (tests/visibility.rs).
import test from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { throwsOkr } from './helpers.mjs';

const require = createRequire(import.meta.url);
const here = path.dirname(fileURLToPath(import.meta.url));
const { Graph } = require('../pkg/node/okr_wasm.js');
const ACME = readFileSync(path.resolve(here, '../../examples/acme.okr.json'), 'utf8');

/// The rules, read independently of okr-core: may owner `viewer` see objective `o` of graph `g`?
function modelSees(g, viewer, o) {
  const parent = Object.fromEntries(g.owners().map((w) => [w.id, w.parent]));
  const visibility = o.visibility ?? 'public';
  if (visibility === 'public' || o.owner === viewer) return true;
  if (visibility === 'owner_line') {
    for (let x = parent[o.owner]; x !== undefined; x = parent[x]) if (x === viewer) return true;
  }
  const groups = new Set(g.groups().filter((gr) => gr.members.includes(viewer)).map((gr) => gr.id));
  return (o.viewers ?? []).some((v) => v === viewer || groups.has(v));
}

/// Every owner's view of every objective, as canSee answers, with visibleObjectives checked
/// against it and both against the model.
function matrix(g) {
  const out = {};
  for (const w of g.owners()) {
    const row = {};
    for (const o of g.objectives()) {
      row[o.id] = g.canSee(w.id, o.id);
      assert.equal(row[o.id], modelSees(g, w.id, o), `${w.id} sees ${o.id}`);
    }
    assert.deepEqual(g.visibleObjectives(w.id), Object.keys(row).filter((id) => row[id]), w.id);
    out[w.id] = row;
  }
  return out;
}

/// acme > sales > (anna, bo); acme > hr > hana; acme > ceo. Groups board (ceo) and partners
/// (hana). Objectives: open (public, acme), line (owner_line, sales), secret (private, sales,
/// viewer anna), pay (private, hr, viewer board), coach (owner_line, bo, viewer partners).
function org() {
  const g = new Graph();
  g.addOwner({ id: 'acme', name: 'Acme', kind: 'organisation' });
  g.addOwner({ id: 'sales', name: 'Sales', kind: 'team', parent: 'acme' });
  g.addOwner({ id: 'anna', name: 'Anna', kind: 'person', parent: 'sales' });
  g.addOwner({ id: 'bo', name: 'Bo', kind: 'person', parent: 'sales' });
  g.addOwner({ id: 'hr', name: 'HR', kind: 'team', parent: 'acme' });
  g.addOwner({ id: 'hana', name: 'Hana', kind: 'person', parent: 'hr' });
  g.addOwner({ id: 'ceo', name: 'CEO', kind: 'person', parent: 'acme' });
  g.addCycle({ id: 'q4', start: '2026-10-01', end: '2026-12-31' });
  g.addGroup({ id: 'board', name: 'The board', members: ['ceo'] });
  g.addGroup({ id: 'partners', members: ['hana'], extra: { slack: '#hr-partners' } });
  g.addObjective({ id: 'open', title: 'Grow', owner: 'acme', cycle: 'q4' });
  g.addObjective({ id: 'line', title: 'Sales plan', owner: 'sales', cycle: 'q4',
    visibility: 'owner_line' });
  g.addObjective({ id: 'secret', title: 'Reorganise sales', owner: 'sales', cycle: 'q4',
    visibility: 'private', viewers: ['anna'] });
  g.addObjective({ id: 'pay', title: 'Pay review', owner: 'hr', cycle: 'q4',
    visibility: 'private', viewers: ['board'] });
  g.addObjective({ id: 'coach', title: 'Bo\'s development', owner: 'bo', cycle: 'q4',
    visibility: 'owner_line', viewers: ['partners'] });
  g.link('secret', 'open', 1);
  g.addKeyResult({ id: 'secret-kr', title: 'Two new regions', objective: 'secret',
    measure: { kind: 'numeric', start: 0, target: 2 } });
  g.addInitiative({ id: 'secret-work', key_result: 'secret-kr', title: 'Hire leads' });
  return g;
}

test('who sees what: public, owner line, private, named viewers and groups', () => {
  const g = org();
  const m = matrix(g);
  const seen = (id) => Object.keys(m).filter((w) => m[w][id]);
  assert.deepEqual(seen('open'), g.owners().map((w) => w.id));
  // the owner and those above it, not those below or beside
  assert.deepEqual(seen('line'), ['acme', 'sales']);
  // the owner and its named viewer; not the owners above it
  assert.deepEqual(seen('secret'), ['sales', 'anna']);
  // through a group
  assert.deepEqual(seen('pay'), ['hr', 'ceo']);
  assert.deepEqual(seen('coach'), ['acme', 'sales', 'bo', 'hana']);
  // what is under an objective goes with it
  for (const w of g.owners()) {
    assert.equal(g.canSee(w.id, 'secret-kr'), m[w.id].secret, w.id);
    assert.equal(g.canSee(w.id, 'secret-work'), m[w.id].secret, w.id);
  }
  assert.deepEqual(g.visibleObjectives('bo'), ['open', 'coach']);
  // the fields as given, public ones without either
  assert.deepEqual([g.objective('pay').visibility, g.objective('pay').viewers], ['private', ['board']]);
  assert.equal('visibility' in g.objective('open'), false);
  assert.equal('viewers' in g.objective('line'), false);
  assert.deepEqual(g.groups(), [
    { id: 'board', name: 'The board', members: ['ceo'] },
    { id: 'partners', members: ['hana'], extra: { slack: '#hr-partners' } },
  ]);
  assert.deepEqual(g.group('board'), g.groups()[0]);
  assert.equal(g.group('nope'), undefined);
  assert.equal(g.group('ceo'), undefined);
  g.free();
});

test('changes of visibility, viewers and groups change who sees, as revisions', () => {
  const g = org();
  assert.equal(g.canSee('anna', 'line'), false);
  g.updateObjective('line', { visibility: 'public', at: '2026-11-02', by: 'sales' });
  assert.equal(g.canSee('anna', 'line'), true);
  assert.equal('visibility' in g.objective('line'), false);
  const entry = g.log({ id: 'line' }).find((e) => e.field === 'visibility');
  assert.deepEqual([entry.from, entry.to, entry.by], ['owner_line', 'public', 'sales']);

  assert.equal(g.canSee('anna', 'pay'), false);
  g.updateGroup({ id: 'board', name: 'The board', members: ['ceo', 'anna'] });
  assert.equal(g.canSee('anna', 'pay'), true);
  assert.deepEqual(g.group('board').members, ['ceo', 'anna']);

  g.updateObjective('secret', { viewers: [], at: '2026-11-03' });
  assert.equal(g.canSee('anna', 'secret'), false);
  assert.equal(g.canSee('anna', 'secret-kr'), false);
  assert.equal('viewers' in g.objective('secret'), false);
  g.updateObjective('secret', { viewers: ['partners', 'bo'], at: '2026-11-04' });
  assert.deepEqual(g.objective('secret').viewers, ['partners', 'bo']);
  matrix(g);

  // a group no objective names can go; the owner it held can go too
  g.addOwner({ id: 'ida', name: 'Ida', kind: 'person', parent: 'hr' });
  g.addGroup({ id: 'temp', name: 'Temps', members: ['ida'] });
  const removed = g.removeGroup('temp');
  assert.deepEqual(removed, { id: 'temp', name: 'Temps', members: ['ida'] });
  assert.deepEqual(g.groups().map((x) => x.id), ['board', 'partners']);
  assert.equal(g.removeOwner('ida').id, 'ida');
  // a new objective's viewers may name a group added later than the objective's owner
  g.addGroup({ id: 'leads', members: ['anna', 'bo'] });
  g.addObjective({ id: 'plan', title: 'Plan', owner: 'ceo', cycle: 'q4', visibility: 'owner_line',
    viewers: ['leads'] });
  assert.deepEqual(['acme', 'ceo', 'anna', 'bo', 'sales'].map((w) => g.canSee(w, 'plan')),
    [true, true, true, true, false]);
  const m = matrix(g);
  // the document keeps the changes and their history
  const again = Graph.fromJson(g.toJson());
  assert.equal(again.toJson(), g.toJson());
  assert.deepEqual(matrix(again), m);
  again.free();
  g.free();
});

test('bad groups, viewers and questions are typed errors that change nothing', () => {
  const g = org();
  const before = g.toJson();
  const m = matrix(g);
  let e = throwsOkr(() => g.canSee('nobody', 'open'), 'UnknownIdError', 'unknown_id');
  assert.deepEqual(e.ids, ['nobody']);
  e = throwsOkr(() => g.canSee('anna', 'nothing'), 'UnknownIdError', 'unknown_id');
  assert.deepEqual(e.ids, ['nothing']);
  // a group is not a viewer itself; an owner is not an objective
  throwsOkr(() => g.canSee('board', 'open'), 'UnknownIdError', 'unknown_id');
  throwsOkr(() => g.canSee('anna', 'sales'), 'UnknownIdError', 'unknown_id');
  e = throwsOkr(() => g.visibleObjectives('nobody'), 'UnknownIdError', 'unknown_id');
  assert.deepEqual(e.ids, ['nobody']);

  // groups: one id space with owners, members are owners, named once, known fields only
  e = throwsOkr(() => g.addGroup({ id: 'anna', members: [] }), 'DuplicateIdError', 'duplicate_id');
  assert.deepEqual(e.ids, ['anna']);
  e = throwsOkr(() => g.addGroup({ id: 'board', members: ['anna'] }), 'DuplicateIdError', 'duplicate_id');
  assert.deepEqual(e.ids, ['board']);
  e = throwsOkr(() => g.addOwner({ id: 'board', name: 'Board', kind: 'team' }),
    'DuplicateIdError', 'duplicate_id');
  assert.deepEqual(e.ids, ['board']);
  e = throwsOkr(() => g.addGroup({ id: 'x', members: ['anna', 'nobody'] }), 'UnknownIdError', 'unknown_id');
  assert.deepEqual(e.ids, ['nobody']);
  throwsOkr(() => g.addGroup({ id: 'x', members: ['anna', 'anna'] }), 'InvalidValueError',
    'invalid_value', /named twice/);
  throwsOkr(() => g.addGroup({ id: '', members: [] }), 'InvalidValueError', 'invalid_value');
  throwsOkr(() => g.addGroup({ id: 'x', owners: ['anna'] }), 'InvalidValueError', 'invalid_value');
  throwsOkr(() => g.addGroup('x'), 'InvalidValueError', 'invalid_value');
  e = throwsOkr(() => g.updateGroup({ id: 'nope', members: [] }), 'UnknownIdError', 'unknown_id');
  assert.deepEqual(e.ids, ['nope']);
  throwsOkr(() => g.updateGroup({ id: 'board', members: ['ceo', 'nobody'] }), 'UnknownIdError', 'unknown_id');
  throwsOkr(() => g.updateGroup({ id: 'board', members: ['ceo', 'ceo'] }), 'InvalidValueError', 'invalid_value');
  e = throwsOkr(() => g.removeGroup('board'), 'InUseError', 'in_use', /pay/);
  assert.deepEqual(e.ids, ['board']);
  throwsOkr(() => g.removeGroup('nope'), 'UnknownIdError', 'unknown_id');
  // an owner a group holds, or an objective names, stays
  throwsOkr(() => g.removeOwner('hana'), 'InUseError', 'in_use', /partners/);
  throwsOkr(() => g.removeOwner('ceo'), 'InUseError', 'in_use', /board/);

  // objectives' viewers: not on a public one, known, named once; visibility one of three names
  const o = { id: 'x', title: 'x', owner: 'sales', cycle: 'q4' };
  throwsOkr(() => g.addObjective({ ...o, viewers: ['anna'] }), 'InvalidValueError', 'invalid_value', /viewers/);
  e = throwsOkr(() => g.addObjective({ ...o, visibility: 'private', viewers: ['nobody'] }),
    'UnknownIdError', 'unknown_id');
  assert.deepEqual(e.ids, ['nobody']);
  throwsOkr(() => g.addObjective({ ...o, visibility: 'private', viewers: ['anna', 'anna'] }),
    'InvalidValueError', 'invalid_value', /named twice/);
  throwsOkr(() => g.addObjective({ ...o, visibility: 'secret' }), 'InvalidValueError', 'invalid_value');
  throwsOkr(() => g.addObjective({ ...o, visibility: 'private', viewers: 'anna' }),
    'InvalidValueError', 'invalid_value');
  throwsOkr(() => g.updateObjective('open', { viewers: ['anna'], at: '2026-11-02' }),
    'InvalidValueError', 'invalid_value', /viewers/);
  throwsOkr(() => g.updateObjective('secret', { visibility: 'public', at: '2026-11-02' }),
    'InvalidValueError', 'invalid_value', /viewers/);
  throwsOkr(() => g.updateObjective('secret', { viewers: ['bo', 'nobody'], at: '2026-11-02' }),
    'UnknownIdError', 'unknown_id');
  throwsOkr(() => g.updateObjective('line', { visibility: 'hidden', at: '2026-11-02' }),
    'InvalidValueError', 'invalid_value');

  assert.equal(g.toJson(), before);
  assert.deepEqual(matrix(g), m);
  assert.deepEqual(g.log(), []);
  g.free();
});

test('documents keep groups, visibility and viewers', () => {
  const g = org();
  g.updateObjective('line', { visibility: 'private', viewers: ['bo'], at: '2026-11-02' });
  const doc = g.toObject();
  assert.equal(doc.version, 2);
  assert.deepEqual(doc.groups, g.groups());
  // objectives as they were added; the change of `line` is in the history
  const byId = Object.fromEntries(doc.objectives.map((o) => [o.id, o]));
  assert.deepEqual([byId.pay.visibility, byId.pay.viewers], ['private', ['board']]);
  assert.deepEqual([byId.coach.visibility, byId.coach.viewers], ['owner_line', ['partners']]);
  assert.equal('visibility' in byId.open, false);
  assert.equal('viewers' in byId.open, false);
  assert.ok(JSON.stringify(doc.history).includes('"viewers"'));

  const again = Graph.fromJson(g.toJson());
  assert.equal(again.toJson(), g.toJson());
  assert.deepEqual(again.groups(), g.groups());
  assert.deepEqual(again.objectives(), g.objectives());
  assert.deepEqual([again.objective('line').visibility, again.objective('line').viewers],
    ['private', ['bo']]);
  assert.deepEqual(matrix(again), matrix(g));
  const fromObject = Graph.fromObject(doc);
  assert.equal(fromObject.toJson(), g.toJson());
  // the revision keeps the earlier visibility: the log reads the same after the round trip
  assert.deepEqual(again.log({ id: 'line' }), g.log({ id: 'line' }));
  assert.ok(again.log({ id: 'line' }).some((e) => e.field === 'viewers'));
  again.free();
  fromObject.free();

  // a document's problems at their paths
  let e = throwsOkr(() => Graph.fromObject({ ...doc, groups: [{ id: 'g', members: ['nobody'] }] }),
    'DocumentError', 'document');
  assert.equal(e.path, 'groups[0].members');
  const plain = org();
  e = throwsOkr(() => Graph.fromObject({ ...plain.toObject(), version: 1 }), 'DocumentError', 'document');
  assert.match(e.path, /groups/);
  plain.free();
  // an objective naming a viewer that is no owner or group (its path: the test below)
  e = throwsOkr(() => Graph.fromObject({ ...doc, groups: [] }), 'DocumentError', 'document',
    /"board"/);
  assert.match(e.path, /^objectives\[3\]\./);

  // the example company: whatever its visibilities, the answers follow the rules
  const acme = Graph.fromJson(ACME);
  matrix(acme);
  const acme2 = Graph.fromJson(acme.toJson());
  assert.equal(acme2.toJson(), acme.toJson());
  acme2.free();
  acme.free();
  g.free();
});

// A group an earlier revision named as a viewer stays (InUse, as an owner the history names
// does): removing it would leave a document whose history names an unknown viewer.
test('a group named only in the history cannot be removed, and the document loads', () => {
  const g = org();
  g.updateObjective('coach', { viewers: [], at: '2026-11-05' });
  const e = throwsOkr(() => g.removeGroup('partners'), 'InUseError', 'in_use');
  assert.ok(e.ids.includes('partners'));
  const again = Graph.fromJson(g.toJson());
  assert.equal(again.toJson(), g.toJson());
  again.free();
  g.free();
});

test('a document naming an unknown viewer: the problem at the objective\'s viewers', () => {
  const g = org();
  const doc = { ...g.toObject(), groups: [] };
  g.free();
  const e = throwsOkr(() => Graph.fromObject(doc), 'DocumentError', 'document');
  assert.equal(e.path, 'objectives[3].viewers');
});
