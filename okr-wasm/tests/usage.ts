// Typed usage of the okr-wasm API, checked with `tsc -p tests/tsconfig.json --noEmit` (never run).
import {
  Graph, RollupResult, lintText, lintGraph, explainRule, rules,
  type NodeResult, type RollupColumns, type Report, type Explanation, type TextReport,
  type Diagnostic, type OkrDocument, type OkrError, type RuleMeta, type RuleDoc, type Status,
  type Revise, type Clock, type LogEntry, type Objective, type KeyResult,
  type LinkKind, type Dependency, type DependencyStatus, type Limits, type GraphOptions,
} from '../pkg/node/okr_wasm.js';

const doc: OkrDocument = {
  version: 1,
  owners: [{ id: 'acme', name: 'Acme', kind: 'organisation' }],
  cycles: [{ id: 'q4', name: 'Q4', start: '2026-10-01', end: '2026-12-31' }],
  objectives: [{
    id: 'grow', title: 'Grow', owner: 'acme', cycle: 'q4',
    key_results: [{ id: 'kr', title: '500 new customers', measure: { kind: 'numeric', start: 0, target: 500 },
      check_ins: [{ at: '2026-11-01', value: 200 }] }],
  }],
};

const g: Graph = Graph.fromObject(doc);
try {
  g.addOwner({ id: 'team', kind: 'team', parent: 'acme' });
  g.addCycle({ id: 'nov', start: '2026-11-01', end: '2026-11-30', parent: 'q4' });
  // @ts-expect-error a calendar date is YYYY-MM-DD text, never a Date (a moment)
  g.addCycle({ id: 'dec', start: new Date(Date.UTC(2026, 11, 1)), end: '2026-12-31', parent: 'q4' });
  g.addObjective({ id: 'sub', title: 'Sub goal', owner: 'team', cycle: 'q4', type: 'aspirational' });
  g.updateObjective('sub', { at: '2026-11-02', title: 'Sub goal, reworded', state: 'active' });
  // @ts-expect-error the id is not a field of a patch
  g.updateObjective('sub', { at: '2026-11-02', id: 'other' });
  g.link('sub', 'grow', 2);
  g.link('sub', 'grow');
  g.link('sub', 'grow', 1, 'supports');
  g.link('sub', 'grow', undefined, 'contributes', { at: '2026-11-02' });
  // @ts-expect-error a link kind is contributes or supports
  g.link('sub', 'grow', 1, 'helps');
  g.setLinkKind('sub', 'grow', 'supports', { at: '2026-11-02' });
  const linkKind: LinkKind | undefined = g.linkKind('sub', 'grow');
  g.addDependency({ blocker: 'grow', blocked: 'sub', startBy: '2026-10-15', note: 'first' });
  const deps: Dependency[] = g.dependencies();
  const blockedFlags: Uint8Array = g.rollupColumns('2026-11-15').blocked;
  const status: DependencyStatus[] = g.dependencyStatus('2026-11-15');
  void [linkKind, deps, blockedFlags, status];
  g.setLinkWeight('sub', 'grow', 0.5, { at: '2026-11-02' });
  g.addKeyResult({ id: 'ms', title: 'Launch', objective: 'sub', due: '2026-12-15',
    measure: { kind: 'milestones', milestones: [{ name: 'beta' }, { name: 'ga', weight: 2 }] } });
  g.checkIn('ms', { at: new Date(), milestonesDone: ['beta'], confidence: 0.7 });
  g.updateKeyResult('ms', { at: new Date(), weight: 2, owner: null, due: null });
  const n: number = g.checkInMany([{ krId: 'kr', at: '2026-11-10', value: 250 }]);

  const rows: NodeResult[] = g.rollup('2026-11-15');
  const firstStatus: Status = rows[0].status;
  const p: number | null = rows[0].progress;
  const cols: RollupColumns = g.rollupColumns(new Date(), { onTrackMargin: 0.05 });
  const f: Float64Array = cols.progress;
  const legend: Status = cols.statusLegend[cols.status[0]];
  const kept: RollupResult = g.rollupResult('2026-11-15', { staleDays: 7 });
  g.checkIn('kr', { at: '2026-11-12', value: 300 });
  kept.refresh(g, 'kr');
  const one: NodeResult | undefined = kept.get('kr');
  const keptCols: RollupColumns = kept.columns();
  const keptRows: NodeResult[] = kept.nodes();
  const count: number = kept.length;
  const keptAt: string = kept.asOf;
  kept.free();
  const report: Report = g.report();
  const text: string = g.reportText('2026-11-15', { staleDays: 7 });
  const why: Explanation = g.explainProgress('grow', '2026-11-15');
  const share: number | null = why.contributions[0].weightShare;
  const parents: { id: string; weight: number }[] = g.parentsOf('sub');
  const roots: string[] = g.roots();
  const json: string = g.toJson();
  const back: OkrDocument = g.toObject();

  const lint: TextReport = lintText('Increase customer base');
  const lint2: TextReport = lintText('Win 500 customers by March 31', 'key_result', { ignore: ['S'], today: '2026-01-01' });
  const diags: Diagnostic[] = lintGraph(g, { thresholds: { maxKeyResults: 4 } });
  const all: RuleMeta[] = rules();
  const docM001: RuleDoc = explainRule('M001');
  // Goals over time: every change after creation is a revision (at, by, reason).
  g.updateKeyResult('kr', { at: '2026-11-10', by: 'anna', reason: 'raised after the fair',
    measure: { kind: 'numeric', start: 0, target: 800 } });
  // @ts-expect-error `at` is a time (text or a Date), not a number
  g.updateKeyResult('kr', { at: 20261110, title: 'x' });
  const change: Revise = { at: '2026-11-12T09:00:00Z', reason: 'merged into grow' };
  g.unlink('sub', 'grow', change);
  g.link('sub', 'grow', undefined, { at: '2026-11-12T09:00:00Z' });
  g.addObjective({ id: 'later', title: 'Later', owner: 'acme', cycle: 'q4' }, { at: '2026-11-12', by: 'anna' });
  g.addKeyResult({ id: 'late-kr', title: 'Late', objective: 'later', measure: { kind: 'boolean' } }, change);
  const gone: KeyResult = g.removeKeyResult('late-kr', change);
  const goneObj: Objective = g.removeObjective('later', { at: new Date(Date.UTC(2026, 10, 13)) });
  g.setClock({ at: new Date(), by: 'bob' });
  const clock: Clock | null = g.clock();
  g.updateObjective('grow', { reason: 'clearer', title: 'Grow faster' });
  g.setClock(null);
  const entries: LogEntry[] = g.log({ id: 'kr', since: '2026-11-01' });
  const all2: LogEntry[] = g.log();
  const kind: 'objective' | 'key_result' | 'link' = entries[0].kind;
  const from: unknown = entries[0].from;
  const revisions: number = g.revisionCount;
  const latest: string | undefined = g.latestRevision;
  console.log(gone.id, goneObj.id, clock?.at, all2.length, kind, from, revisions, latest);

  console.log(n, firstStatus, p, f, legend, report.asOf, text, share, parents, roots, json, back.version,
    lint.timeBound, lint2.deadline, diags.length, all.length, docM001.whatItDoes);
} catch (e) {
  const err = e as OkrError;
  if (err.name === 'CycleError') console.log(err.code, err.ids.join(' -> '));
  if (err.name === 'DocumentError') console.log(err.path);
  if (err.name === 'MissingTimeError' || err.name === 'InvalidRevisionError') console.log(err.code, err.ids);
} finally {
  g.free();
}

// Planned targets and manual overrides: fields of the entities, revisable, reported beside the
// computed figures.
import type { FigureSource, PlanPoint, ManualOverride, Signal } from '../pkg/node/okr_wasm.js';
{
  const p = new Graph();
  p.addOwner({ id: 'o' });
  p.addCycle({ id: 'q', start: '2026-10-01', end: '2026-12-31' });
  p.addObjective({ id: 'a', title: 'A', owner: 'o', cycle: 'q', override: { attainment: 0.9 } });
  const plan: PlanPoint[] = [{ date: '2026-10-31', value: 100 }, { date: '2026-11-30', value: 250 }];
  p.addKeyResult({ id: 'rev', title: 'Revenue', objective: 'a', plan,
    measure: { kind: 'numeric', start: 100, target: 500 } });
  p.updateKeyResult('rev', { at: '2026-11-01', by: 'anna', reason: 'counted by hand', override: { attainment: 0.8 } });
  p.updateKeyResult('rev', { at: '2026-11-02', plan: [], override: null });
  p.updateObjective('a', { at: '2026-11-02', override: null });
  // @ts-expect-error an override is an object with an attainment, not a number
  p.updateKeyResult('rev', { at: '2026-11-03', override: 0.8 });
  // @ts-expect-error a plan point has a date and a value
  p.updateKeyResult('rev', { at: '2026-11-03', plan: [{ day: '2026-10-31', value: 1 }] });
  const kr: KeyResult | undefined = p.keyResult('rev');
  const points: PlanPoint[] | undefined = kr?.plan;
  const set: ManualOverride | undefined = p.objective('a')?.override;
  const row: NodeResult = p.rollup('2026-11-15')[0];
  const source: FigureSource = row.source;
  const computed: number | null = row.computedProgress;
  const computedA: number | null = row.computedAttainment;
  const planned: number | undefined = row.plannedValue;
  const c: RollupColumns = p.rollupColumns('2026-11-15');
  const manual: FigureSource = c.sourceLegend[c.source[0]];
  const cp: Float64Array = c.computedProgress;
  const ca: Float64Array = c.computedAttainment;
  const pv: Float64Array = c.plannedValue;
  const why: Explanation = p.explainProgress('rev', '2026-11-15');
  const expectation: string = why.expectation;
  const byHand: string | null = why.manual;
  const inputSource: FigureSource | undefined = p.explainProgress('a', '2026-11-15').contributions[0]?.source;
  const target: number | undefined = p.scores('2027-01-05').keyResults[0]?.target;
  const name: Signal['name'] = 'target_lowered';
  const revs: LogEntry[] = p.diff('2026-10-15', '2026-11-15').revisions;
  console.log(points, set, source, computed, computedA, planned, manual, cp, ca, pv, expectation, byHand,
    inputSource, target, name, revs.length);
  p.free();
}

// Analytics.
import { loadKpiCatalog } from '../pkg/node/okr_wasm.js';
import type { ChangedNode, Coverage, Contributions, Forecast, Scores, Scorecard, Diff, Series, Appraisal, ScoreBasis } from '../pkg/node/okr_wasm.js';
{
  const a = Graph.fromJson('{"version": 1}');
  const cov: Coverage = a.coverage({ cycle: 'q4', personKinds: ['person'] });
  const con: Contributions = a.contributions('grow', '2026-11-15', 3);
  const movers: string[] = con.topMovers;
  const wi: NodeResult[] = a.whatIf({ kr: 250, launched: true, office: ['lease'] }, '2026-11-15');
  const changed: ChangedNode[] = a.whatIfDiff({ kr: 250 }, '2026-11-15', { staleDays: 7 });
  const moved: number | null = changed[0]?.progressAfter ?? null;
  const fc: Forecast = a.forecast(new Date());
  const sc: Scores = a.scores('2027-01-05', { aspirationalSuccess: 0.6 });
  const cards: Scorecard[] = a.scorecards(undefined, { cadenceDays: 14, bands: { partial: 0.3 }, owners: ['acme'] });
  const df: Diff = a.diff('2026-10-01', new Date());
  const svg: string = a.renderGraph('svg');
  const ser: Series = a.series({ from: '2026-10-01', to: '2026-10-31', ids: ['grow'] });
  const status: Status | null = ser.nodes[0]?.status[0] ?? null;
  const burn: string = a.chart('grow') + a.chart('grow', { from: '2026-10-01' });
  console.log(ser.dates.length, status, burn.length);
  const ap: Appraisal = a.appraisal('acme', 'q4', '2026-11-15');
  const basis: ScoreBasis | undefined = ap.keyResults[0]?.basis;
  const page: string = a.appraisalHtml('acme', 'q4', '2026-11-15');
  console.log(ap.statement, ap.cycleClosed, ap.targetRevisions[0]?.field, ap.feedback[0]?.fromSelf, basis, page.length);
  const templates: number = loadKpiCatalog('[]');
  console.log(templates, cov.tracedShare, movers, wi.length, moved, fc.skipped, sc.keyResults[0]?.final, cards[0]?.signals, df.changes, svg);
  a.free();
}

// The workflow: proposals in the document's shape, decisions, comments, acknowledgements.
import type { Proposal, Comment, Acknowledgement, ReviewPolicy } from '../pkg/node/okr_wasm.js';
{
  const w = new Graph();
  w.addOwner({ id: 'o' });
  w.addOwner({ id: 'p', parent: 'o' });
  w.addCycle({ id: 'q', start: '2026-10-01', end: '2026-12-31' });
  w.addObjective({ id: 'a', title: 'A', owner: 'p', cycle: 'q' });
  w.propose({ id: 'x', by: 'p', at: '2026-11-03', objective: 'a', set: { title: 'B' } });
  const may: boolean = w.canDecide('x', 'o');
  w.approve('x', { by: 'o', at: new Date(), comment: 'fine' });
  const ps: Proposal[] = w.proposals();
  const state: 'pending' | 'approved' | 'rejected' = ps[0].state;
  const policy: ReviewPolicy = w.reviewPolicy();
  w.setReviewPolicy({ allowSelfApproval: true });
  w.addComment({ id: 'c', by: 'o', at: '2026-11-04', objective: 'a', text: 'hi' });
  const cs: Comment[] = w.comments('a');
  const acks: Acknowledgement[] = w.acknowledgements();
  console.log(may, state, policy.reviewers, cs.length, acks.length);
  w.free();
}

// Closing a cycle.
import type { CloseReport, ClosedCycle } from '../pkg/node/okr_wasm.js';
{
  const c = new Graph();
  const report: CloseReport = c.closeCycle('q4', { to: 'q1', at: '2027-01-05', dryRun: true, decisions: { keyResults: { kr: 'carry' } } });
  const rec: ClosedCycle | undefined = c.closedCycle('q4');
  console.log(report.closedKeyResults, rec?.carried);
  c.free();
}

// KPIs.
import type { Kpi, KpiStatus } from '../pkg/node/okr_wasm.js';
{
  const k = new Graph();
  k.addKpi({ id: 'csat', name: 'CSAT', unit: '%', health: { kind: 'at_or_above', value: 90 },
    targets: [{ month: '2026-11', value: 92 }] });
  k.recordKpiValue({ kpi: 'csat', at: new Date(), value: 91 });
  const all: Kpi[] = k.kpis();
  const health: KpiStatus[] = k.kpiHealth('2026-11-15');
  const h: 'healthy' | 'unhealthy' | 'no_data' = health[0].health;
  console.log(all.length, h, health[0].trend);
  k.free();
}

// Initiatives.
import type { Initiative, InitiativeStatus, InitiativeSummary } from '../pkg/node/okr_wasm.js';
{
  const i = new Graph();
  i.addKeyResult({ id: 'kr', title: 'Remakes from 4% to 2%', objective: 'o', initiatives_weight: 0.25,
    measure: { kind: 'numeric', start: 4, target: 2 } });
  i.addInitiative({ id: 'scan', key_result: 'kr', title: 'New scanners', due: '2026-11-15',
    updates: [{ at: '2026-10-12', percent: 50 }] });
  i.recordInitiativeUpdate({ initiative: 'scan', at: new Date(), done: true, note: 'live' });
  i.updateKeyResult('kr', { initiatives_weight: null, at: '2026-11-20' });
  const all: Initiative[] = i.initiativesOf('kr');
  const states: InitiativeStatus[] = i.initiativeStatus('2026-11-15');
  const summary: InitiativeSummary | undefined = i.initiativeSummary('kr', '2026-11-15');
  const removed: Initiative = i.removeInitiative('scan');
  console.log(all.length, states[0].keyResult, states[0].overdue, summary?.weight, removed.id,
    i.report('2026-11-15').nodes[0].initiatives?.share);
  i.free();
}

// Visibility: groups of viewers, objectives' visibility and viewers, who sees what.
import type { Group, Visibility } from '../pkg/node/okr_wasm.js';
{
  const v = Graph.fromObject({
    version: 2,
    owners: [{ id: 'acme', name: 'Acme', kind: 'organisation' },
      { id: 'anna', name: 'Anna', kind: 'person', parent: 'acme' }],
    cycles: [{ id: 'q4', name: 'Q4', start: '2026-10-01', end: '2026-12-31' }],
    groups: [{ id: 'board', members: ['acme'] }],
    objectives: [{ id: 'pay', title: 'Pay review', owner: 'acme', cycle: 'q4',
      visibility: 'private', viewers: ['board'] }],
  });
  v.addGroup({ id: 'staff', name: 'Staff', members: ['anna'] });
  v.updateGroup({ id: 'staff', members: ['anna', 'acme'] });
  v.addObjective({ id: 'hire', title: 'Hire', owner: 'anna', cycle: 'q4', visibility: 'owner_line' });
  v.updateObjective('pay', { at: '2026-11-02', viewers: ['board', 'staff'] });
  // @ts-expect-error a visibility is one of three names
  v.updateObjective('pay', { at: '2026-11-02', visibility: 'secret' });
  const vis: Visibility | undefined = v.objective('pay')?.visibility;
  const seen: boolean = v.canSee('anna', 'pay');
  const ids: string[] = v.visibleObjectives('anna');
  const groups: Group[] = v.groups();
  const one: Group | undefined = v.group('board');
  v.updateObjective('pay', { at: '2026-11-03', viewers: ['board'] });
  const removed: Group = v.removeGroup('staff');
  console.log(vis, seen, ids.length, groups[0].members, one?.name, removed.id);
  v.free();
}

// Views: a read-only graph of what one viewer may see.
import type { ViewPolicy, HiddenEntry } from '../pkg/node/okr_wasm.js';
{
  const full = Graph.fromObject({
    version: 2,
    owners: [{ id: 'acme', name: 'Acme', kind: 'organisation' },
      { id: 'anna', name: 'Anna', kind: 'person', parent: 'acme' }],
    cycles: [{ id: 'q4', name: 'Q4', start: '2026-10-01', end: '2026-12-31' }],
    objectives: [{ id: 'grow', title: 'Grow', owner: 'acme', cycle: 'q4' },
      { id: 'pay', title: 'Pay review', owner: 'acme', cycle: 'q4', visibility: 'private',
        parents: [{ id: 'grow', weight: 1 }] }],
  });
  // snapshots: bytes out, bytes or a buffer in
  const snap: Uint8Array = full.toSnapshot();
  const again: Graph = Graph.fromSnapshot(snap);
  const fromBuffer: Graph = Graph.fromSnapshot(snap.slice().buffer);
  // @ts-expect-error a snapshot is bytes, not text
  Graph.fromSnapshot('text');
  again.free();
  fromBuffer.free();
  const view: Graph = full.viewFor('anna');
  const strict: Graph = full.viewFor('anna', 'exclude_hidden');
  // @ts-expect-error a view policy is one of two names
  full.viewFor('anna', 'hide');
  const isView: boolean = view.isView;
  const viewer: string | undefined = view.viewViewer;
  const policy: ViewPolicy | undefined = strict.viewPolicy;
  const parent: string | undefined = view.hiddenEntryParent('grow~hidden');
  const r = view.rollupResult('2026-11-15');
  const entry: HiddenEntry | undefined = r.hiddenEntry('grow~hidden');
  console.log(isView, viewer, policy, parent, entry?.count, entry?.weight);
  try {
    view.addObjective({ id: 'x', title: 'X', owner: 'anna', cycle: 'q4' });
  } catch (e) {
    const err = e as OkrError;
    console.log(err.name === 'ReadOnlyViewError', err.code, err.ids[0]);
  }
  r.free(); strict.free(); view.free(); full.free();
}

// Tables: CSV texts by table name in and out; every problem of bad tables at once.
import type { CsvTexts, TableError, TableProblem } from '../pkg/node/okr_wasm.js';
{
  const csv: CsvTexts = Graph.fromJson('{"version": 1}').toCsv();
  const objectives: string = csv.objectives;
  const t: Graph = Graph.fromCsv({ ...csv, key_results: undefined });
  // @ts-expect-error a table is CSV text, not rows
  Graph.fromCsv({ objectives: [{ id: 'a' }] });
  try {
    Graph.fromCsv({ objectives: 'id,title\na,A\n' });
  } catch (e) {
    const err = e as OkrError;
    const problems: TableProblem[] = err.problems ?? [];
    if (err.name === 'TableError') {
      const { table, row, column, value, code, message, ids } = (err as TableError).problems[0];
      const line: number | null = row;
      console.log(table, line, column ?? '', value ?? '', code, message, ids.length, problems.length);
    }
  }
  console.log(objectives.length);
  t.free();
}

// Limits: one set on every way in, as a plain options object.
{
  const options: GraphOptions = { limits: { maxObjectives: 10, maxCheckInsPerKeyResult: Infinity } };
  const empty: Graph = new Graph(options);
  const plain: Graph = new Graph();
  const read: Graph = Graph.fromJson('{"version": 1}', options);
  const again: Graph = Graph.fromSnapshot(read.toSnapshot(), { limits: { maxOwners: 5 } });
  const obj: Graph = Graph.fromObject(doc, options);
  const csv: Graph = Graph.fromCsv(read.toCsv(), options);
  const limits: Limits = read.limits();
  const n: number = limits.maxCheckInsPerKeyResult;
  // @ts-expect-error a limit is a number
  new Graph({ limits: { maxObjectives: '10' } });
  // @ts-expect-error no such limit
  new Graph({ limits: { maxThings: 10 } });
  console.log(n, empty, plain, again, obj, csv);
}

// The rollup table: columns of one length, categories as codes into fixed legends.
import type { RollupTable, RollupLegends } from '../pkg/node/okr_wasm.js';
{
  const t = Graph.fromObject(doc);
  const table: RollupTable = t.rollupTable('2026-11-15', { staleDays: 7 });
  const legends: RollupLegends = table.legends;
  const firstKind: 'objective' | 'key_result' = legends.kind[table.kind[0]];
  const objective: string | null = table.objective[0];
  const counted: boolean = table.counted[0] === 1;
  const last: Date | null = Number.isNaN(table.lastCheckIn[0]) ? null : new Date(table.lastCheckIn[0]);
  const progress: Float64Array = t.rollupTable().progress;
  // @ts-expect-error a title is never absent
  const title: null = table.title[0];
  console.log(firstKind, objective, counted, last, progress, title, table.asOf);
  t.free();
}
