// Views in JavaScript: `graph.viewFor(viewer, policy?)` on the example company, for every owner
// as viewer. The view holds exactly the objectives `visibleObjectives(viewer)` lists plus the
// combined entries; under the default policy every visible figure is the full graph's; nothing
// hidden (ids, titles, notes, comments, authors, values) appears in any output of the view that
// JavaScript can reach (every reading method of `Graph`, enumerated from its prototype, so a new
// one must be classified here); a query naming a hidden id throws (or answers) exactly what a
// nonexistent id gets; every change throws `ReadOnlyViewError` and changes nothing;
// `exclude_hidden` differs where a hidden child counted.
import test from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { throwsOkr } from './helpers.mjs';

const require = createRequire(import.meta.url);
const here = path.dirname(fileURLToPath(import.meta.url));
const wasm = require('../pkg/node/okr_wasm.js');
const { Graph, lintGraph, draftKeyResultFor } = wasm;
const ACME = readFileSync(path.resolve(here, '../../examples/acme.okr.json'), 'utf8');
const AS_OF = '2026-11-15';
const DATES = ['2026-07-15', '2026-10-15', AS_OF, '2026-12-31'];
const MISSING = 'no-such-id-4711';

/// The example company with one more private objective (owner gustav, no viewers: hidden from
/// everyone else) under `northern-clinics`, every piece of it a canary: its id, title,
/// description, key result, check-in note, author and value, initiative and its update,
/// comment, revision, dependency and proposal carry strings (and a number) found nowhere else.
const CANARIES = ['cnry', 'QX7', 'QX8', '7341.59'];
function withCanaries() {
  const g = Graph.fromJson(ACME);
  assert.ok(!CANARIES.some((c) => ACME.includes(c)), 'the canaries occur nowhere else');
  g.addObjective({ id: 'cnry-obj', title: 'Canary objective QX71', description: 'canary description QX72',
    owner: 'gustav', cycle: 'q4-2026', visibility: 'private' });
  g.link('cnry-obj', 'northern-clinics', 2);
  g.addKeyResult({ id: 'cnry-kr', title: 'Canary key result QX73', objective: 'cnry-obj',
    measure: { kind: 'numeric', start: 0, target: 10000, unit: 'cnry-units' } });
  g.checkIn('cnry-kr', { at: '2026-11-01', value: 7341.5917, confidence: 0.7, note: 'canary note QX74',
    author: 'cnry-author' });
  g.addInitiative({ id: 'cnry-ini', key_result: 'cnry-kr', title: 'Canary initiative QX75', owner: 'gustav',
    updates: [{ at: '2026-11-02', percent: 40, note: 'canary update QX76' }] });
  g.addComment({ id: 'cnry-comment', by: 'gustav', at: '2026-11-03', text: 'canary comment QX77',
    objective: 'cnry-obj' });
  g.updateObjective('cnry-obj', { at: '2026-11-13', by: 'cnry-reviser', reason: 'canary reason QX78',
    title: 'Canary objective retitled QX79' });
  g.addDependency({ blocker: 'cnry-kr', blocked: 'west-clinics', note: 'canary dependency QX80' });
  g.propose({ id: 'cnry-proposal', by: 'gustav', at: '2026-11-05', note: 'canary proposal QX81',
    objective: 'cnry-obj', set: { title: 'Canary proposed title QX82' } });
  return g;
}

function json(v) {
  return JSON.stringify(v, (_, x) => (ArrayBuffer.isView(x) ? Array.from(x) : x === undefined ? null : x));
}

/// What a call gives, as text: its result, or its error's name, code, ids and message.
function outcome(fn) {
  try {
    return json({ ok: fn() });
  } catch (e) {
    return json({ error: e.name, code: e.code, ids: e.ids, message: e.message });
  }
}

/// `view` with every property read recorded in `seen`.
function recorded(view, seen) {
  return new Proxy(view, {
    get(t, k) {
      seen.add(k);
      const v = Reflect.get(t, k, t);
      return typeof v === 'function' ? v.bind(t) : v;
    },
  });
}

/// Methods and getters of `Graph` that change nothing and show nothing of the graph's content.
const EXEMPT = new Set([
  'constructor', 'free', '__destroy_into_raw', 'clone', 'viewFor',
  // sets the time later changes are stamped with; every change on a view is refused anyway
  'setClock',
]);

/// Every change `Graph` offers, with arguments that succeed on the full graph (after `setup`).
const MUTATIONS = [
  ['addOwner', (g) => g.addOwner({ id: 'zed', name: 'Zed', kind: 'person', parent: 'acme' })],
  ['importCsv', (g) => g.importCsv({ objectives: 'id,title\ndental-fair,Renamed\n' }, { at: '2026-11-20' })],
  ['removeOwner', (g) => g.removeOwner('zed'), (g) => g.addOwner({ id: 'zed', kind: 'person' })],
  ['addCycle', (g) => g.addCycle({ id: 'q1-2027', start: '2027-01-01', end: '2027-03-31' })],
  ['removeCycle', (g) => g.removeCycle('q1-2027'),
    (g) => g.addCycle({ id: 'q1-2027', start: '2027-01-01', end: '2027-03-31' })],
  ['addObjective', (g) => g.addObjective({ id: 'new-obj', title: 'New', owner: 'hanna', cycle: 'q4-2026' })],
  ['updateObjective', (g) => g.updateObjective('dental-fair', { at: '2026-11-20', title: 'Renamed' })],
  ['removeObjective', (g) => g.removeObjective('trade-show-booth', { at: '2026-11-20' })],
  ['link', (g) => g.link('trade-show-booth', 'sales-growth', 1, { at: '2026-11-20' })],
  ['unlink', (g) => g.unlink('trade-show-booth', 'leading-provider', { at: '2026-11-20' })],
  ['setLinkWeight', (g) => g.setLinkWeight('trade-show-booth', 'leading-provider', 2, { at: '2026-11-20' })],
  ['setLinkKind', (g) => g.setLinkKind('trade-show-booth', 'leading-provider', 'supports', { at: '2026-11-20' })],
  ['addKeyResult', (g) => g.addKeyResult({ id: 'new-kr', title: 'New', objective: 'dental-fair',
    measure: { kind: 'boolean' } })],
  ['updateKeyResult', (g) => g.updateKeyResult('booth-booked', { at: '2026-11-20', title: 'Book' })],
  ['removeKeyResult', (g) => g.removeKeyResult('booth-booked', { at: '2026-11-20' })],
  ['checkIn', (g) => g.checkIn('west-clinics', { at: '2026-11-20', value: 12 })],
  ['checkInMany', (g) => g.checkInMany([{ krId: 'west-clinics', at: '2026-11-20', value: 12 }])],
  ['addDependency', (g) => g.addDependency({ blocker: 'western-clinics', blocked: 'eastern-clinics' })],
  ['removeDependency', (g) => g.removeDependency('western-clinics', 'eastern-clinics'),
    (g) => g.addDependency({ blocker: 'western-clinics', blocked: 'eastern-clinics' })],
  ['addInitiative', (g) => g.addInitiative({ id: 'new-ini', key_result: 'west-clinics', title: 'Call' })],
  ['updateInitiative', (g) => g.updateInitiative({ id: 'new-ini', key_result: 'west-clinics', title: 'Call more' }),
    (g) => g.addInitiative({ id: 'new-ini', key_result: 'west-clinics', title: 'Call' })],
  ['removeInitiative', (g) => g.removeInitiative('new-ini'),
    (g) => g.addInitiative({ id: 'new-ini', key_result: 'west-clinics', title: 'Call' })],
  ['recordInitiativeUpdate', (g) => g.recordInitiativeUpdate({ initiative: 'new-ini', at: '2026-11-20', percent: 50 }),
    (g) => g.addInitiative({ id: 'new-ini', key_result: 'west-clinics', title: 'Call' })],
  ['addKpi', (g) => g.addKpi({ id: 'new-kpi', name: 'New', health: { kind: 'increase' } })],
  ['updateKpi', (g) => g.updateKpi({ id: 'new-kpi', name: 'Newer', health: { kind: 'increase' } }),
    (g) => g.addKpi({ id: 'new-kpi', name: 'New', health: { kind: 'increase' } })],
  ['removeKpi', (g) => g.removeKpi('new-kpi'),
    (g) => g.addKpi({ id: 'new-kpi', name: 'New', health: { kind: 'increase' } })],
  ['recordKpiValue', (g) => g.recordKpiValue({ kpi: 'clinic-satisfaction', at: '2026-11-20', value: 92 })],
  ['addGroup', (g) => g.addGroup({ id: 'new-group', members: ['hanna'] })],
  ['updateGroup', (g) => g.updateGroup({ id: 'sales-leads', members: ['bjorn'] })],
  ['removeGroup', (g) => g.removeGroup('new-group'), (g) => g.addGroup({ id: 'new-group', members: ['hanna'] })],
  ['setReviewPolicy', (g) => g.setReviewPolicy({ allowSelfApproval: true })],
  ['propose', (g) => g.propose({ id: 'p-new', by: 'frida', at: '2026-11-20', objective: 'dental-fair',
    set: { title: 'Dental fair, again' }, reviewers: ['astrid'] })],
  ['approve', (g) => g.approve('p-new', { by: 'astrid', at: '2026-11-21' }),
    (g) => g.propose({ id: 'p-new', by: 'frida', at: '2026-11-20', objective: 'dental-fair',
      set: { title: 'Dental fair, again' }, reviewers: ['astrid'] })],
  ['reject', (g) => g.reject('p-new', { by: 'astrid', at: '2026-11-21' }),
    (g) => g.propose({ id: 'p-new', by: 'frida', at: '2026-11-20', objective: 'dental-fair',
      set: { title: 'Dental fair, again' }, reviewers: ['astrid'] })],
  ['addComment', (g) => g.addComment({ id: 'c-new', by: 'hanna', at: '2026-11-20', text: 'Nice',
    objective: 'dental-fair' })],
  ['acknowledge', (g) => g.acknowledge({ key_result: 'west-clinics', check_in: '2026-11-10', by: 'sales',
    at: '2026-11-20' })],
  ['closeCycle', (g) => g.closeCycle('q4-2026', { to: 'q1-2027', at: '2027-01-02' }),
    (g) => g.addCycle({ id: 'q1-2027', start: '2027-01-01', end: '2027-03-31' })],
];

/// Every output of `view` reachable from JavaScript, as `[label, text]` (errors as their
/// message), through a proxy that records which methods and getters were used in `seen`.
function outputs(rawView, seen) {
  const view = recorded(rawView, seen);
  const out = [];
  const add = (label, fn) => out.push([label, outcome(fn)]);
  const objectives = rawView.objectives().map((o) => o.id);
  const krs = rawView.keyResults().map((k) => k.id);
  const initiatives = rawView.initiatives().map((i) => i.id);
  const owners = rawView.owners().map((o) => o.id);
  const cycles = rawView.cycles().map((c) => c.id);
  const nodes = [...objectives, ...krs];
  for (const k of ['toJson', 'toObject', 'toCsv', 'owners', 'cycles', 'objectives', 'keyResults', 'groups',
    'roots', 'initiatives', 'kpis', 'dependencies', 'cadences', 'proposals', 'reviewPolicy', 'clock',
    'comments', 'acknowledgements', 'limits']) {
    add(k, () => view[k]());
  }
  for (const k of ['objectiveCount', 'revisionCount', 'latestRevision', 'isView', 'viewViewer', 'viewPolicy']) {
    add(k, () => view[k]);
  }
  add('log', () => view.log());
  // a snapshot's texts are UTF-8 inside its bytes
  add('toSnapshot', () => new TextDecoder('latin1').decode(view.toSnapshot()));
  add('coverage', () => view.coverage());
  add('diff', () => view.diff('2026-07-01', '2026-12-31'));
  add('whatIf', () => view.whatIf({ 'west-clinics': 15 }, AS_OF));
  add('whatIfDiff', () => view.whatIfDiff({ 'west-clinics': 15 }, AS_OF));
  add('series', () => view.series({ from: '2026-10-01', to: '2026-12-31' }));
  add('history', () => view.history('2026-10-01', '2026-12-31', 'W'));
  add('lintGraph', () => lintGraph(rawView));
  add('closeCycle dry run', () => view.closeCycle('q4-2026', { at: '2027-01-02', dryRun: true }));
  for (const at of DATES) {
    for (const k of ['rollup', 'rollupColumns', 'rollupTable', 'report', 'reportText', 'forecast', 'due', 'dependencyStatus',
      'initiativeStatus', 'kpiHealth']) {
      add(`${k} ${at}`, () => view[k](at));
    }
    add(`scores ${at}`, () => view.scores(at.slice(0, 10)));
    add(`scorecards ${at}`, () => view.scorecards(at.slice(0, 10)));
    for (const f of ['dot', 'mermaid', 'svg']) add(`renderGraph ${f} ${at}`, () => view.renderGraph(f, at));
    const r = view.rollupResult(at);
    try {
      add(`rollupResult ${at}`, () => [r.nodes(), r.columns(), r.length, r.asOf]);
      for (const id of nodes) {
        add(`rollupResult.get ${id}`, () => [r.get(id), r.blockers(id), r.hiddenEntry(id)]);
      }
    } finally {
      r.free();
    }
  }
  for (const id of nodes) {
    for (const k of ['objective', 'keyResult', 'explainProgress', 'chart', 'parentLinks', 'childLinks',
      'parentsOf', 'childrenOf', 'keyResultsOf', 'keyResultsUnder', 'checkIns', 'dependenciesOf',
      'initiativeSummary', 'initiativesOf', 'comments', 'hiddenEntryParent', 'proposal']) {
      add(`${k} ${id}`, () => view[k](id));
    }
    add(`contributions ${id}`, () => view.contributions(id, AS_OF));
    add(`log ${id}`, () => view.log({ id }));
    add(`acknowledgements ${id}`, () => view.acknowledgements(id));
    add(`draftKeyResultFor ${id}`, () => draftKeyResultFor(rawView, id, 'win-rate', { asOf: AS_OF }));
    for (const p of rawView.parentsOf(id)) add(`linkKind ${id} ${p.id}`, () => view.linkKind(id, p.id));
  }
  for (const id of initiatives) add(`initiative ${id}`, () => view.initiative(id));
  for (const p of rawView.proposals()) {
    add(`proposal ${p.id}`, () => view.proposal(p.id));
    for (const w of owners) add(`canDecide ${p.id} ${w}`, () => view.canDecide(p.id, w));
  }
  for (const k of rawView.kpis()) add(`kpi ${k.id}`, () => view.kpi(k.id));
  for (const gr of rawView.groups()) add(`group ${gr.id}`, () => view.group(gr.id));
  for (const w of owners) {
    add(`visibleObjectives ${w}`, () => view.visibleObjectives(w));
    for (const id of objectives) add(`canSee ${w} ${id}`, () => view.canSee(w, id));
    for (const c of cycles) {
      add(`appraisal ${w} ${c}`, () => view.appraisal(w, c, AS_OF));
      add(`appraisalHtml ${w} ${c}`, () => view.appraisalHtml(w, c, AS_OF));
    }
  }
  for (const c of cycles) add(`closedCycle ${c}`, () => view.closedCycle(c));
  return out;
}

/// The objectives of the full graph `g` that `viewer` may not see, and everything of theirs
/// that is text: ids, titles, descriptions, key results, check-in notes, initiatives.
function hiddenOf(g, viewer) {
  const visible = new Set(g.visibleObjectives(viewer));
  const hidden = g.objectives().filter((o) => !visible.has(o.id));
  const krs = hidden.flatMap((o) => g.keyResultsOf(o.id));
  const inis = krs.flatMap((k) => g.initiativesOf(k.id));
  const strings = [
    ...hidden.flatMap((o) => [o.id, o.title, o.description]),
    ...krs.flatMap((k) => [k.id, k.title, ...g.checkIns(k.id).map((c) => c.note)]),
    ...inis.flatMap((i) => [i.id, i.title]),
  ].filter((s) => typeof s === 'string' && s.length > 0);
  return { visible, hidden: hidden.map((o) => o.id), ids: [...hidden.map((o) => o.id),
    ...krs.map((k) => k.id), ...inis.map((i) => i.id)], strings };
}

/// The document of `g` without the objectives in `hidden`, without the history and workflow
/// records and without links upwards: the text where a hidden string may legitimately occur
/// (a visible title that happens to contain a hidden one).
function visibleText(g, hidden) {
  const doc = g.toObject();
  const h = new Set(hidden);
  doc.objectives = doc.objectives.filter((o) => !h.has(o.id)).map(({ parents, ...o }) => ({
    ...o, key_results: (o.key_results ?? []).map(({ parent, ...k }) => k),
  }));
  for (const k of ['revisions', 'comments', 'proposals', 'acknowledgements', 'closed_cycles', 'dependencies']) {
    delete doc[k];
  }
  return JSON.stringify(doc);
}

test('a view holds what visibleObjectives lists plus one combined entry per parent with hidden inputs', () => {
  const g = Graph.fromJson(ACME);
  try {
    assert.equal(g.isView, false);
    assert.equal(g.viewViewer, undefined);
    assert.equal(g.viewPolicy, undefined);
    assert.equal(g.hiddenEntryParent('northern-clinics~hidden'), undefined);
    let entriesSeen = 0;
    for (const { id: viewer } of g.owners()) {
      for (const policy of [undefined, 'count_hidden', 'exclude_hidden']) {
        const view = policy === undefined ? g.viewFor(viewer) : g.viewFor(viewer, policy);
        try {
          assert.equal(view.isView, true);
          assert.equal(view.viewViewer, viewer);
          assert.equal(view.viewPolicy, policy ?? 'count_hidden');
          const { visible, hidden } = hiddenOf(g, viewer);
          const ids = view.objectives().map((o) => o.id);
          const entries = ids.filter((id) => view.hiddenEntryParent(id) !== undefined);
          assert.deepEqual(ids.filter((id) => !entries.includes(id)), g.visibleObjectives(viewer), viewer);
          assert.equal(view.objectiveCount, ids.length);
          // one entry for each visible objective with a hidden child, aligned under it
          const withHidden = [...visible].filter((p) => g.childLinks(p).some((c) => hidden.includes(c.id)));
          assert.deepEqual(entries.map((e) => view.hiddenEntryParent(e)).sort(), withHidden.sort(), viewer);
          for (const e of entries) {
            const parent = view.hiddenEntryParent(e);
            assert.ok(visible.has(parent));
            assert.ok(e.startsWith(`${parent}~hidden`), e);
            const o = view.objective(e);
            assert.equal(o.owner, 'hidden');
            assert.match(o.title, /^Hidden objectives/);
            assert.deepEqual(view.parentsOf(e).map((p) => p.id), [parent]);
            assert.equal(view.linkKind(e, parent), policy === 'exclude_hidden' ? 'supports' : 'contributes');
            const r = view.rollupResult(AS_OF);
            try {
              const entry = r.hiddenEntry(e);
              const inputs = g.childLinks(parent).filter((c) => hidden.includes(c.id));
              assert.equal(entry.count, inputs.length, `${viewer} ${e}`);
              // (`+ 0`: okr-core sums no weights to -0)
              if (policy !== 'exclude_hidden') {
                // under the default policy the weight of the inputs that count
                const fr = g.rollupResult(AS_OF);
                const counted = inputs.filter((c) => c.kind === 'contributes' && fr.get(c.id).progress !== null);
                assert.equal(entry.weight + 0, counted.reduce((s, c) => s + c.weight, 0));
                fr.free();
              }
              assert.equal(r.hiddenEntry(parent), undefined);
            } finally {
              r.free();
            }
            entriesSeen += 1;
          }
          for (const id of visible) assert.equal(view.hiddenEntryParent(id), undefined);
        } finally {
          view.free();
        }
      }
    }
    assert.ok(entriesSeen > 0, 'some viewer has a combined entry');
    // hanna does not see gustav-tromso; bjorn (in sales-leads) does
    const hanna = g.viewFor('hanna');
    const bjorn = g.viewFor('bjorn');
    assert.equal(hanna.objective('gustav-tromso'), undefined);
    assert.equal(hanna.hiddenEntryParent('northern-clinics~hidden'), 'northern-clinics');
    assert.equal(bjorn.objective('gustav-tromso').id, 'gustav-tromso');
    assert.equal(bjorn.objective('northern-clinics~hidden'), undefined);
    hanna.free();
    bjorn.free();
  } finally {
    g.free();
  }
});

test('under the default policy every visible figure is the full graph\'s', () => {
  for (const g of [Graph.fromJson(ACME), withCanaries()]) {
    try {
      for (const { id: viewer } of g.owners()) {
        const view = g.viewFor(viewer);
        try {
          for (const at of DATES) {
            const full = new Map(g.rollup(at).map((n) => [n.id, n]));
            const seen = view.rollup(at);
            let compared = 0;
            for (const n of seen) {
              if (view.hiddenEntryParent(n.id) !== undefined) continue;
              assert.deepEqual(n, full.get(n.id), `${viewer} ${n.id} ${at}`);
              compared += 1;
            }
            assert.ok(compared > 10);
            // the columns too, bit for bit
            const fc = g.rollupColumns(at);
            const vc = view.rollupColumns(at);
            const pos = new Map(fc.ids.map((id, i) => [id, i]));
            vc.ids.forEach((id, i) => {
              if (!pos.has(id)) return;
              const j = pos.get(id);
              for (const k of ['progress', 'attainment', 'expected', 'confidence', 'status', 'stale', 'blocked']) {
                assert.ok(Object.is(vc[k][i], fc[k][j]), `${viewer} ${id} ${k} ${at}`);
              }
            });
          }
        } finally {
          view.free();
        }
      }
    } finally {
      g.free();
    }
  }
});

test('exclude_hidden differs where a hidden child counted, and says so', () => {
  const g = Graph.fromJson(ACME);
  const counted = g.viewFor('hanna');
  const excluded = g.viewFor('hanna', 'exclude_hidden');
  try {
    const p = (x, id) => x.rollup(AS_OF).find((n) => n.id === id).progress;
    const full = p(g, 'northern-clinics');
    assert.equal(p(counted, 'northern-clinics'), full);
    assert.notEqual(p(excluded, 'northern-clinics'), full, 'gustav-tromso counted in the full graph');
    // excluding it is the full graph without gustav-tromso's link
    const without = g.clone();
    without.unlink('gustav-tromso', 'northern-clinics', { at: '2026-11-14' });
    assert.equal(p(excluded, 'northern-clinics'), p(without, 'northern-clinics'));
    without.free();
    assert.match(excluded.objective('northern-clinics~hidden').title, /not counted/);
    assert.equal(excluded.linkKind('northern-clinics~hidden', 'northern-clinics'), 'supports');
    // what does not depend on a hidden child is the same under both policies
    assert.equal(p(excluded, 'production-output'), p(g, 'production-output'));
    const r = excluded.rollupResult(AS_OF);
    assert.equal(r.hiddenEntry('northern-clinics~hidden').count, 1);
    r.free();
    // bjorn sees gustav-tromso: nothing to exclude there
    const bjorn = g.viewFor('bjorn', 'exclude_hidden');
    assert.equal(p(bjorn, 'northern-clinics'), full);
    bjorn.free();
  } finally {
    excluded.free();
    counted.free();
    g.free();
  }
});

test('nothing hidden appears in any output of a view reachable from JavaScript', () => {
  const g = withCanaries();
  const seen = new Set();
  const checked = new Set();
  try {
    for (const { id: viewer } of g.owners()) {
      for (const policy of ['count_hidden', 'exclude_hidden']) {
        const view = g.viewFor(viewer, policy);
        try {
          const { hidden, strings } = hiddenOf(g, viewer);
          const text = visibleText(g, hidden);
          const canaries = viewer === 'gustav' ? [] : [...CANARIES];
          canaries.push(...strings.filter((s) => !text.includes(s) && !canaries.some((c) => s.includes(c))));
          for (const id of hidden) assert.ok(canaries.some((c) => id.includes(c)), `${id} is a canary`);
          for (const c of canaries) checked.add(c);
          for (const [label, out] of outputs(view, seen)) {
            for (const c of canaries) {
              assert.ok(!out.includes(c), `${viewer} (${policy}): ${label} shows ${JSON.stringify(c)}`);
            }
          }
        } finally {
          view.free();
        }
      }
    }
    // the check can fail: every canary of every viewer shows in the same outputs of the full
    // graph (and gustav's view shows his own objective)
    const fullOut = outputs(g, new Set()).map(([, out]) => out).join('\n');
    for (const c of checked) assert.ok(fullOut.includes(c), `${JSON.stringify(c)} shows in the full graph`);
    const own = g.viewFor('gustav');
    assert.match(own.toJson(), /QX71|QX79/);
    assert.match(own.reportText(AS_OF), /cnry-obj/);
    own.free();
  } finally {
    g.free();
  }
  // every reading method and getter of Graph was called; every other one is a change
  const changes = new Set(MUTATIONS.map((m) => m[0]));
  const unclassified = Object.getOwnPropertyNames(Graph.prototype)
    .filter((k) => !seen.has(k) && !changes.has(k) && !EXEMPT.has(k));
  assert.deepEqual(unclassified, [], 'methods of Graph not checked on a view');
});

test('a query naming a hidden id gets exactly what a nonexistent id gets', () => {
  const g = withCanaries();
  try {
    for (const { id: viewer } of g.owners()) {
      const view = g.viewFor(viewer);
      try {
        const { ids } = hiddenOf(g, viewer);
        if (viewer !== 'gustav') assert.ok(ids.includes('cnry-obj') && ids.includes('cnry-kr') && ids.includes('cnry-ini'));
        const r = view.rollupResult(AS_OF);
        const queries = {
          objective: (id) => view.objective(id),
          keyResult: (id) => view.keyResult(id),
          initiative: (id) => view.initiative(id),
          explainProgress: (id) => view.explainProgress(id, AS_OF),
          contributions: (id) => view.contributions(id, AS_OF),
          chart: (id) => view.chart(id),
          series: (id) => view.series({ from: '2026-10-01', to: '2026-10-03', ids: [id] }),
          parentLinks: (id) => view.parentLinks(id),
          childLinks: (id) => view.childLinks(id),
          parentsOf: (id) => view.parentsOf(id),
          childrenOf: (id) => view.childrenOf(id),
          keyResultsOf: (id) => view.keyResultsOf(id),
          keyResultsUnder: (id) => view.keyResultsUnder(id),
          checkIns: (id) => view.checkIns(id),
          dependenciesOf: (id) => view.dependenciesOf(id),
          initiativeSummary: (id) => view.initiativeSummary(id, AS_OF),
          initiativesOf: (id) => view.initiativesOf(id),
          comments: (id) => view.comments(id),
          acknowledgements: (id) => view.acknowledgements(id),
          log: (id) => view.log({ id }),
          linkKind: (id) => view.linkKind(id, 'northern-clinics'),
          linkKindUp: (id) => view.linkKind('northern-clinics', id),
          canSee: (id) => view.canSee(viewer, id),
          hiddenEntryParent: (id) => view.hiddenEntryParent(id),
          proposal: (id) => view.proposal(id),
          canDecide: (id) => view.canDecide(id, viewer),
          closedCycle: (id) => view.closedCycle(id),
          draftKeyResultFor: (id) => draftKeyResultFor(view, id, 'win-rate', { asOf: AS_OF }),
          whatIf: (id) => view.whatIf({ [id]: 1 }, AS_OF),
          appraisalOwner: (id) => view.appraisal(id, 'q4-2026', AS_OF),
          rollupGet: (id) => r.get(id),
          blockers: (id) => r.blockers(id),
          hiddenEntry: (id) => r.hiddenEntry(id),
          refresh: (id) => r.refresh(view, id),
        };
        const same = (id) => (fn) => outcome(() => fn(id)).split(JSON.stringify(id).slice(1, -1)).join('<id>');
        const others = viewer === 'gustav' ? [] : ['cnry-proposal', 'cnry-comment'];
        for (const id of [...ids, ...others]) {
          for (const [name, fn] of Object.entries(queries)) {
            assert.equal(same(id)(fn), same(MISSING)(fn), `${viewer}: ${name}(${id})`);
          }
        }
        r.free();
      } finally {
        view.free();
      }
    }
  } finally {
    g.free();
  }
});

test('every change on a view throws ReadOnlyViewError and changes nothing', () => {
  const g = withCanaries();
  try {
    // the arguments are good: each change succeeds on (a copy of) the full graph
    for (const [name, change, setup] of MUTATIONS) {
      const copy = g.clone();
      try {
        setup?.(copy);
        assert.doesNotThrow(() => change(copy), name);
      } finally {
        copy.free();
      }
    }
    for (const viewer of ['hanna', 'bjorn', 'gustav', 'acme']) {
      for (const policy of ['count_hidden', 'exclude_hidden']) {
        const view = g.viewFor(viewer, policy);
        try {
          const before = [view.toJson(), view.revisionCount, json(view.report(AS_OF)), json(view.proposals()),
            json(view.comments()), json(view.acknowledgements()), json(view.reviewPolicy()), json(view.kpis())];
          for (const [name, change] of MUTATIONS) {
            const e = throwsOkr(() => change(view), 'ReadOnlyViewError', 'read_only_view');
            assert.deepEqual(e.ids, [viewer], name);
            assert.match(e.message, /read-only/);
          }
          // a change naming a hidden id is refused the same way
          throwsOkr(() => view.checkIn('cnry-kr', { at: '2026-11-20', value: 1 }), 'ReadOnlyViewError', 'read_only_view');
          throwsOkr(() => view.removeObjective('gustav-tromso', { at: '2026-11-20' }), 'ReadOnlyViewError', 'read_only_view');
          const after = [view.toJson(), view.revisionCount, json(view.report(AS_OF)), json(view.proposals()),
            json(view.comments()), json(view.acknowledgements()), json(view.reviewPolicy()), json(view.kpis())];
          assert.deepEqual(after, before, `${viewer} (${policy})`);
          // a copy of a view is a view
          const copy = view.clone();
          assert.equal(copy.isView, true);
          throwsOkr(() => copy.addOwner({ id: 'zed' }), 'ReadOnlyViewError', 'read_only_view');
          copy.free();
        } finally {
          view.free();
        }
      }
    }
  } finally {
    g.free();
  }
});

test('viewFor: typed errors for an unknown viewer or policy; the view is a copy', () => {
  const g = Graph.fromJson(ACME);
  try {
    const e = throwsOkr(() => g.viewFor('nobody'), 'UnknownIdError', 'unknown_id');
    assert.deepEqual(e.ids, ['nobody']);
    throwsOkr(() => g.viewFor('hanna', 'hide_everything'), 'InvalidValueError', 'invalid_value', /policy/);
    throwsOkr(() => g.viewFor('hanna', 3), 'InvalidValueError', 'invalid_value', /policy/);
    // a group is not a viewer
    throwsOkr(() => g.viewFor('sales-leads'), 'UnknownIdError', 'unknown_id');
    const view = g.viewFor('hanna', null);
    assert.equal(view.viewPolicy, 'count_hidden');
    const before = view.toJson();
    g.checkIn('west-clinics', { at: '2026-11-14', value: 19 });
    assert.equal(view.toJson(), before, 'later changes of the graph do not reach the view');
    const again = g.viewFor('hanna');
    assert.notEqual(again.toJson(), before);
    again.free();
    view.free();
  } finally {
    g.free();
  }
});
