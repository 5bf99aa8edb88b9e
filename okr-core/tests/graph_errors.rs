//! Every mutation's error cases: the error code, the ids it names, and atomicity (a failed
//! call leaves `to_json()` and a rollup exactly as they were).

mod common;

use common::*;
use okr_core::{
    CheckIn, Cycle, Direction, EntityKind, KeyResult, Measure, NodeKind, NodeValues, Objective,
    OkrError, OkrGraph, Owner, Result,
};

/// Owners `o` > `o2`, `p`; cycles `year` > `q`; objectives `a` <- `b` <- `c` (b under a, c
/// under b) plus a loose `d`; key results of every kind, with check-ins.
fn fixture() -> OkrGraph {
    let mut g = OkrGraph::new();
    g.add_owner(Owner::new("o", "Org", "organisation")).unwrap();
    g.add_owner(Owner::new("o2", "Team", "team").with_parent("o"))
        .unwrap();
    g.add_owner(Owner::new("p", "Person", "person")).unwrap();
    let mut year = Cycle::new("year", d(1, 1), d(12, 31));
    year.name = "FY".into();
    g.add_cycle(year).unwrap();
    let mut q = Cycle::new("q", d(10, 1), d(12, 31));
    q.parent = Some("year".into());
    g.add_cycle(q).unwrap();
    for id in ["a", "b", "c", "d"] {
        g.add_objective(Objective::new(id, id.to_uppercase(), "o", "q"))
            .unwrap();
    }
    g.link("b", "a", 1.0).unwrap();
    g.link("c", "b", 2.0).unwrap();
    kr(&mut g, "n", "a", Measure::numeric(0.0, 10.0));
    kr(
        &mut g,
        "th",
        "b",
        threshold(okr_core::Bound::AtOrBelow, 5.0, None),
    );
    kr(&mut g, "bo", "c", Measure::Boolean);
    kr(&mut g, "ms", "c", milestones(&[("x", 1.0), ("y", 2.0)]));
    let mut owned = KeyResult::new("owned", "Owned", "d", Measure::numeric(10.0, 0.0));
    owned.owner = Some("p".into());
    g.add_key_result(owned).unwrap();
    g.check_in("n", val(t(11, 1, 0, 0), 4.0)).unwrap();
    g.check_in("th", val(t(11, 1, 0, 0), 4.0)).unwrap();
    g.check_in("bo", done(t(11, 2, 0, 0), true)).unwrap();
    g.check_in("ms", ms_done(t(11, 3, 0, 0), &["y"])).unwrap();
    // changes after creation take effect at an early time: the rollups see them
    g.set_clock(Some(okr_core::Revise::on(d(1, 1))));
    g
}

type Snapshot = Vec<(String, NodeKind, NodeValues)>;

fn rollup_snapshot(g: &OkrGraph) -> Snapshot {
    g.rollup(d(11, 15))
        .nodes()
        .map(|n| (n.id.to_string(), n.kind, n.values))
        .collect()
}

/// Runs `op`, expects an error with `code` naming `ids`, and checks nothing changed.
#[track_caller]
fn fails<T: std::fmt::Debug>(
    g: &mut OkrGraph,
    code: &str,
    ids: &[&str],
    op: impl FnOnce(&mut OkrGraph) -> Result<T>,
) -> OkrError {
    let json = g.to_json();
    let roll = rollup_snapshot(g);
    let err = op(g).expect_err("the operation should fail");
    assert_eq!(err.code(), code, "{err}");
    assert_eq!(err.ids().collect::<Vec<_>>(), ids, "{err}");
    assert_eq!(g.to_json(), json, "failed call changed the graph: {err}");
    assert_eq!(
        rollup_snapshot(g),
        roll,
        "failed call changed the rollup: {err}"
    );
    // the message is a non-empty sentence
    assert!(!err.to_string().is_empty());
    err
}

// ----- owners ---------------------------------------------------------------------------

#[test]
fn add_owner_errors() {
    let mut g = fixture();
    fails(&mut g, "duplicate_id", &["o"], |g| {
        g.add_owner(Owner::new("o", "Again", "team"))
    });
    fails(&mut g, "unknown_id", &["ghost"], |g| {
        g.add_owner(Owner::new("new", "New", "team").with_parent("ghost"))
    });
    // a self-parent refers to an owner that does not exist yet
    fails(&mut g, "unknown_id", &["self"], |g| {
        g.add_owner(Owner::new("self", "Me", "team").with_parent("self"))
    });
    fails(&mut g, "invalid_value", &[], |g| {
        g.add_owner(Owner::new("  ", "Blank", "team"))
    });
}

#[test]
fn remove_owner_errors() {
    let mut g = fixture();
    fails(&mut g, "unknown_id", &["ghost"], |g| {
        g.remove_owner("ghost")
    });
    // o has child owner o2 and objectives
    let e = fails(&mut g, "in_use", &["o"], |g| g.remove_owner("o"));
    assert!(
        matches!(&e, OkrError::InUse { by_kind: EntityKind::Owner, by, .. } if by == "o2"),
        "{e}"
    );
    // p is the owner of key result "owned"
    let e = fails(&mut g, "in_use", &["p"], |g| g.remove_owner("p"));
    assert!(
        matches!(&e, OkrError::InUse { by_kind: EntityKind::KeyResult, by, .. } if by == "owned"),
        "{e}"
    );
    // o2 is free: removal works
    assert_eq!(g.remove_owner("o2").unwrap().id, "o2");
    // now o is used by objectives only
    let e = fails(&mut g, "in_use", &["o"], |g| g.remove_owner("o"));
    assert!(
        matches!(
            &e,
            OkrError::InUse {
                by_kind: EntityKind::Objective,
                ..
            }
        ),
        "{e}"
    );
}

// ----- cycles ---------------------------------------------------------------------------

#[test]
fn add_cycle_errors() {
    let mut g = fixture();
    fails(&mut g, "duplicate_id", &["q"], |g| {
        g.add_cycle(Cycle::new("q", d(1, 1), d(2, 1)))
    });
    fails(&mut g, "invalid_cycle", &["back"], |g| {
        g.add_cycle(Cycle::new("back", d(3, 1), d(2, 28)))
    });
    let mut out = Cycle::new("out", d(9, 1), d(10, 15));
    out.parent = Some("q".into());
    fails(&mut g, "invalid_cycle", &["out"], |g| g.add_cycle(out));
    let mut over = Cycle::new(
        "over",
        d(12, 1),
        chrono::NaiveDate::from_ymd_opt(2027, 1, 1).unwrap(),
    );
    over.parent = Some("q".into());
    fails(&mut g, "invalid_cycle", &["over"], |g| g.add_cycle(over));
    let mut orphan = Cycle::new("orphan", d(1, 1), d(1, 2));
    orphan.parent = Some("ghost".into());
    fails(&mut g, "unknown_id", &["ghost"], |g| g.add_cycle(orphan));
    fails(&mut g, "invalid_value", &[], |g| {
        g.add_cycle(Cycle::new("", d(1, 1), d(1, 2)))
    });
    // a one-day cycle and a child exactly the parent's size are fine
    g.add_cycle(Cycle::new("day", d(5, 5), d(5, 5))).unwrap();
    let mut same = Cycle::new("same", d(10, 1), d(12, 31));
    same.parent = Some("q".into());
    g.add_cycle(same).unwrap();
}

#[test]
fn remove_cycle_errors() {
    let mut g = fixture();
    fails(&mut g, "unknown_id", &["ghost"], |g| {
        g.remove_cycle("ghost")
    });
    let e = fails(&mut g, "in_use", &["year"], |g| g.remove_cycle("year"));
    assert!(
        matches!(&e, OkrError::InUse { by_kind: EntityKind::Cycle, by, .. } if by == "q"),
        "{e}"
    );
    let e = fails(&mut g, "in_use", &["q"], |g| g.remove_cycle("q"));
    assert!(
        matches!(
            &e,
            OkrError::InUse {
                by_kind: EntityKind::Objective,
                ..
            }
        ),
        "{e}"
    );
    g.add_cycle(Cycle::new("free", d(1, 1), d(1, 2))).unwrap();
    g.remove_cycle("free").unwrap();
}

// ----- objectives -----------------------------------------------------------------------

#[test]
fn objective_errors() {
    let mut g = fixture();
    let e = fails(&mut g, "duplicate_id", &["a"], |g| {
        g.add_objective(Objective::new("a", "Again", "o", "q"))
    });
    assert_eq!(e.to_string(), r#"duplicate objective id "a""#);
    // objectives and key results share one space of ids
    let e = fails(&mut g, "duplicate_id", &["n"], |g| {
        g.add_objective(Objective::new("n", "Again", "o", "q"))
    });
    assert_eq!(
        e,
        OkrError::DuplicateId {
            kind: EntityKind::Objective,
            id: "n".into(),
            existing: EntityKind::KeyResult,
        }
    );
    assert_eq!(
        e.to_string(),
        r#"duplicate objective id "n": already the id of a key result"#
    );
    fails(&mut g, "unknown_id", &["ghost"], |g| {
        g.add_objective(Objective::new("new", "New", "ghost", "q"))
    });
    fails(&mut g, "unknown_id", &["ghost"], |g| {
        g.add_objective(Objective::new("new", "New", "o", "ghost"))
    });
    fails(&mut g, "invalid_value", &[], |g| {
        g.add_objective(Objective::new("", "New", "o", "q"))
    });
    fails(&mut g, "unknown_id", &["zz"], |g| {
        g.update_objective(Objective::new("zz", "New", "o", "q"))
    });
    let e = fails(&mut g, "unknown_id", &["ghost"], |g| {
        g.update_objective(Objective::new("a", "New", "ghost", "q"))
    });
    assert!(matches!(
        e,
        OkrError::UnknownId {
            kind: okr_core::EntityKind::Owner,
            ..
        }
    ));
    let e = fails(&mut g, "unknown_id", &["ghost"], |g| {
        g.update_objective(Objective::new("a", "New", "o", "ghost"))
    });
    assert!(matches!(
        e,
        OkrError::UnknownId {
            kind: okr_core::EntityKind::Cycle,
            ..
        }
    ));
    let e = fails(&mut g, "unknown_id", &["zz"], |g| g.remove_objective("zz"));
    assert!(matches!(
        e,
        OkrError::UnknownId {
            kind: okr_core::EntityKind::Objective,
            ..
        }
    ));
}

// ----- links ----------------------------------------------------------------------------

#[test]
fn link_unknown_duplicate_and_weight_errors() {
    let mut g = fixture();
    fails(&mut g, "unknown_id", &["zz"], |g| g.link("zz", "a", 1.0));
    fails(&mut g, "unknown_id", &["zz"], |g| g.link("a", "zz", 1.0));
    fails(&mut g, "already_linked", &["b", "a"], |g| {
        g.link("b", "a", 1.0)
    });
    for w in [f64::NAN, f64::INFINITY, f64::NEG_INFINITY, -1.0, -1e-300] {
        let e = fails(&mut g, "invalid_weight", &["d -> a"], |g| {
            g.link("d", "a", w)
        });
        assert!(matches!(e, OkrError::InvalidWeight { .. }));
    }
    fails(&mut g, "unknown_id", &["zz"], |g| g.unlink("zz", "a"));
    fails(&mut g, "unknown_id", &["zz"], |g| g.unlink("a", "zz"));
    fails(&mut g, "not_linked", &["a", "b"], |g| g.unlink("a", "b"));
    fails(&mut g, "not_linked", &["d", "a"], |g| {
        g.set_link_weight("d", "a", 1.0)
    });
    fails(&mut g, "unknown_id", &["zz"], |g| {
        g.set_link_weight("zz", "a", 1.0)
    });
    fails(&mut g, "invalid_weight", &["b -> a"], |g| {
        g.set_link_weight("b", "a", f64::NAN)
    });
    fails(&mut g, "invalid_weight", &["b -> a"], |g| {
        g.set_link_weight("b", "a", -2.0)
    });
    // weight 0 is accepted
    g.link("d", "a", 0.0).unwrap();
    g.set_link_weight("d", "a", 0.0).unwrap();
}

#[test]
fn self_link_is_a_cycle() {
    let mut g = fixture();
    let e = fails(&mut g, "cycle", &["a", "a"], |g| g.link("a", "a", 1.0));
    match e {
        OkrError::Cycle {
            child,
            parent,
            path,
        } => {
            assert_eq!((child.as_str(), parent.as_str()), ("a", "a"));
            assert_eq!(path, ["a", "a"]);
        }
        other => panic!("{other:?}"),
    }
    // an isolated objective too (the fast path must not skip it)
    fails(&mut g, "cycle", &["d", "d"], |g| g.link("d", "d", 1.0));
}

#[test]
fn longer_cycles_report_the_full_path() {
    let mut g = fixture();
    // b contributes to a, c contributes to b. Aligning a under c would close
    // a -> c -> b -> a: the chain of "contributes to" steps from a back to a.
    let e = fails(&mut g, "cycle", &["a", "c", "b", "a"], |g| {
        g.link("a", "c", 1.0)
    });
    assert!(matches!(&e, OkrError::Cycle { child, parent, .. } if child == "a" && parent == "c"));
    assert!(e.to_string().contains("a -> c -> b -> a"), "{e}");
    // two steps: a under b closes a -> b -> a
    fails(&mut g, "cycle", &["a", "b", "a"], |g| g.link("a", "b", 1.0));
    // b under c closes b -> c -> b
    fails(&mut g, "cycle", &["b", "c", "b"], |g| g.link("b", "c", 1.0));
    // a longer chain with a side branch: d under c, e under d; a under e closes
    // a -> e -> d -> c -> b -> a
    g.link("d", "c", 1.0).unwrap();
    g.add_objective(Objective::new("e", "E", "o", "q")).unwrap();
    g.link("e", "d", 1.0).unwrap();
    fails(&mut g, "cycle", &["a", "e", "d", "c", "b", "a"], |g| {
        g.link("a", "e", 1.0)
    });
    // shortcuts in the same direction are fine (multi-parent, no cycle)
    g.link("c", "a", 1.0).unwrap();
    g.link("e", "a", 1.0).unwrap();
    assert_eq!(g.parents_of("c"), vec![("b", 2.0), ("a", 1.0)]);
}

// ----- key results ----------------------------------------------------------------------

#[test]
fn add_key_result_errors() {
    let mut g = fixture();
    fails(&mut g, "duplicate_id", &["n"], |g| {
        g.add_key_result(KeyResult::new("n", "Again", "b", Measure::Boolean))
    });
    // objectives and key results share one space of ids: `explain_progress("a")` and every
    // other call taking an id can mean one node only
    let e = fails(&mut g, "duplicate_id", &["a"], |g| {
        g.add_key_result(KeyResult::new("a", "Again", "b", Measure::Boolean))
    });
    assert_eq!(
        e,
        OkrError::DuplicateId {
            kind: EntityKind::KeyResult,
            id: "a".into(),
            existing: EntityKind::Objective,
        }
    );
    assert_eq!(
        e.to_string(),
        r#"duplicate key result id "a": already the id of an objective"#
    );
    // its own objective's id too
    fails(&mut g, "duplicate_id", &["b"], |g| {
        g.add_key_result(KeyResult::new("b", "Again", "b", Measure::Boolean))
    });
    let e = fails(&mut g, "unknown_id", &["zz"], |g| {
        g.add_key_result(KeyResult::new("k", "K", "zz", Measure::Boolean))
    });
    assert!(matches!(
        e,
        OkrError::UnknownId {
            kind: okr_core::EntityKind::Objective,
            ..
        }
    ));
    let mut k = KeyResult::new("k", "K", "a", Measure::Boolean);
    k.owner = Some("ghost".into());
    let e = fails(&mut g, "unknown_id", &["ghost"], |g| g.add_key_result(k));
    assert!(matches!(
        e,
        OkrError::UnknownId {
            kind: okr_core::EntityKind::Owner,
            ..
        }
    ));
    fails(&mut g, "invalid_value", &[], |g| {
        g.add_key_result(KeyResult::new(" ", "K", "a", Measure::Boolean))
    });
    for w in [f64::NAN, f64::INFINITY, -0.5] {
        let e = fails(&mut g, "invalid_weight", &["k"], |g| {
            g.add_key_result(KeyResult::new("k", "K", "a", Measure::Boolean).with_weight(w))
        });
        assert!(matches!(e, OkrError::InvalidWeight { .. }));
    }
    let bad_measures = vec![
        Measure::numeric(5.0, 5.0),
        Measure::numeric(f64::NAN, 5.0),
        Measure::numeric(0.0, f64::INFINITY),
        Measure::Numeric {
            start: 0.0,
            target: 10.0,
            unit: String::new(),
            direction: Some(Direction::Decrease),
        },
        Measure::Numeric {
            start: 10.0,
            target: 0.0,
            unit: String::new(),
            direction: Some(Direction::Increase),
        },
        threshold(okr_core::Bound::AtOrAbove, f64::NAN, None),
        threshold(okr_core::Bound::AtOrAbove, 1.0, Some(f64::INFINITY)),
        Measure::Milestones { milestones: vec![] },
        milestones(&[("x", 1.0), ("x", 1.0)]),
        milestones(&[("x", -1.0), ("y", 2.0)]),
        milestones(&[("x", f64::NAN)]),
        milestones(&[("x", 0.0), ("y", 0.0)]),
        milestones(&[("", 1.0)]),
    ];
    for m in bad_measures {
        let e = fails(&mut g, "invalid_measure", &["k"], |g| {
            g.add_key_result(KeyResult::new("k", "K", "a", m.clone()))
        });
        assert!(matches!(e, OkrError::InvalidMeasure { .. }), "{m:?}");
    }
    // a declared direction that agrees is fine
    g.add_key_result(KeyResult::new(
        "k",
        "K",
        "a",
        Measure::Numeric {
            start: 10.0,
            target: 0.0,
            unit: "ms".into(),
            direction: Some(Direction::Decrease),
        },
    ))
    .unwrap();
}

#[test]
fn update_and_remove_key_result_errors() {
    let mut g = fixture();
    fails(&mut g, "unknown_id", &["zz"], |g| {
        g.update_key_result(KeyResult::new("zz", "K", "a", Measure::Boolean))
    });
    fails(&mut g, "invalid_measure", &["n"], |g| {
        g.update_key_result(KeyResult::new("n", "K", "a", Measure::numeric(1.0, 1.0)))
    });
    fails(&mut g, "invalid_weight", &["n"], |g| {
        g.update_key_result(
            KeyResult::new("n", "K", "a", Measure::numeric(0.0, 1.0)).with_weight(-1.0),
        )
    });
    // moving to an unknown objective
    fails(&mut g, "unknown_id", &["zz"], |g| {
        g.update_key_result(KeyResult::new("n", "K", "zz", Measure::numeric(0.0, 1.0)))
    });
    // n has a value check-in: a boolean measure no longer fits it
    fails(&mut g, "invalid_check_in", &["n"], |g| {
        g.update_key_result(KeyResult::new("n", "K", "a", Measure::Boolean))
    });
    // ms has ["y"] done: dropping milestone y breaks that check-in
    fails(&mut g, "invalid_check_in", &["ms"], |g| {
        g.update_key_result(KeyResult::new("ms", "K", "c", milestones(&[("x", 1.0)])))
    });
    fails(&mut g, "unknown_id", &["zz"], |g| g.remove_key_result("zz"));
    // a valid move keeps the check-ins
    g.update_key_result(KeyResult::new("n", "K", "d", Measure::numeric(0.0, 8.0)))
        .unwrap();
    assert_eq!(g.check_ins("n").len(), 1);
    assert_eq!(g.key_results_of("d").len(), 2);
    assert!(g.key_results_of("a").is_empty());
}

// ----- check-ins ------------------------------------------------------------------------

#[test]
fn check_in_errors() {
    let mut g = fixture();
    let at = t(11, 5, 0, 0);
    fails(&mut g, "unknown_id", &["zz"], |g| {
        g.check_in("zz", val(at, 1.0))
    });
    // kind mismatches
    fails(&mut g, "invalid_check_in", &["n"], |g| {
        g.check_in("n", done(at, true))
    });
    fails(&mut g, "invalid_check_in", &["th"], |g| {
        g.check_in("th", ms_done(at, &[]))
    });
    fails(&mut g, "invalid_check_in", &["bo"], |g| {
        g.check_in("bo", val(at, 1.0))
    });
    fails(&mut g, "invalid_check_in", &["ms"], |g| {
        g.check_in("ms", done(at, true))
    });
    fails(&mut g, "invalid_check_in", &["ms"], |g| {
        g.check_in("ms", val(at, 1.0))
    });
    // non-finite values
    for v in [f64::NAN, f64::INFINITY, f64::NEG_INFINITY] {
        fails(&mut g, "invalid_check_in", &["n"], |g| {
            g.check_in("n", val(at, v))
        });
        fails(&mut g, "invalid_check_in", &["th"], |g| {
            g.check_in("th", val(at, v))
        });
    }
    // confidence outside [0, 1]
    for c in [-0.01, 1.01, f64::NAN, f64::INFINITY] {
        fails(&mut g, "invalid_check_in", &["n"], |g| {
            g.check_in("n", val(at, 1.0).with_confidence(c))
        });
        fails(&mut g, "invalid_check_in", &["bo"], |g| {
            let mut ci: CheckIn = done(at, true);
            ci.confidence = Some(c);
            g.check_in("bo", ci)
        });
    }
    // unknown milestone
    let e = fails(&mut g, "invalid_check_in", &["ms"], |g| {
        g.check_in("ms", ms_done(at, &["x", "nope"]))
    });
    assert!(e.to_string().contains("nope"), "{e}");
    // the bounds of confidence are fine
    g.check_in("n", val(at, 1.0).with_confidence(0.0)).unwrap();
    g.check_in("n", val(at, 1.0).with_confidence(1.0)).unwrap();
}

#[test]
fn check_in_many_is_atomic() {
    let mut g = fixture();
    let at = t(11, 20, 0, 0);
    let good = |kr: &str, c: CheckIn| (kr.to_string(), c);
    // the bad entry last, in the middle, first
    let batches = vec![
        vec![
            good("n", val(at, 9.0)),
            good("bo", done(at, false)),
            good("ms", ms_done(at, &["zzz"])),
        ],
        vec![
            good("n", val(at, 9.0)),
            good("n", done(at, true)),
            good("bo", done(at, false)),
        ],
        vec![good("zz", val(at, 1.0)), good("n", val(at, 9.0))],
        vec![
            good("n", val(at, 9.0)),
            good("th", val(at, 1.0).with_confidence(2.0)),
        ],
    ];
    let codes = [
        "invalid_check_in",
        "invalid_check_in",
        "unknown_id",
        "invalid_check_in",
    ];
    let ids = [["ms"], ["n"], ["zz"], ["th"]];
    for ((batch, code), id) in batches.into_iter().zip(codes).zip(ids) {
        fails(&mut g, code, &id, |g| g.check_in_many(batch));
        assert_eq!(g.check_ins("n").len(), 1);
    }
    // a good batch applies all, in time order
    g.check_in_many(vec![
        good("n", val(t(11, 20, 0, 0), 9.0)),
        good("n", val(t(11, 10, 0, 0), 6.0)),
        good("bo", done(at, false)),
    ])
    .unwrap();
    let vals: Vec<_> = g.check_ins("n").iter().map(|c| c.value.clone()).collect();
    assert_eq!(
        vals,
        vec![
            okr_core::CheckInValue::Value(4.0),
            okr_core::CheckInValue::Value(6.0),
            okr_core::CheckInValue::Value(9.0)
        ]
    );
    // an empty batch is fine
    g.check_in_many(Vec::<(String, CheckIn)>::new()).unwrap();
}

#[test]
fn failed_ops_keep_incremental_rollup_valid() {
    // A failed mutation must not disturb a kept rollup either.
    let mut g = fixture();
    let mut r = g.rollup(d(11, 15));
    assert!(g.link("a", "c", 1.0).is_err());
    assert!(g.check_in("n", done(t(11, 5, 0, 0), true)).is_err());
    g.check_in("n", val(t(11, 5, 0, 0), 8.0)).unwrap();
    r.refresh_key_result(&g, "n").unwrap();
    let fresh = g.rollup(d(11, 15));
    let a: Vec<_> = r.nodes().map(|n| (n.id.to_string(), n.values)).collect();
    let b: Vec<_> = fresh
        .nodes()
        .map(|n| (n.id.to_string(), n.values))
        .collect();
    assert_eq!(a, b);
    let e = r.refresh_key_result(&g, "zz").unwrap_err();
    assert_eq!(e.code(), "unknown_id");
    assert_eq!(e.ids().collect::<Vec<_>>(), ["zz"]);
}
