//! One set of limits on every way in (issue 23): each change made through the API is held to
//! the graph's [`Limits`] as loading a document is. For each limit: the API refuses one more
//! (`LimitExceeded`, the graph unchanged); the loader refuses the same document (built
//! without limits) with the same limit and count; a graph built at the limit round-trips
//! through its document and its snapshot within the same limits.

#![allow(clippy::disallowed_methods)] // tests may sort with std

use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use okr_core::document::{Limits, load_snapshot_with, load_str_with};
use okr_core::workflow::{Comment, Proposal, ProposedChange, Subject};
use okr_core::{
    CheckIn, CheckInValue, Cycle, Dependency, Extra, Group, Initiative, InitiativeUpdate,
    KeyResult, Kpi, KpiHealth, KpiTarget, KpiValue, Measure, Milestone, Objective, OkrError,
    OkrGraph, Owner, PlanPoint, Result, Revise,
};
use proptest::prelude::*;

fn d(m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, m, day).unwrap()
}

fn t(day: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, day, 9, 0, 0).unwrap()
}

/// An owner `acme`, a cycle `q4`, objective `o` with key result `kr`.
fn base(g: &mut OkrGraph) -> Result<()> {
    g.add_owner(Owner::new("acme", "Acme", "organisation"))?;
    g.add_cycle(Cycle::new("q4", d(10, 1), d(12, 31)))?;
    g.add_objective(Objective::new("o", "Grow", "acme", "q4"))?;
    g.add_key_result(KeyResult::new(
        "kr",
        "Revenue",
        "o",
        Measure::numeric(0.0, 100.0),
    ))
}

fn limit_of(e: &OkrError) -> (u64, u64) {
    match e {
        OkrError::LimitExceeded { limit, actual, .. } => (*limit, *actual),
        other => panic!("not a limit error: {other:?} ({other})"),
    }
}

/// The checks of one limit: `build` (with the limits) makes a graph at the limit, `more`
/// takes it over.
fn case(
    limits: Limits,
    build: impl Fn(&mut OkrGraph) -> Result<()>,
    more: impl Fn(&mut OkrGraph) -> Result<()>,
) -> OkrError {
    // the API refuses one more and changes nothing
    let mut g = OkrGraph::with_limits(limits);
    build(&mut g).expect("at the limit");
    let before = g.to_json();
    let refused = more(&mut g).expect_err("over the limit");
    assert_eq!(refused.code(), "limit_exceeded", "{refused}");
    assert!(
        refused.to_string().starts_with("limit exceeded: "),
        "{refused}"
    );
    assert_eq!(g.to_json(), before, "a refused change changes nothing");
    // the graph at the limit round-trips within the limits, and keeps them
    let back = load_str_with(&before, &limits).expect("its document loads");
    assert_eq!(back.to_json(), before);
    assert_eq!(back.limits(), &limits);
    let back = load_snapshot_with(&g.to_snapshot(), &limits).expect("its snapshot loads");
    assert_eq!(back.to_json(), before);
    assert_eq!(back.limits(), &limits);
    // the same document one over, made without limits, is what the loader refuses
    let mut free = OkrGraph::with_limits(Limits::none());
    build(&mut free).unwrap();
    more(&mut free).expect("no limits");
    let loader = load_str_with(&free.to_json(), &limits).expect_err("the loader refuses it");
    assert_eq!(loader.code(), "limit_exceeded", "{loader}");
    assert_eq!(
        limit_of(&loader),
        limit_of(&refused),
        "{loader} / {refused}"
    );
    let snap = load_snapshot_with(&free.to_snapshot(), &limits).expect_err("so does a snapshot");
    assert_eq!(snap.code(), "limit_exceeded", "{snap}");
    refused
}

fn with(f: impl FnOnce(&mut Limits)) -> Limits {
    let mut l = Limits::default();
    f(&mut l);
    l
}

#[test]
fn owners_cycles_objectives_key_results() {
    let e = case(
        with(|l| l.max_owners = 2),
        |g| {
            base(g)?;
            g.add_owner(Owner::new("b", "B", "team"))
        },
        |g| g.add_owner(Owner::new("c", "C", "team")),
    );
    assert_eq!(e.to_string(), "limit exceeded: owners is 3, the limit is 2");
    case(with(|l| l.max_cycles = 1), base, |g| {
        g.add_cycle(Cycle::new("q3", d(7, 1), d(9, 30)))
    });
    case(with(|l| l.max_objectives = 1), base, |g| {
        g.add_objective(Objective::new("p", "P", "acme", "q4"))
    });
    let e = case(with(|l| l.max_key_results = 1), base, |g| {
        g.add_key_result(KeyResult::new(
            "kr2",
            "More",
            "o",
            Measure::numeric(0.0, 1.0),
        ))
    });
    assert_eq!(
        e.to_string(),
        "limit exceeded: key results is 2, the limit is 1"
    );
}

#[test]
fn check_ins_one_by_one_and_in_a_batch() {
    let limits = with(|l| l.max_check_ins_per_key_result = 3);
    let three = |g: &mut OkrGraph| {
        base(g)?;
        for day in 1..=3 {
            g.check_in("kr", CheckIn::value(t(day), day as f64))?;
        }
        Ok(())
    };
    let e = case(limits, three, |g| {
        g.check_in("kr", CheckIn::value(t(4), 4.0))
    });
    assert_eq!(
        e.to_string(),
        "limit exceeded: check-ins of key result \"kr\" is 4, the limit is 3"
    );
    // a batch: the whole of it is refused, none recorded
    let two = |g: &mut OkrGraph| {
        base(g)?;
        g.check_in("kr", CheckIn::value(t(1), 1.0))
    };
    let e = case(limits, two, |g| {
        g.check_in_many(vec![
            ("kr", CheckIn::value(t(2), 2.0)),
            ("kr", CheckIn::value(t(3), 3.0)),
            ("kr", CheckIn::value(t(4), 4.0)),
        ])
    });
    assert_eq!(limit_of(&e), (3, 4));
    // a batch exactly up to the limit is fine
    let mut g = OkrGraph::with_limits(limits);
    two(&mut g).unwrap();
    g.check_in_many(vec![
        ("kr", CheckIn::value(t(2), 2.0)),
        ("kr", CheckIn::value(t(3), 3.0)),
    ])
    .unwrap();
    assert_eq!(g.check_ins("kr").len(), 3);
}

#[test]
fn parents_and_alignment_depth() {
    let objectives = |g: &mut OkrGraph, n: usize| -> Result<()> {
        base(g)?;
        for i in 0..n {
            g.add_objective(Objective::new(format!("p{i}"), "P", "acme", "q4"))?;
        }
        Ok(())
    };
    case(
        with(|l| l.max_parents_per_objective = 2),
        |g| {
            objectives(g, 3)?;
            g.link("o", "p0", 1.0)?;
            g.link("o", "p1", 1.0)
        },
        |g| g.link("o", "p2", 1.0),
    );
    // a chain of 3 is the limit: a link that makes 4 is refused, from either end
    let limits = with(|l| l.max_link_depth = 3);
    let chain = |g: &mut OkrGraph| {
        objectives(g, 4)?;
        g.link("p1", "p0", 1.0)?;
        g.link("p2", "p1", 1.0)
    };
    let e = case(limits, chain, |g| g.link("p3", "p2", 1.0));
    assert_eq!(limit_of(&e), (3, 4));
    assert!(e.to_string().contains("alignment depth"), "{e}");
    case(limits, chain, |g| g.link("p0", "p3", 1.0));
    // joining two chains of two makes four
    case(
        limits,
        |g| {
            objectives(g, 4)?;
            g.link("p1", "p0", 1.0)?;
            g.link("p3", "p2", 1.0)
        },
        |g| g.link("p2", "p1", 1.0),
    );
}

fn milestones_kr(n: usize) -> KeyResult {
    let milestones = (0..n)
        .map(|i| Milestone {
            name: format!("m{i}"),
            weight: 1.0,
        })
        .collect();
    KeyResult::new("ms", "Steps", "o", Measure::Milestones { milestones })
}

#[test]
fn milestones_plan_points_and_revisions() {
    let limits = with(|l| l.max_milestones = 2);
    case(limits, base, |g| g.add_key_result(milestones_kr(3)));
    case(
        limits,
        |g| {
            base(g)?;
            g.add_key_result(milestones_kr(2))
        },
        |g| {
            let mut c = CheckIn::value(t(1), 0.0);
            c.value = CheckInValue::Milestones(vec!["m0".into(), "m1".into(), "m0".into()]);
            g.check_in("ms", c)
        },
    );
    let planned = |n: u32| {
        let mut kr = KeyResult::new("pl", "Planned", "o", Measure::numeric(0.0, 10.0));
        kr.plan = (1..=n)
            .map(|i| PlanPoint::new(d(11, i), i as f64))
            .collect();
        kr
    };
    case(with(|l| l.max_plan_points = 2), base, move |g| {
        g.add_key_result(planned(3))
    });
    // revisions: each change at the clock is one
    let limits = with(|l| l.max_revisions = 2);
    let revised = |g: &mut OkrGraph| {
        base(g)?;
        g.set_clock(Some(Revise::at(t(1))));
        g.update_objective(Objective::new("o", "Grow more", "acme", "q4"))?;
        g.update_objective(Objective::new("o", "Grow even more", "acme", "q4"))
    };
    let e = case(limits, revised, |g| {
        g.update_objective(Objective::new("o", "Grow most", "acme", "q4"))
    });
    assert_eq!(
        e.to_string(),
        "limit exceeded: revisions is 3, the limit is 2"
    );
    // a patch that changes nothing records nothing, and is no revision over the limit
    let mut g = OkrGraph::with_limits(limits);
    revised(&mut g).unwrap();
    g.update_objective(Objective::new("o", "Grow even more", "acme", "q4"))
        .unwrap();
    assert_eq!(g.revision_count(), 2);
}

#[test]
fn workflow_dependencies_kpis_initiatives_groups() {
    let propose = |id: &str| {
        let kr = KeyResult::new(format!("new-{id}"), "New", "o", Measure::numeric(0.0, 1.0));
        Proposal::new(id, "acme", t(1), ProposedChange::NewKeyResult(kr))
    };
    case(
        with(|l| l.max_proposals = 1),
        |g| {
            base(g)?;
            g.propose(propose("p1"))
        },
        |g| g.propose(propose("p2")),
    );
    let comment = |id: &str| Comment {
        id: id.into(),
        by: "acme".into(),
        at: t(1),
        on: Subject::Objective("o".into()),
        text: "Looks good".into(),
        reply_to: None,
    };
    case(
        with(|l| l.max_comments = 1),
        |g| {
            base(g)?;
            g.add_comment(comment("c1"))
        },
        |g| g.add_comment(comment("c2")),
    );
    case(
        with(|l| l.max_dependencies = 1),
        |g| {
            base(g)?;
            g.add_objective(Objective::new("p", "P", "acme", "q4"))?;
            g.add_dependency(Dependency::new("o", "p"))
        },
        |g| g.add_dependency(Dependency::new("kr", "p")),
    );
    let kpi = |id: &str| Kpi::new(id, "Uptime", KpiHealth::Increase {});
    case(
        with(|l| l.max_kpis = 1),
        |g| {
            base(g)?;
            g.add_kpi(kpi("k1"))
        },
        |g| g.add_kpi(kpi("k2")),
    );
    let e = case(
        with(|l| l.max_check_ins_per_key_result = 2),
        |g| {
            base(g)?;
            g.add_kpi(kpi("k1"))?;
            g.record_kpi_value("k1", KpiValue::new(t(1), 1.0))?;
            g.record_kpi_value("k1", KpiValue::new(t(2), 2.0))
        },
        |g| g.record_kpi_value("k1", KpiValue::new(t(3), 3.0)),
    );
    assert!(e.to_string().contains("KPI values"), "{e}");
    case(with(|l| l.max_plan_points = 1), base, move |g| {
        let mut k = kpi("k1");
        k.targets = vec![
            KpiTarget::new("2026-10", 1.0),
            KpiTarget::new("2026-11", 2.0),
        ];
        g.add_kpi(k)
    });
    case(
        with(|l| l.max_initiatives = 1),
        |g| {
            base(g)?;
            g.add_initiative(Initiative::new("i1", "kr", "Do it"))
        },
        |g| g.add_initiative(Initiative::new("i2", "kr", "Do more")),
    );
    case(
        with(|l| l.max_check_ins_per_key_result = 1),
        |g| {
            base(g)?;
            g.add_initiative(Initiative::new("i1", "kr", "Do it"))?;
            g.record_initiative_update("i1", InitiativeUpdate::done(t(1), false))
        },
        |g| g.record_initiative_update("i1", InitiativeUpdate::done(t(2), true)),
    );
    let e = case(
        with(|l| l.max_owners = 1),
        |g| {
            base(g)?;
            g.add_group(Group::new("g1", ["acme"]))
        },
        |g| g.add_group(Group::new("g2", ["acme"])),
    );
    assert_eq!(e.to_string(), "limit exceeded: groups is 2, the limit is 1");
}

#[test]
fn strings_as_a_document_writes_them() {
    let limits = with(|l| l.max_string_bytes = 40);
    // 20 bytes of quotes are 40 as JSON writes them: fine; one more is over
    let quoted = |n: usize| {
        let mut c = CheckIn::value(t(1), 1.0);
        c.note = Some("\"".repeat(n));
        c
    };
    let e = case(
        limits,
        |g| {
            base(g)?;
            g.check_in("kr", quoted(20))
        },
        |g| g.check_in("kr", quoted(21)),
    );
    assert_eq!(limit_of(&e), (40, 42));
    assert!(
        e.to_string().starts_with(
            "limit exceeded: string length (bytes) of the note of a check-in of key result \"kr\""
        ),
        "{e}"
    );
    // control characters take six bytes
    case(limits, base, |g| {
        g.add_objective(Objective::new("p", "\u{1}".repeat(7), "acme", "q4"))
    });
    case(limits, base, |g| {
        g.add_owner(Owner::new("x".repeat(41), "X", "team"))
    });
    // the title of an update as the title of an addition
    case(limits, base, |g| {
        g.set_clock(Some(Revise::at(t(1))));
        g.update_objective(Objective::new("o", "y".repeat(41), "acme", "q4"))
    });
    // an `extra`: its strings and its nesting, as deep as it stands in a document
    case(limits, base, |g| {
        let mut o = Objective::new("p", "P", "acme", "q4");
        o.extra = Extra::from_json(&format!(r#"{{"k": "{}"}}"#, "z".repeat(41)))?;
        g.add_objective(o)
    });
    let deep = |n: usize| format!("{}1{}", r#"{"a":"#.repeat(n), "}".repeat(n));
    let limits = with(|l| l.max_json_depth = 10);
    // a check-in's extra opens at depth 8: two levels inside it are 10
    case(
        limits,
        |g| {
            base(g)?;
            let mut c = CheckIn::value(t(1), 1.0);
            c.extra = Extra::from_json(&deep(3))?;
            g.check_in("kr", c)
        },
        |g| {
            let mut c = CheckIn::value(t(2), 1.0);
            c.extra = Extra::from_json(&deep(4))?;
            g.check_in("kr", c)
        },
    );
}

#[test]
fn a_copy_a_view_and_the_past_keep_the_limits() {
    let limits = with(|l| l.max_check_ins_per_key_result = 1);
    let mut g = OkrGraph::with_limits(limits);
    base(&mut g).unwrap();
    g.check_in("kr", CheckIn::value(t(1), 1.0)).unwrap();
    let mut copy = g.clone();
    assert_eq!(copy.limits(), &limits);
    assert_eq!(
        copy.check_in("kr", CheckIn::value(t(2), 1.0))
            .unwrap_err()
            .code(),
        "limit_exceeded"
    );
    assert_eq!(g.view_for("acme").unwrap().limits(), &limits);
    assert_eq!(g.at(d(10, 2)).limits(), &limits);
    assert_eq!(OkrGraph::new().limits(), &Limits::default());
}

#[test]
fn set_limits_refuses_limits_the_graph_is_over() {
    let mut g = OkrGraph::new();
    base(&mut g).unwrap();
    for day in 1..=3 {
        g.check_in("kr", CheckIn::value(t(day), 1.0)).unwrap();
    }
    let tight = with(|l| l.max_check_ins_per_key_result = 2);
    let e = g.set_limits(tight).unwrap_err();
    assert_eq!(limit_of(&e), (2, 3));
    assert_eq!(g.limits(), &Limits::default(), "unchanged");
    let fits = with(|l| l.max_check_ins_per_key_result = 3);
    g.set_limits(fits).unwrap();
    assert_eq!(g.limits(), &fits);
    assert_eq!(
        g.check_in("kr", CheckIn::value(t(4), 1.0))
            .unwrap_err()
            .code(),
        "limit_exceeded"
    );
    // higher limits always fit
    g.set_limits(Limits::none()).unwrap();
    g.check_in("kr", CheckIn::value(t(4), 1.0)).unwrap();
    // the alignment depth too
    let mut g = OkrGraph::new();
    base(&mut g).unwrap();
    for i in 0..3 {
        g.add_objective(Objective::new(format!("p{i}"), "P", "acme", "q4"))
            .unwrap();
    }
    g.link("p1", "p0", 1.0).unwrap();
    g.link("p2", "p1", 1.0).unwrap();
    let e = g.set_limits(with(|l| l.max_link_depth = 2)).unwrap_err();
    assert_eq!(limit_of(&e), (2, 3));
}

/// The limits the property test draws: small enough to reach.
fn small_limits() -> impl Strategy<Value = Limits> {
    (
        1usize..4,
        1usize..4,
        1usize..5,
        1usize..5,
        1usize..4,
        2usize..5,
        8usize..30,
    )
        .prop_map(
            |(owners, objectives, key_results, check_ins, parents, depth, string)| Limits {
                max_owners: owners,
                max_objectives: objectives,
                max_key_results: key_results,
                max_check_ins_per_key_result: check_ins,
                max_parents_per_objective: parents,
                max_link_depth: depth,
                max_string_bytes: string.max(24),
                ..Limits::default()
            },
        )
}

#[derive(Debug, Clone)]
enum Op {
    Owner,
    Objective(u8),
    KeyResult(u8),
    CheckIn(u8, u8, u8),
    Many(u8, u8),
    Link(u8, u8),
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        Just(Op::Owner),
        (0u8..40).prop_map(Op::Objective),
        any::<u8>().prop_map(Op::KeyResult),
        (any::<u8>(), 1u8..28, 0u8..30).prop_map(|(a, b, c)| Op::CheckIn(a, b, c)),
        (any::<u8>(), 1u8..5).prop_map(|(a, b)| Op::Many(a, b)),
        (any::<u8>(), any::<u8>()).prop_map(|(a, b)| Op::Link(a, b)),
    ]
}

fn pick(g: &OkrGraph, i: u8, objectives: bool) -> String {
    let ids: Vec<String> = if objectives {
        g.objectives().map(|o| o.id.clone()).collect()
    } else {
        g.key_results().map(|k| k.id.clone()).collect()
    };
    // by id: a graph read back from its document lists key results by objective
    let mut ids = ids;
    ids.sort();
    if ids.is_empty() {
        return "none".into();
    }
    ids[i as usize % ids.len()].clone()
}

fn apply(g: &mut OkrGraph, op: &Op, n: usize) -> Result<()> {
    match *op {
        Op::Owner => g.add_owner(Owner::new(format!("w{n}"), "W", "team")),
        Op::Objective(title) => g.add_objective(Objective::new(
            format!("o{n}"),
            "t".repeat(title as usize),
            "acme",
            "q4",
        )),
        Op::KeyResult(o) => {
            let o = pick(g, o, true);
            g.add_key_result(KeyResult::new(
                format!("k{n}"),
                "K",
                o,
                Measure::numeric(0.0, 10.0),
            ))
        }
        Op::CheckIn(k, day, note) => {
            let k = pick(g, k, false);
            let mut c = CheckIn::value(t(day as u32), 1.0);
            c.note = Some("n".repeat(note as usize));
            g.check_in(&k, c)
        }
        Op::Many(k, count) => {
            let k = pick(g, k, false);
            let batch = (0..count)
                .map(|i| (k.clone(), CheckIn::value(t(1 + i as u32), 1.0)))
                .collect();
            g.check_in_many(batch)
        }
        Op::Link(a, b) => {
            let (a, b) = (pick(g, a, true), pick(g, b, true));
            g.link(&a, &b, 1.0)
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    /// Whatever the API accepts loads again within the same limits (document and snapshot);
    /// whatever it refuses over a limit, the loader refuses too, with the same limit and count.
    #[test]
    fn api_and_loader_agree(limits in small_limits(), ops in prop::collection::vec(op(), 1..30)) {
        let mut g = OkrGraph::with_limits(limits);
        g.add_owner(Owner::new("acme", "Acme", "organisation")).unwrap();
        g.add_cycle(Cycle::new("q4", d(10, 1), d(12, 31))).unwrap();
        for (n, op) in ops.iter().enumerate() {
            let before = g.to_json();
            match apply(&mut g, op, n) {
                Ok(()) => {
                    let text = g.to_json();
                    prop_assert!(load_str_with(&text, &limits).is_ok(), "{:?} accepted, not loaded", op);
                    prop_assert!(load_snapshot_with(&g.to_snapshot(), &limits).is_ok());
                }
                Err(e) => {
                    prop_assert_eq!(&g.to_json(), &before, "a refusal changes nothing");
                    if e.code() == "limit_exceeded" {
                        let mut free = load_str_with(&before, &Limits::none()).unwrap();
                        if apply(&mut free, op, n).is_ok() {
                            let loaded = load_str_with(&free.to_json(), &limits);
                            prop_assert!(loaded.is_err(), "{:?} refused ({}) but its document loads", op, e);
                            let loader = loaded.unwrap_err();
                            prop_assert_eq!(loader.code(), "limit_exceeded");
                            if e.to_string().contains("alignment depth") {
                                // the loader names the first objective over the limit, in
                                // topological order: the same limit, a chain maybe shorter
                                prop_assert_eq!(limit_of(&loader).0, limit_of(&e).0);
                            } else {
                                prop_assert_eq!(limit_of(&loader), limit_of(&e), "{} / {}", loader, e);
                            }
                        }
                    }
                }
            }
        }
    }
}
