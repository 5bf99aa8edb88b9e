//! Views (issue 21): what a viewer sees of a graph, and that its figures are everyone's.

use chrono::NaiveDate;
use okr_core::{OkrGraph, ViewPolicy};

fn example() -> OkrGraph {
    OkrGraph::from_json(include_str!("../../examples/acme.okr.json")).unwrap()
}

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

#[test]
fn example_views_show_everyones_numbers() {
    let g = example();
    for owner in g.owners().map(|o| o.id.clone()).collect::<Vec<_>>() {
        let view = g.view_for(&owner).unwrap();
        let visible: Vec<&str> = g.visible_objectives(&owner).unwrap();
        for o in g.objectives() {
            assert_eq!(
                view.objective(&o.id).is_some(),
                visible.contains(&o.id.as_str()),
                "{owner} {}",
                o.id
            );
        }
        for day in [d(2026, 10, 15), d(2026, 11, 20), d(2027, 1, 5)] {
            let full = g.rollup(day);
            let r = view.rollup(day);
            for o in view.objectives() {
                if view.hidden_entry_parent(&o.id).is_some() {
                    continue;
                }
                assert_eq!(
                    r.objective(&o.id),
                    full.objective(&o.id),
                    "{owner} {} {day}",
                    o.id
                );
            }
            for k in view.key_results() {
                assert_eq!(
                    r.key_result(&k.id),
                    full.key_result(&k.id),
                    "{owner} {} {day}",
                    k.id
                );
            }
        }
    }
}

#[test]
fn hidden_objectives_leave_no_trace_in_the_views_document() {
    let g = example();
    let view = g.view_for("hanna").unwrap();
    let json = view.to_json();
    assert!(!json.contains("gustav-tromso"), "{json}");
    assert!(view.objective("northern-clinics~hidden").is_some());
    let e = view
        .rollup(d(2026, 11, 20))
        .hidden_entry("northern-clinics~hidden")
        .unwrap();
    assert_eq!(e.count, 1);
    let bjorn = g.view_for_with("bjorn", ViewPolicy::ExcludeHidden).unwrap();
    assert!(bjorn.objective("gustav-tromso").is_some());
    assert!(bjorn.objective("northern-clinics~hidden").is_none());
}

#[test]
fn what_if_and_forecast_on_a_view_are_everyones() {
    use okr_core::{CheckInValue, RollupConfig};
    let g = example();
    let cfg = RollupConfig::default();
    let at = d(2026, 11, 20);
    let kr = g.key_results().next().unwrap().id.clone();
    let values = vec![(kr.clone(), CheckInValue::Value(5e6))];
    let full_forecast = g.forecast(at, &cfg).unwrap();
    for owner in ["hanna", "bjorn", "gustav", "acme"] {
        let view = g.view_for(owner).unwrap();
        let full = g.what_if(at, &values, &cfg).unwrap();
        let seen = view.what_if(at, &values, &cfg).unwrap();
        for o in view
            .objectives()
            .filter(|o| view.hidden_entry_parent(&o.id).is_none())
        {
            assert_eq!(
                seen.objective(&o.id),
                full.objective(&o.id),
                "{owner} {}",
                o.id
            );
        }
        let f = view.forecast(at, &cfg).unwrap();
        for o in &f.objectives {
            if view.hidden_entry_parent(&o.objective).is_some() {
                continue;
            }
            let theirs = full_forecast
                .objectives
                .iter()
                .find(|x| x.objective == o.objective)
                .unwrap();
            assert_eq!(o.progress, theirs.progress, "{owner} {}", o.objective);
        }
    }
}

#[test]
fn a_hidden_blocker_is_counted_never_named() {
    use okr_core::{Cycle, Dependency, KeyResult, Measure, Objective, Owner, Visibility};
    let mut g = OkrGraph::new();
    g.add_owner(Owner::new("acme", "Acme", "organisation"))
        .unwrap();
    let mut ann = Owner::new("ann", "Ann", "person");
    ann.parent = Some("acme".into());
    g.add_owner(ann).unwrap();
    g.add_cycle(Cycle::new("q4", d(2026, 10, 1), d(2026, 12, 31)))
        .unwrap();
    g.add_objective(Objective::new("launch", "Launch", "ann", "q4"))
        .unwrap();
    let mut secret = Objective::new("zq-secret", "Zq secret deal", "acme", "q4");
    secret.visibility = Visibility::Private;
    g.add_objective(secret).unwrap();
    g.add_key_result(KeyResult::new(
        "zq-kr",
        "Zq signed",
        "zq-secret",
        Measure::Boolean,
    ))
    .unwrap();
    g.add_key_result(KeyResult::new(
        "ship",
        "Shipped",
        "launch",
        Measure::Boolean,
    ))
    .unwrap();
    g.add_dependency(Dependency::new("zq-secret", "launch"))
        .unwrap();
    let at = d(2026, 12, 1);
    // the secret deal is off track late in the quarter: it blocks the launch
    assert!(g.rollup(at).objective("launch").unwrap().blocked);
    let view = g.view_for("ann").unwrap();
    let r = view.rollup(at);
    assert!(
        r.objective("launch").unwrap().blocked,
        "the flag is everyone's"
    );
    assert!(r.blockers("launch").is_empty(), "never named");
    let e = view.explain_progress("launch", at).unwrap();
    assert!(
        e.summary.contains("blocked by 1 hidden from this view"),
        "{}",
        e.summary
    );
    assert!(!format!("{e:?}").contains("zq"), "{e:?}");
    // under exclude_hidden the view's own figures: nothing hidden blocks
    let own = g.view_for_with("ann", ViewPolicy::ExcludeHidden).unwrap();
    assert!(!own.rollup(at).objective("launch").unwrap().blocked);
}
