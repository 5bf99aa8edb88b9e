//! A patched layout equals the layout built anew, field by field; a rollup kept across
//! changes of values equals a fresh one; a snapshot kept meanwhile does not move.

use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};
use proptest::prelude::*;

use crate::model::{Bound, ManualOverride, ObjectiveState, RollupMode};
use crate::rollup::Layout;
use crate::{
    CheckIn, Cycle, KeyResult, KeyResultPatch, LiveRollup, Measure, Objective, ObjectivePatch,
    OkrGraph, Owner, Revise, Rollup,
};

/// A small random number generator (xorshift): the graphs follow from one seed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn pick<T: Clone>(&mut self, items: &[T]) -> T {
        items[self.below(items.len())].clone()
    }
}

/// Weights that exercise the scale: zero, ordinary, tiny, huge, subnormal.
const WEIGHTS: [f64; 12] = [
    0.0, 0.5, 1.0, 1.0, 2.0, 3.0, 7.0, 1e-300, 1e300, 5e-324, 1.7e308, 0.75,
];
const STATES: [ObjectiveState; 4] = [
    ObjectiveState::Draft,
    ObjectiveState::Active,
    ObjectiveState::Closed,
    ObjectiveState::Abandoned,
];

fn day(m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, m, d).unwrap()
}

fn at(m: u32, d: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, m, d, 9, 0, 0).unwrap()
}

fn measure(rng: &mut Rng) -> Measure {
    match rng.below(4) {
        0 => Measure::numeric(0.0, 100.0),
        1 => Measure::numeric(100.0, 20.0),
        2 => Measure::Threshold {
            bound: Bound::AtOrAbove,
            value: 50.0,
            unit: String::new(),
            start: rng.pick(&[None, Some(10.0)]),
        },
        _ => Measure::numeric(-5.0, rng.pick(&[1e6, 5.0, 1e300])),
    }
}

fn company(seed: u64) -> OkrGraph {
    let mut rng = Rng(seed | 1);
    let mut g = OkrGraph::new();
    g.add_owner(Owner::new("o", "O", "team")).unwrap();
    g.add_cycle(Cycle::new("q4", day(10, 1), day(12, 31)))
        .unwrap();
    g.add_cycle(Cycle::new("h2", day(7, 1), day(12, 20)))
        .unwrap();
    let n = 1 + rng.below(24);
    for i in 0..n {
        let mut o = Objective::new(format!("o{i}"), "Objective", "o", rng.pick(&["q4", "h2"]));
        o.state = rng.pick(&STATES);
        o.rollup = rng.pick(&[
            RollupMode::Both,
            RollupMode::Both,
            RollupMode::Children,
            RollupMode::KeyResults,
        ]);
        if rng.below(6) == 0 {
            o.r#override = Some(ManualOverride::new(0.8));
        }
        g.add_objective(o).unwrap();
        // links to earlier objectives only: acyclic
        for _ in 0..rng.below(3).min(i) {
            let parent = format!("o{}", rng.below(i));
            let _ = g.link(&format!("o{i}"), &parent, rng.pick(&WEIGHTS));
        }
        // sometimes more inputs than a block, to exercise the block sums
        let block = rng.below(4) == 0;
        let krs = if block { 70 } else { rng.below(4) };
        for j in 0..krs {
            let mut kr = KeyResult::new(
                format!("k{i}-{j}"),
                "KR",
                format!("o{i}"),
                measure(&mut rng),
            );
            // ordinary weights for most key results of a long list, so that changes of the
            // largest scale them anew rather than making the objective wide
            kr.weight = if block && j > 0 {
                rng.pick(&[0.5, 1.0, 2.0, 3.0])
            } else {
                rng.pick(&WEIGHTS)
            };
            kr.due = rng.pick(&[None, Some(day(11, 15)), Some(day(12, 31))]);
            if rng.below(8) == 0 {
                kr.r#override = Some(ManualOverride::new(1.2));
            }
            let id = kr.id.clone();
            g.add_key_result(kr).unwrap();
            for c in 0..rng.below(3) {
                let ci = CheckIn::value(at(10, 5 + c as u32 * 9), rng.below(120) as f64);
                g.check_in(&id, ci.with_confidence(0.5)).unwrap();
            }
        }
    }
    g
}

/// One random change, valid or not (an invalid one must change nothing).
fn change(g: &mut OkrGraph, rng: &mut Rng, when: DateTime<Utc>) -> crate::Result<()> {
    let meta = Revise::at(when).by("tester");
    let krs: Vec<String> = g.key_results().map(|k| k.id.clone()).collect();
    let objectives: Vec<String> = g.objectives().map(|o| o.id.clone()).collect();
    let links: Vec<(String, String)> = objectives
        .iter()
        .flat_map(|c| {
            g.parents_of(c)
                .into_iter()
                .map(move |(p, _)| (c.clone(), p.to_string()))
        })
        .collect();
    let kr = |rng: &mut Rng| rng.pick(&krs);
    let obj = |rng: &mut Rng| rng.pick(&objectives);
    let kp = KeyResultPatch::default;
    let op = ObjectivePatch::default;
    match rng.below(12) {
        0 | 1 if !krs.is_empty() => {
            let w = if rng.below(2) == 0 {
                rng.pick(&WEIGHTS)
            } else {
                rng.pick(&[0.25, 1.0, 4.0, 16.0])
            };
            let p = KeyResultPatch {
                weight: Some(w),
                ..kp()
            };
            g.revise_key_result(&kr(rng), p, meta)
        }
        2 if !krs.is_empty() => {
            let p = KeyResultPatch {
                measure: Some(measure(rng)),
                ..kp()
            };
            g.revise_key_result(&kr(rng), p, meta)
        }
        3 if !krs.is_empty() => {
            let p = KeyResultPatch {
                due: Some(rng.pick(&[None, Some(day(10, 20)), Some(day(12, 1))])),
                ..kp()
            };
            g.revise_key_result(&kr(rng), p, meta)
        }
        4 if !krs.is_empty() => {
            let p = KeyResultPatch {
                r#override: Some(rng.pick(&[None, Some(ManualOverride::new(0.3))])),
                ..kp()
            };
            g.revise_key_result(&kr(rng), p, meta)
        }
        5 | 6 => {
            let p = ObjectivePatch {
                state: Some(rng.pick(&STATES)),
                ..op()
            };
            g.revise_objective(&obj(rng), p, meta)
        }
        7 => {
            let p = ObjectivePatch {
                cycle: Some(rng.pick(&["q4", "h2"]).to_string()),
                ..op()
            };
            g.revise_objective(&obj(rng), p, meta)
        }
        8 => {
            let p = ObjectivePatch {
                r#override: Some(rng.pick(&[None, Some(ManualOverride::new(1.1))])),
                ..op()
            };
            g.revise_objective(&obj(rng), p, meta)
        }
        9 | 10 if !links.is_empty() => {
            let (c, p) = rng.pick(&links);
            g.set_link_weight_at(&c, &p, rng.pick(&WEIGHTS), meta)
        }
        // a change of structure now and then: the patches start again on a new layout
        _ => {
            let p = ObjectivePatch {
                rollup: Some(RollupMode::Children),
                title: Some("t".into()),
                ..op()
            };
            g.revise_objective(&obj(rng), p, meta)
        }
    }
}

/// Every field of a layout but its id, as text (floats in Rust's exact notation).
fn fields(l: &Layout) -> String {
    format!(
        "{:?}|{:?}|{:?}|{:?}|{:?}|{:?}|{:?}|{:?}|{:?}|{:?}|{:?}|{:?}|{:?}|{:?}|{:?}|{:?}|{:?}|{:?}",
        l.obj_ids.iter().collect::<Vec<_>>(),
        l.obj,
        l.pos_of_dense,
        l.child_items,
        l.parent_items,
        l.obj_scale,
        l.kr_ids.iter().collect::<Vec<_>>(),
        l.kr_slot,
        l.kr_graph_index,
        l.kr_obj,
        l.kr_weight,
        l.wide_weights,
        l.kr_period,
        l.kr_measure,
        l.kr_manual,
        l.obj_manual,
        l.kr_plan,
        l.plan_points,
    )
}

fn figures(r: &Rollup) -> String {
    format!("{:?}", r.nodes().collect::<Vec<_>>())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn patched_layouts_and_kept_rollups_equal_fresh_ones(
        seed in any::<u64>(),
        steps in 1usize..40,
        keep_snapshot in any::<bool>(),
    ) {
        let as_of = at(12, 10);
        let mut live = LiveRollup::new(company(seed), as_of).unwrap();
        let snapshot = keep_snapshot.then(|| live.graph().rollup(as_of));
        let before = snapshot.as_ref().map(figures);
        let mut rng = Rng(seed.rotate_left(17) | 1);
        for i in 0..steps {
            let when = at(12, 1) + Duration::seconds(i as i64);
            let json = live.graph().to_json();
            let result = live.edit(|g| change(g, &mut rng, when));
            if result.is_err() {
                prop_assert_eq!(live.graph().to_json(), json, "a failed change changes nothing");
            }
            let fresh = live.graph().rollup(as_of);
            prop_assert_eq!(figures(live.rollup()), figures(&fresh), "step {}: {:?}", i, result);
            let g = live.graph();
            if let Some(kept) = g.cache.built_layout() {
                prop_assert_eq!(fields(kept), fields(&Layout::build(&g.store)), "step {}", i);
            }
        }
        if let (Some(s), Some(before)) = (snapshot, before) {
            prop_assert_eq!(figures(&s), before, "a snapshot kept meanwhile stays as it was");
        }
    }
}

#[test]
fn changes_of_values_patch_the_layout_in_place_and_structure_builds_a_new_one() {
    let mut g = OkrGraph::new();
    g.add_owner(Owner::new("o", "O", "team")).unwrap();
    g.add_cycle(Cycle::new("q4", day(10, 1), day(12, 31)))
        .unwrap();
    g.add_objective(Objective::new("top", "Top", "o", "q4"))
        .unwrap();
    g.add_objective(Objective::new("sub", "Sub", "o", "q4"))
        .unwrap();
    g.link("sub", "top", 1.0).unwrap();
    g.add_key_result(KeyResult::new("a", "A", "sub", Measure::numeric(0.0, 10.0)))
        .unwrap();
    g.add_key_result(KeyResult::new("b", "B", "sub", Measure::numeric(0.0, 10.0)))
        .unwrap();
    g.check_in("a", CheckIn::value(at(11, 1), 5.0)).unwrap();
    let as_of = at(12, 10);
    let mut live = LiveRollup::new(g, as_of).unwrap();
    let id = live.rollup().layout().id;
    let weight = |w| KeyResultPatch {
        weight: Some(w),
        ..KeyResultPatch::default()
    };
    live.edit(|g| g.revise_key_result("a", weight(3.0), Revise::at(at(12, 1))))
        .unwrap();
    assert_eq!(live.rollup().layout().id, id, "patched in place");
    assert_eq!(
        live.rollup().objective("sub").unwrap().progress,
        Some(0.375)
    );
    let state = ObjectivePatch {
        state: Some(ObjectiveState::Draft),
        ..ObjectivePatch::default()
    };
    live.edit(|g| g.revise_objective("sub", state, Revise::at(at(12, 2))))
        .unwrap();
    assert_eq!(live.rollup().layout().id, id, "a state is a value too");
    assert_eq!(live.rollup().objective("top").unwrap().progress, None);
    live.edit(|g| g.unlink_at("sub", "top", Revise::at(at(12, 3))))
        .unwrap();
    assert_ne!(live.rollup().layout().id, id, "a link removed is structure");
    // a snapshot kept while a value changes keeps its figures: the graph patches a copy
    let snapshot = live.graph().rollup(as_of);
    let before = figures(&snapshot);
    live.edit(|g| g.revise_key_result("b", weight(0.0), Revise::at(at(12, 4))))
        .unwrap();
    assert_eq!(figures(&snapshot), before);
    assert_eq!(figures(live.rollup()), figures(&live.graph().rollup(as_of)));
}

#[test]
fn an_objective_with_long_lists_follows_its_state_and_the_scale_of_its_weights() {
    let mut g = OkrGraph::new();
    g.add_owner(Owner::new("o", "O", "team")).unwrap();
    g.add_cycle(Cycle::new("q4", day(10, 1), day(12, 31)))
        .unwrap();
    let mut long = Objective::new("long", "Long", "o", "q4");
    long.state = ObjectiveState::Draft;
    g.add_objective(long).unwrap();
    // 100 key results without a check-in (stale once the objective is active), summed in
    // blocks of 64; the last one weighs the most
    for j in 0..100 {
        let mut kr = KeyResult::new(format!("k{j}"), "KR", "long", Measure::numeric(0.0, 10.0));
        kr.weight = if j == 99 { 8.0 } else { 1.0 };
        g.add_key_result(kr).unwrap();
    }
    g.check_in("k99", CheckIn::value(at(10, 2), 10.0)).unwrap();
    let as_of = at(12, 10);
    let mut live = LiveRollup::new(g, as_of).unwrap();
    assert!(!live.rollup().objective("long").unwrap().stale);
    let state = ObjectivePatch {
        state: Some(ObjectiveState::Active),
        ..ObjectivePatch::default()
    };
    live.edit(|g| g.revise_objective("long", state, Revise::at(at(12, 1))))
        .unwrap();
    assert!(
        live.rollup().objective("long").unwrap().stale,
        "every key result is quiet"
    );
    let weight = KeyResultPatch {
        weight: Some(1.0),
        ..KeyResultPatch::default()
    };
    live.edit(|g| g.revise_key_result("k99", weight, Revise::at(at(12, 2))))
        .unwrap();
    assert_eq!(
        live.rollup().objective("long").unwrap().progress,
        Some(0.01)
    );
    assert_eq!(figures(live.rollup()), figures(&live.graph().rollup(as_of)));
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]

    /// The layout at an earlier time patched back from the latest one (`Layout::before`)
    /// equals the layout built for the state then, field by field, whenever every revision
    /// since changed values only; and a rollup at each earlier time equals the rollup of the
    /// state built then.
    #[test]
    fn layouts_patched_back_equal_the_layouts_built_for_that_time(
        seed in any::<u64>(),
        steps in 1usize..30,
    ) {
        let mut g = company(seed);
        let mut rng = Rng(seed.rotate_left(29) | 1);
        let first = at(12, 1);
        for i in 0..steps {
            let _ = change(&mut g, &mut rng, first + Duration::seconds(i as i64));
        }
        let latest = g.cache.layout(&g.store);
        let wide = |l: &Layout| l.obj.iter().any(|o| o.wide());
        for n in 0..g.revision_count() {
            let built = Layout::build(&g.store.state_after(n));
            match latest.before(&g.store, n) {
                Some(l) => prop_assert_eq!(fields(&l), fields(&built), "after {} revisions", n),
                // only after a change of structure, or with weights too wide for one scale
                None => prop_assert!(
                    g.store.history.values_after(n).is_none() || wide(&built) || wide(&latest),
                    "not patched back over {} revisions", n
                ),
            }
        }
        for i in 0..g.revision_count() {
            // just before the i-th change: i - 1 changes in force... and just after
            for t in [first + Duration::seconds(i as i64) - Duration::nanoseconds(1), first + Duration::seconds(i as i64)] {
                let then = g.at(t);
                let want = then.rollup(t);
                prop_assert_eq!(figures(&g.rollup(t)), figures(&want), "at {}", t);
            }
        }
    }
}

/// A check-in made inside `LiveRollup::edit` (found by the fuzzer: the rollup caught up with
/// the changes of values and missed the check-in).
#[test]
fn a_check_in_inside_edit_is_caught_up_with() {
    let mut g = OkrGraph::new();
    g.add_owner(Owner::new("o", "O", "team")).unwrap();
    g.add_cycle(Cycle::new("q4", day(10, 1), day(12, 31)))
        .unwrap();
    g.add_objective(Objective::new("top", "Top", "o", "q4"))
        .unwrap();
    g.add_key_result(KeyResult::new("a", "A", "top", Measure::numeric(0.0, 10.0)))
        .unwrap();
    let as_of = at(12, 10);
    let mut live = LiveRollup::new(g, as_of).unwrap();
    live.edit(|g| g.check_in("a", CheckIn::value(at(11, 1), 5.0)))
        .unwrap();
    assert_eq!(live.rollup().objective("top").unwrap().progress, Some(0.5));
    let weight = KeyResultPatch {
        weight: Some(2.0),
        ..KeyResultPatch::default()
    };
    live.edit(|g| {
        g.check_in("a", CheckIn::value(at(11, 2), 8.0))?;
        g.revise_key_result("a", weight, Revise::at(at(12, 1)))
    })
    .unwrap();
    assert_eq!(live.rollup().objective("top").unwrap().progress, Some(0.8));
    assert_eq!(figures(live.rollup()), figures(&live.graph().rollup(as_of)));
}
