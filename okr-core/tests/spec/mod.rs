//! Random graph specs for the property tests (`properties.rs`, `document_properties.rs`,
//! `link_properties.rs`): a spec is drawn by proptest and built into a graph; the values come
//! from a grid, from decimals, from anything finite, or from the extremes of `f64`.

// Tests sort with std; okr-core/clippy.toml steers only the library to `crate::sort`.
#![allow(clippy::disallowed_methods, dead_code)]

use std::collections::HashSet;

use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};
use okr_core::{
    AsOf, Bound, CheckIn, CheckInValue, Cycle, Direction, Extra, KeyResult, Measure, Milestone,
    Objective, ObjectiveState, OkrGraph, Owner, RollupConfig, RollupMode,
};
use proptest::prelude::*;
use proptest::sample::Index;

// ----- random graph specs ---------------------------------------------------------------

pub const WEIGHTS: [f64; 5] = [0.0, 0.5, 1.0, 2.0, 3.0];
pub const STATES: [ObjectiveState; 5] = [
    ObjectiveState::Active,
    ObjectiveState::Active,
    ObjectiveState::Closed,
    ObjectiveState::Draft,
    ObjectiveState::Abandoned,
];
pub const MODES: [RollupMode; 3] = [
    RollupMode::Both,
    RollupMode::KeyResults,
    RollupMode::Children,
];

pub fn cycle_period(c: usize) -> (NaiveDate, NaiveDate) {
    let ymd = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
    match c {
        0 => (ymd(2026, 10, 1), ymd(2026, 12, 31)),
        _ => (ymd(2026, 11, 15), ymd(2027, 2, 28)),
    }
}

pub fn base_time() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 9, 20, 0, 0, 0).unwrap()
}

#[derive(Debug, Clone)]
pub enum MSpec {
    Numeric {
        start: i32,
        delta: i32,
        declare: bool,
    },
    Threshold {
        above: bool,
        value: f64,
        start: Option<f64>,
    },
    Boolean,
    Milestones {
        weights: Vec<f64>,
    },
    /// Extreme values: any finite start and target (distinct).
    NumericF {
        start: f64,
        target: f64,
    },
}

#[derive(Debug, Clone)]
pub struct KrSpec {
    pub obj: Index,
    pub m: MSpec,
    pub w: usize,
    pub due: Option<u8>,
}

#[derive(Debug, Clone)]
pub struct CiSpec {
    pub kr: Index,
    /// Offset from `base_time`.
    pub nanos: i64,
    pub v: f64,
    /// Extreme values: for a numeric key result, the value `start + frac (target - start)`
    /// instead of `v` (computed as `start (1 - frac) + target frac`; `v` if that overflows).
    pub frac: Option<f64>,
    pub b: bool,
    pub mask: u8,
    pub conf: Option<f64>,
}

#[derive(Debug, Clone)]
pub struct Spec {
    /// The weights that key results and links pick from (`WEIGHTS`, or extreme ones).
    pub weights: Vec<f64>,
    pub perm: Vec<usize>,
    pub flip: bool,
    pub edges: Vec<(usize, usize, usize)>,
    pub objs: Vec<(usize, usize, usize)>,
    pub krs: Vec<KrSpec>,
    pub cis: Vec<CiSpec>,
    /// Days after `base_time`, and an optional time of day in seconds (else "as of a date").
    pub as_of: (i64, Option<u32>),
    pub cfg: RollupConfig,
    /// Structural change half way through the check-ins (objective index, new state).
    pub midway: Option<(Index, usize)>,
}

/// A finite number of any magnitude: the extremes (±f64::MAX, ±1e308, subnormals, 0) often,
/// any bit pattern sometimes, ordinary numbers too.
pub fn extreme() -> impl Strategy<Value = f64> {
    let special = prop_oneof![
        Just(0.0),
        Just(5e-324),
        Just(1e-320),
        Just(f64::MIN_POSITIVE),
        Just(1e-300),
        Just(1e-10),
        Just(1.0),
        Just(3.0),
        Just(1e10),
        Just(1e300),
        Just(1e308),
        Just(f64::MAX),
    ];
    let signed = (special, any::<bool>()).prop_map(|(x, neg)| if neg { -x } else { x });
    prop_oneof![
        4 => signed,
        2 => any::<u64>()
            .prop_map(f64::from_bits)
            .prop_filter("finite", |x| x.is_finite()),
        1 => (-60i32..160).prop_map(f64::from),
    ]
}

/// A weight of any magnitude (`>= 0`), often 0 or an extreme.
pub fn extreme_weight() -> impl Strategy<Value = f64> {
    extreme().prop_map(f64::abs)
}

pub fn mspec(vals: Vals) -> BoxedStrategy<MSpec> {
    if let Vals::Extreme = vals {
        return prop_oneof![
            3 => (extreme(), extreme())
                .prop_filter("distinct", |(s, t)| s != t)
                .prop_map(|(start, target)| MSpec::NumericF { start, target }),
            1 => (any::<bool>(), extreme(), proptest::option::of(extreme()))
                .prop_map(|(above, value, start)| MSpec::Threshold { above, value, start }),
            1 => Just(MSpec::Boolean),
            2 => proptest::collection::vec(extreme_weight(), 1..5)
                .prop_filter("some weight", |w| w.iter().any(|&x| x > 0.0))
                .prop_map(|weights| MSpec::Milestones { weights }),
        ]
        .boxed();
    }
    prop_oneof![
        (
            -40i32..40,
            prop_oneof![-60i32..=-1, 1i32..=60],
            any::<bool>()
        )
            .prop_map(|(start, delta, declare)| MSpec::Numeric {
                start,
                delta,
                declare
            }),
        (
            any::<bool>(),
            -20i32..120,
            proptest::option::of(-20i32..120)
        )
            .prop_map(|(above, value, start)| MSpec::Threshold {
                above,
                value: f64::from(value) / 2.0,
                start: start.map(|s| f64::from(s) / 2.0),
            }),
        Just(MSpec::Boolean),
        proptest::collection::vec(0u8..4, 1..5)
            .prop_filter("some weight", |w| w.iter().any(|&x| x > 0))
            .prop_map(|weights| MSpec::Milestones {
                weights: weights.into_iter().map(f64::from).collect()
            }),
    ]
    .boxed()
}

/// How check-in values and confidences are drawn.
#[derive(Debug, Clone, Copy)]
pub enum Vals {
    /// Halves on a coarse grid.
    Grid,
    /// Any finite value in a range, with all 17 significant digits.
    Full,
    /// Decimals of at most 15 significant digits (exact through any JSON parser).
    Decimal,
    /// Extreme finite values everywhere: weights, measures and check-in values of any
    /// magnitude (see `extreme`).
    Extreme,
}

pub fn ci_spec(vals: Vals) -> impl Strategy<Value = CiSpec> {
    let v = match vals {
        Vals::Grid => (-60i32..160).prop_map(|v| v as f64 / 2.0).boxed(),
        Vals::Full => prop_oneof![-1e6f64..1e6, (-60i32..160).prop_map(f64::from)].boxed(),
        Vals::Decimal => decimal().boxed(),
        Vals::Extreme => extreme().boxed(),
    };
    let frac = match vals {
        Vals::Extreme => proptest::option::of(prop_oneof![
            Just(0.0),
            Just(1.0),
            Just(0.5),
            -1.0f64..2.0,
            Just(1e-300),
        ])
        .boxed(),
        _ => Just(None).boxed(),
    };
    let conf = match vals {
        Vals::Decimal => (0u32..=1000).prop_map(|c| c as f64 / 1000.0).boxed(),
        _ => prop_oneof![Just(0.0), Just(1.0), 0.0f64..=1.0].boxed(),
    };
    (
        any::<Index>(),
        0i64..(170 * 86_400 * 1_000_000_000i64),
        v,
        any::<bool>(),
        any::<u8>(),
        proptest::option::of(conf),
        frac,
    )
        .prop_map(|(kr, nanos, v, b, mask, conf, frac)| CiSpec {
            kr,
            nanos,
            v,
            frac,
            b,
            mask,
            conf,
        })
}

/// A decimal with at most 15 significant digits.
pub fn decimal() -> impl Strategy<Value = f64> {
    (-999_999_999_999i64..999_999_999_999, 0u32..7)
        .prop_map(|(m, e)| m as f64 / 10f64.powi(e as i32))
}

pub fn spec(max_n: usize, vals: Vals) -> impl Strategy<Value = Spec> {
    (1..=max_n).prop_flat_map(move |n| {
        let cfg = (
            0usize..3,
            0usize..3,
            prop_oneof![Just(0u32), Just(3), Just(14)],
        )
            .prop_map(|(o, r, s)| {
                let on = [0.0, 0.1, 0.2][o];
                RollupConfig {
                    on_track_margin: on,
                    at_risk_margin: on + [0.0, 0.15, 0.3][r],
                    stale_days: s,
                }
            });
        let weights = match vals {
            Vals::Extreme => proptest::collection::vec(extreme_weight(), WEIGHTS.len()).boxed(),
            _ => Just(WEIGHTS.to_vec()).boxed(),
        };
        (
            weights,
            Just((0..n).collect::<Vec<_>>()).prop_shuffle(),
            any::<bool>(),
            proptest::collection::vec((0..n, 0..n, 0..WEIGHTS.len()), 0..=2 * n + 2),
            proptest::collection::vec((0..STATES.len(), 0..MODES.len(), 0usize..2), n),
            proptest::collection::vec(
                (
                    any::<Index>(),
                    mspec(vals),
                    0..WEIGHTS.len(),
                    proptest::option::of(0u8..120),
                )
                    .prop_map(|(obj, m, w, due)| KrSpec { obj, m, w, due }),
                0..=2 * n + 1,
            ),
            proptest::collection::vec(ci_spec(vals), 0..24),
            (0i64..170, proptest::option::of(0u32..86_400)),
            cfg,
            proptest::option::of((any::<Index>(), 0..STATES.len())),
        )
            .prop_map(
                |(weights, perm, flip, edges, objs, krs, cis, as_of, cfg, midway)| Spec {
                    weights,
                    perm,
                    flip,
                    edges,
                    objs,
                    krs,
                    cis,
                    as_of,
                    cfg,
                    midway,
                },
            )
    })
}

impl Spec {
    pub fn n(&self) -> usize {
        self.perm.len()
    }
    pub fn oid(&self, i: usize) -> String {
        format!("o{}", self.perm[i])
    }
    pub fn as_of(&self) -> AsOf {
        let day = (base_time() + Duration::days(self.as_of.0)).date_naive();
        match self.as_of.1 {
            None => AsOf::from(day),
            Some(s) => AsOf::from(
                day.and_hms_opt(0, 0, 0).unwrap().and_utc() + Duration::seconds(s as i64),
            ),
        }
    }
    /// The distinct (child, parent, weight) links, oriented so the graph is a DAG.
    pub fn links(&self) -> Vec<(usize, usize, f64)> {
        let mut seen = HashSet::new();
        let mut out = Vec::new();
        for &(a, b, w) in &self.edges {
            if a == b {
                continue;
            }
            let (lo, hi) = (a.min(b), a.max(b));
            let (child, parent) = if self.flip { (hi, lo) } else { (lo, hi) };
            if seen.insert((child, parent)) {
                out.push((child, parent, self.weights[w]));
            }
        }
        out
    }
    pub fn measure(&self, k: usize) -> Measure {
        match &self.krs[k].m {
            MSpec::Numeric {
                start,
                delta,
                declare,
            } => Measure::Numeric {
                start: *start as f64 / 4.0,
                target: (*start + *delta) as f64 / 4.0,
                unit: String::new(),
                direction: declare.then_some(if *delta > 0 {
                    Direction::Increase
                } else {
                    Direction::Decrease
                }),
            },
            MSpec::Threshold {
                above,
                value,
                start,
            } => Measure::Threshold {
                bound: if *above {
                    Bound::AtOrAbove
                } else {
                    Bound::AtOrBelow
                },
                value: *value,
                unit: "u".into(),
                start: *start,
            },
            MSpec::Boolean => Measure::Boolean,
            MSpec::Milestones { weights } => Measure::Milestones {
                milestones: weights
                    .iter()
                    .enumerate()
                    .map(|(i, &w)| Milestone {
                        name: format!("m{i}"),
                        weight: w,
                    })
                    .collect(),
            },
            MSpec::NumericF { start, target } => Measure::Numeric {
                start: *start,
                target: *target,
                unit: String::new(),
                direction: None,
            },
        }
    }
    pub fn kr_obj(&self, k: usize) -> usize {
        self.krs[k].obj.index(self.n())
    }
    pub fn kr_due(&self, k: usize) -> Option<NaiveDate> {
        let cycle = self.objs[self.kr_obj(k)].2;
        self.krs[k]
            .due
            .map(|o| cycle_period(cycle).0 + Duration::days(o as i64))
    }
    /// The check-ins as (key result index, check-in); none without key results.
    pub fn check_ins(&self) -> Vec<(usize, CheckIn)> {
        if self.krs.is_empty() {
            return Vec::new();
        }
        self.cis
            .iter()
            .map(|c| {
                let k = c.kr.index(self.krs.len());
                let value = match &self.krs[k].m {
                    MSpec::NumericF { start, target } => CheckInValue::Value(
                        // outside [0, 1] the interpolation can overflow: then `v`
                        c.frac
                            .map(|f| start * (1.0 - f) + target * f)
                            .filter(|v| v.is_finite())
                            .unwrap_or(c.v),
                    ),
                    MSpec::Numeric { .. } | MSpec::Threshold { .. } => CheckInValue::Value(c.v),
                    MSpec::Boolean => CheckInValue::Done(c.b),
                    MSpec::Milestones { weights } => CheckInValue::Milestones(
                        (0..weights.len())
                            .filter(|i| c.mask & (1 << i) != 0)
                            .map(|i| format!("m{i}"))
                            .collect(),
                    ),
                };
                let ci = CheckIn {
                    at: base_time() + Duration::nanoseconds(c.nanos),
                    value,
                    confidence: c.conf,
                    note: None,
                    author: None,
                    extra: Extra::new(),
                };
                (k, ci)
            })
            .collect()
    }

    /// The graph's structure (owners, cycles, objectives in label order, links, key results),
    /// without check-ins.
    pub fn build(&self) -> OkrGraph {
        let mut g = OkrGraph::new();
        g.add_owner(Owner::new("own", "Owner", "organisation"))
            .unwrap();
        for c in 0..2 {
            let (s, e) = cycle_period(c);
            g.add_cycle(Cycle::new(format!("c{c}"), s, e)).unwrap();
        }
        let mut by_label: Vec<usize> = (0..self.n()).collect();
        by_label.sort_by_key(|&i| self.perm[i]);
        for i in by_label {
            let (st, mode, cycle) = self.objs[i];
            let mut o = Objective::new(
                self.oid(i),
                format!("Objective {i}"),
                "own",
                format!("c{cycle}"),
            );
            o.state = STATES[st];
            o.rollup = MODES[mode];
            g.add_objective(o).unwrap();
        }
        let mut tried = HashSet::new();
        for &(a, b, w) in &self.edges {
            if a == b {
                continue;
            }
            let (lo, hi) = (a.min(b), a.max(b));
            let (child, parent) = if self.flip { (hi, lo) } else { (lo, hi) };
            let r = g.link(&self.oid(child), &self.oid(parent), self.weights[w]);
            if tried.insert((child, parent)) {
                r.unwrap();
            } else {
                assert_eq!(r.unwrap_err().code(), "already_linked");
            }
        }
        for k in 0..self.krs.len() {
            let mut kr = KeyResult::new(
                format!("k{k}"),
                format!("KR {k}"),
                self.oid(self.kr_obj(k)),
                self.measure(k),
            )
            .with_weight(self.weights[self.krs[k].w]);
            kr.due = self.kr_due(k);
            g.add_key_result(kr).unwrap();
        }
        g
    }
}

pub fn snapshot(r: &okr_core::Rollup) -> Vec<(String, okr_core::NodeValues)> {
    let mut v: Vec<_> = r.nodes().map(|n| (n.id.to_string(), n.values)).collect();
    v.sort_by(|a, b| a.0.cmp(&b.0));
    v
}

pub fn opt_close(a: Option<f64>, b: Option<f64>) -> bool {
    match (a, b) {
        (None, None) => true,
        (Some(a), Some(b)) => (a - b).abs() <= 1e-9 * (1.0 + a.abs().max(b.abs())),
        _ => false,
    }
}

/// Acyclic: no objective reaches itself through one or more steps.
pub fn is_acyclic(g: &okr_core::OkrGraph) -> bool {
    // colour DFS over parents_of
    fn visit(
        g: &okr_core::OkrGraph,
        n: &str,
        colour: &mut std::collections::HashMap<String, u8>,
    ) -> bool {
        match colour.get(n) {
            Some(1) => return false,
            Some(2) => return true,
            _ => {}
        }
        colour.insert(n.to_string(), 1);
        for (p, _) in g.parents_of(n) {
            if !visit(g, p, colour) {
                return false;
            }
        }
        colour.insert(n.to_string(), 2);
        true
    }
    let mut colour = std::collections::HashMap::new();
    let ids: Vec<String> = g.objectives().map(|o| o.id.clone()).collect();
    ids.iter().all(|id| visit(g, id, &mut colour))
}
