// Plain data types of okr-wasm. Included verbatim in the generated okr_wasm.d.ts
// (typescript_custom_section in src/lib.rs); the generated classes and functions refer to them.
// Documents use the JSON document format (snake_case keys, as in *.okr.json files); computed
// results (rollup, report, explanations, lint) use camelCase keys.

/**
 * Free-form data kept for the embedding product: kept exactly in documents (`fromJson` then
 * `toJson` writes it as read, key order and numbers included); as a JavaScript object its
 * numbers are doubles (a big integer arrives rounded). A key twice in one object is a
 * `DocumentError` naming it.
 */
export type Extra = Record<string, unknown>;
/**
 * A calendar date, `YYYY-MM-DD` text (cycle bounds, due dates, deadlines). Never a `Date`, which
 * is a moment: it is refused with `InvalidValueError` (see the README's "Times").
 */
export type DateInput = string;
/**
 * An as-of moment: `YYYY-MM-DD` (the end of that day, UTC), an RFC 3339 time with a zone (that
 * instant), a `Date` (that instant), or undefined (the end of today, UTC). A time without a zone
 * (`2026-11-15T12:00:00`) is refused with `InvalidValueError`.
 */
export type AsOfInput = string | Date | undefined;

export type ObjectiveState = "draft" | "active" | "closed" | "abandoned";
export type ObjectiveType = "committed" | "aspirational";
export type RollupMode = "key_results" | "children" | "both";
export type Status = "not_started" | "on_track" | "at_risk" | "off_track" | "closed" | "no_data";
export type UndefinedReason = "no_counting_children" | "no_child_progress" | "all_weights_zero" | "no_value" | "out_of_range";
export type NodeKind = "objective" | "key_result";
/** Where a node's progress and attainment come from: `manual` when set by hand (an `override`). */
export type FigureSource = "computed" | "manual";
/**
 * A planned value of a numeric key result: `value` reached by the end of `date` (`YYYY-MM-DD`).
 * Dates strictly increase inside the key result's period; values lie between start and target.
 */
export interface PlanPoint { date: DateInput; value: number }
/**
 * An attainment set by hand (1.25 = 125%), finite, in [0, 1.5]: reported instead of the
 * computed one (which stays in `computedProgress` / `computedAttainment`) and rolled up. Who set
 * it and why are the revision's `by` and `reason`.
 */
export interface ManualOverride { attainment: number }

/**
 * A check-in cadence (okr-core's `Cadence`, the document's form): exactly one of `every`
 * (`"week"`, `"month"`: calendar months from the start day) and `every_days` (1 to 366), and
 * `grace_days` (default 0, shorter than the interval: below 7 for a week, 28 for a month, N for N
 * days). A bad one throws `InvalidValueError`. Set on objectives and owners, inherited below.
 */
export interface Cadence { every?: "week" | "month"; every_days?: number; grace_days?: number }

export interface Owner { id: string; name: string; kind: string; parent?: string; cadence?: Cadence; extra?: Extra }
export interface OwnerInput { id: string; name?: string; kind?: string; parent?: string | null; cadence?: Cadence | null; extra?: Extra }
export interface Cycle { id: string; name: string; start: string; end: string; parent?: string; extra?: Extra }
export interface CycleInput { id: string; name?: string; start: DateInput; end: DateInput; parent?: string | null; extra?: Extra }

export interface Objective {
  id: string; title: string; description?: string; owner: string; cycle: string;
  state: ObjectiveState; type: ObjectiveType; rollup: RollupMode;
  /** Present only when `worst` (else the weighted mean's status). */
  status_rule?: StatusRule;
  /** Present only when set. */
  override?: ManualOverride;
  /** Present only when set (else inherited: see `Graph.cadences`). */
  cadence?: Cadence;
  /** Present only when not `public`. */
  visibility?: Visibility;
  /** Present only when some are named. */
  viewers?: string[];
  extra?: Extra;
}
/**
 * How an objective's status is decided: `weighted_mean` (the default: its progress against the
 * pace) or `worst` (the worst status among the key results and child objectives that count in
 * it; not started and closed ones take no part).
 */
export type StatusRule = "weighted_mean" | "worst";
export interface ObjectiveInput {
  id: string; title: string; description?: string; owner: string; cycle: string;
  state?: ObjectiveState; type?: ObjectiveType; rollup?: RollupMode; status_rule?: StatusRule;
  override?: ManualOverride | null;
  cadence?: Cadence | null;
  /** Who may see it and everything under it; absent: `public`. */
  visibility?: Visibility;
  /** Owner or group ids who may see it besides those its visibility lets (not with `public`). */
  viewers?: string[];
  extra?: Extra;
}
/**
 * When a change takes effect, who made it and why (okr-core's `Revise`): every change after an
 * entity's creation is a revision. `at`: `YYYY-MM-DD` (00:00 UTC that day), an RFC 3339 time with
 * a zone or a `Date` (that instant), read by okr-core's `Revise::parse_at` (a time without a zone
 * throws `InvalidValueError`). Without `at`, the graph's clock (`setClock`), with the `by` /
 * `reason` given here in place of the clock's; with neither, a change after creation throws
 * `MissingTimeError` (`missing_time`), and an addition exists from the beginning (no revision is
 * recorded, so `by` and `reason` are not kept). A time before the latest revision recorded throws
 * `InvalidRevisionError` (`invalid_revision`).
 */
export interface Revise { at?: string | Date | null; by?: string | null; reason?: string | null }
/** `Graph.clock()`: the graph's clock (`at`: RFC 3339 text, UTC). */
export interface Clock { at: string; by: string | null; reason: string | null }
/** `Graph.log(filter)`: only the revisions about objective or key result `id` (an objective's
 * links too), only those taking effect at or after `since` (read as `Revise.at`). */
export interface LogFilter { id?: string; since?: string | Date }
/** One changed field of one revision (okr-core's `LogEntry`), as `Graph.log` lists them. */
export interface LogEntry {
  /** When the change takes effect: RFC 3339 text, UTC (as check-ins' times). */
  at: string;
  by: string | null;
  /** An objective or key result id, or `child -> parent` for a link. */
  entity: string;
  kind: "objective" | "key_result" | "link";
  /** A field name (a measure's parts by their own names: `target`, `start`, ...; `measure` when
   * its kind changes), `weight` for a link, `exists` for an addition or a removal. */
  field: string;
  /** The value before, as in a document (`null` for a link not there yet). */
  from: unknown;
  /** The value after. */
  to: unknown;
  reason: string | null;
}

/**
 * `Graph.updateObjective(id, fields)`: the fields to change (okr-core's `ObjectivePatch`); a field
 * not given (or `undefined`, or `null`) stays. An unknown field (`id` too) throws
 * `InvalidValueError`; `extra` is replaced as a whole. `at`, `by` and `reason` (a `Revise`) are
 * taken out of the object: the update is a revision.
 */
export interface ObjectivePatch {
  title?: string; description?: string; owner?: string; cycle?: string;
  state?: ObjectiveState; type?: ObjectiveType; rollup?: RollupMode; status_rule?: StatusRule;
  /** `null` clears it: the figures are computed again from the revision's time on. */
  override?: ManualOverride | null;
  /** `null` clears it: inherited again from the revision's time on. */
  cadence?: Cadence | null;
  visibility?: Visibility;
  /** Replaced as a whole; `[]`: none. */
  viewers?: string[];
  extra?: Extra;
}

export type Measure =
  | { kind: "numeric"; start: number; target: number; unit?: string; direction?: "increase" | "decrease" }
  | { kind: "threshold"; bound: "at_or_above" | "at_or_below"; value: number; unit?: string; start?: number }
  | { kind: "boolean" }
  | { kind: "milestones"; milestones: { name: string; weight?: number }[] }
  /** Its value is computed from the key results under it (their `parent`), then measured from
   * `start` to `target` like a numeric key result; it takes no check-ins. */
  | { kind: "aggregate"; function: AggregateFunction; start: number; target: number; unit?: string; direction?: "increase" | "decrease" };
export type AggregateFunction = "sum" | "mean" | "min" | "max" | "count_done";
/** The aggregate key result a key result's value counts in; `factor` converts its unit to the
 * aggregate's (needed when the units differ: else `UnitMismatchError`). */
export interface KeyResultParent { id: string; factor?: number }

export interface KeyResult {
  id: string; title: string; objective: string; owner?: string; weight: number; due?: string;
  measure: Measure;
  /** Present only when it counts in an aggregate key result. */
  parent?: KeyResultParent;
  /** Present only when the key result has a plan (else the linear pace). */
  plan?: PlanPoint[];
  /** Present only when set. */
  override?: ManualOverride;
  /** The KPI whose values are its check-ins; present only when set. */
  kpi?: string;
  /** How much its initiatives count in its progress (`w`: `(p + w q) / (1 + w)`, `q` their
   * mean share done); present only when set. Absent or 0: they are excluded from progress. */
  initiatives_weight?: number;
  extra?: Extra;
}
export interface KeyResultInput {
  id: string; title: string; objective: string; measure: Measure; owner?: string | null;
  weight?: number; due?: DateInput | null; parent?: KeyResultParent | null;
  /** Numeric key results only. */
  plan?: PlanPoint[]; override?: ManualOverride | null; extra?: Extra;
  /** The KPI whose values are its check-ins (its measure numeric or threshold, in the KPI's
   * unit); it then takes no check-ins of its own. Set when it is created. */
  kpi?: string;
  /** How much its initiatives count in its progress (finite, >= 0; absent or 0: not at all). */
  initiatives_weight?: number | null;
}
/**
 * `Graph.updateKeyResult(id, fields)`: the fields to change (okr-core's `KeyResultPatch`); a field
 * not given (or `undefined`) stays; `null` empties `owner` (the objective's owner then counts) and
 * `due`, and clears `override`. Check-ins stay and must fit a new `measure`; `objective` moves the
 * key result. An unknown field throws `InvalidValueError`.
 */
export interface KeyResultPatch {
  title?: string; objective?: string; measure?: Measure; weight?: number;
  owner?: string | null; due?: DateInput | null;
  /** `null`: under no aggregate any more. */
  parent?: KeyResultParent | null;
  /** `null`: its initiatives no longer count in its progress. */
  initiatives_weight?: number | null;
  /** Replaced as a whole; `[]`: no plan, the linear pace. */
  plan?: PlanPoint[];
  /** `null` clears it: the figures are computed again from the revision's time on. */
  override?: ManualOverride | null;
  extra?: Extra;
}

/**
 * A check-in: exactly one of `value`, `done`, `milestonesDone`. `at`: an RFC 3339 time with a zone
 * or a `Date` (that instant), or `YYYY-MM-DD` (00:00 UTC that day); a time without a zone is
 * refused with `InvalidValueError`.
 */
export interface CheckInInput {
  at: string | Date; value?: number; done?: boolean; milestonesDone?: string[];
  confidence?: number; note?: string; author?: string; extra?: Extra;
}
export interface CheckInRow extends CheckInInput { krId: string }
export interface CheckIn {
  at: string; value?: number; done?: boolean; milestonesDone?: string[];
  confidence?: number; note?: string; author?: string; extra?: Extra;
}
/** `contributes` counts in the parent's progress; `supports` is shown and traced, never counted. */
export type LinkKind = "contributes" | "supports";
/** An alignment link seen from one end; `kind` absent means `contributes` (documents omit it). */
export interface Link { id: string; weight: number; kind?: LinkKind }

/** `addDependency`'s argument: `blocker` blocks `blocked` (objectives or key results). */
export interface DependencyInput {
  blocker: string;
  blocked: string;
  /** `YYYY-MM-DD`: the day by which the blocker must have started. */
  startBy?: string;
  note?: string;
}
/** A dependency as `dependencies()` gives it. */
export interface Dependency { blocker: string; blocked: string; startBy?: string; note?: string }
/** `dependenciesOf(id)`: what blocks it and what it blocks. */
export interface DependenciesOf { blockedBy: Dependency[]; blocks: Dependency[] }
export type BlockReason = "off_track" | "not_started";
/** `dependencyStatus(asOf)`: each dependency with whether it blocks then. */
export interface DependencyStatus extends Dependency { blocksNow: boolean; reason?: BlockReason }
/** Something that blocks a node at a rollup's moment (`RollupResult.blockers`). */
export interface Blocker { id: string; kind: NodeKind; reason: BlockReason; startBy?: string }
/** A dependency in a document (snake_case, as in *.okr.json files). */
export interface DocDependency { blocker: string; blocked: string; start_by?: string; note?: string }

/** The JSON document format (`schema/okr-document.schema.json`). */
export interface OkrDocument {
  /** 2 (1 is read too: a document without history). */
  version: 1 | 2;
  owners?: Owner[];
  cycles?: Cycle[];
  /** Named groups of viewers, which objectives name among their `viewers`. */
  groups?: Group[];
  objectives?: DocObjective[];
  /** The revisions, oldest first (the README's "The document format"). */
  history?: unknown[];
  review?: { allow_self_approval?: boolean; reviewers?: string[] };
  proposals?: ProposalInput[];
  comments?: CommentInput[];
  acknowledgements?: Acknowledgement[];
  /** What blocks what (never counted in any figure). */
  dependencies?: DocDependency[];
  /** Work items under key results. */
  initiatives?: Initiative[];
  extra?: Extra;
}
export interface DocObjective extends ObjectiveInput {
  parents?: Link[];
  key_results?: DocKeyResult[];
}
export interface DocKeyResult {
  id: string; title: string; owner?: string; weight?: number; due?: string; measure: Measure;
  initiatives_weight?: number;
  plan?: PlanPoint[]; override?: ManualOverride; check_ins?: DocCheckIn[]; extra?: Extra;
}
export interface DocCheckIn {
  at: string; value?: number; done?: boolean; milestones_done?: string[];
  confidence?: number; note?: string; author?: string; extra?: Extra;
}

// The goal cycle's workflow (okr-core's `workflow`): proposals, review, comments and
// acknowledgements, in the document's own shape (snake_case keys, times as RFC 3339 text, UTC).
/** `Graph.setReviewPolicy`: who may decide besides the owners above the owner. */
export interface ReviewPolicy { allowSelfApproval?: boolean; reviewers?: string[] }
/** A proposal: one of `new_objective`, `new_key_result` (with `under`), or `objective` /
 * `key_result` with the fields to `set`. */
export interface ProposalInput {
  id: string; by: string; at: string | Date; note?: string; reviewers?: string[];
  new_objective?: DocObjective; new_key_result?: DocKeyResult; under?: string;
  objective?: string; key_result?: string; set?: Record<string, unknown>;
}
/** `Graph.approve` / `Graph.reject`: who decides, when, why. */
export interface Decision { by: string; at: string | Date; comment?: string | null }
/** A proposal as `Graph.proposals()` lists it. */
export interface Proposal extends ProposalInput {
  at: string;
  state: "pending" | "approved" | "rejected";
  kind: "new_objective" | "new_key_result" | "objective_change" | "key_result_change";
  /** The objective or key result it is about. */
  entity: string;
  decision?: { approved: boolean; by: string; at: string; comment?: string };
}
/** A comment on an `objective`, a `key_result`, or the check-in of `key_result` at `check_in`. */
export interface CommentInput {
  id: string; by: string; at: string | Date; text: string; reply_to?: string;
  objective?: string; key_result?: string; check_in?: string | Date;
}
export interface Comment extends CommentInput { at: string; check_in?: string }
/** A reviewer's acknowledgement of the check-in of `key_result` at `check_in`. */
export interface Acknowledgement {
  key_result: string; check_in: string | Date; by: string; at: string | Date; comment?: string;
}

/** `Graph.closeCycle(cycle, options)`. */
export interface CloseOptions {
  to?: string; at: string | Date; by?: string;
  /** `{keyResults: {kr: "close" | "carry"}, reflections: {objective: text | {text, prompts}}}`. */
  decisions?: {
    keyResults?: Record<string, "close" | "carry">;
    reflections?: Record<string, string | { text?: string; prompts?: { question: string; answer: string }[] }>;
  };
  /** Change nothing; return the same report. */
  dryRun?: boolean;
}
/** A closed cycle's record (camelCase). */
export interface ClosedCycle {
  cycle: string; at: string; by?: string; to?: string;
  scores: { id: string; kind: NodeKind; score: number | null; attainment: number | null; grade: string; target?: number }[];
  reflections?: { objective: string; text?: string; prompts?: { question: string; answer: string }[] }[];
  decisions: { keyResult: string; decision: "close" | "carry" }[];
  carried?: { kind: NodeKind; from: string; to: string }[];
}
/** What `closeCycle` did (or, in a dry run, would do). */
export interface CloseReport extends ClosedCycle { closedKeyResults: string[] }

/** Status thresholds; every field optional (defaults 0.10, 0.25, 14). */
/**
 * A rollup's settings over okr-core's defaults (0.10, 0.25, 14). A bad setting (unknown, not a
 * number, `staleDays` not a whole number >= 0, `atRiskMargin` below `onTrackMargin`) throws
 * `ConfigError` (`invalid_config`), as every bad option does, in every binding.
 */
export interface RollupConfig { onTrackMargin?: number; atRiskMargin?: number; staleDays?: number }

/** One node's figures. `null` = undefined (never a silent 0). */
export interface NodeValues {
  /** With a manual override: its clamp to [0, 1]. */
  progress: number | null;
  /** With a manual override: the override. */
  attainment: number | null;
  /** `manual` when progress and attainment are set by hand (an `override`). */
  source: FigureSource;
  /** The progress computed from the measure or the inputs: `progress` unless `source` is `manual`. */
  computedProgress: number | null;
  /** The attainment computed: `attainment` unless `source` is `manual`. */
  computedAttainment: number | null;
  /** Expected progress: from the key result's plan when it has one, else the linear pace. */
  expected: number;
  /** Key results with a plan: the value the plan expects at the as-of moment (absent without one). */
  plannedValue?: number;
  status: Status;
  confidence: number | null;
  stale: boolean;
  undefinedReason: UndefinedReason | null;
  value: number | null;
  lastCheckIn: string | null;
  /** Something it depends on is off track, or not started after the dependency's `startBy`. */
  blocked: boolean;
}
export interface NodeResult extends NodeValues { id: string; kind: NodeKind }

/** `Graph.rollupColumns`: one entry per node, objectives first; NaN = undefined. */
export interface RollupColumns {
  ids: string[];
  /** 0 = objective, 1 = key result. */
  kind: Uint8Array;
  progress: Float64Array;
  attainment: Float64Array;
  expected: Float64Array;
  confidence: Float64Array;
  /** Index into `statusLegend`. */
  status: Uint8Array;
  /** 0 or 1. */
  stale: Uint8Array;
  statusLegend: Status[];
  /** Index into `sourceLegend`: 0 computed, 1 manual. */
  source: Uint8Array;
  sourceLegend: FigureSource[];
  computedProgress: Float64Array;
  computedAttainment: Float64Array;
  /** NaN for a key result without a plan and for objectives. */
  plannedValue: Float64Array;
  /** 0 or 1: something it depends on blocks it. */
  blocked: Uint8Array;
}

/** The fixed legends of `rollupTable`'s categorical columns: every value, in code order. */
export interface RollupLegends {
  kind: NodeKind[];
  status: Status[];
  state: ObjectiveState[];
  source: FigureSource[];
  undefinedReason: UndefinedReason[];
}

/**
 * `graph.rollupTable()`: one row per node in rollup order (objectives children first, then key
 * results), every column of the same length. Numbers are NaN where undefined; categories are
 * codes into `legends`; flags are 0/1.
 */
export interface RollupTable {
  /** The rollup's moment, RFC 3339 (UTC). */
  asOf: string;
  id: string[];
  /** Index into `legends.kind`. */
  kind: Uint8Array;
  title: string[];
  /** An objective's owner; a key result's own owner, else its objective's. */
  owner: string[];
  /** A key result's objective; null for an objective. */
  objective: (string | null)[];
  /** The cycle (a key result's objective's). */
  cycle: string[];
  /** Index into `legends.state` (a key result's objective's state). */
  state: Uint8Array;
  /** 0 or 1: whether the node counts (what the report marks "not counted" is 0). */
  counted: Uint8Array;
  progress: Float64Array;
  attainment: Float64Array;
  expected: Float64Array;
  confidence: Float64Array;
  /** Index into `legends.status`. */
  status: Uint8Array;
  /** 0 or 1. */
  stale: Uint8Array;
  /** Index into `legends.source`. */
  source: Uint8Array;
  computedProgress: Float64Array;
  computedAttainment: Float64Array;
  /** NaN for a key result without a plan and for objectives. */
  plannedValue: Float64Array;
  /** 0 or 1: something it depends on blocks it. */
  blocked: Uint8Array;
  /** Index into `legends.undefinedReason`; 255 where progress is defined. */
  undefinedReason: Uint8Array;
  /** Key results: the value in force; NaN when none and for objectives. */
  value: Float64Array;
  /** Key results: the time of the check-in the value comes from, epoch milliseconds; NaN for none. */
  lastCheckIn: Float64Array;
  legends: RollupLegends;
}

export interface ReportNode extends NodeValues {
  id: string; kind: NodeKind; title: string; owner: string; cycle: string;
  state?: ObjectiveState; type?: ObjectiveType; parents?: Link[];
  objective?: string; weight?: number; unit?: string; target?: number;
  /** What blocks it at the report's moment (`blocked` is true when any does). */
  blockers?: { id: string; reason: BlockReason; startBy?: string }[];
  /** Key results with initiatives: them at the report's moment, counted. */
  initiatives?: InitiativeSummary;
}
export interface Report { asOf: string; nodes: ReportNode[] }

export interface Contribution {
  id: string; kind: NodeKind; title: string; progress: number | null;
  /** `manual` when that progress is set by hand. */
  source: FigureSource;
  weight: number;
  counted: boolean; note: string | null; weightShare: number | null; contribution: number | null;
}
export interface Explanation extends NodeValues {
  id: string; kind: NodeKind; title: string;
  rollupMode: RollupMode | null;
  contributions: Contribution[];
  keyResult: {
    measure: Measure; formula: string;
    /** Aggregates only: the key results under it; `counted` is what the aggregate takes (the
     * value times the factor; for `count_done` 1 when done, 0 when not), `null` without a value. */
    inputs?: { id: string; title: string; value: number | null; factor: number | null; counted: number | null }[];
  } | null;
  /** Which expectation the expected progress (and the status) comes from, in words: the linear
   * pace, or the plan and the points it falls between. */
  expectation: string;
  /** With a manual override: that it is one, who set it, when and why, and the computed figure. */
  manual: string | null;
  /** What blocks it (`blocked` is true when any does), in the order the dependencies were
   * added; absent when nothing does. `why` says it in words. */
  blockers?: ExplainedBlocker[];
  /** Ends by naming what blocks it and why, when something does. */
  summary: string;
}
/** Something that blocks an explained node: off track, or not started after `startBy`. */
export interface ExplainedBlocker {
  id: string; kind: NodeKind; title: string; reason: BlockReason; startBy?: string;
  status: Status; progress: number | null; expected: number; note?: string; why: string;
}

export type Severity = "error" | "warning" | "info";
export type StatementKind = "goal" | "objective" | "key_result";
/** Lint configuration (ruff-style select/ignore); `today` defaults to the current UTC date. */
export interface LintConfig {
  select?: string[];
  ignore?: string[];
  severity?: Record<string, Severity>;
  thresholds?: {
    maxTitleLen?: number; growthFactor?: number; maxKeyResults?: number; minKeyResults?: number;
    maxObjectivesPerOwner?: number; binaryShare?: number;
  };
  today?: DateInput;
  fiscalYearStartMonth?: number;
}
export interface Diagnostic {
  code: string; severity: Severity; message: string; entity: string | null;
  /** Byte span into the statement (UTF-8), or null. */
  span: [number, number] | null;
  help: string | null;
}
export interface TextReport {
  text: string; kind: StatementKind; specific: boolean; measurable: boolean; timeBound: boolean;
  outcome: boolean | null; target: number | null; baseline: number | null; deadline: string | null;
  diagnostics: Omit<Diagnostic, "entity">[];
}
export interface RuleMeta {
  code: string; name: string;
  category: "specific" | "measurable" | "achievable" | "relevant" | "time_bound" | "outcome" | "quality";
  severity: Severity; kind: "text" | "structure";
}
export interface RuleDoc {
  code: string; name: string; whatItDoes: string; whyIsThisBad: string; example: string;
  useInstead: string; markdown: string;
}

/** Every thrown error: `name` is the okr-core error name (`CycleError`, `UnknownIdError`, ...). */
export interface OkrError extends Error {
  /** Stable machine-readable code (`cycle`, `unknown_id`, `invalid_weight`, `document`, ...). */
  code: string;
  /** The ids involved (for a cycle: the whole cycle path). */
  ids: string[];
  /** Document errors: where in the document (`objectives[3].key_results[1].measure.target`). */
  path?: string;
  /** `TableError` (`invalid_tables`): every problem of the tables. */
  problems?: TableProblem[];
}

/**
 * CSV texts by table name (`objectives`, `key_results`, `links`, `check_ins`, `owners`,
 * `cycles`, ...: okr-core's `tables::TABLE_NAMES`), each with a header row of column names
 * (okr-core's `tables` module documents the tables, their columns and their values), as
 * `graph.toCsv()` returns them (every table).
 */
export type CsvTexts = Record<string, string>;
/** CSV texts by table name for `Graph.fromCsv`: a table `undefined` is not given; a name that
 * is not a table's is a problem of the `TableError`. */
export type CsvTextsInput = Record<string, string | undefined>;
/** One problem of tables, as `TableError.problems` lists them. */
export interface TableProblem {
  /** The table (`objectives`, ...). */
  table: string;
  /** The row, from 1 for the first row of data (a CSV text's line `row + 1`); `null` for a
   * problem of the whole table (a missing column, a text that is not CSV, an unknown table). */
  row: number | null;
  /** The column, `null` when the problem is not in one. */
  column: string | null;
  /** The value as given, `null` when the problem is not about one. */
  value: string | null;
  /** The error code of the problem (`invalid_value`, `unknown_id`, `cycle`, ...). */
  code: string;
  /** What is wrong. */
  message: string;
  /** The ids the problem is about (a cycle's path). */
  ids: string[];
}
/** Thrown by `Graph.fromCsv` for tables that do not describe an organisation okr accepts:
 * every problem at once; `ids` are the first problem's. */
export interface TableError extends OkrError {
  name: "TableError";
  code: "invalid_tables";
  problems: TableProblem[];
}

/** The options of `graph.importCsv`. */
export interface ImportCsvOptions {
  /** When the changes take effect (`YYYY-MM-DD`: 00:00 UTC, or RFC 3339 with a zone). */
  at: string;
  /** Who makes the changes (recorded with each revision). */
  by?: string;
  /** Why (recorded with each revision). */
  reason?: string;
  /** Delete what the tables given do not name (never check-ins). Default false. */
  deleteMissing?: boolean;
  /** Report only; change nothing. Default false. */
  dryRun?: boolean;
}
/** One entity `graph.importCsv` creates, updates or deletes. */
export interface ImportChange {
  /** Its table (`objectives`, `links`, `key_results`, `check_ins`, ...). */
  table: string;
  /** Its key: the id; `child -> parent` for a link; `key_result @ time` for a check-in. */
  key: string;
  /** For an update: the fields that change, as the document names them. */
  fields?: string[];
}
/** What `graph.importCsv` did (or, with `dryRun`, would do). */
export interface ImportReport {
  created: ImportChange[];
  updated: ImportChange[];
  deleted: ImportChange[];
}

// Optional arguments: wasm-bindgen types them as required when they carry a custom type, so the
// optional forms are declared here and merge with the generated class / functions.
export interface Graph {
  rollup(asOf?: AsOfInput, config?: RollupConfig): NodeResult[];
  rollupColumns(asOf?: AsOfInput, config?: RollupConfig): RollupColumns;
  rollupTable(asOf?: AsOfInput, config?: RollupConfig): RollupTable;
  rollupResult(asOf?: AsOfInput, config?: RollupConfig): RollupResult;
  report(asOf?: AsOfInput, config?: RollupConfig): Report;
  reportText(asOf?: AsOfInput, config?: RollupConfig): string;
  explainProgress(id: string, asOf?: AsOfInput, config?: RollupConfig): Explanation;
  chart(id: string, options?: ChartOptions): string;
  history(start: string | Date, end: string | Date, freq?: Frequency, ids?: string[]): Series;
  link(child: string, parent: string, weight?: number, change?: Revise): void;
  link(child: string, parent: string, weight: number | undefined, kind: LinkKind, change?: Revise): void;
  setLinkKind(child: string, parent: string, kind: LinkKind, change?: Revise): void;
  dependencyStatus(asOf?: AsOfInput, config?: RollupConfig): DependencyStatus[];
  addObjective(objective: ObjectiveInput, change?: Revise): void;
  addKeyResult(kr: KeyResultInput, change?: Revise): void;
  removeObjective(id: string, change?: Revise): Objective;
  removeKeyResult(id: string, change?: Revise): KeyResult;
  unlink(child: string, parent: string, change?: Revise): void;
  setLinkWeight(child: string, parent: string, weight: number, change?: Revise): void;
  setClock(clock?: Revise | null): void;
  log(filter?: LogFilter): LogEntry[];
  setReviewPolicy(policy?: ReviewPolicy): void;
  comments(id?: string): Comment[];
  acknowledgements(keyResult?: string): Acknowledgement[];
}
export function lintText(text: string, kind?: StatementKind, config?: LintConfig): TextReport;
export function lintGraph(graph: Graph, config?: LintConfig): Diagnostic[];

// Key-result / KPI suggestions (okr-core's suggest module).
export type KpiDirection = "increase" | "decrease" | "keep_above" | "keep_below";
export type KpiCadence = "weekly" | "monthly" | "quarterly";
/** `function`: sales, marketing, customer_success, support, product, engineering, it, hr,
 * finance, operations, production or quality (case, spaces and hyphens normalised). `top`: how
 * many (default 5, at least 1). okr-core's `SuggestOptions`: a bad option (`top` 0, negative, not
 * a whole number or `null`; an unknown one) throws `ConfigError`, as in Python. */
export interface SuggestOptions { function?: string; top?: number }
export interface Suggestion {
  templateId: string; metric: string; definition: string;
  /** Higher is better; comparable within one query only. */
  score: number;
  /** Words of the objective that matched (empty for a companion suggested without a match). */
  matched: string[];
  /** The best match's template id when this is one of the KPIs tracked alongside it. */
  companionOf: string | null;
  direction: KpiDirection; unit: string; cadence: KpiCadence;
  /** SMART pattern with `{metric}`, `{baseline}`, `{target}`, `{unit}`, `{deadline}`. */
  pattern: string;
  /** The pattern with metric and unit filled in. */
  phrasing: string;
  functions: string[];
}
export interface DraftOptions { baseline?: number; target?: number }
export interface GraphDraftOptions extends DraftOptions { asOf?: DateInput }
export interface KeyResultDraft {
  templateId: string; text: string; metric: string; unit: string; direction: KpiDirection;
  cadence: KpiCadence; baseline: number | null;
  baselineSource: { keyResult: string; objective: string; checkIn: string | null } | null;
  target: number; targetDefaulted: boolean; deadline: string; notes: string[];
}
export function suggestKeyResults(text: string, options?: SuggestOptions): Suggestion[];
export function draftKeyResult(template: string, deadline: DateInput, options?: DraftOptions): KeyResultDraft;
export function draftKeyResultFor(graph: Graph, objective: string, template: string, options?: GraphDraftOptions): KeyResultDraft;

// Analytics (okr-core's analytics module; the formulas are in its docs and the README).
export interface CoverageOptions { cycle?: string; personKinds?: string[] }
export interface TopCoverage {
  objective: string; title: string; objectives: number; objectiveShare: number;
  people: number; peopleShare: number;
}
export interface Coverage {
  cycle: string | null; objectives: number; people: number; tracedObjectives: number;
  tracedShare: number; topLevel: TopCoverage[]; peopleWithoutAlignedObjectives: string[];
}
export interface KeyResultShare {
  keyResult: string; objective: string;
  /** Share of the objective's progress: shares add up to 1. */
  share: number; progress: number;
  /** `share * progress`. */
  contribution: number;
  /** `share * (1 - progress)`: the most it can still add. */
  headroom: number;
}
export interface Contributions {
  objective: string; progress: number | null; keyResults: KeyResultShare[]; topMovers: string[];
}
export interface KeyResultForecast {
  keyResult: string; periodEnd: string; points: number; slopePerDay: number; value: number;
  low: number; high: number; progress: number | null; attainment: number | null;
  progressLow: number | null; progressHigh: number | null;
}
export interface Forecast {
  keyResults: KeyResultForecast[]; skipped: { keyResult: string; reason: string }[];
  objectives: { objective: string; progress: number | null }[];
}
export interface GradeBands { aspirationalSuccess?: number; committedSuccess?: number; partial?: number }
export type Grade = "success" | "partial" | "miss" | "unscored";
export interface Score {
  id: string; kind: NodeKind; objectiveType: ObjectiveType; periodEnd: string;
  /** False while the period is still running (the score is provisional). */
  final: boolean; score: number | null; attainment: number | null; grade: Grade;
  /** Numeric key results: the target, thresholds: the value, in force at the scored moment
   * (absent for objectives and other key results). */
  target?: number;
}
export interface Scores { objectives: Score[]; keyResults: Score[] }
/**
 * okr-core's `ScorecardOptions`. `owners`: only these owners' scorecards (each must exist, else
 * `UnknownIdError`), in owner order whatever the order given; empty or absent: every owner.
 */
/**
 * `Graph.due`: a key result that owes a check-in (okr-core's `DueCheckIn`). `state`: `"due"` (the
 * current interval has none yet), `"late"` (the previous one has none and its grace runs) or
 * `"missed"` (a grace passed without one); `dueSince`: the current interval's start when due, else
 * the first unmet deadline since the last check-in (RFC 3339, UTC).
 */
export interface DueCheckIn {
  keyResult: string; objective: string; owner: string; cadence: Cadence;
  state: "due" | "late" | "missed"; dueSince: string; lastCheckIn: string | null;
  missedIntervals: number;
}
/** `cadenceDays`: every key result's interval in days, overriding the cadences of objectives and
 * owners; absent: each key result's cadence, else 7 days. */
export interface ScorecardOptions {
  cadenceDays?: number; bands?: GradeBands; lowStretch?: number; highAttainment?: number;
  owners?: string[];
}
export interface Signal {
  name: "attainment" | "aligned_share" | "check_in_discipline" | "stretch" | "calibration"
    | "target_already_reached" | "consistent_overachievement" | "target_lowered" | "target_raised";
  value: number | null; raised: boolean; explanation: string;
}
export interface Scorecard { owner: string; objectives: number; keyResults: number; signals: Signal[] }
/** Where an appraisal's score comes from: kept when the cycle closed, computed at the end of a
 * period that has ended, or the progress at the as-of date. */
export type ScoreBasis = "frozen" | "final" | "provisional";
export interface AppraisedScore {
  score: number | null; attainment: number | null;
  grade: "success" | "partial" | "miss" | "unscored"; basis: ScoreBasis; target?: number;
}
export interface AppraisedObjective extends AppraisedScore {
  id: string; title: string; type: ObjectiveType; state: ObjectiveState;
}
export interface AppraisedKeyResult extends AppraisedScore {
  id: string; title: string; objective: string; objectiveTitle: string;
  /** false: the person's key result under someone else's objective. */
  ownObjective: boolean;
  measure: "numeric" | "threshold" | "boolean" | "milestones"; unit?: string;
  checkIns: number; lastCheckIn: string | null; cadence: string | null;
  discipline: { kept: number; expected: number } | null;
}
export interface Feedback {
  id: string; by: string; at: string; on: "objective" | "key_result" | "check_in"; about: string;
  checkIn?: string; text: string; replyTo: string | null; fromSelf: boolean;
}
export interface AppraisedAcknowledgement {
  keyResult: string; checkIn: string; by: string; at: string; comment: string | null;
}
/** `Graph.appraisal`: one person's cycle for a performance conversation (OKR attainment is one
 * input to it, not a rating: `statement`). */
export interface Appraisal {
  owner: string; ownerName: string; cycle: string; cycleName: string; start: string; end: string;
  asOf: string; cycleClosed: boolean; statement: string;
  objectives: AppraisedObjective[]; keyResults: AppraisedKeyResult[];
  checkInDiscipline: number | null; checkInExplanation: string;
  feedback: Feedback[]; acknowledgements: AppraisedAcknowledgement[];
  targetRevisions: LogEntry[]; signals: Signal[];
}
export interface Change {
  id: string; kind: NodeKind; fromProgress: number | null; toProgress: number | null;
  delta: number | null; fromStatus: Status; toStatus: Status;
}
/** `Graph.series` options: the first and last day (both included, each the end of that day,
 * UTC) and, optionally, the ids to give (in that order). */
export interface SeriesOptions { from: DateInput; to: DateInput; ids?: string[] }
/** `Graph.chart` options: the first and last day, each defaulting to the node's period. */
export interface ChartOptions { from?: DateInput; to?: DateInput }
/** `Graph.history`'s step: a day, a week (7 days), a month or a quarter from the start
 * (okr-core's `Frequency`; any case is read). */
export type Frequency = "D" | "W" | "M" | "Q" | "day" | "week" | "month" | "quarter";
/** `Graph.series` and `Graph.history`: the points once (`dates`, each point's UTC date;
 * `asOf`, its moment as RFC 3339 text in UTC: the end of the day for a date, the instant for a
 * time), then one node's figures per point (`null` where it does not exist then or the figure
 * is undefined); at every point what `rollup(point)` gives. */
export interface Series { dates: string[]; asOf: string[]; nodes: NodeSeries[] }
export interface NodeSeries {
  id: string; kind: NodeKind;
  value: (number | null)[]; progress: (number | null)[]; attainment: (number | null)[];
  expected: (number | null)[]; plannedValue: (number | null)[]; status: (Status | null)[];
}
export interface Diff {
  from: string; to: string; changes: Change[];
  /** The changes to the goals that took effect after `from` and up to `to`, oldest first, as
   * `Graph.log` gives them. */
  revisions: LogEntry[];
}
/**
 * `Graph.whatIfDiff`: a node whose progress or status the hypothetical check-ins change
 * (okr-core's `ChangedNode`; `okr what-if --format json` prints the same list, snake_case keys).
 */
export interface ChangedNode {
  id: string; kind: NodeKind; progressBefore: number | null; progressAfter: number | null;
  statusBefore: Status; statusAfter: Status;
}
export type GraphFormat = "dot" | "mermaid" | "svg";
export interface Graph {
  coverage(options?: CoverageOptions): Coverage;
  contributions(id: string, asOf?: AsOfInput, top?: number): Contributions;
  whatIf(values: Record<string, number | boolean | string[]>, asOf?: AsOfInput, config?: RollupConfig): NodeResult[];
  whatIfDiff(values: Record<string, number | boolean | string[]>, asOf?: AsOfInput, config?: RollupConfig): ChangedNode[];
  forecast(asOf?: AsOfInput): Forecast;
  scores(today?: DateInput, bands?: GradeBands): Scores;
  scorecards(today?: DateInput, options?: ScorecardOptions): Scorecard[];
  due(asOf?: AsOfInput): DueCheckIn[];
  cadences(): Record<string, Cadence>;
  diff(from: AsOfInput, to: AsOfInput): Diff;
  renderGraph(format: GraphFormat, asOf?: AsOfInput): string;
}

/** When a KPI is healthy: a direction, a threshold (inclusive) or a band (inclusive). */
export type KpiHealthRule =
  | { kind: "increase" } | { kind: "decrease" }
  | { kind: "at_or_above"; value: number } | { kind: "at_or_below"; value: number }
  | { kind: "between"; min: number; max: number };
/** A KPI's target for one month (`YYYY-MM`). */
export interface KpiTarget { month: string; value: number }
/** A KPI: a health metric apart from the objectives, with values across cycles. */
export interface Kpi {
  id: string; name: string; owner?: string; unit?: string; health: KpiHealthRule;
  targets?: KpiTarget[];
  /** Oldest first; `at` as RFC 3339 text, UTC. */
  values?: { at: string; value: number; note?: string }[];
  extra?: Extra;
}
export interface KpiInput {
  id: string; name: string; owner?: string; unit?: string; health: KpiHealthRule;
  targets?: KpiTarget[]; values?: { at: string | Date; value: number; note?: string }[];
  extra?: Extra;
}
/** `Graph.recordKpiValue`: a value of KPI `kpi` observed at `at`. */
export interface KpiValueInput { kpi: string; at: string | Date; value: number; note?: string | null }
/** `Graph.kpiHealth`: a KPI's health at a time (okr-core's `KpiStatus`). */
export interface KpiStatus {
  id: string; name: string; owner: string | null; unit: string;
  kind: KpiHealthRule["kind"];
  /** The latest value at or before the time, and when it was observed (RFC 3339, UTC). */
  value: number | null; at: string | null; previous: number | null;
  trend: "up" | "down" | "flat" | null;
  /** The month's target, else (thresholds) the threshold. */
  target: number | null;
  /** A band's bounds. */
  min: number | null; max: number | null;
  health: "healthy" | "unhealthy" | "no_data";
}
export interface Graph {
  kpiHealth(asOf?: AsOfInput): KpiStatus[];
}

/** An initiative's update: from `at` on it is `done` (or not) or `percent` (0 to 100) done;
 * exactly one of the two. */
export interface InitiativeUpdate { at: string; done?: boolean; percent?: number; note?: string }
/** An initiative: a work item under a key result (the document's form). It counts in the key
 * result's progress only when the key result has an `initiatives_weight` above 0. */
export interface Initiative {
  id: string; key_result: string; title: string;
  /** Absent: the key result's owner. */
  owner?: string;
  /** `YYYY-MM-DD`, inclusive. */
  due?: string;
  /** Oldest first; `at` as RFC 3339 text, UTC. */
  updates?: InitiativeUpdate[];
  extra?: Extra;
}
export interface InitiativeInput {
  id: string; key_result: string; title: string; owner?: string; due?: string;
  updates?: { at: string | Date; done?: boolean; percent?: number; note?: string }[];
  extra?: Extra;
}
/** `Graph.recordInitiativeUpdate`: an update of initiative `initiative` from `at` on. */
export interface InitiativeUpdateInput {
  initiative: string; at: string | Date; done?: boolean; percent?: number; note?: string | null;
}
/** `Graph.initiativeStatus`: an initiative's state at a time (okr-core's `InitiativeStatus`). */
export interface InitiativeStatus {
  id: string; keyResult: string; title: string; owner: string | null; due: string | null;
  /** The share done, 0 to 1 (0 before its first update). */
  share: number;
  done: boolean;
  /** Not done, and the day is after its due date. */
  overdue: boolean;
  /** The time of the update in force (RFC 3339, UTC), `null` before any. */
  updated: string | null;
}
/** A key result's initiatives at a time, counted (`Graph.initiativeSummary`, `ReportNode`). */
export interface InitiativeSummary {
  count: number; done: number; overdue: number;
  /** Their mean share done, 0 to 1. */
  share: number;
  /** The key result's initiatives weight when above 0, else `null` (not counted). */
  weight: number | null;
}
export interface Graph {
  initiativeStatus(asOf?: AsOfInput): InitiativeStatus[];
  initiativeSummary(kr: string, asOf?: AsOfInput): InitiativeSummary | undefined;
}

/**
 * Who may see an objective and everything under it (its key results, their check-ins and
 * initiatives): `public` everyone (the default); `owner_line` its owner and every owner above its
 * owner in the owner tree; `private` its owner only; with `owner_line` and `private`, also the
 * owners named among its `viewers` and the members of the groups named there.
 */
export type Visibility = "public" | "owner_line" | "private";
/** A named group of viewers (the document's form). Its id shares the space of owner ids. */
export interface Group {
  id: string;
  /** Present only when not empty. */
  name?: string;
  /** Owner ids. */
  members: string[];
  extra?: Extra;
}
export interface GroupInput { id: string; name?: string; members?: string[]; extra?: Extra }

/**
 * How a view (`Graph.viewFor`) treats the progress of what its viewer may not see:
 * `count_hidden` (the default) counts it in the visible parents, as one combined entry per
 * parent, so every visible figure is the full graph's; `exclude_hidden` does not count it (the
 * combined entry is a `supports` link, titled "Hidden objectives (not counted)").
 */
export type ViewPolicy = "count_hidden" | "exclude_hidden";
/** The hidden inputs a view's combined entry stands for at a rollup's moment
 * (`RollupResult.hiddenEntry`). */
export interface HiddenEntry {
  /** How many hidden objectives and key results (counting or not). */
  count: number;
  /** Their combined weight in the parent (of those whose progress is defined and counts; 0
   * when none does). */
  weight: number;
}
export interface Graph {
  viewFor(viewerId: string, policy?: ViewPolicy): Graph;
}
/** okr-core's safety limits (`Limits`), the fields' names in camelCase; `Infinity` is no limit.
 * Every way in is held to the same ones: reading a document (`fromJson`, `fromObject`,
 * `fromSnapshot`, `fromCsv`) and every change through the API (adding, checking in one at a
 * time or in bulk, revising, proposing, commenting); over one throws `LimitExceededError` and
 * changes nothing. */
export interface Limits {
  maxDocumentBytes: number; maxJsonDepth: number; maxStringBytes: number;
  maxOwners: number; maxCycles: number; maxObjectives: number; maxKeyResults: number;
  maxCheckInsPerKeyResult: number; maxParentsPerObjective: number; maxMilestones: number;
  maxLinkDepth: number; maxRevisions: number; maxPlanPoints: number; maxProposals: number;
  maxComments: number; maxDependencies: number; maxKpis: number; maxInitiatives: number;
}
/** The options of `new Graph`, `Graph.fromJson`, `Graph.fromObject`, `Graph.fromSnapshot` and
 * `Graph.fromCsv`: `limits`, the limits the graph is read within and keeps (a limit not given
 * keeps okr-core's default; an unknown name or a value that is not a non-negative integer or
 * `Infinity` throws `InvalidValueError`, as does an unknown option). */
export interface GraphOptions { limits?: Partial<Limits> }
