//! A deterministic generator of realistic organisations for okr's benchmarks, and the flat-array
//! "floor" the engine's rollup is measured against.
//!
//! [`generate`] builds, from a size and a seed, an organisation shaped like a real company's
//! OKR cascade (same seed, same graph):
//!
//! - **Units** (owners) form an org chart: the company, then divisions, departments, teams and
//!   squads. Spans of control are skewed (log-normal around a mean of 5 to 6, a few managers
//!   with 15 or more reports). The chart is 5 levels deep for 10,000 objectives, 6 for 100,000
//!   and 7 for 1,000,000, so the longest alignment chain has 5 to 7 objectives.
//! - **Objectives**: four company objectives (cycle `fy2026`), then one to three per unit
//!   (cycle `q4`), each aligned under an objective of the unit above with weight 1 to 3.
//!   About 10% also contribute to a second parent: half of those to a company objective (so
//!   company objectives collect thousands of children in big organisations), half to an
//!   objective of another unit one level up. 1% of links have weight 0 ("aligned, not
//!   counted"). 3% of objectives are closed, 2% drafts, 1% abandoned; 7% roll up key results
//!   only, 3% children only.
//! - **Key results**: 2 to 5 per objective (mean 3.0): 55% increasing numeric, 15% decreasing
//!   numeric, 10% thresholds, 10% booleans, 10% milestones; 20% weigh 2; 15% have a due date.
//!   Titles are SMART-style statements with the measure's numbers, so the lint benches read
//!   realistic text.
//! - **Check-ins** over the quarter (2026-10-01 to 2026-12-31): per key result, weekly (10%),
//!   every two weeks (30%), monthly (40%) or never (20%), about 4.5 on average, values moving
//!   towards the target at a per-key-result pace, confidence on 60% of them.
//!
//! The organisation's sizes are numbers of objectives; key results come on top (about three per
//! objective). Benchmarks roll up as of [`as_of`] (2026-11-15, mid-quarter).
//!
//! [`Floor`] lays the same data out as flat arrays in topological order and rolls it up in one
//! bare loop: the lower bound the engine's full rollup is compared with.
//!
//! [`shapes`] writes adversarial documents (many cycles, deep owner trees, wide fan-in, one
//! metric shared by thousands of key results, ...) for the scaling benchmark, `okr-scale`.

pub mod shapes;

use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};
use okr_core::{
    Bound, CheckIn, CheckInValue, Cycle, KeyResult, Measure, Milestone, Objective, ObjectiveState,
    OkrGraph, Owner, RollupMode,
};

/// A small, fast, deterministic random generator (SplitMix64).
pub struct Rng(u64);

impl Rng {
    /// A generator from a seed.
    pub fn new(seed: u64) -> Self {
        Rng(seed)
    }
    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    /// A number in `lo..hi`.
    pub fn range(&mut self, lo: u64, hi: u64) -> u64 {
        lo + self.next_u64() % (hi - lo).max(1)
    }
    /// A float in `[0, 1)`.
    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }
    /// True with probability `p`.
    pub fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }
    /// A standard normal variate (Box-Muller).
    pub fn normal(&mut self) -> f64 {
        let u1 = self.unit().max(1e-12);
        let u2 = self.unit();
        (-2.0 * u1.ln()).sqrt() * (2.0 * std::f64::consts::PI * u2).cos()
    }
    /// An element of `items` chosen by integer weights.
    pub fn pick<T: Copy>(&mut self, items: &[(u32, T)]) -> T {
        let total: u32 = items.iter().map(|i| i.0).sum();
        let mut r = self.range(0, u64::from(total)) as u32;
        for &(w, t) in items {
            if r < w {
                return t;
            }
            r -= w;
        }
        items[items.len() - 1].1
    }
}

/// The date the benchmarks roll up at: 2026-11-15, mid-quarter.
pub fn as_of() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 15).expect("valid date")
}

pub fn quarter() -> (NaiveDate, NaiveDate) {
    (
        NaiveDate::from_ymd_opt(2026, 10, 1).expect("valid date"),
        NaiveDate::from_ymd_opt(2026, 12, 31).expect("valid date"),
    )
}

/// Levels of the org chart (and so of the longest alignment chain) for `objectives`.
pub fn depth_for(objectives: usize) -> u32 {
    match objectives {
        0..=20_000 => 5,
        20_001..=200_000 => 6,
        _ => 7,
    }
}

/// Mean span of control `m` such that a chart of `levels` levels has about `units` units.
fn mean_span(units: f64, levels: u32) -> f64 {
    let total = |m: f64| (0..levels).map(|l| m.powi(l as i32)).sum::<f64>();
    let (mut lo, mut hi) = (1.2f64, 200.0f64);
    for _ in 0..60 {
        let mid = (lo + hi) / 2.0;
        if total(mid) < units {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    hi
}

const LEVEL_KINDS: [&str; 7] = [
    "organisation",
    "division",
    "department",
    "team",
    "squad",
    "pod",
    "crew",
];
const THEMES: [&str; 12] = [
    "customer retention",
    "enterprise sales",
    "platform reliability",
    "employee engagement",
    "onboarding",
    "gross margin",
    "brand awareness",
    "partner revenue",
    "support quality",
    "delivery speed",
    "product adoption",
    "hiring",
];
const OBJECTIVE_TEMPLATES: [&str; 6] = [
    "Make {t} our competitive advantage",
    "Win the market on {t}",
    "Delight customers through {t}",
    "Build a best-in-class {t} engine",
    "Lead the region in {t}",
    "Turn {t} into a growth driver",
];
const MONTHS: [&str; 3] = ["October 31", "November 30", "December 31"];

struct Unit {
    owner: String,
    /// Indices (into the objective id list) of this unit's objectives.
    objectives: Vec<usize>,
}

/// Generates an organisation of `objectives` objectives (about three key results each) from
/// `seed`; see the crate docs for its shape. Deterministic: same arguments, same graph.
pub fn generate(objectives: usize, seed: u64) -> OkrGraph {
    let mut rng = Rng::new(seed);
    let mut g = OkrGraph::new();
    let (q_start, q_end) = quarter();
    let year_start = NaiveDate::from_ymd_opt(2026, 1, 1).expect("valid date");
    g.add_cycle(Cycle::new("fy2026", year_start, q_end))
        .expect("valid cycle");
    let mut q4 = Cycle::new("q4", q_start, q_end);
    q4.parent = Some("fy2026".into());
    g.add_cycle(q4).expect("valid cycle");

    let levels = depth_for(objectives);
    // About two objectives per unit; aim for 30% more capacity than needed so that the last
    // level is cut short rather than the chart being too shallow.
    let span = mean_span((objectives as f64 / 2.0 * 1.3).max(2.0), levels);
    let sigma = 0.55f64;

    let mut ids: Vec<String> = Vec::with_capacity(objectives);
    let mut by_level: Vec<Vec<usize>> = vec![Vec::new(); levels as usize];
    let mut units: Vec<Unit> = Vec::new();
    let mut queue = std::collections::VecDeque::new();
    // (level, parent unit): a unit (and its owner) is created when it is reached, so every
    // owner has objectives.
    queue.push_back((0u32, None::<usize>));

    'units: while let Some((level, parent_unit)) = queue.pop_front() {
        if ids.len() >= objectives {
            break;
        }
        let u = units.len();
        let owner = format!("u{u}");
        let kind = LEVEL_KINDS[level as usize];
        let mut o = Owner::new(&owner, format!("{kind} {u}"), kind);
        o.parent = parent_unit.map(|p| units[p].owner.clone());
        g.add_owner(o).expect("valid owner");
        units.push(Unit {
            owner,
            objectives: Vec::new(),
        });
        let count = if level == 0 {
            4
        } else {
            rng.pick(&[(30, 1), (45, 2), (25, 3)])
        };
        for _ in 0..count {
            if ids.len() >= objectives {
                break 'units;
            }
            let i = ids.len();
            let id = format!("o{i}");
            let theme = THEMES[rng.range(0, THEMES.len() as u64) as usize];
            let template =
                OBJECTIVE_TEMPLATES[rng.range(0, OBJECTIVE_TEMPLATES.len() as u64) as usize];
            let mut o = Objective::new(
                &id,
                template.replace("{t}", theme),
                &units[u].owner,
                if level == 0 { "fy2026" } else { "q4" },
            );
            o.state = rng.pick(&[
                (94, ObjectiveState::Active),
                (3, ObjectiveState::Closed),
                (2, ObjectiveState::Draft),
                (1, ObjectiveState::Abandoned),
            ]);
            o.rollup = rng.pick(&[
                (90, RollupMode::Both),
                (7, RollupMode::KeyResults),
                (3, RollupMode::Children),
            ]);
            g.add_objective(o).expect("valid objective");
            if let Some(pu) = parent_unit {
                let link_weight = |rng: &mut Rng| {
                    if rng.chance(0.01) {
                        0.0
                    } else {
                        rng.range(1, 4) as f64
                    }
                };
                let parents = &units[pu].objectives;
                let p = parents[rng.range(0, parents.len() as u64) as usize];
                let w = link_weight(&mut rng);
                g.link(&id, &ids[p], w).expect("acyclic by construction");
                if rng.chance(0.10) {
                    let pool = if rng.chance(0.5) {
                        &by_level[0]
                    } else {
                        &by_level[level as usize - 1]
                    };
                    let q = pool[rng.range(0, pool.len() as u64) as usize];
                    if q != p {
                        let w = link_weight(&mut rng);
                        g.link(&id, &ids[q], w).expect("acyclic by construction");
                    }
                }
            }
            add_key_results(&mut g, &mut rng, &id, theme, i);
            units[u].objectives.push(i);
            by_level[level as usize].push(i);
            ids.push(id);
        }
        if level + 1 < levels {
            let reports = (span * (sigma * rng.normal() - sigma * sigma / 2.0).exp())
                .round()
                .max(1.0) as usize;
            for _ in 0..reports {
                queue.push_back((level + 1, Some(u)));
            }
        }
    }
    g
}

fn at(day: NaiveDate, hour: u32) -> DateTime<Utc> {
    Utc.from_utc_datetime(&day.and_hms_opt(hour, 0, 0).expect("valid time"))
}

fn round2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

#[derive(Clone, Copy)]
enum Kind {
    Up,
    Down,
    Threshold,
    Boolean,
    Milestones,
}

fn add_key_results(g: &mut OkrGraph, rng: &mut Rng, obj: &str, theme: &str, i: usize) {
    let (q_start, q_end) = quarter();
    let n = rng.pick(&[(30, 2), (45, 3), (20, 4), (5, 5)]);
    for k in 0..n {
        let id = format!("o{i}k{k}");
        let kind = rng.pick(&[
            (55, Kind::Up),
            (15, Kind::Down),
            (10, Kind::Threshold),
            (10, Kind::Boolean),
            (10, Kind::Milestones),
        ]);
        let month = MONTHS[rng.range(0, 3) as usize];
        let (measure, title) = match kind {
            Kind::Up => {
                let start = rng.range(0, 500) as f64 * 10.0;
                let target = start + rng.range(5, 300) as f64 * 10.0;
                let m = Measure::Numeric {
                    start,
                    target,
                    unit: "customers".into(),
                    direction: None,
                };
                let t = format!("Increase {theme} customers from {start} to {target} by {month}");
                (m, t)
            }
            Kind::Down => {
                let start = rng.range(20, 200) as f64;
                let target = (start * (0.3 + 0.5 * rng.unit())).round();
                let m = Measure::Numeric {
                    start,
                    target,
                    unit: "hours".into(),
                    direction: None,
                };
                let t = format!("Cut {theme} lead time from {start} to {target} hours by {month}");
                (m, t)
            }
            Kind::Threshold => {
                let above = rng.chance(0.6);
                let value = rng.range(50, 100) as f64;
                let start = rng
                    .chance(0.7)
                    .then(|| value + rng.range(0, 20) as f64 - 10.0);
                let m = Measure::Threshold {
                    bound: if above {
                        Bound::AtOrAbove
                    } else {
                        Bound::AtOrBelow
                    },
                    value,
                    unit: "%".into(),
                    start,
                };
                let word = if above { "at or above" } else { "at or below" };
                (m, format!("Keep {theme} score {word} {value}% all quarter"))
            }
            Kind::Boolean => (
                Measure::Boolean,
                format!("Launch the new {theme} programme by {month}"),
            ),
            Kind::Milestones => {
                let steps = rng.range(2, 5);
                let milestones = (0..steps)
                    .map(|s| Milestone {
                        name: format!("step {}", s + 1),
                        weight: rng.range(1, 3) as f64,
                    })
                    .collect();
                (
                    Measure::Milestones { milestones },
                    format!("Roll out {theme} playbook in {steps} steps by {month}"),
                )
            }
        };
        let mut kr = KeyResult::new(&id, title, obj, measure.clone());
        if rng.chance(0.2) {
            kr.weight = 2.0;
        }
        if rng.chance(0.15) {
            kr.due = Some(
                q_start + Duration::days(rng.range(45, (q_end - q_start).num_days() as u64) as i64),
            );
        }
        g.add_key_result(kr).expect("valid key result");

        // Check-ins: a cadence, a first day within the first two weeks, values moving at a
        // per-key-result pace.
        let every = rng.pick(&[(10, 7i64), (30, 14), (40, 30), (20, 0)]);
        if every == 0 {
            continue;
        }
        let pace = 0.3 + rng.unit();
        let mut day = q_start + Duration::days(rng.range(0, 14) as i64);
        let total = (q_end - q_start).num_days() as f64;
        let mut done_at = None;
        while day <= q_end {
            let share = ((day - q_start).num_days() as f64 / total * pace).min(1.3);
            let noise = 1.0 + 0.1 * rng.normal();
            let value = match &measure {
                Measure::Numeric { start, target, .. } => {
                    CheckInValue::Value(round2(start + (target - start) * share * noise))
                }
                Measure::Threshold { value, .. } => {
                    CheckInValue::Value(round2(value * (1.0 + 0.08 * rng.normal())))
                }
                Measure::Boolean => {
                    if done_at.is_none() && rng.chance(share * 0.5) {
                        done_at = Some(day);
                    }
                    CheckInValue::Done(done_at.is_some())
                }
                Measure::Milestones { milestones } => {
                    let m = ((milestones.len() as f64) * share * noise).floor() as usize;
                    CheckInValue::Milestones(
                        milestones
                            .iter()
                            .take(m.min(milestones.len()))
                            .map(|s| s.name.clone())
                            .collect(),
                    )
                }
                Measure::Aggregate { .. } => unreachable!("the generator makes no aggregates"),
            };
            let mut c = CheckIn {
                at: at(day, 9 + rng.range(0, 8) as u32),
                value,
                confidence: None,
                note: None,
                author: None,
                extra: Default::default(),
            };
            if rng.chance(0.6) {
                c.confidence = Some(rng.range(2, 20) as f64 / 20.0);
            }
            g.check_in(&id, c).expect("valid check-in");
            day += Duration::days(every + rng.range(0, 3) as i64 - 1);
        }
    }
}

/// Counts describing a generated organisation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OrgStats {
    /// Owners (units).
    pub owners: usize,
    /// Objectives.
    pub objectives: usize,
    /// Key results.
    pub key_results: usize,
    /// Check-ins.
    pub check_ins: usize,
    /// Alignment links.
    pub links: usize,
    /// Objectives with two or more parents.
    pub multi_parent: usize,
    /// Objectives in the longest alignment chain.
    pub depth: usize,
    /// The most children aligned under one objective.
    pub max_children: usize,
}

impl OrgStats {
    /// The counts of `g`.
    pub fn of(g: &OkrGraph) -> OrgStats {
        let ids: Vec<&str> = g.objectives().map(|o| o.id.as_str()).collect();
        let index: std::collections::HashMap<&str, usize> =
            ids.iter().enumerate().map(|(i, id)| (*id, i)).collect();
        let parents: Vec<Vec<usize>> = ids
            .iter()
            .map(|id| g.parents_of(id).iter().map(|(p, _)| index[p]).collect())
            .collect();
        // chain length from each objective up to a root, by memoised iteration
        let mut up = vec![0usize; ids.len()];
        for start in 0..ids.len() {
            let mut stack = vec![start];
            while let Some(&n) = stack.last() {
                if up[n] != 0 {
                    stack.pop();
                    continue;
                }
                let pending: Vec<usize> =
                    parents[n].iter().copied().filter(|&p| up[p] == 0).collect();
                if pending.is_empty() {
                    up[n] = 1 + parents[n].iter().map(|&p| up[p]).max().unwrap_or(0);
                    stack.pop();
                } else {
                    stack.extend(pending);
                }
            }
        }
        let mut children = vec![0usize; ids.len()];
        for ps in &parents {
            for &p in ps {
                children[p] += 1;
            }
        }
        OrgStats {
            owners: g.owners().count(),
            objectives: ids.len(),
            key_results: g.key_results().count(),
            check_ins: g.key_results().map(|k| g.check_ins(&k.id).len()).sum(),
            links: parents.iter().map(Vec::len).sum(),
            multi_parent: parents.iter().filter(|p| p.len() > 1).count(),
            depth: up.iter().copied().max().unwrap_or(0),
            max_children: children.iter().copied().max().unwrap_or(0),
        }
    }
}

/// An organisation of `objectives` objectives that all align under one parent (the "5,000
/// children" case of the incremental benchmark), each with two numeric key results.
pub fn wide(objectives: usize) -> OkrGraph {
    let mut g = OkrGraph::new();
    let (q_start, q_end) = quarter();
    g.add_cycle(Cycle::new("q4", q_start, q_end))
        .expect("valid cycle");
    g.add_owner(Owner::new("org", "Org", "organisation"))
        .expect("valid owner");
    g.add_objective(Objective::new("root", "Root", "org", "q4"))
        .expect("valid objective");
    for i in 0..objectives {
        let id = format!("o{i}");
        g.add_objective(Objective::new(&id, "Child", "org", "q4"))
            .expect("valid objective");
        g.link(&id, "root", 1.0).expect("acyclic");
        for k in 0..2 {
            g.add_key_result(KeyResult::new(
                format!("o{i}k{k}"),
                "Key result",
                &id,
                Measure::numeric(0.0, 100.0),
            ))
            .expect("valid key result");
        }
    }
    g
}

// ----- the floor ---------------------------------------------------------------------------

/// How a key result's current value becomes progress in the [`Floor`].
#[derive(Debug, Clone, Copy, PartialEq)]
enum FloorMeasure {
    /// `(v - a) / b`, clamped for progress.
    Linear { a: f64, b: f64 },
    /// 1 when `v >= x` (or `v <= x` when `below`); `start` when there is no check-in.
    Threshold { x: f64, below: bool, start: f64 },
    /// The check-in's value is already the progress (boolean: 0/1; milestones: done share).
    Direct,
}

/// The same rollup data as flat arrays in topological order, and the bare loop over them:
/// progress and attainment of every key result and objective at one moment, nothing else (no
/// pace, status, confidence or staleness). It is the floor no engine can beat on this machine;
/// the engine's full rollup is measured against it.
///
/// Layout: key results are renumbered in the order of their objectives; each has a slice of
/// check-in times (seconds) and values (milestones pre-converted to their done share) in two
/// flat arrays. Objectives are in topological order (children first) with their counting
/// inputs in one CSR array of `(input, weight)`, where inputs below `nk` are key results and
/// the rest objectives.
#[derive(Debug, Clone)]
pub struct Floor {
    nk: usize,
    ci_start: Vec<u32>,
    ci_time: Vec<i64>,
    ci_value: Vec<f64>,
    kr_measure: Vec<FloorMeasure>,
    in_start: Vec<u32>,
    in_items: Vec<(u32, f64)>,
    /// Objective ids in topological order and key result ids in floor order.
    pub obj_ids: Vec<String>,
    /// Key result ids in floor order.
    pub kr_ids: Vec<String>,
    /// Output: progress of key results then objectives (NaN = undefined).
    pub progress: Vec<f64>,
    /// Output: attainment, same order.
    pub attainment: Vec<f64>,
}

impl Floor {
    /// Lays out `g` (not timed in the benchmarks).
    pub fn new(g: &OkrGraph) -> Floor {
        use std::collections::HashMap;
        // topological order, children first (Kahn)
        let objs: Vec<&Objective> = g.objectives().collect();
        let index: HashMap<&str, usize> = objs
            .iter()
            .enumerate()
            .map(|(i, o)| (o.id.as_str(), i))
            .collect();
        let children: Vec<Vec<(usize, f64)>> = objs
            .iter()
            .map(|o| {
                g.children_of(&o.id)
                    .into_iter()
                    .map(|(c, w)| (index[c], w))
                    .collect()
            })
            .collect();
        let mut pending: Vec<usize> = children.iter().map(Vec::len).collect();
        let mut order: Vec<usize> = (0..objs.len()).filter(|&i| pending[i] == 0).collect();
        let mut head = 0;
        while head < order.len() {
            let i = order[head];
            head += 1;
            for (p, _) in g.parents_of(&objs[i].id) {
                let p = index[p];
                pending[p] -= 1;
                if pending[p] == 0 {
                    order.push(p);
                }
            }
        }
        let mut pos = vec![0usize; objs.len()];
        for (p, &i) in order.iter().enumerate() {
            pos[i] = p;
        }

        let mut f = Floor {
            nk: 0,
            ci_start: vec![0],
            ci_time: Vec::new(),
            ci_value: Vec::new(),
            kr_measure: Vec::new(),
            in_start: vec![0],
            in_items: Vec::new(),
            obj_ids: Vec::new(),
            kr_ids: Vec::new(),
            progress: Vec::new(),
            attainment: Vec::new(),
        };
        let mut kr_slot: Vec<Vec<u32>> = vec![Vec::new(); objs.len()];
        for &i in &order {
            for kr in g.key_results_of(&objs[i].id) {
                kr_slot[i].push(f.kr_ids.len() as u32);
                f.kr_ids.push(kr.id.clone());
                let (m, total) = match &kr.measure {
                    Measure::Numeric { start, target, .. } => (
                        FloorMeasure::Linear {
                            a: *start,
                            b: target - start,
                        },
                        1.0,
                    ),
                    Measure::Threshold {
                        bound,
                        value,
                        start,
                        ..
                    } => (
                        FloorMeasure::Threshold {
                            x: *value,
                            below: *bound == Bound::AtOrBelow,
                            start: start.unwrap_or(f64::NAN),
                        },
                        1.0,
                    ),
                    Measure::Boolean => (FloorMeasure::Direct, 1.0),
                    Measure::Milestones { milestones } => (
                        FloorMeasure::Direct,
                        milestones.iter().map(|m| m.weight).sum::<f64>(),
                    ),
                    // the floor is a plain rollup: it is built from organisations without
                    // aggregates (see `mixed`)
                    Measure::Aggregate { .. } => unreachable!("the floor takes no aggregates"),
                };
                f.kr_measure.push(m);
                for c in g.check_ins(&kr.id) {
                    f.ci_time.push(c.at.timestamp());
                    f.ci_value.push(match (&c.value, &kr.measure) {
                        (CheckInValue::Value(v), _) => *v,
                        (CheckInValue::Done(d), _) => f64::from(u8::from(*d)),
                        (CheckInValue::Milestones(done), Measure::Milestones { milestones }) => {
                            milestones
                                .iter()
                                .filter(|m| done.contains(&m.name))
                                .map(|m| m.weight)
                                .sum::<f64>()
                                / total
                        }
                        _ => f64::NAN,
                    });
                }
                f.ci_start.push(f.ci_time.len() as u32);
            }
        }
        f.nk = f.kr_ids.len();
        for &i in &order {
            let o = objs[i];
            f.obj_ids.push(o.id.clone());
            if o.rollup.counts_key_results() {
                for (&k, kr) in kr_slot[i].iter().zip(g.key_results_of(&o.id)) {
                    f.in_items.push((k, kr.weight));
                }
            }
            if o.rollup.counts_children() {
                for &(c, w) in &children[i] {
                    if objs[c].state.counts() {
                        f.in_items.push(((f.nk + pos[c]) as u32, w));
                    }
                }
            }
            f.in_start.push(f.in_items.len() as u32);
        }
        let n = f.nk + f.obj_ids.len();
        f.progress = vec![0.0; n];
        f.attainment = vec![0.0; n];
        f
    }

    /// Rolls up at the end of `day` (UTC): the timed pass.
    pub fn rollup(&mut self, day: NaiveDate) {
        let t = day
            .and_hms_nano_opt(23, 59, 59, 999_999_999)
            .expect("valid time")
            .and_utc()
            .timestamp();
        for k in 0..self.nk {
            let (s, e) = (self.ci_start[k] as usize, self.ci_start[k + 1] as usize);
            let n = self.ci_time[s..e].partition_point(|&x| x <= t);
            let cur = if n > 0 {
                Some(self.ci_value[s + n - 1])
            } else {
                None
            };
            let (p, a) = match self.kr_measure[k] {
                FloorMeasure::Linear { a, b } => {
                    let att = (cur.unwrap_or(a) - a) / b;
                    (att.clamp(0.0, 1.0), att)
                }
                FloorMeasure::Threshold { x, below, start } => {
                    let v = cur.unwrap_or(start);
                    let p = if v.is_nan() {
                        f64::NAN
                    } else if (v <= x && below) || (v >= x && !below) {
                        1.0
                    } else {
                        0.0
                    };
                    (p, p)
                }
                FloorMeasure::Direct => {
                    let p = cur.unwrap_or(0.0);
                    (p, p)
                }
            };
            self.progress[k] = p;
            self.attainment[k] = a;
        }
        for o in 0..self.obj_ids.len() {
            let (mut num, mut anum, mut den) = (0.0, 0.0, 0.0);
            for &(i, w) in &self.in_items[self.in_start[o] as usize..self.in_start[o + 1] as usize]
            {
                let p = self.progress[i as usize];
                if !p.is_nan() {
                    num += w * p;
                    anum += w * self.attainment[i as usize];
                    den += w;
                }
            }
            let (p, a) = if den > 0.0 {
                ((num / den).clamp(0.0, 1.0), anum / den)
            } else {
                (f64::NAN, f64::NAN)
            };
            self.progress[self.nk + o] = p;
            self.attainment[self.nk + o] = a;
        }
    }

    /// Progress of an objective or key result after [`rollup`](Self::rollup) (NaN when
    /// undefined), by position: objectives in `obj_ids` order.
    pub fn objective_progress(&self, i: usize) -> f64 {
        self.progress[self.nk + i]
    }

    /// Progress of the key result at position `k` of `kr_ids`.
    pub fn key_result_progress(&self, k: usize) -> f64 {
        self.progress[k]
    }
}

/// The organisation `g` with richer alignment mixed in (the shape of the alignment issue's
/// benchmark): about `share` of its key results count in an aggregate key result (a sum, one
/// per parent objective that receives any, with a conversion factor so that any unit may
/// count), taken from child objectives' first numeric key result each; and about `share` of
/// its links support instead of contributing (every link whose place in the document is a
/// multiple of `1 / share`). Deterministic.
pub fn mixed(g: &OkrGraph, share: f64) -> OkrGraph {
    let mut doc = g.to_document();
    let total: usize = doc.objectives.iter().map(|o| o.key_results.len()).sum();
    let wanted = (total as f64 * share).round() as usize;
    let index: std::collections::HashMap<String, usize> = doc
        .objectives
        .iter()
        .enumerate()
        .map(|(i, o)| (o.id.clone(), i))
        .collect();
    // (child objective, its key result, parent objective)
    let mut under = Vec::new();
    for (i, o) in doc.objectives.iter().enumerate() {
        if under.len() >= wanted {
            break;
        }
        let Some(parent) = o.parents.first().and_then(|p| index.get(&p.id)) else {
            continue;
        };
        if let Some(j) = o
            .key_results
            .iter()
            .position(|k| matches!(k.measure, okr_core::Measure::Numeric { .. }))
        {
            under.push((i, j, *parent));
        }
    }
    let every = (1.0 / share).round().max(1.0) as usize;
    let mut n = 0;
    for o in &mut doc.objectives {
        for l in &mut o.parents {
            n += 1;
            if n % every == 0 {
                l.kind = okr_core::LinkKind::Supports;
            }
        }
    }
    let mut has_aggregate = vec![false; doc.objectives.len()];
    for (i, j, p) in under {
        let agg = format!("agg-{}", doc.objectives[p].id);
        if !has_aggregate[p] {
            has_aggregate[p] = true;
            let mut kr = doc.objectives[p].key_results[0].clone();
            kr.id = agg.clone();
            kr.title = format!("Sum of the teams' results under {}", doc.objectives[p].id);
            kr.measure = okr_core::Measure::Aggregate {
                function: okr_core::AggregateFunction::Sum,
                start: 0.0,
                target: 1e6,
                unit: String::new(),
                direction: None,
            };
            kr.check_ins.clear();
            kr.plan.clear();
            kr.parent = None;
            kr.r#override = None;
            doc.objectives[p].key_results.push(kr);
        }
        doc.objectives[i].key_results[j].parent = Some(okr_core::KeyResultParent {
            id: agg,
            factor: Some(1.0),
        });
    }
    doc.into_graph_with(&okr_core::document::Limits::none())
        .expect("a valid mixed organisation")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generated_organisations_have_the_promised_shape() {
        let g = generate(10_000, 42);
        let s = OrgStats::of(&g);
        assert_eq!(s.objectives, 10_000);
        assert!((5..=7).contains(&s.depth), "depth {}", s.depth);
        let kr_per_obj = s.key_results as f64 / s.objectives as f64;
        assert!((2.7..=3.3).contains(&kr_per_obj), "{kr_per_obj}");
        let multi = s.multi_parent as f64 / s.objectives as f64;
        assert!((0.05..=0.15).contains(&multi), "{multi}");
        assert!(s.check_ins > 3 * s.key_results, "{s:?}");
        // same seed, same organisation
        assert_eq!(g.to_json(), generate(10_000, 42).to_json());
        assert_ne!(g.to_json(), generate(10_000, 43).to_json());
    }

    #[test]
    fn the_floor_computes_the_engines_progress() {
        let g = generate(3_000, 7);
        let mut f = Floor::new(&g);
        f.rollup(as_of());
        let r = g.rollup(as_of());
        let same = |a: f64, b: Option<f64>| match b {
            None => a.is_nan(),
            Some(b) => (a - b).abs() <= 1e-9,
        };
        for (i, id) in f.obj_ids.iter().enumerate() {
            let want = r.objective(id).unwrap().progress;
            assert!(same(f.objective_progress(i), want), "{id}");
        }
        for (k, id) in f.kr_ids.iter().enumerate() {
            let want = r.key_result(id).unwrap().progress;
            assert!(same(f.key_result_progress(k), want), "{id}");
        }
    }
}
